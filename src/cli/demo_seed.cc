// seed-demo, part 3: runs the planned history on a manual clock and sums up the result.
#include "cli/demo_seed.h"

#include <algorithm>
#include <iostream>
#include <iterator>

#include "cli/demo_alarms.h"
#include "cli/demo_risk.h"
#include "cli/demo_stats.h"
#include "core/time.h"

namespace trygg::cli {
namespace {

Status RequireEmpty(Store& store) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(std::vector<User> users, tx->ListUsers());
  if (!users.empty()) {
    return Status::FailedPrecondition(
        "demo.not_empty", "the database already has users; seed-demo only fills an empty one");
  }
  return Status::Ok();
}

// Adds up what the lifecycle incidents left (police reports, notices,
// measures) by reading each of them; bulk-written history (ids first_id ..
// last_id of `bulk`) is counted from what its writer reports.
Status Summarise(Store& store, const DemoBulkSummary& bulk, TimeMs now, DemoSummary* out) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx->ListUnits());
  IncidentQuery all;
  for (const OrgUnit& u : units) all.scope.all_units.push_back(u.id);
  for (IncidentStatus s : {IncidentStatus::kNy, IncidentStatus::kMottagen, IncidentStatus::kUtreds,
                           IncidentStatus::kAvslutad}) {
    IncidentQuery q = all;
    q.status = s;
    TRYGG_ASSIGN_OR_RETURN(int64_t n, tx->CountIncidents(q));
    out->by_status[std::string(IncidentStatusCode(s))] = n;
    out->incidents += n;
  }
  MeasureQuery open;
  open.status = MeasureStatus::kOppen;
  open.limit = 100000;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Measure> measures, tx->ListMeasures(open));
  out->open_measures = static_cast<int64_t>(measures.size());
  out->overdue_measures = std::count_if(measures.begin(), measures.end(),
                                        [&](const Measure& m) { return m.due_date < now; });
  auto count_one = [&](IncidentId id) -> Status {
    Result<PoliceReport> police = tx->GetPoliceReport(id);
    if (police.ok()) ++(police->reported ? out->police_reported : out->police_not_reported);
    TRYGG_ASSIGN_OR_RETURN(std::vector<AuthorityNotice> notices, tx->ListAuthorityNotices(id));
    out->authority_notices += static_cast<int64_t>(notices.size());
    MeasureQuery of;
    of.incident_id = id;
    TRYGG_ASSIGN_OR_RETURN(std::vector<Measure> ms, tx->ListMeasures(of));
    out->support_measures += std::count_if(
        ms.begin(), ms.end(), [](const Measure& m) { return m.kind == MeasureKind::kStod; });
    return Status::Ok();
  };
  if (bulk.incidents == 0) {
    for (all.offset = 0, all.limit = 500;; all.offset += all.limit) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> page, tx->ListIncidents(all));
      for (const Incident& inc : page) TRYGG_RETURN_IF_ERROR(count_one(inc.id));
      if (static_cast<int>(page.size()) < all.limit) break;
    }
  } else {
    // The lifecycle incidents come after the bulk ids.
    int64_t left = out->incidents - bulk.incidents;
    for (IncidentId id = bulk.last_id + 1; left > 0 && id < bulk.last_id + 10 * (left + 100);
         ++id) {
      if (!tx->GetIncident(id).ok()) continue;
      TRYGG_RETURN_IF_ERROR(count_one(id));
      --left;
    }
    out->police_reported += bulk.police_reported;
    out->police_not_reported += bulk.police_not_reported;
    out->authority_notices += bulk.authority_notices;
    out->support_measures += bulk.support_measures;
  }
  out->units = static_cast<int>(units.size());
  return Status::Ok();
}

}  // namespace

TimeMs DemoOfficeTime(TimeMs t, DemoRandom& rnd) {
  TimeMs day = t - t % kMsPerDay;
  const TimeMs hour = (t % kMsPerDay) / kMsPerHour;
  if (hour >= 6 && hour < 16 && (day / kMsPerDay + 3) % 7 < 5) return t;
  if (hour >= 16) day += kMsPerDay;
  while ((day / kMsPerDay + 3) % 7 >= 5) day += kMsPerDay;  // 1970-01-01 was a Thursday
  return day + 6 * kMsPerHour + rnd.Between(0, 180) * kMsPerMinute;
}

Result<DemoSummary> SeedDemo(Store& store, const DemoOptions& options) {
  TRYGG_RETURN_IF_ERROR(RequireEmpty(store));
  const TimeMs now = options.now;
  const TimeMs start = now - 740 * kMsPerDay;  // the organisation predates every incident
  ManualClock clock(start);
  AppConfig config;
  config.pseudonym_key = options.pseudonym_key;
  App app(store, clock, config);
  DemoRandom rnd(options.seed);
  TRYGG_ASSIGN_OR_RETURN(DemoWorld world, CreateDemoWorld(app, rnd));
  TRYGG_ASSIGN_OR_RETURN(
      std::vector<DemoEnhet> enheter,
      ExtendDemoUnits(app, world, options.bulk_incidents > 0 ? options.enheter : 0, options.seed));
  DemoSummary summary;
  if (options.bulk_incidents > 0) {
    // History first, so ids and the facts' sequence follow time; the
    // lifecycle incidents (and their facts) come after.
    DemoBulkOptions bulk;
    bulk.seed = options.seed;
    bulk.incidents = options.bulk_incidents;
    bulk.years = options.years;
    bulk.now = now;
    bulk.on_progress = options.on_bulk_progress;
    TRYGG_ASSIGN_OR_RETURN(summary.bulk, WriteDemoBulk(store, world, enheter, bulk));
  }

  std::vector<DemoEvent> events = PlanDemoIncidents(app, world, rnd, now, options.incidents);
  // Before risky meetings: persons, assessments, plans — among the incidents.
  std::vector<DemoEvent> risk = PlanDemoRisk(app, world, options.seed, now);
  events.insert(events.end(), std::make_move_iterator(risk.begin()),
                std::make_move_iterator(risk.end()));
  // Profiles, routines, exercises and KPIs (issue 6).
  std::vector<DemoEvent> stats =
      PlanDemoStats(app, world, enheter, options.seed, now, &summary.stats);
  events.insert(events.end(), std::make_move_iterator(stats.begin()),
                std::make_move_iterator(stats.end()));
  // Alarm sites, tests, a drill and alarms (issue 7).
  std::vector<DemoEvent> alarms = PlanDemoAlarms(app, world, options.seed, now, &summary.alarms);
  events.insert(events.end(), std::make_move_iterator(alarms.begin()),
                std::make_move_iterator(alarms.end()));
  std::stable_sort(events.begin(), events.end(), [](const DemoEvent& a, const DemoEvent& b) {
    return a.at != b.at ? a.at < b.at : a.order < b.order;
  });
  for (const DemoEvent& e : events) {
    if (e.at > now) continue;
    clock.Set(std::max(e.at, start));
    Status s = e.run();
    if (s.ok()) continue;
    if (e.essential) return s;
    ++summary.skipped_events;
    std::cerr << "seed-demo: skipped a step: " << s.ToString() << "\n";
  }
  TRYGG_RETURN_IF_ERROR(Summarise(store, summary.bulk, now, &summary));
  summary.users = static_cast<int>(world.people.size());
  clock.Set(now);
  TRYGG_RETURN_IF_ERROR(SummariseDemoRisk(app, world, now, &summary.risk));
  std::cout << DemoRiskText(summary.risk);
  std::cout << DemoStatsText(summary.stats);
  if (Status s = SummariseDemoAlarms(app, world, &summary.alarms); !s.ok()) {
    std::cerr << "seed-demo: could not count the alarm rooms: " << s.ToString() << "\n";
  }
  std::cout << DemoAlarmsText(summary.alarms);
  return summary;
}

}  // namespace trygg::cli
