// seed-demo, part 2: plans each demo incident and its lifecycle as timed events.
#include <algorithm>
#include <cmath>
#include <memory>

#include "cli/demo_followup.h"
#include "cli/demo_seed.h"
#include "cli/demo_texts.h"
#include "core/time.h"
#include "domain/workflow.h"

namespace trygg::cli {
namespace {

constexpr Category kCategories[] = {Category::kHot,          Category::kVald,
                                    Category::kTrakasserier, Category::kOtillatenPaverkan,
                                    Category::kForolampning, Category::kSkadegorelse,
                                    Category::kStoldInbrott, Category::kAnnat};

PlaceType Place(const std::string& unit, Category category, DemoRandom& rnd) {
  using P = PlaceType;
  P p;
  if (unit == "rec") {
    p = std::vector<P>{P::kReception, P::kTelefon, P::kDigitalt,
                       P::kAnnat}[rnd.Weighted({80, 10, 5, 5})];
  } else if (unit == "eb") {
    p = std::vector<P>{P::kReception, P::kBesoksrum, P::kTelefon,
                       P::kDigitalt}[rnd.Weighted({20, 40, 25, 15})];
  } else if (unit == "bou") {
    p = std::vector<P>{P::kBesoksrum, P::kHembesok, P::kTelefon,
                       P::kDigitalt}[rnd.Weighted({35, 35, 20, 10})];
  } else {
    p = std::vector<P>{P::kBesoksrum, P::kHembesok, P::kTelefon,
                       P::kDigitalt}[rnd.Weighted({45, 25, 20, 10})];
  }
  const bool physical = category == Category::kVald || category == Category::kSkadegorelse ||
                        category == Category::kStoldInbrott;
  if (physical && (p == P::kTelefon || p == P::kDigitalt)) {
    p = unit == "rec" ? P::kReception : P::kBesoksrum;
  }
  return p;
}

// What the events of one incident share once they have run.
struct Live {
  IncidentId id = 0;
  int severity = 1;
  std::vector<int64_t> measure_ids;
};

class Planner {
 public:
  Planner(App& app, const DemoWorld& world, DemoRandom& rnd, TimeMs now)
      : app_(app),
        world_(world),
        rnd_(rnd),
        now_(now),
        followup_(app, world, DemoRandom(rnd).Next(), now) {}

  // `recent`: within the last week (so that inboxes have new reports).
  void PlanOne(bool recent);
  std::vector<DemoEvent> Take() { return std::move(events_); }

 private:
  struct Context {
    const DemoDistrict* district;
    std::string d;  // district key
    std::string u;  // unit key
    std::string reporter;
    std::string chef;
    bool serious = false;
    bool sensitive = false;
    int severity = 1;       // as created
    std::string colleague;  // the second exposed, if any
    std::shared_ptr<Live> live;
  };

  void Add(TimeMs at, bool essential, std::function<Status()> run) {
    events_.push_back(DemoEvent{at, order_++, essential, std::move(run)});
  }

  TimeMs OccurredAt(bool recent);
  NewIncident Facts(Context& c, Category category, TimeMs occurred);
  TimeMs PlanMeasures(const Context& c, TimeMs t, bool stalled);
  void PlanNotes(const Context& c, TimeMs from, TimeMs to);
  void Transition(const Context& c, TimeMs at, IncidentAction action, std::string reason = {});

  App& app_;
  const DemoWorld& world_;
  DemoRandom& rnd_;
  TimeMs now_;
  std::vector<DemoEvent> events_;
  int64_t order_ = 0;
  DemoFollowupPlanner followup_;
};

TimeMs Planner::OccurredAt(bool recent) {
  // Somewhat more incidents recently (reporting improves): age ∝ u^1.25.
  const double age_days = recent ? 6.0 * rnd_.Unit() : 728.0 * std::pow(rnd_.Unit(), 1.25);
  TimeMs day = now_ - static_cast<TimeMs>(age_days * kMsPerDay);
  day -= day % kMsPerDay;
  // Mostly office hours in Swedish time (UTC+1/+2), some evenings.
  const int hour_utc = static_cast<int>(rnd_.Weighted({10, 20, 20, 12, 18, 14, 6, 3, 3}) + 6);
  TimeMs t = day + hour_utc * kMsPerHour + rnd_.Below(60) * kMsPerMinute;
  if (t > now_ - 30 * kMsPerMinute) t = now_ - (30 + rnd_.Below(600)) * kMsPerMinute;
  return t;
}

NewIncident Planner::Facts(Context& c, Category category, TimeMs occurred) {
  NewIncident in;
  in.unit_id = c.district->enheter.at(c.u);
  in.category = category;
  in.occurred_at = occurred;
  const bool outside = category != Category::kSkadegorelse && category != Category::kStoldInbrott &&
                       rnd_.Chance(0.07);
  in.outside_workplace = outside;
  in.place_type = outside ? PlaceType::kUtanforArbetsplatsen : Place(c.u, category, rnd_);
  in.tied_to_role = rnd_.Chance(0.93);
  in.description =
      outside ? rnd_.Pick(DemoOutsideDescriptions()) : rnd_.Pick(DemoDescriptions(category));
  in.exposed_user_ids = {world_.Get(c.reporter).user.id};
  const std::string colleague = "medarbetare." + c.d + "." + c.u + "2";
  if (c.u != "rec" && c.reporter != colleague && rnd_.Chance(0.12)) {
    in.exposed_user_ids.push_back(world_.Get(colleague).user.id);
    c.colleague = colleague;
  }
  if (category == Category::kVald) {
    in.injury = std::vector<Injury>{Injury::kIngen, Injury::kLindrig,
                                    Injury::kAllvarlig}[rnd_.Weighted({50, 40, 10})];
    in.weapon = rnd_.Chance(0.10);
  }
  if (category == Category::kHot) {
    in.weapon = rnd_.Chance(0.06);
    in.death_threat = rnd_.Chance(0.12);
  }
  int proposal = 1;
  switch (category) {
    case Category::kHot:
      proposal = 1 + static_cast<int>(rnd_.Weighted({30, 50, 20}));
      break;
    case Category::kVald:
      proposal = 2 + static_cast<int>(rnd_.Weighted({70, 30}));
      break;
    case Category::kTrakasserier:
      proposal = 1 + static_cast<int>(rnd_.Weighted({50, 50}));
      break;
    case Category::kOtillatenPaverkan:
      proposal = rnd_.Chance(0.2) ? 3 : 2;
      break;
    case Category::kSkadegorelse:
      proposal = 1 + static_cast<int>(rnd_.Weighted({60, 40}));
      break;
    default:
      proposal = 1;
  }
  if (rnd_.Chance(0.8)) in.severity = proposal;
  if (!rnd_.Chance(0.05)) {
    in.perpetrator_relation = std::vector<PerpetratorRelation>{
        PerpetratorRelation::kBrukare, PerpetratorRelation::kAnhorig, PerpetratorRelation::kOkand,
        PerpetratorRelation::kAnnan}[rnd_.Weighted({70, 15, 10, 5})];
  }
  if (rnd_.Chance(0.25)) in.perpetrator_note = rnd_.Pick(DemoPerpetratorNotes());
  in.sensitive = rnd_.Chance(0.05);
  Incident probe;
  probe.category = category;
  probe.weapon = in.weapon;
  probe.death_threat = in.death_threat;
  probe.injury = in.injury;
  c.severity = EffectiveSeverity(probe, in.severity);
  c.serious = IsSerious(c.severity);
  c.sensitive = in.sensitive;
  return in;
}

void Planner::Transition(const Context& c, TimeMs at, IncidentAction action, std::string reason) {
  auto live = c.live;
  Add(at, false, [&app = app_, &world = world_, live, who = c.chef, action, reason] {
    return app.incidents()
        .Transition(world.Get(who).AsPrincipal(), live->id, action, reason, std::nullopt)
        .status();
  });
}

// Adds the incident's measures from time `t`; returns when the last is done.
TimeMs Planner::PlanMeasures(const Context& c, TimeMs t, bool stalled) {
  const int count = c.serious ? static_cast<int>(rnd_.Between(1, 3))
                              : static_cast<int>(rnd_.Weighted({35, 45, 20}));
  TimeMs last_done = t;
  for (int k = 0; k < count; ++k) {
    const TimeMs add_at = DemoOfficeTime(t + rnd_.Between(60, 3 * 24 * 60) * kMsPerMinute, rnd_);
    const bool heavy = c.serious && rnd_.Chance(0.6);
    std::string responsible = c.chef;
    const size_t who = rnd_.Weighted({60, 15, 15, 10});
    if (who == 1) responsible = c.reporter;
    if (who == 2 && c.serious) responsible = "sakerhet." + c.d;
    if (who == 3 && !c.sensitive) responsible = "avdchef." + c.d;
    NewMeasure m;
    m.title = rnd_.Pick(DemoMeasureTitles(heavy));
    m.responsible_user_id = world_.Get(responsible).user.id;
    m.due_date = (add_at / kMsPerDay + rnd_.Between(7, 40)) * kMsPerDay;
    auto live = c.live;
    const size_t index = static_cast<size_t>(k);
    Add(add_at, false, [&app = app_, &world = world_, live, who = c.chef, m] {
      Result<Measure> added = app.incidents().AddMeasure(world.Get(who).AsPrincipal(), live->id, m);
      if (added.ok()) live->measure_ids.push_back(added->id);
      return added.status();
    });
    if (stalled && k == 0) {
      last_done = now_ + 365 * kMsPerDay;  // never done: keeps the incident open
      continue;
    }
    const TimeMs done_at = DemoOfficeTime(add_at + rnd_.Between(2, 50) * kMsPerDay, rnd_);
    Add(done_at, false, [&app = app_, &world = world_, live, who = c.chef, index] {
      if (index >= live->measure_ids.size()) return Status::NotFound("measure.not_found");
      MeasurePatch p;
      p.status = MeasureStatus::kKlar;
      return app.incidents()
          .UpdateMeasure(world.Get(who).AsPrincipal(), live->id, live->measure_ids[index], p)
          .status();
    });
    last_done = std::max(last_done, done_at);
  }
  return last_done;
}

void Planner::PlanNotes(const Context& c, TimeMs from, TimeMs to) {
  if (to <= from) return;
  const int count = static_cast<int>(rnd_.Weighted({40, 40, 20}));
  for (int k = 0; k < count; ++k) {
    const TimeMs at = from + static_cast<TimeMs>(rnd_.Unit() * static_cast<double>(to - from));
    std::string author = c.chef;
    const size_t who = rnd_.Weighted({50, 25, 25});
    if (who == 1) author = c.reporter;
    if (who == 2)
      author = c.serious ? "sakerhet." + c.d : (c.sensitive ? c.chef : "skyddsombud." + c.d);
    auto live = c.live;
    const std::string text = rnd_.Pick(DemoNotes());
    Add(at, false, [&app = app_, &world = world_, live, author, text] {
      return app.incidents().AddNote(world.Get(author).AsPrincipal(), live->id, text).status();
    });
  }
}

void Planner::PlanOne(bool recent) {
  Context c;
  c.district = &world_.districts[rnd_.Weighted({40, 35, 25})];
  c.d = c.district->key;
  c.u = kDemoUnitKeys[rnd_.Weighted({40, 22, 13, 25})];
  c.chef = "chef." + c.d + "." + c.u;
  const size_t reporter = rnd_.Weighted({50, 42, 8});
  c.reporter = "medarbetare." + c.d + "." + c.u;
  if (reporter == 1 && c.u != "rec") c.reporter += "2";
  if (reporter == 2) c.reporter = c.chef;
  c.live = std::make_shared<Live>();

  const Category category = kCategories[rnd_.Weighted({34, 11, 18, 14, 11, 6, 3, 3})];
  const TimeMs occurred = OccurredAt(recent);
  NewIncident in = Facts(c, category, occurred);
  TimeMs t = occurred + rnd_.Between(10, 20 * 60) * kMsPerMinute;
  if (rnd_.Chance(0.1)) t += rnd_.Between(1, 5) * kMsPerDay;
  t = std::min(t, now_ - kMsPerMinute);
  auto live = c.live;
  Add(t, true, [&app = app_, &world = world_, live, who = c.reporter, in] {
    std::vector<Informed> informed;
    Result<IncidentView> view = app.incidents().Create(world.Get(who).AsPrincipal(), in, &informed);
    if (view.ok()) {
      live->id = view->incident.id;
      live->severity = view->incident.severity;
    }
    return view.status();
  });

  DemoFollowupCase follow{std::shared_ptr<const IncidentId>(live, &live->id),
                          in,
                          c.severity,
                          c.serious ? std::optional<TimeMs>(t) : std::nullopt,
                          c.chef,
                          c.reporter,
                          c.colleague,
                          t,
                          std::nullopt};
  const DemoAddStep add = [this](TimeMs at, std::function<Status()> run) {
    Add(at, false, std::move(run));
  };
  if (recent && rnd_.Chance(0.5)) {  // not yet received: waits in the chef's inbox
    followup_.Plan(follow, add);
    return;
  }
  const bool stalled = (now_ - occurred) > 60 * kMsPerDay && rnd_.Chance(0.06);
  t = DemoOfficeTime(t + rnd_.Between(30, 30 * 60) * kMsPerMinute, rnd_);
  const TimeMs acknowledged = t;
  follow.acknowledged = t;
  Transition(c, t, IncidentAction::kAcknowledge);
  if (rnd_.Chance(0.08)) {
    follow.severity = std::min(4, c.severity + 1);
    if (IsSerious(follow.severity) && !follow.serious_since) follow.serious_since = t + kMsPerHour;
    Add(t + kMsPerHour, false, [&app = app_, &world = world_, live, who = c.chef] {
      IncidentPatch p;
      p.severity = std::min(4, live->severity + 1);
      return app.incidents()
          .Update(world.Get(who).AsPrincipal(), live->id, p, std::nullopt)
          .status();
    });
  }
  if (rnd_.Chance(0.75) || c.serious) {
    t = DemoOfficeTime(t + rnd_.Between(60, 4 * 24 * 60) * kMsPerMinute, rnd_);
    Transition(c, t, IncidentAction::kInvestigate);
  }
  const TimeMs ready = followup_.Plan(follow, add);
  const TimeMs last_done = PlanMeasures(c, t + kMsPerMinute, stalled);
  TimeMs close_at = DemoOfficeTime(std::max(last_done, t) + rnd_.Between(1, 10) * kMsPerDay, rnd_);
  if (close_at <= ready) close_at = followup_.CloseAfter(ready);
  PlanNotes(c, acknowledged + kMsPerMinute, std::min(close_at, now_) - kMsPerMinute);
  if (stalled) return;
  Transition(c, close_at, IncidentAction::kClose);
  if (!rnd_.Chance(0.03)) return;
  const TimeMs reopen_at = close_at + rnd_.Between(3, 30) * kMsPerDay;
  Transition(c, reopen_at, IncidentAction::kReopen, rnd_.Pick(DemoReopenReasons()));
  Transition(c, reopen_at + rnd_.Between(5, 20) * kMsPerDay, IncidentAction::kClose);
}

}  // namespace

std::vector<DemoEvent> PlanDemoIncidents(App& app, const DemoWorld& world, DemoRandom& rnd,
                                         TimeMs now, int count) {
  Planner planner(app, world, rnd, now);
  const int recent = std::max(1, count / 25);
  for (int i = 0; i < count; ++i) planner.PlanOne(i < recent);
  return planner.Take();
}

}  // namespace trygg::cli
