// The request pipeline: security checks, session, routing, error mapping, logging.
#include "http/api.h"

#include <chrono>
#include <exception>

#include "app/app.h"
#include "app/retry.h"
#include "core/text.h"
#include "http/handlers/routes.h"
#include "http/json_alarm.h"
#include "http/log.h"
#include "http/security.h"
#include "http/status_http.h"

namespace trygg {
namespace {

// Runs of a request whose transaction the database aborted as retryable.
constexpr int kRequestAttempts = 3;

Lang RequestLang(const HttpRequest& req) {
  auto header = req.Header("Accept-Language");
  return header ? LangFromAcceptLanguage(*header) : Lang::kSv;
}

}  // namespace

size_t BodyLimit(const RouteMatch& match) {
  const bool csv = match.kind == RouteMatch::Kind::kFound && match.route->body == RouteBody::kCsv;
  return csv ? kMaxCsvBodyBytes : kMaxBodyBytes;
}

size_t HttpApi::MaxBodyBytes(std::string_view method, std::string_view path) const {
  if (!IsApiPath(path)) return kMaxBodyBytes;
  return BodyLimit(router_.Match(method, path));
}

bool IsApiPath(std::string_view path) {
  return path == "/api" || path.rfind("/api/", 0) == 0 || path == "/healthz";
}

HttpApi::HttpApi(App& app, ApiConfig config)
    : app_(app), config_(std::move(config)), static_files_(config_.web_dir) {
  AddHealthRoutes(router_);
  AddAuthRoutes(router_);
  AddOrgRoutes(router_);
  AddUserRoutes(router_);
  AddIncidentRoutes(router_);
  AddAuditRoutes(router_);
  AddFollowupRoutes(router_);
  AddNotificationRoutes(router_);
  AddRiskRoutes(router_);
  AddPlanRoutes(router_);
  AddStatsRoutes(router_);
  AddRoutineRoutes(router_);
  AddAlarmRoutes(router_);
  // What a screen's event stream is sent for one alarm event (formatted once
  // per event, whatever the number of screens).
  app_.alarm_hub().SetFormatter(AlarmSseMessage);
}

HttpResponse HttpApi::TooLarge(const HttpRequest& req) {
  HttpResponse res = HttpErrorResponse(413, "request.too_large", RequestLang(req));
  res.SetHeader("Cache-Control", "no-store");
  AddSecurityHeaders(res);
  return res;
}

HttpResponse HttpApi::Handle(const HttpRequest& req) const {
  const auto start = std::chrono::steady_clock::now();
  std::string label;
  HttpResponse res;
  if (IsApiPath(req.path)) {
    res = HandleApi(req, &label);
    res.SetHeader("Cache-Control", "no-store");
  } else {
    label = "static";
    res = static_files_.Serve(req.method, req.path);
  }
  AddSecurityHeaders(res);
  const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                          std::chrono::steady_clock::now() - start)
                          .count();
  LogLine(req.method + " " + label + " " + std::to_string(res.status) + " " +
          std::to_string(micros / 1000) + "." + std::to_string((micros / 100) % 10) + "ms");
  return res;
}

HttpResponse HttpApi::HandleApi(const HttpRequest& req, std::string* route_label) const {
  const Lang lang = RequestLang(req);
  *route_label = "unmatched";
  if (req.body.size() > kMaxCsvBodyBytes) {
    return HttpErrorResponse(413, "request.too_large", lang);
  }
  RouteMatch match = router_.Match(req.method, req.path);
  if (req.body.size() > BodyLimit(match)) return HttpErrorResponse(413, "request.too_large", lang);
  if (match.kind == RouteMatch::Kind::kNotFound) {
    return HttpErrorResponse(404, "route.not_found", lang);
  }
  if (match.kind == RouteMatch::Kind::kMethodNotAllowed) {
    HttpResponse res = HttpErrorResponse(405, "request.method_not_allowed", lang);
    res.SetHeader("Allow", JoinText(match.allowed, ", "));
    return res;
  }
  *route_label = match.route->pattern;
  if (!req.body.empty()) {
    auto type = req.Header("Content-Type");
    if (match.route->body == RouteBody::kCsv) {
      if (!type || !IsCsvContentType(*type)) {
        return HttpErrorResponse(415, "request.csv_expected", lang);
      }
    } else if (!type || !IsJsonContentType(*type)) {
      return HttpErrorResponse(415, "request.unsupported_media_type", lang);
    }
  }
  try {
    return Dispatch(req, match);
  } catch (const std::exception& e) {
    return ErrorResponse(Status::Internal(std::string("exception: ") + e.what()), lang);
  } catch (...) {
    return ErrorResponse(Status::Internal("unknown exception"), lang);
  }
}

HttpResponse HttpApi::Dispatch(const HttpRequest& req, const RouteMatch& match) const {
  const Lang lang = RequestLang(req);
  std::optional<Principal> principal;
  if (match.route->access == RouteAccess::kSession) {
    std::optional<std::string> token = SessionCookie(req);
    if (!token) return ErrorResponse(Status::Unauthenticated("auth.no_session"), lang);
    Result<Principal> who = app_.auth().Authenticate(*token);
    if (!who.ok()) return ErrorResponse(who.status(), lang);
    principal = std::move(who).value();
    if (IsStateChanging(req.method) && !CsrfTokenValid(req, principal->csrf_token)) {
      return ErrorResponse(Status::PermissionDenied("auth.csrf"), lang);
    }
  }
  if (match.route->access == RouteAccess::kDevice && !BearerToken(req)) {
    return ErrorResponse(Status::Unauthenticated("alarm.device_token"), lang);
  }
  Call call{req,  match.params, principal ? &*principal : nullptr,
            app_, lang,         config_.secure_cookies};
  // A transaction the database aborted (serialization failure, deadlock)
  // committed nothing, so the whole request may run again.
  Result<HttpResponse> res =
      RetryTransient(kRequestAttempts, [&] { return match.route->handler(call); });
  if (!res.ok()) return ErrorResponse(res.status(), lang);
  return std::move(res).value();
}

}  // namespace trygg
