// seed-demo: fills an empty database with the contract's demo organisation, users and incidents.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/demo_world.h"
#include "storage/store.h"

namespace trygg::cli {

struct DemoOptions {
  uint64_t seed = 1;    // same seed, same clock day → same names and incidents
  int incidents = 300;  // spread over the two years before `now`
  TimeMs now = 0;       // "now" for the demo (the system clock in the CLI)
};

struct DemoSummary {
  int units = 0;
  int users = 0;
  int64_t incidents = 0;
  std::map<std::string, int64_t> by_status;  // status code → count
  int64_t open_measures = 0;
  int64_t overdue_measures = 0;
  int64_t support_measures = 0;     // measures of kind stod
  int64_t police_reported = 0;      // incidents reported to the police
  int64_t police_not_reported = 0;  // recorded decisions not to report
  int64_t authority_notices = 0;    // to Arbetsmiljöverket and Försäkringskassan
  int skipped_events = 0;           // lifecycle steps the services refused (should be 0)
};

// Creates everything through the App services with a manual clock stepped
// through the simulated history, so timestamps, logbooks and the audit chain
// look as if the work had happened over two years. Errors: FailedPrecondition
// ("demo.not_empty") when the database already has users; any service error
// while creating the organisation, users or incidents.
Result<DemoSummary> SeedDemo(Store& store, const DemoOptions& options);

// One step of the simulated history, run with the clock set to `at`.
struct DemoEvent {
  TimeMs at = 0;
  int64_t order = 0;       // tie-break: plan order
  bool essential = false;  // a failure aborts the seeding (incident creation)
  std::function<Status()> run;
};

// Plans `count` incidents with their whole lifecycle (receive, investigate,
// measures, notes, the follow-up of demo_followup.h, close, sometimes reopen)
// ending before or after `now`;
// steps after `now` are simply not run, which leaves recent incidents in
// mixed states and some measures open or overdue.
std::vector<DemoEvent> PlanDemoIncidents(App& app, const DemoWorld& world, DemoRandom& rnd,
                                         TimeMs now, int count);

// `t`, or if it falls outside office hours (07–17 Swedish time, Mon–Fri) a
// time early the next working morning. Managers act in office hours.
TimeMs DemoOfficeTime(TimeMs t, DemoRandom& rnd);

}  // namespace trygg::cli
