// seed-demo: fills an empty database with the contract's demo organisation, users and incidents.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "cli/demo_bulk.h"
#include "cli/demo_world.h"
#include "storage/store.h"

namespace trygg::cli {

struct DemoOptions {
  uint64_t seed = 1;    // same seed, same clock day → same names and incidents
  int incidents = 300;  // with their whole lifecycle, over the two years before `now`
  // Historical incidents written in bulk (demo_bulk.h) over `years` years
  // across `enheter` enheter (synthetic ones added when the demo has fewer).
  int64_t bulk_incidents = 0;
  int enheter = 12;
  int years = 10;
  std::function<void(int64_t done, int64_t total)> on_bulk_progress;  // may be empty
  TimeMs now = 0;  // "now" for the demo (the system clock in the CLI)
  // The pseudonymisation secret (raw bytes, from LoadPseudonymKey); empty:
  // the demo names no persons (no subject links or identifiers).
  std::string pseudonym_key;
};

// Before a risky meeting (demo_risk.h), as counted in the store afterwards.
struct DemoRiskSummary {
  bool persons_named = false;  // false without a pseudonym key: no links, no identifiers
  int64_t persons = 0;         // distinct persons linked to incidents
  int64_t person_links = 0;    // incidents naming a person
  int64_t assessments = 0;
  std::map<std::string, int64_t> by_status;  // assessment status code → count
  int64_t named_assessments = 0;             // naming a person
  int64_t rated_uses = 0;                    // decided, rated measures (the knowledge bank's input)
  int catalogue = 0;                         // measures in the default catalogue
  int shown_city = 0;                        // knowledge-bank rows with figures, city-wide
  std::map<std::string, int> shown_by_forvaltning;  // förvaltning name → rows with figures
  int64_t plans = 0;
  int64_t protected_plans = 0;
  int64_t plan_measures = 0;
  int64_t overdue_plan_measures = 0;  // open, deadline day passed
  int64_t plan_decisions = 0;         // decisions logged under a protected routine
  int64_t template_versions = 0;      // stored (the default is not stored)
};

// What the statistics demo created, as its steps ran.
struct DemoStatsSummary {
  int profiles = 0;
  int routines = 0;
  int routine_versions = 0;  // new versions published after the first
  int acknowledgements = 0;
  int exercises = 0;
  int findings = 0;
  int finding_measures = 0;  // findings with an owner and a deadline
  int kpis = 0;
};

// What the alarm demo created, as its steps ran.
struct DemoAlarmSummary {
  int sites = 0;
  int rooms = 0;
  int devices = 0;
  int tests = 0;  // test alarms someone responded to
  int drills = 0;
  int real = 0;           // real alarms (all ended)
  int reported = 0;       // real alarms linked to an incident report
  int overdue_rooms = 0;  // rooms whose test is overdue now
  struct Token {
    std::string site;  // the site's name
    std::string room;
    std::string token;  // shown once
  };
  std::vector<Token> tokens;  // one device per site (its reception's)
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
  DemoRiskSummary risk;
  DemoBulkSummary bulk;
  DemoStatsSummary stats;
  DemoAlarmSummary alarms;
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
