// Routes: GET /healthz, POST /auth/login, POST /auth/logout, GET /me.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"
#include "http/security.h"

namespace trygg {
namespace {

Result<HttpResponse> Healthz(const Call&) { return JsonResponse(200, {{"status", "ok"}}); }

Result<HttpResponse> Login(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(LoginRequest in, ParseLogin(body));
  TRYGG_ASSIGN_OR_RETURN(LoginResult login, call.app.auth().Login(in.username, in.password,
                                                                  call.request.remote_address));
  TRYGG_ASSIGN_OR_RETURN(Principal who, call.app.auth().Authenticate(login.session_token));
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants me, call.app.users().Me(who));
  HttpResponse res =
      JsonResponse(200, {{"user", MeJson(me, login.csrf_token)}, {"csrf_token", login.csrf_token}});
  res.AddHeader("Set-Cookie", SessionCookieValue(login.session_token, call.secure_cookies));
  return res;
}

// Ends the caller's session (the pipeline has checked session and CSRF).
Result<HttpResponse> Logout(const Call& call) {
  std::optional<std::string> token = SessionCookie(call.request);
  if (token) TRYGG_RETURN_IF_ERROR(call.app.auth().Logout(*token));
  HttpResponse res = NoContent();
  res.AddHeader("Set-Cookie", ClearSessionCookieValue(call.secure_cookies));
  return res;
}

Result<HttpResponse> GetMe(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants me, call.app.users().Me(Who(call)));
  return JsonResponse(200, MeJson(me, Who(call).csrf_token));
}

}  // namespace

void AddHealthRoutes(Router& r) { r.Add("GET", "/healthz", RouteAccess::kPublic, Healthz); }

void AddAuthRoutes(Router& r) {
  const std::string base = kApi;
  r.Add("POST", base + "/auth/login", RouteAccess::kPublic, Login);
  r.Add("POST", base + "/auth/logout", RouteAccess::kSession, Logout);
  r.Add("GET", base + "/me", RouteAccess::kSession, GetMe);
}

}  // namespace trygg
