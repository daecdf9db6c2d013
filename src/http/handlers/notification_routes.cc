// Routes: /notifications — the caller's own notifications and their read state.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_followup.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

Result<int64_t> QueryInt(const QueryParams& q, const char* name, int64_t fallback) {
  auto it = q.find(name);
  if (it == q.end()) return fallback;
  Result<int64_t> v = ParsePathId(it->second);
  if (!v.ok()) return Status::InvalidArgument("validation.range", name);
  return v;
}

Result<HttpResponse> List(const Call& call) {
  const QueryParams& q = call.request.query;
  auto unread = q.find("unread");
  if (unread != q.end() && unread->second != "true" && unread->second != "false") {
    return Status::InvalidArgument("validation.type", "unread");
  }
  TRYGG_ASSIGN_OR_RETURN(int64_t before, QueryInt(q, "before", 0));
  TRYGG_ASSIGN_OR_RETURN(int64_t limit, QueryInt(q, "limit", 30));
  TRYGG_ASSIGN_OR_RETURN(
      NotificationPage page,
      call.app.notifications().List(Who(call), unread != q.end() && unread->second == "true",
                                    before, static_cast<int>(std::min<int64_t>(limit, 1000))));
  nlohmann::json items = nlohmann::json::array();
  for (const NotificationItem& item : page.items) items.push_back(NotificationJson(item));
  return JsonResponse(200, {{"items", std::move(items)}, {"unread", page.unread}});
}

Result<HttpResponse> MarkRead(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_RETURN_IF_ERROR(call.app.notifications().MarkRead(Who(call), id));
  return NoContent();
}

Result<HttpResponse> MarkAllRead(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t changed, call.app.notifications().MarkAllRead(Who(call)));
  return JsonResponse(200, {{"changed", changed}});
}

}  // namespace

void AddNotificationRoutes(Router& r) {
  const std::string base = std::string(kApi) + "/notifications";
  r.Add("GET", base, RouteAccess::kSession, List);
  r.Add("POST", base + "/read-all", RouteAccess::kSession, MarkAllRead);
  r.Add("POST", base + "/{id}/read", RouteAccess::kSession, MarkRead);
}

}  // namespace trygg
