// Route matching by segments.
#include "http/router.h"

#include <algorithm>

namespace trygg {
namespace {

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    const size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view seg) {
  return seg.size() > 2 && seg.front() == '{' && seg.back() == '}';
}

// True when `path` fits `pattern`; fills `params` (decoded). `bad` is set when
// a parameter's encoding is malformed.
bool Fits(std::string_view pattern, const std::vector<std::string_view>& path, PathParams* params,
          bool* bad) {
  const std::vector<std::string_view> pat = Segments(pattern);
  if (pat.size() != path.size()) return false;
  PathParams out;
  for (size_t i = 0; i < pat.size(); ++i) {
    if (IsParam(pat[i])) {
      if (path[i].empty()) return false;
      auto value = PercentDecode(path[i], false);
      if (!value) {
        *bad = true;
        return false;
      }
      out[std::string(pat[i].substr(1, pat[i].size() - 2))] = std::move(*value);
    } else if (pat[i] != path[i]) {
      return false;
    }
  }
  *params = std::move(out);
  return true;
}

}  // namespace

void Router::Add(std::string method, std::string pattern, RouteAccess access, RouteHandler handler,
                 RouteBody body) {
  routes_.push_back(Route{std::move(method), std::move(pattern), access, std::move(handler), body});
}

RouteMatch Router::Match(std::string_view method, std::string_view path) const {
  const std::string_view want = method == "HEAD" ? std::string_view("GET") : method;
  const std::vector<std::string_view> segments = Segments(path);
  RouteMatch result;
  for (const Route& route : routes_) {
    PathParams params;
    bool bad = false;
    if (!Fits(route.pattern, segments, &params, &bad)) continue;
    if (route.method == want) {
      result.kind = RouteMatch::Kind::kFound;
      result.route = &route;
      result.params = std::move(params);
      result.allowed.clear();
      return result;
    }
    if (std::find(result.allowed.begin(), result.allowed.end(), route.method) ==
        result.allowed.end()) {
      result.allowed.push_back(route.method);
    }
  }
  result.kind =
      result.allowed.empty() ? RouteMatch::Kind::kNotFound : RouteMatch::Kind::kMethodNotAllowed;
  return result;
}

}  // namespace trygg
