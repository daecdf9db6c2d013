// Issue 5 request parsing: field paths of nested members, un-naming, queries.
#include "http/json_risk_requests.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

using nlohmann::json;

json Template() {
  return json::parse(R"({
    "factors": [{"code": "hot", "label_sv": "Hot", "label_en": "Threat", "weight": 3, "floor": null},
                {"code": "vapen", "label_sv": "Vapen", "label_en": "Weapon", "weight": 3, "floor": "hog"}],
    "thresholds": {"forhojd": 2, "hog": 5, "mycket_hog": 9},
    "history": {"weight": 3, "floor_count": 3},
    "measures": [{"code": "ej_ensam", "label_sv": "Ej ensam", "label_en": "Not alone",
                  "from_level": "forhojd", "factors": ["hot"]}]
  })");
}

TEST(JsonRiskRequestsTest, ReadsATemplate) {
  Result<RiskTemplate> t = ParseRiskTemplate(Template());
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->factors.size(), 2u);
  EXPECT_FALSE(t->factors[0].floor.has_value());
  EXPECT_EQ(t->factors[1].floor, RiskLevel::kHog);
  EXPECT_EQ(t->hog_from, 5);
  EXPECT_EQ(t->history_floor_count, 3);
  ASSERT_EQ(t->measures.size(), 1u);
  EXPECT_EQ(t->measures[0].from_level, RiskLevel::kForhojd);
  EXPECT_EQ(t->measures[0].factors, std::vector<std::string>{"hot"});
}

TEST(JsonRiskRequestsTest, NamesTheNestedFieldAtFault) {
  json j = Template();
  j["factors"][1]["weight"] = "tre";
  Result<RiskTemplate> t = ParseRiskTemplate(j);
  EXPECT_EQ(t.status().reason(), "validation.type");
  EXPECT_EQ(t.status().detail(), "factors[1].weight");
  j = Template();
  j["measures"][0]["factors"] = {1};
  EXPECT_EQ(ParseRiskTemplate(j).status().detail(), "measures[0].factors");
  j = Template();
  j["thresholds"].erase("hog");
  t = ParseRiskTemplate(j);
  EXPECT_EQ(t.status().reason(), "validation.required");
  EXPECT_EQ(t.status().detail(), "thresholds.hog");
}

TEST(JsonRiskRequestsTest, ASubjectIsWriteOnlyAndNullUnnames) {
  Result<AssessmentPatchRequest> p = ParseAssessmentPatch(json::parse(R"({"subject": null})"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->patch.subject_identifier.has_value());
  EXPECT_EQ(*p->patch.subject_identifier, "");
  p = ParseAssessmentPatch(json::parse(R"({"title": "x"})"));
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->patch.subject_identifier.has_value());
  EXPECT_FALSE(p->patch.answers.has_value());

  // Errors name the member, never the value.
  const std::string long_id(65, '1');
  Result<SubjectRequest> s = ParseSubject(json{{"kind", "personnummer"}, {"identifier", long_id}});
  EXPECT_EQ(s.status().reason(), "validation.length");
  EXPECT_EQ(s.status().detail(), "identifier");
  Result<NewAssessment> a = ParseNewAssessment(json::parse(
      R"({"meeting_type": "annat", "event_at": "2026-05-01T10:00:00Z", "title": "T",
          "subject": {"kind": "passnummer", "identifier": "19121212-1212"}})"));
  EXPECT_EQ(a.status().reason(), "validation.enum");
  EXPECT_EQ(a.status().detail(), "subject.kind");
  EXPECT_EQ(a.status().ToString().find("1212"), std::string::npos);
}

TEST(JsonRiskRequestsTest, FollowUpRatingsAndQueries) {
  Result<FollowUpRequest> f = ParseFollowUp(json::parse(
      R"({"incident_occurred": true, "ratings": [{"code": "ej_ensam", "rating": 4}]})"));
  ASSERT_TRUE(f.ok());
  ASSERT_EQ(f->follow_up.ratings.size(), 1u);
  EXPECT_EQ(f->follow_up.ratings[0].second, 4);
  f = ParseFollowUp(json::parse(
      R"({"incident_occurred": true, "ratings": [{"code": "ej_ensam", "rating": 6}]})"));
  EXPECT_EQ(f.status().detail(), "ratings[0].rating");

  Result<AssessmentQuery> q = ParseAssessmentQuery({{"status", "beslutad"}, {"limit", "20"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->status, AssessmentStatus::kBeslutad);
  EXPECT_EQ(q->limit, 20);
  EXPECT_EQ(ParseAssessmentQuery({{"limit", "501"}}).status().reason(), "validation.range");
  EXPECT_EQ(ParsePlanQuery({{"status", "x"}}).status().reason(), "validation.enum");
  EXPECT_EQ(ParsePlanDecision(json{{"text", "  "}}).status().reason(), "validation.empty");
}

}  // namespace
}  // namespace trygg
