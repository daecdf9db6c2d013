// Request/response security rules: headers on every response, the session cookie, CSRF.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "http/http_types.h"

namespace trygg {

inline constexpr std::string_view kSessionCookieName = "trygg_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";
// Request bodies larger than this are refused with 413 "request.too_large".
inline constexpr size_t kMaxBodyBytes = 64 * 1024;
// The limit for routes that take a CSV file (RouteBody::kCsv), and so the most
// the server reads of any body.
inline constexpr size_t kMaxCsvBodyBytes = 1024 * 1024;

inline constexpr std::string_view kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

// Adds CSP, X-Content-Type-Options, X-Frame-Options and Referrer-Policy.
void AddSecurityHeaders(HttpResponse& res);

// The value of the trygg_session cookie in the request's Cookie header(s).
std::optional<std::string> SessionCookie(const HttpRequest& req);

// The token of an "Authorization: Bearer <token>" header (scheme in any
// case); nullopt when absent, another scheme or empty.
std::optional<std::string> BearerToken(const HttpRequest& req);

// A Set-Cookie value carrying `token` (HttpOnly; SameSite=Strict; Path=/;
// Secure when `secure`). A browser-session cookie: the server expires it.
std::string SessionCookieValue(std::string_view token, bool secure);
// A Set-Cookie value that deletes the session cookie.
std::string ClearSessionCookieValue(bool secure);

// True when the media type (before any ';') is text/csv.
bool IsCsvContentType(std::string_view content_type);

// True for POST, PATCH, PUT and DELETE.
bool IsStateChanging(std::string_view method);

// True when the request's X-CSRF-Token equals `expected` (compared in
// constant time). False when either is missing or empty.
bool CsrfTokenValid(const HttpRequest& req, std::string_view expected);

// True when a Content-Type header value names application/json (parameters
// such as charset allowed, any case).
bool IsJsonContentType(std::string_view content_type);

}  // namespace trygg
