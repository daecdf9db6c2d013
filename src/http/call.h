// Call: everything a route handler gets — the request, path parameters, caller and app.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "core/result.h"
#include "http/http_types.h"
#include "http/messages.h"

namespace trygg {

class App;
struct Principal;

using PathParams = std::map<std::string, std::string>;

struct Call {
  const HttpRequest& request;
  PathParams params;           // from "{name}" segments, percent-decoded
  const Principal* principal;  // non-null on session routes
  App& app;
  Lang lang;
  bool secure_cookies = false;  // add Secure to Set-Cookie
};

// A route handler returns the response, or a Status the pipeline turns into
// the JSON error (status_http.h).
using RouteHandler = std::function<Result<HttpResponse>(const Call&)>;

}  // namespace trygg
