#include "domain/policy.h"

#include <gtest/gtest.h>

#include <string_view>

#include "core/time.h"

namespace trygg {
namespace {

TimeMs At(std::string_view iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}

// Tuesday 17 November 2026, 10:00 Stockholm (CET).
const TimeMs kCreated = At("2026-11-17T10:00:00+01:00");
// The end of Wednesday 18 November (1 working day) and Thursday 19 (2).
const TimeMs kEndOfWednesday = At("2026-11-18T23:00:00Z");
const TimeMs kEndOfThursday = At("2026-11-19T23:00:00Z");

Incident MakeIncident(Category category = Category::kHot, int severity = kSeverityMattlig) {
  Incident inc;
  inc.id = 7;
  inc.category = category;
  inc.severity = severity;
  inc.exposed_user_ids = {11};
  inc.created_at = kCreated;
  inc.updated_at = kCreated;
  return inc;
}

PolicyRule Rule(RuleKind kind) {
  for (const PolicyRule& r : DefaultPolicyRules()) {
    if (r.kind == kind) return r;
  }
  ADD_FAILURE() << "no default for " << RuleKindCode(kind);
  return {};
}

// Checks the one rule `kind` (its default) against `record` at `now`.
std::optional<RuleCheck> CheckOne(RuleKind kind, const IncidentRecord& record, TimeMs now) {
  auto checks = CheckRules({Rule(kind)}, record, now);
  if (checks.empty()) return std::nullopt;
  EXPECT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks[0].kind, kind);
  return checks[0];
}

PoliceReport Reported(PoliceReporter reporter, TimeMs at) {
  PoliceReport p;
  p.incident_id = 7;
  p.reported = true;
  p.reporter = reporter;
  p.reported_at = at;
  return p;
}

Measure Support(TimeMs created_at, MeasureKind kind = MeasureKind::kStod) {
  Measure m;
  m.incident_id = 7;
  m.kind = kind;
  m.created_at = created_at;
  return m;
}

AuthorityNotice Notice(Authority authority, TimeMs at) {
  AuthorityNotice n;
  n.incident_id = 7;
  n.authority = authority;
  n.notified_at = at;
  n.recorded_at = at;
  return n;
}

TEST(PolicyTest, CodesRoundTrip) {
  ASSERT_EQ(AllRuleKinds().size(), 6u);
  for (RuleKind k : AllRuleKinds()) EXPECT_EQ(ParseRuleKind(RuleKindCode(k)), k);
  EXPECT_EQ(RuleKindCode(RuleKind::kAcknowledged), "acknowledged");
  EXPECT_EQ(RuleKindCode(RuleKind::kPoliceReport), "police_report");
  EXPECT_EQ(RuleKindCode(RuleKind::kChefReportsImpersonal), "chef_reports_impersonal");
  EXPECT_EQ(RuleKindCode(RuleKind::kSupportOffered), "support_offered");
  EXPECT_EQ(RuleKindCode(RuleKind::kAuthorityNotified), "authority_notified");
  EXPECT_EQ(RuleKindCode(RuleKind::kCoordinatorConsulted), "coordinator_consulted");
  EXPECT_FALSE(ParseRuleKind("Acknowledged").has_value());
  EXPECT_EQ(RuleStateCode(RuleState::kPending), "pending");
  EXPECT_EQ(RuleStateCode(RuleState::kMet), "met");
  EXPECT_EQ(RuleStateCode(RuleState::kMetLate), "met_late");
  EXPECT_EQ(RuleStateCode(RuleState::kBreached), "breached");
}

TEST(PolicyTest, DefaultRulesMatchTheRoutines) {
  const auto& d = DefaultPolicyRules();
  ASSERT_EQ(d.size(), 6u);
  for (size_t i = 0; i < d.size(); ++i) {
    EXPECT_EQ(d[i].kind, AllRuleKinds()[i]);
    EXPECT_TRUE(d[i].enabled);
    EXPECT_TRUE(ValidateRule(d[i]).ok());
  }
  EXPECT_EQ(Rule(RuleKind::kAcknowledged).working_days, 1);
  EXPECT_EQ(Rule(RuleKind::kPoliceReport).working_days, 2);
  EXPECT_EQ(Rule(RuleKind::kPoliceReport).categories,
            (std::vector<Category>{Category::kHot, Category::kVald}));
  EXPECT_EQ(Rule(RuleKind::kChefReportsImpersonal).working_days, 1);
  EXPECT_EQ(Rule(RuleKind::kSupportOffered).working_days, 2);
  EXPECT_EQ(Rule(RuleKind::kSupportOffered).categories,
            (std::vector<Category>{Category::kHot, Category::kVald, Category::kTrakasserier,
                                   Category::kOtillatenPaverkan, Category::kForolampning}));
  EXPECT_EQ(Rule(RuleKind::kAuthorityNotified).working_days, 0);
  EXPECT_EQ(Rule(RuleKind::kAuthorityNotified).min_severity, kSeverityAllvarlig);
  EXPECT_EQ(Rule(RuleKind::kCoordinatorConsulted).working_days, 1);
  EXPECT_EQ(Rule(RuleKind::kCoordinatorConsulted).min_severity, kSeverityAllvarlig);
}

TEST(PolicyTest, EffectiveRulesFillInDefaultsInKindOrder) {
  PolicyRule police = Rule(RuleKind::kPoliceReport);
  police.working_days = 5;
  PolicyRule support = Rule(RuleKind::kSupportOffered);
  support.enabled = false;
  auto rules = EffectiveRules({support, police});
  ASSERT_EQ(rules.size(), 6u);
  for (size_t i = 0; i < rules.size(); ++i) EXPECT_EQ(rules[i].kind, AllRuleKinds()[i]);
  EXPECT_EQ(rules[1].working_days, 5);
  EXPECT_FALSE(rules[3].enabled);
  EXPECT_TRUE(rules[0].enabled);
  EXPECT_EQ(rules[0].working_days, 1);
  EXPECT_EQ(EffectiveRules({}).size(), 6u);
}

TEST(PolicyTest, ValidateRuleChecksRanges) {
  PolicyRule r = Rule(RuleKind::kAcknowledged);
  r.working_days = 0;
  EXPECT_TRUE(ValidateRule(r).ok());
  r.working_days = 30;
  EXPECT_TRUE(ValidateRule(r).ok());
  r.working_days = 31;
  EXPECT_EQ(ValidateRule(r).reason(), "rule.working_days");
  EXPECT_EQ(ValidateRule(r).code(), StatusCode::kInvalidArgument);
  r.working_days = -1;
  EXPECT_EQ(ValidateRule(r).reason(), "rule.working_days");
  r.working_days = 1;
  r.min_severity = 0;
  EXPECT_EQ(ValidateRule(r).reason(), "rule.min_severity");
  r.min_severity = 5;
  EXPECT_EQ(ValidateRule(r).reason(), "rule.min_severity");
  r.min_severity = 4;
  EXPECT_TRUE(ValidateRule(r).ok());
}

TEST(PolicyTest, AcknowledgedStates) {
  Incident inc = MakeIncident(Category::kAnnat, kSeverityLindrig);
  IncidentRecord rec{&inc};
  auto c = CheckOne(RuleKind::kAcknowledged, rec, kCreated + kMsPerHour);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, RuleState::kPending);
  EXPECT_EQ(c->due_at, kEndOfWednesday);
  EXPECT_FALSE(c->met_at.has_value());

  EXPECT_EQ(CheckOne(RuleKind::kAcknowledged, rec, kEndOfWednesday - 1)->state,
            RuleState::kPending);
  EXPECT_EQ(CheckOne(RuleKind::kAcknowledged, rec, kEndOfWednesday)->state, RuleState::kBreached);

  inc.acknowledged_at = kEndOfWednesday - kMsPerMinute;
  c = CheckOne(RuleKind::kAcknowledged, rec, kEndOfThursday);
  EXPECT_EQ(c->state, RuleState::kMet);
  EXPECT_EQ(c->met_at, inc.acknowledged_at);

  inc.acknowledged_at = kEndOfWednesday + kMsPerMinute;
  EXPECT_EQ(CheckOne(RuleKind::kAcknowledged, rec, kEndOfThursday)->state, RuleState::kMetLate);
}

TEST(PolicyTest, ClosedIncidentStillBreaches) {
  Incident inc = MakeIncident();
  inc.status = IncidentStatus::kAvslutad;
  inc.closed_at = kCreated + kMsPerHour;
  IncidentRecord rec{&inc};
  EXPECT_EQ(CheckOne(RuleKind::kAcknowledged, rec, kEndOfThursday)->state, RuleState::kBreached);
}

TEST(PolicyTest, PoliceReportAppliesToThreatsAndViolenceAimedAtAPerson) {
  Incident inc = MakeIncident(Category::kVald);
  IncidentRecord rec{&inc};
  auto c = CheckOne(RuleKind::kPoliceReport, rec, kCreated);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_at, kEndOfThursday);
  EXPECT_EQ(c->state, RuleState::kPending);
  EXPECT_EQ(CheckOne(RuleKind::kPoliceReport, rec, kEndOfThursday)->state, RuleState::kBreached);

  Incident harassment = MakeIncident(Category::kTrakasserier);
  EXPECT_FALSE(CheckOne(RuleKind::kPoliceReport, {&harassment}, kCreated));
  Incident impersonal = MakeIncident(Category::kHot);
  impersonal.aimed_at_person = false;
  EXPECT_FALSE(CheckOne(RuleKind::kPoliceReport, {&impersonal}, kCreated));

  // Empty categories: every category.
  PolicyRule all = Rule(RuleKind::kPoliceReport);
  all.categories.clear();
  EXPECT_EQ(CheckRules({all}, {&harassment}, kCreated).size(), 1u);
}

TEST(PolicyTest, PoliceReportMetOnTimeOrLate) {
  Incident inc = MakeIncident(Category::kHot);
  PoliceReport p = Reported(PoliceReporter::kMedarbetare, kEndOfWednesday);
  IncidentRecord rec{&inc, &p};
  auto c = CheckOne(RuleKind::kPoliceReport, rec, kEndOfThursday + kMsPerDay);
  EXPECT_EQ(c->state, RuleState::kMet);
  EXPECT_EQ(c->met_at, kEndOfWednesday);
  p.reported_at = kEndOfThursday;  // exactly 24:00 on the last day still counts
  EXPECT_EQ(CheckOne(RuleKind::kPoliceReport, rec, kEndOfThursday)->state, RuleState::kMet);
  p.reported_at = kEndOfThursday + 1;
  EXPECT_EQ(CheckOne(RuleKind::kPoliceReport, rec, kEndOfThursday + 2)->state, RuleState::kMetLate);
}

TEST(PolicyTest, DeclinedPoliceReportIsStillABreach) {
  Incident inc = MakeIncident(Category::kHot);
  PoliceReport p;
  p.incident_id = 7;
  p.reported = false;
  p.not_reported_reason = NotReportedReason::kMedarbetarenAvstar;
  IncidentRecord rec{&inc, &p};
  EXPECT_EQ(CheckOne(RuleKind::kPoliceReport, rec, kCreated + kMsPerHour)->state,
            RuleState::kPending);
  auto c = CheckOne(RuleKind::kPoliceReport, rec, kEndOfThursday);
  EXPECT_EQ(c->state, RuleState::kBreached);
  EXPECT_FALSE(c->met_at.has_value());
}

TEST(PolicyTest, ChefReportsImpersonalCrime) {
  Incident inc = MakeIncident(Category::kSkadegorelse, kSeverityLindrig);
  IncidentRecord rec{&inc};
  auto c = CheckOne(RuleKind::kChefReportsImpersonal, rec, kCreated);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_at, kEndOfWednesday);
  EXPECT_EQ(c->state, RuleState::kPending);
  EXPECT_EQ(CheckOne(RuleKind::kChefReportsImpersonal, rec, kEndOfWednesday)->state,
            RuleState::kBreached);

  // Reported by the employee: not what the rule asks for.
  PoliceReport by_employee = Reported(PoliceReporter::kMedarbetare, kCreated + kMsPerHour);
  rec.police = &by_employee;
  EXPECT_EQ(CheckOne(RuleKind::kChefReportsImpersonal, rec, kEndOfWednesday)->state,
            RuleState::kBreached);

  PoliceReport by_chef = Reported(PoliceReporter::kChef, kCreated + kMsPerHour);
  rec.police = &by_chef;
  EXPECT_EQ(CheckOne(RuleKind::kChefReportsImpersonal, rec, kEndOfWednesday)->state,
            RuleState::kMet);
  by_chef.reported_at = kEndOfThursday;
  EXPECT_EQ(CheckOne(RuleKind::kChefReportsImpersonal, rec, kEndOfThursday)->state,
            RuleState::kMetLate);

  // A threat against the staff in general is impersonal too; one aimed at a person is not.
  Incident general = MakeIncident(Category::kHot);
  general.aimed_at_person = false;
  EXPECT_TRUE(CheckOne(RuleKind::kChefReportsImpersonal, {&general}, kCreated));
  Incident personal = MakeIncident(Category::kHot);
  EXPECT_FALSE(CheckOne(RuleKind::kChefReportsImpersonal, {&personal}, kCreated));
  Incident theft = MakeIncident(Category::kStoldInbrott);
  EXPECT_TRUE(CheckOne(RuleKind::kChefReportsImpersonal, {&theft}, kCreated));
}

TEST(PolicyTest, SupportOfferedAtTheEarliestSupport) {
  Incident inc = MakeIncident(Category::kTrakasserier);
  std::vector<Measure> measures = {Support(kCreated + kMsPerHour, MeasureKind::kAtgard)};
  IncidentRecord rec{&inc, nullptr, nullptr, &measures};
  auto c = CheckOne(RuleKind::kSupportOffered, rec, kCreated + 2 * kMsPerHour);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->state, RuleState::kPending);  // an åtgärd is not support
  EXPECT_EQ(c->due_at, kEndOfThursday);
  EXPECT_EQ(CheckOne(RuleKind::kSupportOffered, rec, kEndOfThursday)->state, RuleState::kBreached);

  measures.push_back(Support(kEndOfThursday + kMsPerHour));
  EXPECT_EQ(CheckOne(RuleKind::kSupportOffered, rec, kEndOfThursday + kMsPerDay)->state,
            RuleState::kMetLate);
  measures.push_back(Support(kEndOfWednesday));
  c = CheckOne(RuleKind::kSupportOffered, rec, kEndOfThursday + kMsPerDay);
  EXPECT_EQ(c->state, RuleState::kMet);
  EXPECT_EQ(c->met_at, kEndOfWednesday);
}

TEST(PolicyTest, SupportOfferedOnlyForPersonalIncidentsOfItsCategories) {
  Incident vandalism = MakeIncident(Category::kSkadegorelse);
  EXPECT_FALSE(CheckOne(RuleKind::kSupportOffered, {&vandalism}, kCreated));
  Incident other = MakeIncident(Category::kAnnat);
  EXPECT_FALSE(CheckOne(RuleKind::kSupportOffered, {&other}, kCreated));
  Incident general = MakeIncident(Category::kHot);
  general.aimed_at_person = false;
  EXPECT_FALSE(CheckOne(RuleKind::kSupportOffered, {&general}, kCreated));
  Incident defamation = MakeIncident(Category::kForolampning);
  EXPECT_TRUE(CheckOne(RuleKind::kSupportOffered, {&defamation}, kCreated));
}

TEST(PolicyTest, AuthorityNotifiedSameDayFridayEvening) {
  // A serious incident on Friday 20 November 2026 at 16:00: Arbetsmiljöverket
  // must be told by Friday 24:00.
  Incident inc = MakeIncident(Category::kVald, kSeverityAllvarlig);
  inc.created_at = At("2026-11-20T16:00:00+01:00");
  std::vector<AuthorityNotice> notices;
  IncidentRecord rec{&inc, nullptr, &notices};
  auto c = CheckOne(RuleKind::kAuthorityNotified, rec, At("2026-11-20T23:59:59+01:00"));
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_at, At("2026-11-20T23:00:00Z"));
  EXPECT_EQ(c->state, RuleState::kPending);
  EXPECT_EQ(CheckOne(RuleKind::kAuthorityNotified, rec, At("2026-11-21T00:00:00+01:00"))->state,
            RuleState::kBreached);

  // A Försäkringskassan notice does not count.
  notices.push_back(Notice(Authority::kForsakringskassan, At("2026-11-20T17:00:00+01:00")));
  EXPECT_EQ(CheckOne(RuleKind::kAuthorityNotified, rec, At("2026-11-21T00:00:00+01:00"))->state,
            RuleState::kBreached);
  notices.push_back(Notice(Authority::kArbetsmiljoverket, At("2026-11-23T08:00:00+01:00")));
  EXPECT_EQ(CheckOne(RuleKind::kAuthorityNotified, rec, At("2026-11-23T09:00:00+01:00"))->state,
            RuleState::kMetLate);
  notices.push_back(Notice(Authority::kArbetsmiljoverket, At("2026-11-20T18:00:00+01:00")));
  c = CheckOne(RuleKind::kAuthorityNotified, rec, At("2026-11-23T09:00:00+01:00"));
  EXPECT_EQ(c->state, RuleState::kMet);
  EXPECT_EQ(c->met_at, At("2026-11-20T18:00:00+01:00"));
}

TEST(PolicyTest, AuthorityNotifiedClockStartsWhenTheIncidentBecameSerious) {
  Incident inc = MakeIncident(Category::kHot, kSeverityMycketAllvarlig);
  inc.serious_since = At("2026-11-19T09:00:00+01:00");  // raised on Thursday
  auto c = CheckOne(RuleKind::kAuthorityNotified, {&inc}, kCreated);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_at, kEndOfThursday);
}

TEST(PolicyTest, AuthorityNotifiedBySeverityOrSeveralInjured) {
  Incident minor = MakeIncident(Category::kVald, kSeverityMattlig);
  EXPECT_FALSE(CheckOne(RuleKind::kAuthorityNotified, {&minor}, kCreated));
  Incident several = MakeIncident(Category::kVald, kSeverityMattlig);
  several.injury = Injury::kLindrig;
  several.exposed_user_ids = {11, 12};
  EXPECT_TRUE(CheckOne(RuleKind::kAuthorityNotified, {&several}, kCreated));
  // A stricter förvaltning may set the threshold lower.
  PolicyRule strict = Rule(RuleKind::kAuthorityNotified);
  strict.min_severity = kSeverityMattlig;
  EXPECT_EQ(CheckRules({strict}, {&minor}, kCreated).size(), 1u);
}

TEST(PolicyTest, CoordinatorConsulted) {
  Incident minor = MakeIncident(Category::kHot, kSeverityMattlig);
  EXPECT_FALSE(CheckOne(RuleKind::kCoordinatorConsulted, {&minor}, kCreated));

  Incident inc = MakeIncident(Category::kHot, kSeverityAllvarlig);
  IncidentRecord rec{&inc};
  auto c = CheckOne(RuleKind::kCoordinatorConsulted, rec, kCreated);
  ASSERT_TRUE(c);
  EXPECT_EQ(c->due_at, kEndOfWednesday);
  EXPECT_EQ(c->state, RuleState::kPending);
  EXPECT_EQ(CheckOne(RuleKind::kCoordinatorConsulted, rec, kEndOfWednesday)->state,
            RuleState::kBreached);
  inc.coordinator_consulted_at = kEndOfWednesday;
  EXPECT_EQ(CheckOne(RuleKind::kCoordinatorConsulted, rec, kEndOfThursday)->state, RuleState::kMet);
  inc.coordinator_consulted_at = kEndOfWednesday + 1;
  EXPECT_EQ(CheckOne(RuleKind::kCoordinatorConsulted, rec, kEndOfThursday)->state,
            RuleState::kMetLate);
  // Raised to allvarlig on Thursday: the clock starts then.
  inc.coordinator_consulted_at.reset();
  inc.serious_since = At("2026-11-19T08:00:00+01:00");
  EXPECT_EQ(CheckOne(RuleKind::kCoordinatorConsulted, rec, kCreated)->due_at,
            At("2026-11-20T23:00:00Z"));
}

TEST(PolicyTest, CheckRulesKeepsRuleOrderAndSkipsDisabledAndInapplicable) {
  Incident inc = MakeIncident(Category::kHot, kSeverityAllvarlig);
  std::vector<PolicyRule> rules = {Rule(RuleKind::kCoordinatorConsulted),
                                   Rule(RuleKind::kChefReportsImpersonal),
                                   Rule(RuleKind::kAcknowledged), Rule(RuleKind::kPoliceReport)};
  rules[3].enabled = false;
  auto checks = CheckRules(rules, {&inc}, kCreated);
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0].kind, RuleKind::kCoordinatorConsulted);
  EXPECT_EQ(checks[1].kind, RuleKind::kAcknowledged);

  auto all = CheckRules(DefaultPolicyRules(), {&inc}, kCreated);
  ASSERT_EQ(all.size(), 5u);  // everything but chef_reports_impersonal
  EXPECT_TRUE(CheckRules(DefaultPolicyRules(), {}, kCreated).empty());
}

}  // namespace
}  // namespace trygg
