// Issue 6 request parsing and JSON: statistics queries (repeatable and bad
// parameters, Stockholm days), KPI items with their index, profiles over the
// stored one, routines, exercises and findings; hidden figures are null.
#include "http/json_stats_requests.h"

#include <gtest/gtest.h>

#include "core/time.h"
#include "http/json_stats.h"

namespace trygg {
namespace {

using nlohmann::json;

HttpRequest Get(std::string_view target) {
  HttpRequest req;
  req.method = "GET";
  SplitTarget(target, &req.path, &req.query, &req.query_pairs);
  return req;
}

TEST(JsonStatsRequestsTest, ReadsAStatsQueryWithRepeatedFilters) {
  Result<StatsQuery> q = ParseStatsQuery(
      Get("/s?rows=enhet&cols=month&from=2026-01-01&to=2026-07-01&unit_id=4&unit_id=7"
          "&category=hot&category=vald&place=reception&min_severity=3&outside=true&tied=false"
          "&medians=true"));
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  EXPECT_EQ(q->rows, StatsDim::kEnhet);
  EXPECT_EQ(q->cols, StatsDim::kMonth);
  EXPECT_EQ(q->filter.from, StatsDayOf(LocalDate{2026, 1, 1}));
  EXPECT_EQ(q->filter.to, StatsDayOf(LocalDate{2026, 7, 1}));
  EXPECT_EQ(q->filter.units, (std::vector<UnitId>{4, 7}));
  EXPECT_EQ(q->filter.categories, (std::vector<Category>{Category::kHot, Category::kVald}));
  EXPECT_EQ(q->filter.places, std::vector<PlaceType>{PlaceType::kReception});
  EXPECT_EQ(q->filter.min_severity, 3);
  EXPECT_EQ(q->filter.outside_workplace, true);
  EXPECT_EQ(q->filter.tied_to_role, false);
  EXPECT_TRUE(q->medians);
}

TEST(JsonStatsRequestsTest, DefaultsToAOneWayTableOverEverything) {
  Result<StatsQuery> q = ParseStatsQuery(Get("/s?rows=category"));
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->cols, StatsDim::kNone);
  EXPECT_FALSE(q->filter.from.has_value());
  EXPECT_TRUE(q->filter.units.empty());
  EXPECT_FALSE(q->medians);
}

TEST(JsonStatsRequestsTest, WithoutPairsTheLastValueCounts) {
  HttpRequest req;
  req.query = {{"rows", "year"}, {"unit_id", "9"}};
  Result<StatsQuery> q = ParseStatsQuery(req);
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->filter.units, std::vector<UnitId>{9});
}

TEST(JsonStatsRequestsTest, NamesTheBadParameter) {
  const std::pair<const char*, const char*> cases[] = {
      {"/s", "stats.rows"},
      {"/s?rows=kommun", "stats.rows"},
      {"/s?rows=category&cols=vecka", "stats.cols"},
      {"/s?rows=category&from=2026-02-30", "stats.from"},
      {"/s?rows=category&from=1999-12-31", "stats.from"},
      {"/s?rows=category&to=2026-1-1", "stats.to"},
      {"/s?rows=category&unit_id=0", "stats.unit_id"},
      {"/s?rows=category&unit_id=1&unit_id=x", "stats.unit_id"},
      {"/s?rows=category&category=brand", "stats.category"},
      {"/s?rows=category&place=moon", "stats.place"},
      {"/s?rows=category&min_severity=0", "stats.min_severity"},
      {"/s?rows=category&outside=1", "stats.outside"},
      {"/s?rows=category&tied=ja", "stats.tied"},
      {"/s?rows=category&medians=yes", "stats.medians"},
  };
  for (const auto& [target, reason] : cases) {
    Result<StatsQuery> q = ParseStatsQuery(Get(target));
    EXPECT_EQ(q.status().reason(), reason) << target;
    EXPECT_EQ(q.status().code(), StatusCode::kInvalidArgument) << target;
  }
}

TEST(JsonStatsRequestsTest, KpiItemsCarryTheirIndexWhenBad) {
  Result<std::vector<KpiValue>> ok = ParseKpiPut(json::parse(R"({"items":[
      {"forvaltning_id":2,"kind":"personalrorlighet","group":"socialsekreterare","year":2025,"value":18.5},
      {"forvaltning_id":3,"kind":"konsulter","year":2025,"period":"april","value":4}]})"));
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  ASSERT_EQ(ok->size(), 2u);
  EXPECT_EQ((*ok)[0].group, KpiGroup::kSocialsekreterare);
  EXPECT_EQ((*ok)[0].period, KpiPeriod::kAr);
  EXPECT_DOUBLE_EQ((*ok)[0].value, 18.5);
  EXPECT_EQ((*ok)[1].group, KpiGroup::kAlla);
  EXPECT_EQ((*ok)[1].period, KpiPeriod::kApril);

  Result<std::vector<KpiValue>> bad = ParseKpiPut(json::parse(R"({"items":[
      {"forvaltning_id":2,"kind":"vfu","year":2025,"value":1},
      {"forvaltning_id":2,"kind":"vfu","year":2025,"value":"ett"}]})"));
  EXPECT_EQ(bad.status().reason(), "kpi.value");
  EXPECT_EQ(bad.status().detail(), "1");
  EXPECT_EQ(ParseKpiPut(json::parse(R"({"items":[{"kind":"vfu","year":2025,"value":1}]})"))
                .status()
                .reason(),
            "kpi.forvaltning_id");
  EXPECT_EQ(ParseKpiPut(
                json::parse(R"({"items":[{"forvaltning_id":1,"kind":"lon","year":1,"value":1}]})"))
                .status()
                .reason(),
            "kpi.kind");
  EXPECT_EQ(ParseKpiPut(json::parse(R"({"items":{}})")).status().reason(), "validation.type");
  EXPECT_EQ(ParseKpiPut(json::parse(R"({})")).status().reason(), "validation.required");
}

TEST(JsonStatsRequestsTest, AProfileKeepsWhatTheBodyLeavesOut) {
  UnitProfile stored;
  stored.unit_id = 5;
  stored.headcount = 10;
  stored.secure_rooms = 2;
  stored.coordinator_full_time = true;
  stored.alarm_tested_at = 1000;
  Result<UnitProfile> p = ParseUnitProfile(json::parse(R"({"headcount": 12})"), stored);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->headcount, 12);
  EXPECT_EQ(p->secure_rooms, 2);
  EXPECT_TRUE(p->coordinator_full_time);
  EXPECT_EQ(p->alarm_tested_at, 1000);
  p = ParseUnitProfile(json::parse(R"({"headcount": 12, "alarm_tested_at": null})"), stored);
  ASSERT_TRUE(p.ok());
  EXPECT_FALSE(p->alarm_tested_at.has_value());
  p = ParseUnitProfile(json::parse(R"({"headcount": 1, "alarm_tested_at": "2026-03-02"})"), stored);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->alarm_tested_at, *ParseDate("2026-03-02"));
  p = ParseUnitProfile(
      json::parse(R"({"headcount": 1, "alarm_tested_at": "2026-03-02T10:00:00+01:00"})"), stored);
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->alarm_tested_at, *ParseIso8601("2026-03-02T09:00:00Z"));
  EXPECT_EQ(ParseUnitProfile(json::parse(R"({"secure_rooms": 1})"), stored).status().detail(),
            "headcount");
  EXPECT_EQ(ParseUnitProfile(json::parse(R"({"headcount": 1, "alarm_tested_at": "igår"})"), stored)
                .status()
                .reason(),
            "validation.time");
}

TEST(JsonStatsRequestsTest, RoutinesAndTheirPatch) {
  Result<NewRoutine> r = ParseNewRoutine(
      json::parse(R"({"unit_id":4,"title":"Hot","owner_user_id":9,"revision_date":"2027-01-31"})"));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->revision_date, *ParseDate("2027-01-31"));
  EXPECT_EQ(r->summary, "");
  EXPECT_EQ(ParseNewRoutine(json::parse(R"({"unit_id":4,"title":"Hot","owner_user_id":9})"))
                .status()
                .detail(),
            "revision_date");
  Result<RoutinePatch> p =
      ParseRoutinePatch(json::parse(R"({"status":"arkiverad","new_version":true})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->status, RoutineStatus::kArkiverad);
  EXPECT_TRUE(p->new_version);
  EXPECT_FALSE(p->title.has_value());
  EXPECT_EQ(ParseRoutinePatch(json::parse(R"({"status":"gammal"})")).status().reason(),
            "validation.enum");
  EXPECT_EQ(ParseRoutineStatusQuery({{"status", "x"}}).status().reason(), "validation.enum");
}

TEST(JsonStatsRequestsTest, ExercisesFindingsAndTheirPatch) {
  Result<NewExercise> e = ParseNewExercise(json::parse(R"({
      "unit_id":4,"kind":"larmovning","held_on":"2026-05-04","scenario":"Larm",
      "findings":[{"text":"A","owner_user_id":3,"due_date":"2026-06-01"},{"text":"B","owner_user_id":null}]})"));
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->kind, ExerciseKind::kLarmovning);
  EXPECT_EQ(e->participants, 0);
  ASSERT_EQ(e->findings.size(), 2u);
  EXPECT_EQ(e->findings[0].owner_user_id, 3);
  EXPECT_FALSE(e->findings[1].owner_user_id.has_value());
  Result<NewExercise> bad = ParseNewExercise(json::parse(
      R"({"unit_id":4,"kind":"ovning","held_on":"2026-05-04","scenario":"x","findings":[{"text":"A"},{"text":3}]})"));
  EXPECT_EQ(bad.status().reason(), "validation.type");
  EXPECT_EQ(bad.status().detail(), "findings[1].text");

  Result<FindingPatch> clear =
      ParseFindingPatch(json::parse(R"({"owner_user_id":null,"due_date":null})"));
  ASSERT_TRUE(clear.ok());
  ASSERT_TRUE(clear->owner_user_id.has_value());
  EXPECT_FALSE(clear->owner_user_id->has_value());
  ASSERT_TRUE(clear->due_date.has_value());
  EXPECT_FALSE(clear->due_date->has_value());
  Result<FindingPatch> status = ParseFindingPatch(json::parse(R"({"status":"klar"})"));
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(status->status, FindingStatus::kKlar);
  EXPECT_FALSE(status->owner_user_id.has_value());
  EXPECT_FALSE(status->due_date.has_value());

  Result<ExerciseQuery> q = ParseExerciseQuery({{"unit_id", "4"}, {"from", "2026-01-01"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->units, std::vector<UnitId>{4});
  EXPECT_EQ(q->held_from, *ParseDate("2026-01-01"));
  EXPECT_EQ(q->limit, 100);
  EXPECT_EQ(ParseExerciseQuery({{"from", "igår"}}).status().reason(), "validation.date");
}

TEST(JsonStatsTest, HiddenFiguresAreNullAndMeasuresAreKeyed) {
  StatsTable t;
  t.row_dim = StatsDim::kCategory;
  t.col_dim = StatsDim::kNone;
  t.rows = {{"hot", "hot", std::nullopt}, {"vald", "vald", std::nullopt}};
  t.cols = {{"", "", std::nullopt}};
  for (auto& m : t.measures) m = Protect({7, 2}, 2, 1, 5);
  t.row_figures.resize(2);
  json j = StatsTableJson(t);
  EXPECT_EQ(j["rows_dim"], "category");
  EXPECT_EQ(j["cols_dim"], "none");
  ASSERT_TRUE(j["measures"].contains("support_on_time"));
  const json& count = j["measures"]["count"];
  ASSERT_EQ(count["cells"].size(), 2u);
  ASSERT_EQ(count["cells"][1].size(), 1u);
  EXPECT_TRUE(count["cells"][1][0].is_null());
  EXPECT_FALSE(j["rows"][0].contains("unit_id"));
  EXPECT_TRUE(j["total_figures"]["per_100"].is_null());
}

TEST(JsonStatsTest, ImportErrorsAreLocalisedPerLine) {
  std::vector<KpiLineError> errors = {{3, "kpi.duplicate", ""}, {4, "kpi.value", "varde"}};
  json sv = KpiImportErrorJson(errors, Lang::kSv);
  json en = KpiImportErrorJson(errors, Lang::kEn);
  EXPECT_EQ(sv["error"]["code"], "kpi.invalid_csv");
  ASSERT_EQ(sv["error"]["lines"].size(), 2u);
  EXPECT_EQ(sv["error"]["lines"][1]["line"], 4);
  EXPECT_EQ(sv["error"]["lines"][1]["column"], "varde");
  EXPECT_NE(sv["error"]["lines"][0]["message"], en["error"]["lines"][0]["message"]);
  for (const char* code :
       {"kpi.encoding", "kpi.header", "kpi.columns", "kpi.forvaltning", "kpi.kind", "kpi.group",
        "kpi.year", "kpi.period", "kpi.value", "kpi.duplicate", "kpi.empty", "kpi.invalid_csv"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
}

}  // namespace
}  // namespace trygg
