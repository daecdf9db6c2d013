// seed-demo at scale: synthetic enheter up to a target count, and millions of historical incidents
// written in bulk (incidents, exposed, police reports, notices, support, statistics facts).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "cli/demo_world.h"
#include "storage/store.h"

namespace trygg::cli {

// An enhet of the demo organisation with its size: the demo's own four per
// district and the synthetic ones added by ExtendDemoUnits.
struct DemoEnhet {
  UnitId id = 0;
  size_t district = 0;  // index into DemoWorld::districts
  std::string key;      // "eb", "bou", "vux", "rec" for the demo's own; "" for synthetic
  int headcount = 0;    // employees (the unit profile's headcount)
  double risk = 1.0;    // relative incidents per employee and year
};

// Makes the organisation have at least `target_enheter` enheter: adds two
// avdelningar per förvaltning ("Äldreomsorg", "Funktionsstöd") and synthetic
// enheter spread over the three avdelningar of each district, named like
// "Enhet Nord 12", through the org service (as the CLI). Returns every enhet
// (the demo's own first), each with a headcount and a risk factor drawn
// deterministically from `seed`. With target_enheter ≤ 12 nothing is added.
Result<std::vector<DemoEnhet>> ExtendDemoUnits(App& app, const DemoWorld& world, int target_enheter,
                                               uint64_t seed);

struct DemoBulkOptions {
  uint64_t seed = 1;
  int64_t incidents = 0;  // how many to write
  int years = 10;         // spread over the `years` years before now (ending a week ago)
  TimeMs now = 0;
  int batch = 25000;  // incidents per write transaction
  // Called once with done = 0 before the first row, then after each batch.
  std::function<void(int64_t done, int64_t total)> on_progress;
};

// What the bulk writer wrote.
struct DemoBulkSummary {
  int64_t incidents = 0;
  int64_t first_id = 0, last_id = 0;  // ids, ascending with the time they occurred
  int64_t police_reported = 0;
  int64_t police_not_reported = 0;  // recorded decisions not to report
  int64_t support_measures = 0;     // measures of kind stod (all done)
  int64_t authority_notices = 0;
  int64_t outside_workplace = 0;
  double seconds = 0;
};

// Writes `options.incidents` closed historical incidents (and a few still
// being investigated, the most recent ones) over `enheter`, through
// StoreTx::WriteRows on bulk write transactions, in time order (ids and facts
// seq ascending). Each incident's statistics facts are FactsOf its rows under
// its förvaltning's effective rules at `now`, so they equal what RecordFacts
// would store. Distributions: category mix (hot most common), severity skewed
// low, place types, ~20 % outside the workplace, police reports by category
// and severity, seasonal and weekday variation, growth over the years, units
// by headcount × risk. No audit records (history predating the audit log).
// Deterministic for a seed and `now`. Errors: the store's;
// FailedPrecondition("demo.no_facts_table") when the schema lacks incident_facts.
Result<DemoBulkSummary> WriteDemoBulk(Store& store, const DemoWorld& world,
                                      const std::vector<DemoEnhet>& enheter,
                                      const DemoBulkOptions& options);

}  // namespace trygg::cli
