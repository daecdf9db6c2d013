// Routes: GET/POST /units, PATCH /units/{id}.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

Result<HttpResponse> ListUnits(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, call.app.org().List(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const OrgUnit& u : units) items.push_back(UnitJson(u));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> CreateUnit(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(OrgUnit in, ParseNewUnit(body));
  TRYGG_ASSIGN_OR_RETURN(OrgUnit unit, call.app.org().Create(&Who(call), in));
  return JsonResponse(201, UnitJson(unit));
}

Result<HttpResponse> RenameUnit(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(std::string name, ParseUnitRename(body));
  TRYGG_ASSIGN_OR_RETURN(OrgUnit unit, call.app.org().Rename(Who(call), id, name));
  return JsonResponse(200, UnitJson(unit));
}

}  // namespace

void AddOrgRoutes(Router& r) {
  const std::string base = std::string(kApi) + "/units";
  r.Add("GET", base, RouteAccess::kSession, ListUnits);
  r.Add("POST", base, RouteAccess::kSession, CreateUnit);
  r.Add("PATCH", base + "/{id}", RouteAccess::kSession, RenameUnit);
}

}  // namespace trygg
