// Routes: security plans (säkerhetsplanering), their measures, and the
// decisions logged under a protected case's routine.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_risk.h"
#include "http/json_risk_requests.h"

namespace trygg {
namespace {

HttpResponse PlanResponse(int status, const SecurityPlanView& v) {
  return JsonResponse(status, SecurityPlanJson(v, PlanShape::kFull));
}

Result<HttpResponse> ListPlans(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(PlanQuery query, ParsePlanQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<SecurityPlanView> plans,
                         call.app.plans().List(Who(call), query));
  nlohmann::json items = nlohmann::json::array();
  for (const SecurityPlanView& v : plans) items.push_back(SecurityPlanJson(v, PlanShape::kRow));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> CreatePlan(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewSecurityPlan in, ParseNewSecurityPlan(body));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, call.app.plans().Create(Who(call), in));
  return PlanResponse(201, v);
}

Result<HttpResponse> GetPlan(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, call.app.plans().Get(Who(call), id));
  return PlanResponse(200, v);
}

Result<HttpResponse> PatchPlan(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(PlanPatchRequest req, ParsePlanPatch(body));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v,
                         call.app.plans().Update(Who(call), id, req.patch, req.version));
  return PlanResponse(200, v);
}

Result<HttpResponse> AddPlanMeasure(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewPlanMeasure in, ParseNewPlanMeasure(body));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, call.app.plans().AddMeasure(Who(call), id, in));
  return PlanResponse(201, v);
}

Result<HttpResponse> PatchPlanMeasure(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(int64_t mid, PathId(call, "mid"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(MeasureStatus status, ParsePlanMeasureStatus(body));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v,
                         call.app.plans().SetMeasureStatus(Who(call), id, mid, status));
  return PlanResponse(200, v);
}

Result<HttpResponse> LogPlanDecision(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(std::string text, ParsePlanDecision(body));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, call.app.plans().LogDecision(Who(call), id, text));
  return PlanResponse(201, v);
}

}  // namespace

void AddPlanRoutes(Router& r) {
  const std::string plans = std::string(kApi) + "/security-plans";
  r.Add("GET", plans, RouteAccess::kSession, ListPlans);
  r.Add("POST", plans, RouteAccess::kSession, CreatePlan);
  r.Add("GET", plans + "/{id}", RouteAccess::kSession, GetPlan);
  r.Add("PATCH", plans + "/{id}", RouteAccess::kSession, PatchPlan);
  r.Add("POST", plans + "/{id}/measures", RouteAccess::kSession, AddPlanMeasure);
  r.Add("PATCH", plans + "/{id}/measures/{mid}", RouteAccess::kSession, PatchPlanMeasure);
  r.Add("POST", plans + "/{id}/decisions", RouteAccess::kSession, LogPlanDecision);
}

}  // namespace trygg
