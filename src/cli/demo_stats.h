// seed-demo for statistics and equivalence: unit profiles, routines and their acknowledgements,
// exercises with findings, and five years of KPIs per förvaltning.
#pragma once

#include <cstdint>
#include <vector>

#include "cli/demo_bulk.h"
#include "cli/demo_seed.h"

namespace trygg::cli {

// Plans, through the app services (so permissions and the audit log are
// real), what lets an analyst answer the politicians' questions:
// - unit profiles for every förvaltning, avdelning and enhet (headcounts as in
//   `enheter`; Norra meets the city's standard, Södra has one secure room and
//   an alarm test 5 weeks ago, Västra no full-time coordinator, no secure
//   room and an old alarm test);
// - five routines (two city-wide, one per förvaltning) with owners and
//   revision dates, one past due, one revised two months ago; most staff
//   acknowledge, fewer in Västra, so ack shares differ between förvaltningar;
// - exercises per enhet over the last two years (Västra few, some units
//   none), with findings, some of which are measures with owner and deadline;
// - KPIs for the last five years per förvaltning: personalrörlighet for
//   socialsekreterare and biståndshandläggare, consultants on the April and
//   November count days, VFU places.
// Steps are dated; `summary` (which must outlive the events) counts what ran.
std::vector<DemoEvent> PlanDemoStats(App& app, const DemoWorld& world,
                                     const std::vector<DemoEnhet>& enheter, uint64_t seed,
                                     TimeMs now, DemoStatsSummary* summary);

// One line for the seed-demo output.
std::string DemoStatsText(const DemoStatsSummary& s);

}  // namespace trygg::cli
