// Status → HTTP code and JSON error body.
#include "http/status_http.h"

#include <nlohmann/json.hpp>

#include "http/log.h"

namespace trygg {
namespace {

// A detail that looks like a field name ("unit_id", "exposed_user_ids.2"),
// not free text from a lower layer.
bool LooksLikeField(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  bool has_letter = false;
  for (char c : s) {
    const bool letter = (c >= 'a' && c <= 'z') || c == '_';
    const bool ok = letter || (c >= '0' && c <= '9') || c == '.' || c == '[' || c == ']';
    if (!ok) return false;
    has_letter |= letter;
  }
  return has_letter;
}

HttpResponse JsonError(int http_status, std::string_view reason, std::string message,
                       std::string_view field) {
  nlohmann::json error = {{"code", reason}, {"message", std::move(message)}};
  if (!field.empty()) error["field"] = field;
  HttpResponse res;
  res.status = http_status;
  res.SetHeader("Content-Type", "application/json; charset=utf-8");
  res.body = nlohmann::json{{"error", std::move(error)}}.dump();
  return res;
}

StatusCode CodeForHttp(int http_status) {
  switch (http_status) {
    case 400:
      return StatusCode::kInvalidArgument;
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
      return StatusCode::kNotFound;
    case 409:
      return StatusCode::kConflict;
    case 429:
      return StatusCode::kResourceExhausted;
    case 503:
      return StatusCode::kUnavailable;
    default:
      return StatusCode::kInternal;
  }
}

}  // namespace

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kConflict:
      return 409;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kOk:
    case StatusCode::kInternal:
      break;
  }
  return 500;
}

HttpResponse ErrorResponse(const Status& status, Lang lang) {
  const StatusCode code = status.ok() ? StatusCode::kInternal : status.code();
  // Identifiers of people are refused until the installation has a
  // pseudonymisation key: a configuration gap of the service, not of the request.
  if (status.reason() == "subject.not_configured") {
    return JsonError(503, status.reason(), LocalisedMessage(status.reason(), code, lang), {});
  }
  const int http_status = HttpStatusFor(code);
  if (http_status == 500) {
    LogLine("internal error: " + status.ToString());
    return JsonError(500, "internal", LocalisedMessage("internal", code, lang), {});
  }
  if (code == StatusCode::kUnavailable) {
    LogLine("unavailable: " + status.ToString());
  }
  std::string_view field;
  if ((code == StatusCode::kInvalidArgument || code == StatusCode::kAlreadyExists) &&
      LooksLikeField(status.detail())) {
    field = status.detail();
  }
  HttpResponse res =
      JsonError(http_status, status.reason(), LocalisedMessage(status.reason(), code, lang), field);
  if (code == StatusCode::kUnavailable) res.SetHeader("Retry-After", "1");
  return res;
}

HttpResponse HttpErrorResponse(int http_status, std::string_view reason, Lang lang,
                               std::string_view field) {
  return JsonError(http_status, reason, LocalisedMessage(reason, CodeForHttp(http_status), lang),
                   field);
}

}  // namespace trygg
