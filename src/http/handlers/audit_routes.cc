// Routes: GET /audit, GET /audit/verify.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_mapping.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

Result<HttpResponse> ListAudit(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(AuditQuery q, ParseAuditQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<AuditRecord> records,
                         call.app.audit().List(Who(call), q.after, q.limit));
  nlohmann::json items = nlohmann::json::array();
  for (const AuditRecord& r : records) items.push_back(AuditRecordJson(r));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> VerifyAudit(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(AuditVerification v, call.app.audit().Verify(&Who(call)));
  return JsonResponse(200, AuditVerificationJson(v));
}

}  // namespace

void AddAuditRoutes(Router& r) {
  const std::string base = std::string(kApi) + "/audit";
  r.Add("GET", base, RouteAccess::kSession, ListAudit);
  r.Add("GET", base + "/verify", RouteAccess::kSession, VerifyAudit);
}

}  // namespace trygg
