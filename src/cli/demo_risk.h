// seed-demo, part 4: before a risky meeting — persons named behind incidents
// (pseudonymised), risk assessments with decisions, follow-ups and ratings,
// security plans with protected cases, and one template version.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cli/demo_seed.h"

namespace trygg::cli {

// Skatteverket's published test personnummer: the demo's one named person
// (linked to three incidents in Norra / Ekonomiskt bistånd, one of them
// allvarlig), for the browser test. Every other demo person is named by an
// invented case number.
inline constexpr const char* kDemoTestPersonnummer = "19121212-1212";

// Plans the events with a random stream of their own (the incidents stay as
// the seed made them), to run among the incident events on the same clock:
//  - ~20 persons named by case number, each linked by a chef to 1–4 incidents
//    (some across förvaltningar), and the test personnummer (see above);
//  - ~70 risk assessments over the last year: answered, decided by a chef or
//    the säkerhetssamordnare, followed up with ratings (sometimes an incident
//    still happened: reported and linked); a few open or decided ahead;
//  - 8 security plans by the säkerhetssamordnare, two of them protected cases
//    with handling groups and logged decisions, some measures overdue;
//  - Södra's template version 1 (one weight changed).
// Without a pseudonym key (app.context().pseudonyms not configured) no person
// is named: the links and identifier fields are left out, with one line on
// stderr.
std::vector<DemoEvent> PlanDemoRisk(App& app, const DemoWorld& world, uint64_t seed, TimeMs now);

// Counts what was made, from the store and the knowledge bank (as the admin).
Status SummariseDemoRisk(App& app, const DemoWorld& world, TimeMs now, DemoRiskSummary* out);

// The summary as lines for seed-demo's output.
std::string DemoRiskText(const DemoRiskSummary& s);

}  // namespace trygg::cli
