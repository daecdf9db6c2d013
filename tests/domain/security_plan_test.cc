#include "domain/security_plan.h"

#include <gtest/gtest.h>

#include <string>

namespace trygg {
namespace {

constexpr TimeMs kDay = 86'400'000;
constexpr TimeMs kReview = 20'500 * kDay;  // a UTC midnight in 2026

SecurityPlan ValidPlan() {
  SecurityPlan p;
  p.unit_id = 4;
  p.scope = PlanScope::kArende;
  p.title = "Hot mot mottagningen";
  p.subject_key = std::string(64, 'c');
  p.threats = "Upprepade hot per telefon.";
  p.threat_level = RiskLevel::kHog;
  p.review_date = kReview;
  p.people = {3, 5};
  return p;
}

PlanMeasure ValidMeasure() {
  PlanMeasure m;
  m.plan_id = 1;
  m.title = "Byt lås till personalingången";
  m.owner_user_id = 3;
  m.due_date = kReview + 7 * kDay;
  return m;
}

TEST(SecurityPlanTest, Codes) {
  EXPECT_EQ(PlanScopeCode(PlanScope::kEnhet), "enhet");
  EXPECT_EQ(PlanScopeCode(PlanScope::kArende), "arende");
  EXPECT_EQ(ParsePlanScope("arende"), PlanScope::kArende);
  EXPECT_FALSE(ParsePlanScope("case").has_value());
  EXPECT_EQ(PlanStatusCode(PlanStatus::kAvslutad), "avslutad");
  EXPECT_EQ(ParsePlanStatus("aktiv"), PlanStatus::kAktiv);
  EXPECT_FALSE(ParsePlanStatus("").has_value());
}

TEST(SecurityPlanTest, ValidPlans) {
  EXPECT_TRUE(ValidateSecurityPlan(ValidPlan()).ok());
  SecurityPlan p = ValidPlan();
  p.scope = PlanScope::kEnhet;
  p.subject_key.clear();
  p.threats.clear();
  p.people.clear();
  EXPECT_TRUE(ValidateSecurityPlan(p).ok());
  p = ValidPlan();
  p.protected_case = true;
  p.routine.handling_unit_id = 9;
  p.routine.handling_group = {3, 7};
  p.routine.instructions = std::string(4000, 'x');
  p.title = std::string(200, 'x');
  p.threats = std::string(8000, 'x');
  EXPECT_TRUE(ValidateSecurityPlan(p).ok());
}

TEST(SecurityPlanTest, InvalidPlansNameTheField) {
  struct Case {
    void (*mutate)(SecurityPlan&);
    const char* reason;
  };
  const Case cases[] = {
      {[](SecurityPlan& p) { p.title = ""; }, "plan.title"},
      {[](SecurityPlan& p) { p.title = " \t"; }, "plan.title"},
      {[](SecurityPlan& p) { p.title = std::string(201, 'x'); }, "plan.title"},
      {[](SecurityPlan& p) { p.subject_key = "811218-9876"; }, "plan.subject_key"},
      {[](SecurityPlan& p) { p.scope = PlanScope::kEnhet; }, "plan.subject_key"},
      {[](SecurityPlan& p) { p.threats = std::string(8001, 'x'); }, "plan.threats"},
      {[](SecurityPlan& p) { p.review_date = 0; }, "plan.review_date"},
      {[](SecurityPlan& p) { p.review_date = kReview + 3'600'000; }, "plan.review_date"},
      {[](SecurityPlan& p) {
         p.people = {3, 3};
       },
       "plan.people"},
      {[](SecurityPlan& p) { p.people = {0}; }, "plan.people"},
      {[](SecurityPlan& p) { p.routine.handling_group = {3}; }, "plan.handling_group"},
      {[](SecurityPlan& p) {
         p.protected_case = true;
         p.routine.handling_group = {4, 4};
       },
       "plan.handling_group"},
      {[](SecurityPlan& p) { p.routine.handling_unit_id = -1; }, "plan.handling_unit_id"},
      {[](SecurityPlan& p) { p.routine.instructions = std::string(4001, 'x'); },
       "plan.instructions"},
  };
  for (const Case& c : cases) {
    SecurityPlan p = ValidPlan();
    c.mutate(p);
    const Status s = ValidateSecurityPlan(p);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.reason;
    EXPECT_EQ(s.reason(), c.reason);
  }
}

TEST(SecurityPlanTest, TextLimitsCountCharactersNotBytes) {
  SecurityPlan p = ValidPlan();
  std::string title;
  for (int i = 0; i < 200; ++i) title += "å";  // 400 bytes, 200 characters
  p.title = title;
  EXPECT_TRUE(ValidateSecurityPlan(p).ok());
  p.title += "å";
  EXPECT_EQ(ValidateSecurityPlan(p).reason(), "plan.title");
}

TEST(SecurityPlanTest, Measures) {
  EXPECT_TRUE(ValidatePlanMeasure(ValidMeasure()).ok());
  PlanMeasure m = ValidMeasure();
  m.title = "";
  EXPECT_EQ(ValidatePlanMeasure(m).reason(), "plan.measure_title");
  m = ValidMeasure();
  m.title = std::string(201, 'x');
  EXPECT_EQ(ValidatePlanMeasure(m).reason(), "plan.measure_title");
  m = ValidMeasure();
  m.owner_user_id = 0;
  EXPECT_EQ(ValidatePlanMeasure(m).reason(), "plan.measure_owner");
  m = ValidMeasure();
  m.due_date = kReview + 1;
  EXPECT_EQ(ValidatePlanMeasure(m).reason(), "plan.measure_due_date");
  m.due_date = 0;
  EXPECT_EQ(ValidatePlanMeasure(m).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace trygg
