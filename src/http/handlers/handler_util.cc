// Shared handler helpers.
#include "http/handlers/handler_util.h"

#include "app/app.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"

namespace trygg {

HttpResponse JsonResponse(int status, const nlohmann::json& body) {
  HttpResponse res;
  res.status = status;
  res.SetHeader("Content-Type", "application/json; charset=utf-8");
  res.body = DumpJson(body);
  return res;
}

HttpResponse NoContent() {
  HttpResponse res;
  res.status = 204;
  return res;
}

Result<nlohmann::json> BodyObject(const Call& call) { return ParseJsonObject(call.request.body); }

Result<int64_t> PathId(const Call& call, const char* name) {
  auto it = call.params.find(name);
  if (it == call.params.end()) return Status::NotFound("not_found");
  return ParsePathId(it->second);
}

std::string DisplayNameOf(App& app, UserId id) {
  auto tx = app.context().store.BeginRead();
  if (!tx.ok()) return {};
  Result<User> user = (*tx)->GetUser(id);
  return user.ok() ? user->display_name : std::string();
}

}  // namespace trygg
