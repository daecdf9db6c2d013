// Strict request parsing: wrong types, unknown codes, ranges, required fields, queries.
#include "http/json_requests.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace trygg {
namespace {

nlohmann::json J(const char* text) { return nlohmann::json::parse(text); }

void ExpectInvalid(const Status& s, const std::string& reason, const std::string& field) {
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
  EXPECT_EQ(s.reason(), reason) << s.ToString();
  EXPECT_EQ(s.detail(), field) << s.ToString();
}

TEST(ParseJsonObjectTest, RequiresAJsonObject) {
  EXPECT_TRUE(ParseJsonObject(R"({"a":1})").ok());
  EXPECT_EQ(ParseJsonObject("{\"a\":").status().reason(), "request.invalid_json");
  EXPECT_EQ(ParseJsonObject("[1,2]").status().reason(), "validation.body");
  EXPECT_EQ(ParseJsonObject("  ").status().reason(), "validation.body");
  EXPECT_EQ(ParseJsonObject("\"\xff\"").status().reason(), "request.invalid_json");
}

TEST(ParseNewIncidentTest, AcceptsAMinimalReportAndDefaults) {
  auto in = ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00+01:00",
                                   "unknown_field":true})"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->category, Category::kHot);
  EXPECT_EQ(in->occurred_at, *ParseIso8601("2026-11-20T08:30:00Z"));
  EXPECT_FALSE(in->unit_id.has_value());
  EXPECT_TRUE(in->tied_to_role);
  EXPECT_FALSE(in->severity.has_value());
}

TEST(ParseNewIncidentTest, ReadsEveryField) {
  auto in = ParseNewIncident(J(R"({"category":"vald","occurred_at":"2026-11-20T09:30:00Z",
      "unit_id":4,"place_type":"hembesok","outside_workplace":true,"tied_to_role":false,
      "exposed_user_ids":[3,5],"description":"Knuffad","injury":"lindrig","weapon":true,
      "death_threat":false,"severity":3,"perpetrator_relation":"anhorig",
      "perpetrator_note":"N","sensitive":true})"));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->unit_id, 4);
  EXPECT_EQ(in->place_type, PlaceType::kHembesok);
  EXPECT_EQ(in->exposed_user_ids, (std::vector<UserId>{3, 5}));
  EXPECT_EQ(in->injury, Injury::kLindrig);
  EXPECT_EQ(in->severity, 3);
  EXPECT_EQ(in->perpetrator_relation, PerpetratorRelation::kAnhorig);
  EXPECT_TRUE(in->sensitive);
  EXPECT_FALSE(in->tied_to_role);
}

TEST(ParseNewIncidentTest, RejectsBadFieldsNamingThem) {
  ExpectInvalid(ParseNewIncident(J(R"({"occurred_at":"2026-11-20T09:30:00Z"})")).status(),
                "validation.required", "category");
  ExpectInvalid(
      ParseNewIncident(J(R"({"category":"hotx","occurred_at":"2026-11-20T09:30:00Z"})")).status(),
      "validation.enum", "category");
  ExpectInvalid(
      ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00"})")).status(),
      "validation.time", "occurred_at");
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "severity":5})"))
                    .status(),
                "validation.range", "severity");
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "severity":"2"})"))
                    .status(),
                "validation.type", "severity");
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "weapon":1})"))
                    .status(),
                "validation.type", "weapon");
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "exposed_user_ids":[1,"2"]})"))
                    .status(),
                "validation.type", "exposed_user_ids");
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "unit_id":2.5})"))
                    .status(),
                "validation.type", "unit_id");
  // A NUL inside text (JSON "\u0000") is refused on every engine.
  ExpectInvalid(ParseNewIncident(J(R"({"category":"hot","occurred_at":"2026-11-20T09:30:00Z",
                                       "description":"hot\u0000mer"})"))
                    .status(),
                "validation.nul", "description");
}

TEST(ParseIncidentPatchTest, NullClearsTheRelation) {
  auto p = ParseIncidentPatch(J(R"({"perpetrator_relation":null,"version":3})"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(p->patch.perpetrator_relation.has_value());
  EXPECT_FALSE(p->patch.perpetrator_relation->has_value());
  EXPECT_EQ(p->version, 3);
  auto q = ParseIncidentPatch(J(R"({"severity":2})"));
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(q->patch.perpetrator_relation.has_value());
  EXPECT_EQ(q->patch.severity, 2);
}

TEST(ParseTransitionTest, NeedsAKnownAction) {
  auto t = ParseTransition(J(R"({"action":"reopen","reason":"Nya hot"})"));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->action, IncidentAction::kReopen);
  EXPECT_EQ(t->reason, "Nya hot");
  ExpectInvalid(ParseTransition(J(R"({"action":"explode"})")).status(), "validation.enum",
                "action");
  ExpectInvalid(ParseTransition(J("{}")).status(), "validation.required", "action");
}

TEST(ParseMeasureTest, DueDateIsADate) {
  auto m =
      ParseNewMeasure(J(R"({"title":"Samtal","responsible_user_id":2,"due_date":"2026-12-01"})"));
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->due_date, *ParseDate("2026-12-01"));
  ExpectInvalid(
      ParseNewMeasure(J(R"({"title":"S","responsible_user_id":2,"due_date":"1 dec"})")).status(),
      "validation.date", "due_date");
  ExpectInvalid(ParseMeasurePatch(J(R"({"status":"done"})")).status(), "validation.enum", "status");
}

TEST(ParseAdminBodiesTest, UnitsUsersGrants) {
  EXPECT_TRUE(ParseNewUnit(J(R"({"parent_id":1,"kind":"enhet","name":"X"})")).ok());
  ExpectInvalid(ParseNewUnit(J(R"({"parent_id":1,"kind":"team","name":"X"})")).status(),
                "validation.enum", "kind");
  ExpectInvalid(ParseNewUser(J(R"({"username":"a","display_name":"A","unit_id":1})")).status(),
                "validation.required", "password");
  ExpectInvalid(ParseUserPatch(J(R"({"active":"yes"})")).status(), "validation.type", "active");
  ExpectInvalid(ParseGrant(J(R"({"role":"kung","unit_id":1})")).status(), "validation.enum",
                "role");
}

TEST(ParseIncidentQueryTest, ReadsAndValidatesParameters) {
  auto q = ParseIncidentQuery({{"status", "ny"},
                               {"open", "true"},
                               {"limit", "500"},
                               {"offset", "10"},
                               {"from", "2026-01-01T00:00:00Z"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->status, IncidentStatus::kNy);
  EXPECT_EQ(q->open, true);
  EXPECT_EQ(q->limit, 500);
  EXPECT_EQ(q->offset, 10);
  EXPECT_TRUE(q->occurred_from.has_value());
  EXPECT_EQ(ParseIncidentQuery({})->limit, 50);
  ExpectInvalid(ParseIncidentQuery({{"limit", "501"}}).status(), "validation.range", "limit");
  ExpectInvalid(ParseIncidentQuery({{"limit", "x"}}).status(), "validation.type", "limit");
  ExpectInvalid(ParseIncidentQuery({{"open", "1"}}).status(), "validation.type", "open");
  ExpectInvalid(ParseIncidentQuery({{"category", "x"}}).status(), "validation.enum", "category");
  ExpectInvalid(ParseIncidentQuery({{"to", "2026-01-01"}}).status(), "validation.time", "to");
}

TEST(ParsePathIdTest, OnlyPositiveIntegers) {
  EXPECT_EQ(*ParsePathId("42"), 42);
  EXPECT_EQ(ParsePathId("0").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ParsePathId("-1").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ParsePathId("4a").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ParsePathId("99999999999999999999").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace trygg
