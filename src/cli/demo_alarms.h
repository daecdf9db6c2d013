// seed-demo for the panic alarm (issue 7): alarm sites with rooms and devices, monthly alarm
// tests, a drill, a false alarm and a real alarm that became an incident report.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/demo_seed.h"

namespace trygg::cli {

// Plans, through the app services (so permissions, audit and alarm events
// are real), one alarm site per district's socialkontor (on the avdelning
// Individ- och familjeomsorg, so all its enheter and the reception share it)
// and Norra's Familjens hus (on Barn och unga), each with the rooms
// Reception, Besöksrum 1, Besöksrum 2 and Samtalsrum, phone numbers, and a
// device in the reception and each besöksrum. Test rounds follow each
// district's style (demo_stats.cc; office hours, so a weekend day moves to
// the Monday): Norra tested every room 39 and 9 days ago, Södra 66 and 36
// days ago (overdue now), Västra once 80 days ago and never its samtalsrum;
// Västra also held a drill. Norra had a real alarm 20
// days ago in Besöksrum 1 (two responders, resolved) which the raiser then
// reported as an incident linked to the alarm; Södra a false alarm that
// reached ring 2. Every duty of the demo has ended by `now`. `summary` must
// outlive the events.
std::vector<DemoEvent> PlanDemoAlarms(App& app, const DemoWorld& world, uint64_t seed, TimeMs now,
                                      DemoAlarmSummary* summary);

// Counts the rooms overdue for their test at `now` (as the säkerhetssamordnare
// of each district sees them) into `summary`.
Status SummariseDemoAlarms(App& app, const DemoWorld& world, DemoAlarmSummary* summary);

// The lines for the seed-demo output, with the device tokens.
std::string DemoAlarmsText(const DemoAlarmSummary& s);

}  // namespace trygg::cli
