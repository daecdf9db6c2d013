// Issue 6 request bodies and queries → app input: statistics queries, KPI
// values, unit profiles, routines and exercises. Parsers check JSON types and
// codes; the services check the business rules ("stats.*", "kpi.*",
// "routine.*", "exercise.*", "finding.*", "profile.*").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "app/exercise_service.h"
#include "app/kpi_service.h"
#include "app/routine_service.h"
#include "app/stats_service.h"
#include "http/http_types.h"
#include "http/json_requests.h"

namespace trygg {

// GET /stats/incidents: rows* and cols? (dims; cols default none), from?/to?
// (Stockholm days YYYY-MM-DD, to exclusive), unit_id?, category?, place?
// (each repeatable), min_severity? (1–4), outside?/tied?/medians? ("true" or
// "false"). InvalidArgument("stats.<param>") names the bad parameter; the
// service checks the dims' combination ("stats.dims") and the range ("stats.range").
Result<StatsQuery> ParseStatsQuery(const HttpRequest& req);

// PUT /kpis: {"items":[{forvaltning_id*, kind*, group?, year*, period?, value*}]}.
// InvalidArgument("kpi.<field>", "<index>") for the first bad item (the field
// as the contract names it); ("validation.*", "items") when items is not an array.
Result<std::vector<KpiValue>> ParseKpiPut(const nlohmann::json& body);

// PUT /unit-profiles/{unit_id}: {headcount*, secure_rooms?, coordinator_full_time?,
// alarm_tested_at?|null} over `current` (the stored profile, or a fresh one):
// members absent keep their value. alarm_tested_at: a time with offset or a
// date (midnight UTC).
Result<UnitProfile> ParseUnitProfile(const nlohmann::json& body, UnitProfile current);

// GET /routines: status? (aktiv|arkiverad).
Result<std::optional<RoutineStatus>> ParseRoutineStatusQuery(const QueryParams& query);
// {unit_id*, title*, summary?, document_url?, owner_user_id*, revision_date*}
Result<NewRoutine> ParseNewRoutine(const nlohmann::json& body);
// {title?, summary?, document_url?, owner_user_id?, revision_date?, status?, new_version?}
Result<RoutinePatch> ParseRoutinePatch(const nlohmann::json& body);

// GET /exercises: unit_id?, from? (YYYY-MM-DD), limit? (1–1000, default 100), offset?.
Result<ExerciseQuery> ParseExerciseQuery(const QueryParams& query);
// {unit_id*, kind*, held_on*, scenario*, participants?, notes?, findings?:[NewFinding]}
Result<NewExercise> ParseNewExercise(const nlohmann::json& body);
// {text*, owner_user_id?, due_date?}
Result<NewFinding> ParseNewFinding(const nlohmann::json& body);
// {status?, owner_user_id?|null, due_date?|null}
Result<FindingPatch> ParseFindingPatch(const nlohmann::json& body);

}  // namespace trygg
