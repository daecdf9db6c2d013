// Routes: /users (admin), /users/{id}/grants (admin), GET /colleagues.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

Result<HttpResponse> ListUsers(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<UserWithGrants> users, call.app.users().List(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const UserWithGrants& u : users) items.push_back(AdminUserJson(u));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> CreateUser(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewUser in, ParseNewUser(body));
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants user, call.app.users().Create(&Who(call), in));
  return JsonResponse(201, AdminUserJson(user));
}

Result<HttpResponse> UpdateUser(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(UserPatch patch, ParseUserPatch(body));
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants user, call.app.users().Update(Who(call), id, patch));
  return JsonResponse(200, AdminUserJson(user));
}

Result<HttpResponse> AddGrant(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(GrantRequest in, ParseGrant(body));
  TRYGG_ASSIGN_OR_RETURN(RoleGrant grant,
                         call.app.users().Grant(&Who(call), id, in.role, in.unit_id));
  return JsonResponse(201, GrantJson(grant));
}

Result<HttpResponse> RevokeGrant(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(int64_t grant_id, PathId(call, "grant_id"));
  TRYGG_RETURN_IF_ERROR(call.app.users().Revoke(Who(call), id, grant_id));
  return NoContent();
}

Result<HttpResponse> ListColleagues(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<Colleague> list, call.app.users().Colleagues(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const Colleague& c : list) items.push_back(ColleagueJson(c));
  return JsonResponse(200, {{"items", std::move(items)}});
}

}  // namespace

void AddUserRoutes(Router& r) {
  const std::string base = std::string(kApi) + "/users";
  r.Add("GET", base, RouteAccess::kSession, ListUsers);
  r.Add("POST", base, RouteAccess::kSession, CreateUser);
  r.Add("PATCH", base + "/{id}", RouteAccess::kSession, UpdateUser);
  r.Add("POST", base + "/{id}/grants", RouteAccess::kSession, AddGrant);
  r.Add("DELETE", base + "/{id}/grants/{grant_id}", RouteAccess::kSession, RevokeGrant);
  r.Add("GET", std::string(kApi) + "/colleagues", RouteAccess::kSession, ListColleagues);
}

}  // namespace trygg
