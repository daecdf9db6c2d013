// Router: the route table — method + path pattern with "{name}" parameters → handler.
#pragma once

#include <string>
#include <vector>

#include "http/call.h"

namespace trygg {

// What body a route takes.
enum class RouteBody {
  kJson,  // application/json, at most kMaxBodyBytes
  kCsv,   // text/csv, at most kMaxCsvBodyBytes (file imports)
};

// Whether a route needs a logged-in caller.
enum class RouteAccess {
  kPublic,   // anyone (login, healthz)
  kSession,  // a valid session; state-changing methods also need the CSRF header
  kDevice,   // a device: "Authorization: Bearer <token>" (no cookie, no CSRF); the
             // handler checks the token (BearerToken), the pipeline only its presence
};

struct Route {
  std::string method;   // "GET", "POST", "PATCH", "DELETE"
  std::string pattern;  // "/api/v1/incidents/{id}"
  RouteAccess access = RouteAccess::kSession;
  RouteHandler handler;
  RouteBody body = RouteBody::kJson;
};

struct RouteMatch {
  enum class Kind { kFound, kNotFound, kMethodNotAllowed };
  Kind kind = Kind::kNotFound;
  const Route* route = nullptr;      // when kFound
  PathParams params;                 // when kFound
  std::vector<std::string> allowed;  // when kMethodNotAllowed: methods the path takes
};

class Router {
 public:
  // Adds a route. A pattern is '/'-separated literal segments and "{name}"
  // segments; a "{name}" matches one non-empty segment.
  void Add(std::string method, std::string pattern, RouteAccess access, RouteHandler handler,
           RouteBody body = RouteBody::kJson);

  // Finds the route for `method` and `path` (raw, not yet percent-decoded).
  // HEAD matches GET routes. kMethodNotAllowed when the path matches some
  // route but none with this method; kNotFound when no pattern matches or a
  // parameter is not valid percent-encoding.
  RouteMatch Match(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace trygg
