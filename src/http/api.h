// HttpApi: the whole request pipeline as a plain function of an HttpRequest.
//
// It knows nothing of sockets: the server (server.h) and the tests call
// Handle() alike. Order for API paths (/api/…, /healthz): body limit (413),
// route match (404/405), Content-Type for bodies (415), session (401), CSRF
// for state-changing methods (403), handler. Every response gets the security
// headers; API responses also Cache-Control: no-store. One log line per
// request: method, route pattern, status, duration.
#pragma once

#include <filesystem>
#include <memory>

#include "http/http_types.h"
#include "http/router.h"
#include "http/static_files.h"

namespace trygg {

class App;

struct ApiConfig {
  std::filesystem::path web_dir = "web/dist";
  bool secure_cookies = false;
};

class HttpApi {
 public:
  // `app` must outlive the HttpApi. Registers every route.
  HttpApi(App& app, ApiConfig config);

  // Handles one request; never throws. Thread-safe as far as the App is.
  HttpResponse Handle(const HttpRequest& req) const;

  // The 413 response the server sends when a body exceeds kMaxBodyBytes before
  // it is read completely.
  static HttpResponse TooLarge(const HttpRequest& req);

  // The largest body the route for `method` and `path` (no query) takes:
  // kMaxCsvBodyBytes for a CSV route, else kMaxBodyBytes.
  size_t MaxBodyBytes(std::string_view method, std::string_view path) const;

  const Router& router() const { return router_; }

 private:
  HttpResponse HandleApi(const HttpRequest& req, std::string* route_label) const;
  HttpResponse Dispatch(const HttpRequest& req, const RouteMatch& match) const;

  App& app_;
  ApiConfig config_;
  Router router_;
  StaticFiles static_files_;
};

// The body limit of a matched route (kMaxBodyBytes when none matched).
size_t BodyLimit(const RouteMatch& match);

// True when `path` is served by the API rather than the web app.
bool IsApiPath(std::string_view path);

}  // namespace trygg
