// Security headers, the session cookie and the CSRF check.
#include "http/security.h"

#include "core/crypto.h"

namespace trygg {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string CookieAttributes(bool secure) {
  std::string a = "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) a += "; Secure";
  return a;
}

}  // namespace

void AddSecurityHeaders(HttpResponse& res) {
  res.SetHeader("Content-Security-Policy", std::string(kContentSecurityPolicy));
  res.SetHeader("X-Content-Type-Options", "nosniff");
  res.SetHeader("X-Frame-Options", "DENY");
  res.SetHeader("Referrer-Policy", "no-referrer");
}

std::optional<std::string> SessionCookie(const HttpRequest& req) {
  for (const auto& [name, value] : req.headers) {
    if (!HeaderNameEquals(name, "Cookie")) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      const size_t semi = rest.find(';');
      std::string_view pair = Trim(rest.substr(0, semi));
      rest = semi == std::string_view::npos ? std::string_view() : rest.substr(semi + 1);
      const size_t eq = pair.find('=');
      if (eq == std::string_view::npos) continue;
      if (Trim(pair.substr(0, eq)) != kSessionCookieName) continue;
      std::string_view v = Trim(pair.substr(eq + 1));
      if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
      if (!v.empty()) return std::string(v);
    }
  }
  return std::nullopt;
}

std::string SessionCookieValue(std::string_view token, bool secure) {
  return std::string(kSessionCookieName) + "=" + std::string(token) + CookieAttributes(secure);
}

std::string ClearSessionCookieValue(bool secure) {
  return std::string(kSessionCookieName) + "=" + CookieAttributes(secure) +
         "; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT";
}

bool IsStateChanging(std::string_view method) {
  return method == "POST" || method == "PATCH" || method == "PUT" || method == "DELETE";
}

bool CsrfTokenValid(const HttpRequest& req, std::string_view expected) {
  auto got = req.Header(kCsrfHeader);
  if (!got || got->empty() || expected.empty()) return false;
  if (got->size() != expected.size()) return false;
  return ConstantTimeEquals(*got, expected);
}

bool IsJsonContentType(std::string_view content_type) {
  std::string_view media = Trim(content_type.substr(0, content_type.find(';')));
  return HeaderNameEquals(media, "application/json");
}

bool IsCsvContentType(std::string_view content_type) {
  std::string_view media = Trim(content_type.substr(0, content_type.find(';')));
  return HeaderNameEquals(media, "text/csv");
}

std::optional<std::string> BearerToken(const HttpRequest& req) {
  auto header = req.Header("Authorization");
  if (!header) return std::nullopt;
  std::string_view v = *header;
  constexpr std::string_view kScheme = "bearer ";
  if (v.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    const char c = v[i];
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (lower != kScheme[i]) return std::nullopt;
  }
  v = Trim(v.substr(kScheme.size()));
  if (v.empty()) return std::nullopt;
  return std::string(v);
}

}  // namespace trygg
