// Routes: routines (rutiner) and their acknowledgements, and exercises with
// their findings.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_stats.h"
#include "http/json_stats_requests.h"

namespace trygg {
namespace {

nlohmann::json RoutineItems(const std::vector<RoutineView>& views) {
  nlohmann::json items = nlohmann::json::array();
  for (const RoutineView& v : views) items.push_back(RoutineJson(v));
  return {{"items", std::move(items)}};
}

Result<HttpResponse> ListRoutines(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::optional<RoutineStatus> status,
                         ParseRoutineStatusQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineView> views,
                         call.app.routines().List(Who(call), status));
  return JsonResponse(200, RoutineItems(views));
}

Result<HttpResponse> PendingRoutines(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineView> views, call.app.routines().Pending(Who(call)));
  return JsonResponse(200, RoutineItems(views));
}

Result<HttpResponse> CreateRoutine(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewRoutine in, ParseNewRoutine(body));
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, call.app.routines().Create(Who(call), in));
  return JsonResponse(201, RoutineJson(v));
}

Result<HttpResponse> GetRoutine(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, call.app.routines().Get(Who(call), id));
  return JsonResponse(200, RoutineJson(v));
}

Result<HttpResponse> PatchRoutine(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(RoutinePatch patch, ParseRoutinePatch(body));
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, call.app.routines().Update(Who(call), id, patch));
  return JsonResponse(200, RoutineJson(v));
}

Result<HttpResponse> AcknowledgeRoutine(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, call.app.routines().Acknowledge(Who(call), id));
  return JsonResponse(200, RoutineJson(v));
}

Result<HttpResponse> ListExercises(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(ExerciseQuery query, ParseExerciseQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<ExerciseView> views,
                         call.app.exercises().List(Who(call), query));
  nlohmann::json items = nlohmann::json::array();
  for (const ExerciseView& v : views) items.push_back(ExerciseJson(v));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> CreateExercise(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewExercise in, ParseNewExercise(body));
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, call.app.exercises().Create(Who(call), in));
  return JsonResponse(201, ExerciseJson(v));
}

Result<HttpResponse> GetExercise(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, call.app.exercises().Get(Who(call), id));
  return JsonResponse(200, ExerciseJson(v));
}

Result<HttpResponse> AddFinding(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewFinding in, ParseNewFinding(body));
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, call.app.exercises().AddFinding(Who(call), id, in));
  return JsonResponse(201, ExerciseJson(v));
}

Result<HttpResponse> PatchFinding(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(int64_t fid, PathId(call, "fid"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(FindingPatch patch, ParseFindingPatch(body));
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v,
                         call.app.exercises().UpdateFinding(Who(call), id, fid, patch));
  return JsonResponse(200, ExerciseJson(v));
}

}  // namespace

void AddRoutineRoutes(Router& r) {
  const std::string routines = std::string(kApi) + "/routines";
  r.Add("GET", routines, RouteAccess::kSession, ListRoutines);
  r.Add("GET", routines + "/pending", RouteAccess::kSession, PendingRoutines);
  r.Add("POST", routines, RouteAccess::kSession, CreateRoutine);
  r.Add("GET", routines + "/{id}", RouteAccess::kSession, GetRoutine);
  r.Add("PATCH", routines + "/{id}", RouteAccess::kSession, PatchRoutine);
  r.Add("POST", routines + "/{id}/acknowledge", RouteAccess::kSession, AcknowledgeRoutine);
  const std::string exercises = std::string(kApi) + "/exercises";
  r.Add("GET", exercises, RouteAccess::kSession, ListExercises);
  r.Add("POST", exercises, RouteAccess::kSession, CreateExercise);
  r.Add("GET", exercises + "/{id}", RouteAccess::kSession, GetExercise);
  r.Add("POST", exercises + "/{id}/findings", RouteAccess::kSession, AddFinding);
  r.Add("PATCH", exercises + "/{id}/findings/{fid}", RouteAccess::kSession, PatchFinding);
}

}  // namespace trygg
