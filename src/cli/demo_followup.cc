// seed-demo, part 2b: plans the police report, support and notices to authorities of an incident.
#include "cli/demo_followup.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "cli/demo_seed.h"
#include "core/time.h"

namespace trygg::cli {
namespace {

bool Threat(Category c) { return c == Category::kHot || c == Category::kVald; }
bool Impersonal(Category c) { return c == Category::kSkadegorelse || c == Category::kStoldInbrott; }
bool Offensive(Category c) {
  return c == Category::kTrakasserier || c == Category::kOtillatenPaverkan ||
         c == Category::kForolampning;
}

TimeMs Minutes(int64_t n) { return n * kMsPerMinute; }

// "5000-K123456-26": the police's diary number, with the year it was filed.
std::string CaseNumber(TimeMs filed, DemoRandom& rnd) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06d", static_cast<int>(rnd.Below(1000000)));
  return "5000-K" + std::string(digits) + "-" + FormatDate(filed).substr(2, 2);
}

// "2025/012345": a diary number of Arbetsmiljöverket or Försäkringskassan.
std::string Reference(const char* prefix, TimeMs at, DemoRandom& rnd) {
  char digits[8];
  std::snprintf(digits, sizeof digits, "%06d", static_cast<int>(rnd.Below(1000000)));
  return prefix + FormatDate(at).substr(0, 4) + "/" + digits;
}

std::string SupportTitle(SupportType type, DemoRandom& rnd) {
  switch (type) {
    case SupportType::kSamtalMedChef:
      return rnd.Pick(std::vector<std::string>{"Uppföljande samtal med chef",
                                               "Samtal med chef samma vecka",
                                               "Stödsamtal med närmaste chef"});
    case SupportType::kAvlastningssamtal:
      return rnd.Pick(std::vector<std::string>{"Avlastningssamtal", "Avlastningssamtal med kollega",
                                               "Avlastningssamtal i arbetsgruppen"});
    case SupportType::kForetagshalsovard:
      return "Samtal hos företagshälsovården";
    case SupportType::kKrisstod:
      return rnd.Pick(std::vector<std::string>{"Krisstöd för arbetsgruppen",
                                               "Gemensam genomgång med krisstöd"});
    case SupportType::kJuridisktStod:
      return "Juridiskt stöd inför förhör hos polisen";
    case SupportType::kAnnat:
      break;
  }
  return "Anpassade arbetsuppgifter en tid";
}

const std::vector<std::string>& NotReportedNotes() {
  static const auto* notes = new std::vector<std::string>{
      "Medarbetaren vill inte polisanmäla. Erbjuden stöd om hen ändrar sig.",
      "Medarbetaren avstår efter samtal, orolig för klientrelationen.",
      "Bedömt tillsammans med säkerhetssamordnaren.",
      "",
      "",
  };
  return *notes;
}

}  // namespace

TimeMs DemoFollowupPlanner::Plan(const DemoFollowupCase& c, const DemoAddStep& add) {
  TimeMs ready = c.created;
  const Category category = c.facts.category;
  bool aimed = c.facts.aimed_at_person;
  if (c.acknowledged && category == Category::kHot && rnd_.Chance(0.05)) {
    // A threat against the staff in general: the chef reports it, not one person.
    aimed = false;
    const TimeMs at = *c.acknowledged + Minutes(rnd_.Between(5, 120));
    add(at, [&app = app_, &world = world_, id = c.id, chef = c.chef] {
      IncidentPatch p;
      p.aimed_at_person = false;
      return app.incidents().Update(world.Get(chef).AsPrincipal(), *id, p, std::nullopt).status();
    });
    ready = std::max(ready, at);
  }
  ready = std::max(ready, PlanPolice(c, aimed, add));
  if (!c.acknowledged) return ready;

  const double support = !aimed ? 0.1 : Threat(category) ? 0.85 : Offensive(category) ? 0.45 : 0.1;
  if (rnd_.Chance(support)) {
    ready = std::max(ready, PlanSupport(c, c.exposed, false, add));
    if (!c.colleague.empty() && rnd_.Chance(0.5)) {
      ready = std::max(ready, PlanSupport(c, c.colleague, false, add));
    }
    if (c.severity >= kSeverityAllvarlig && rnd_.Chance(0.35)) {
      ready = std::max(ready, PlanSupport(c, "", true, add));
    }
  }
  return std::max(ready, PlanAuthorities(c, add));
}

// The report, the decision not to report, or nothing; returns when it is recorded.
TimeMs DemoFollowupPlanner::PlanPolice(const DemoFollowupCase& c, bool aimed,
                                       const DemoAddStep& add) {
  const Category category = c.facts.category;
  enum class Decision { kReported, kNotReported, kNothing };
  using enum Decision;
  Decision decision = kNothing;
  bool by_chef = false;
  const bool impersonal = Impersonal(category) || !aimed;
  if (impersonal) {
    decision = std::vector<Decision>{kReported, kNotReported, kNothing}[rnd_.Weighted({85, 10, 5})];
    by_chef = true;
  } else if (Threat(category)) {
    decision =
        std::vector<Decision>{kReported, kNotReported, kNothing}[rnd_.Weighted({70, 20, 10})];
    by_chef = rnd_.Chance(0.4);
  } else if (category == Category::kOtillatenPaverkan || category == Category::kTrakasserier) {
    if (rnd_.Chance(0.1)) decision = kReported;
  }
  if (decision == kNothing) return c.created;
  // The chef acts once they have received the report; the employee may report at once.
  if ((by_chef || decision == kNotReported) && !c.acknowledged) return c.created;

  const TimeMs occurred = c.facts.occurred_at;
  auto id = c.id;
  if (decision == kNotReported) {
    const TimeMs at =
        DemoOfficeTime(*c.acknowledged + Minutes(rnd_.Between(30, 4 * 24 * 60)), rnd_);
    PoliceReportInput in;
    in.reported = false;
    in.not_reported_reason =
        impersonal ? std::vector{NotReportedReason::kUnderlagSaknas,
                                 NotReportedReason::kAnnat}[rnd_.Weighted({60, 40})]
                   : std::vector{NotReportedReason::kMedarbetarenAvstar,
                                 NotReportedReason::kEjBrott, NotReportedReason::kUnderlagSaknas,
                                 NotReportedReason::kAnnat}[rnd_.Weighted({72, 12, 10, 6})];
    if (!impersonal) in.note = rnd_.Pick(NotReportedNotes());
    add(at, [&app = app_, &world = world_, id, chef = c.chef, in] {
      return app.followup().PutPoliceReport(world.Get(chef).AsPrincipal(), *id, in).status();
    });
    return at;
  }

  PoliceReportInput in;
  in.reported = true;
  std::string filer;
  TimeMs at = 0;
  if (by_chef) {
    filer = c.chef;
    const TimeMs base = std::max(*c.acknowledged + Minutes(rnd_.Between(10, 240)),
                                 occurred + Minutes(rnd_.Between(0, 3 * 24 * 60)));
    in.reporter = PoliceReporter::kChef;
    in.reported_at = DemoOfficeTime(base, rnd_);
    at = *in.reported_at + Minutes(rnd_.Between(5, 60));
  } else {
    // The exposed employee reports as målsägande, often online in the evening.
    filer = c.exposed;
    in.reporter = PoliceReporter::kMedarbetare;
    in.reported_by = world_.Get(c.exposed).user.id;
    in.reported_at = occurred + Minutes(rnd_.Between(60, 3 * 24 * 60));
    at = std::max(*in.reported_at, c.created + Minutes(rnd_.Between(2, 30))) +
         Minutes(rnd_.Between(0, 120));
  }
  in.case_status = PoliceCaseStatus::kAnmald;
  const bool number_later = rnd_.Chance(0.25);
  const std::string number = CaseNumber(*in.reported_at, rnd_);
  if (!number_later) in.case_number = number;
  add(at, [&app = app_, &world = world_, id, filer, in] {
    return app.followup().PutPoliceReport(world.Get(filer).AsPrincipal(), *id, in).status();
  });
  TimeMs next = at;
  if (number_later) {
    next = DemoOfficeTime(at + rnd_.Between(2, 14) * kMsPerDay, rnd_);
    PoliceReportInput later;
    later.reported = true;
    later.case_number = number;
    add(next, [&app = app_, &world = world_, id, filer, later] {
      return app.followup().PutPoliceReport(world.Get(filer).AsPrincipal(), *id, later).status();
    });
  }
  PlanCaseProgress(c, next, !by_chef, add);
  return at;
}

// The police case over the following weeks: mostly a preliminary investigation
// that is closed, sometimes a prosecution and a judgment. Steps after "now" are
// not run, so recent cases are still in progress.
void DemoFollowupPlanner::PlanCaseProgress(const DemoFollowupCase& c, TimeMs from, bool by_employee,
                                           const DemoAddStep& add) {
  using S = PoliceCaseStatus;
  std::vector<std::pair<S, int>> steps;  // status, days after the previous step
  switch (rnd_.Weighted({30, 45, 12, 5, 8})) {
    case 0:  // no investigation opened
      steps = {{S::kNedlagd, static_cast<int>(rnd_.Between(7, 35))}};
      break;
    case 1:
      steps = {{S::kForundersokning, static_cast<int>(rnd_.Between(5, 21))},
               {S::kNedlagd, static_cast<int>(rnd_.Between(20, 90))}};
      break;
    case 2:
      steps = {{S::kForundersokning, static_cast<int>(rnd_.Between(5, 21))},
               {S::kAtal, static_cast<int>(rnd_.Between(30, 120))},
               {S::kDom, static_cast<int>(rnd_.Between(30, 150))}};
      break;
    case 3:
      steps = {{S::kForundersokning, static_cast<int>(rnd_.Between(5, 21))},
               {S::kAtal, static_cast<int>(rnd_.Between(30, 120))}};
      break;
    default:  // still under investigation
      steps = {{S::kForundersokning, static_cast<int>(rnd_.Between(5, 21))}};
  }
  TimeMs at = from;
  for (const auto& [status, days] : steps) {
    at = DemoOfficeTime(at + days * kMsPerDay, rnd_);
    // The employee who filed it sometimes updates it; otherwise the chef,
    // which notifies the exposed of the change.
    const std::string who = by_employee && rnd_.Chance(0.3) ? c.exposed : c.chef;
    PoliceReportInput in;
    in.reported = true;
    in.case_status = status;
    if (at > now_) break;
    add(at, [&app = app_, &world = world_, id = c.id, who, in] {
      return app.followup().PutPoliceReport(world.Get(who).AsPrincipal(), *id, in).status();
    });
  }
}

// One support measure owned by the chef for `person` (or the group), added in
// the first days and marked done; returns when it is done.
TimeMs DemoFollowupPlanner::PlanSupport(const DemoFollowupCase& c, const std::string& person,
                                        bool group, const DemoAddStep& add) {
  using T = SupportType;
  NewMeasure m;
  m.kind = MeasureKind::kStod;
  if (group) {
    m.support_type = T::kKrisstod;
    m.support_group = true;
  } else {
    const bool serious = c.severity >= kSeverityAllvarlig;
    m.support_type = std::vector{
        T::kSamtalMedChef, T::kAvlastningssamtal, T::kForetagshalsovard, T::kJuridisktStod,
        T::kAnnat}[serious ? rnd_.Weighted({30, 30, 30, 7, 3}) : rnd_.Weighted({50, 35, 8, 4, 3})];
    m.support_user_id = world_.Get(person).user.id;
  }
  m.title = SupportTitle(*m.support_type, rnd_);
  m.responsible_user_id = world_.Get(c.chef).user.id;
  const TimeMs add_at =
      DemoOfficeTime(std::max(*c.acknowledged + Minutes(rnd_.Between(5, 240)),
                              c.created + Minutes(rnd_.Between(12 * 60, 3 * 24 * 60))),
                     rnd_);
  const int64_t day = add_at / kMsPerDay;
  m.due_date = (day + rnd_.Between(1, 7)) * kMsPerDay;
  if (rnd_.Chance(0.7)) m.follow_up_date = m.due_date + rnd_.Between(14, 42) * kMsPerDay;
  auto ids = std::make_shared<std::vector<int64_t>>();
  add(add_at, [&app = app_, &world = world_, id = c.id, chef = c.chef, m, ids] {
    Result<Measure> added = app.incidents().AddMeasure(world.Get(chef).AsPrincipal(), *id, m);
    if (added.ok()) ids->push_back(added->id);
    return added.status();
  });
  const TimeMs done_at = DemoOfficeTime(add_at + rnd_.Between(1, 14) * kMsPerDay, rnd_);
  add(done_at, [&app = app_, &world = world_, id = c.id, chef = c.chef, ids] {
    if (ids->empty()) return Status::NotFound("measure.not_found");
    MeasurePatch p;
    p.status = MeasureStatus::kKlar;
    return app.incidents()
        .UpdateMeasure(world.Get(chef).AsPrincipal(), *id, ids->front(), p)
        .status();
  });
  return done_at;
}

// Arbetsmiljöverket and the säkerhetssamordnare for serious incidents,
// Försäkringskassan for some work injuries; returns when the last is recorded.
TimeMs DemoFollowupPlanner::PlanAuthorities(const DemoFollowupCase& c, const DemoAddStep& add) {
  TimeMs ready = c.created;
  const bool injured = c.facts.injury != Injury::kIngen;
  const bool several = c.facts.exposed_user_ids.size() >= 2;
  const bool notify_av = c.serious_since.has_value() || (injured && several);
  auto notice = [&](Authority authority, TimeMs notified, NoticeChannel channel,
                    std::string reference) {
    const TimeMs at = notified + Minutes(rnd_.Between(5, 120));
    AuthorityNotice n;
    n.authority = authority;
    n.notified_at = notified;
    n.channel = channel;
    n.reference = std::move(reference);
    add(at, [&app = app_, &world = world_, id = c.id, chef = c.chef, n] {
      return app.followup().PutNotice(world.Get(chef).AsPrincipal(), *id, n).status();
    });
    ready = std::max(ready, at);
  };
  if (notify_av) {
    const TimeMs start = c.serious_since.value_or(c.created);
    // Mostly by phone or the e-service within hours; a few only days later.
    const TimeMs notified = rnd_.Chance(0.9)
                                ? start + Minutes(rnd_.Between(15, 150))
                                : DemoOfficeTime(start + rnd_.Between(1, 4) * kMsPerDay, rnd_);
    const NoticeChannel channel =
        rnd_.Chance(0.75) ? NoticeChannel::kETjanst : NoticeChannel::kTelefon;
    notice(Authority::kArbetsmiljoverket, notified, channel,
           channel == NoticeChannel::kETjanst ? Reference("AV ", notified, rnd_) : "");
  }
  if (c.serious_since) {
    const TimeMs at = rnd_.Chance(0.88)
                          ? DemoOfficeTime(*c.serious_since + Minutes(rnd_.Between(20, 240)), rnd_)
                          : DemoOfficeTime(*c.serious_since + rnd_.Between(2, 6) * kMsPerDay, rnd_);
    add(at, [&app = app_, &world = world_, id = c.id, chef = c.chef] {
      IncidentPatch p;
      p.coordinator_consulted = true;
      Status s =
          app.incidents().Update(world.Get(chef).AsPrincipal(), *id, p, std::nullopt).status();
      // The säkerhetssamordnare may already have been drawn in through a note.
      return s.reason() == "incident.nothing_to_change" ? Status::Ok() : s;
    });
    ready = std::max(ready, at);
  }
  if (injured && rnd_.Chance(0.4)) {
    const TimeMs notified = DemoOfficeTime(c.created + rnd_.Between(1, 10) * kMsPerDay, rnd_);
    notice(Authority::kForsakringskassan, notified, NoticeChannel::kETjanst,
           Reference("FK ", notified, rnd_));
  }
  return ready;
}

}  // namespace trygg::cli
