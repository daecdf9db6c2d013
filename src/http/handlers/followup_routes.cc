// Routes: an incident's follow-up (police report, draft, authority notices), rule breaches,
// rules, and a förvaltning's contact details.
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_followup.h"
#include "http/json_followup_requests.h"
#include "http/json_mapping.h"

namespace trygg {
namespace {

// A path segment naming an enum code; NotFound when it names nothing.
template <typename Parse>
auto PathCode(const Call& call, const char* name, Parse parse)
    -> Result<typename decltype(parse(std::string_view()))::value_type> {
  auto it = call.params.find(name);
  if (it == call.params.end()) return Status::NotFound("not_found");
  auto value = parse(it->second);
  if (!value) return Status::NotFound("not_found");
  return *value;
}

Result<HttpResponse> PutPoliceReport(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(PoliceReportInput in, ParsePoliceReport(body));
  TRYGG_ASSIGN_OR_RETURN(PoliceReport r, call.app.followup().PutPoliceReport(Who(call), id, in));
  const std::string name = r.reported_by ? DisplayNameOf(call.app, *r.reported_by) : "";
  return JsonResponse(200, PoliceReportJson(r, name));
}

Result<HttpResponse> GetPoliceDraft(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(PoliceReportDraft d, call.app.followup().Draft(Who(call), id));
  return JsonResponse(200, PoliceDraftJson(d));
}

Result<HttpResponse> PutNotice(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(Authority authority, PathCode(call, "authority", ParseAuthority));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(AuthorityNotice in, ParseAuthorityNotice(body, authority));
  TRYGG_ASSIGN_OR_RETURN(AuthorityNotice n, call.app.followup().PutNotice(Who(call), id, in));
  return JsonResponse(200, AuthorityNoticeJson(n, Who(call).user.display_name));
}

Result<HttpResponse> ListBreaches(const Call& call) {
  std::optional<UnitId> unit;
  if (call.request.query.count("unit_id")) {
    TRYGG_ASSIGN_OR_RETURN(unit, QueryId(call.request.query, "unit_id"));
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<Breach> breaches,
                         call.app.followup().Breaches(Who(call), unit));
  // Rows as the incident list shows them (one read for the names and access).
  std::vector<Incident> incidents;
  for (const Breach& b : breaches) incidents.push_back(b.incident);
  TRYGG_ASSIGN_OR_RETURN(IncidentPage page, call.app.incidents().Views(Who(call), incidents));
  nlohmann::json items = nlohmann::json::array();
  for (size_t i = 0; i < breaches.size(); ++i) {
    nlohmann::json rule = RuleCheckJson(breaches[i].rule);
    rule.erase("met_at");
    items.push_back({{"incident", IncidentJson(page.items[i], IncidentShape::kListRow)},
                     {"rule", std::move(rule)}});
  }
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> ListRules(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, QueryId(call.request.query, "unit_id"));
  TRYGG_ASSIGN_OR_RETURN(std::vector<RuleView> rules, call.app.followup().Rules(Who(call), unit));
  nlohmann::json items = nlohmann::json::array();
  for (const RuleView& r : rules) items.push_back(RuleJson(r));
  return JsonResponse(200, {{"unit_id", unit}, {"items", std::move(items)}});
}

Result<HttpResponse> PutRule(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(RuleKind kind, PathCode(call, "kind", ParseRuleKind));
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, QueryId(call.request.query, "unit_id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(PolicyRule rule, ParseRule(body, kind));
  TRYGG_ASSIGN_OR_RETURN(RuleView view, call.app.followup().PutRule(Who(call), unit, rule));
  return JsonResponse(200, RuleJson(view));
}

Result<HttpResponse> GetContact(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(OrgContact c, call.app.followup().GetContact(Who(call), unit));
  return JsonResponse(200, OrgContactJson(c));
}

Result<HttpResponse> PutContact(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(OrgContact in, ParseOrgContact(body, unit));
  TRYGG_ASSIGN_OR_RETURN(OrgContact c, call.app.followup().PutContact(Who(call), in));
  return JsonResponse(200, OrgContactJson(c));
}

}  // namespace

void AddFollowupRoutes(Router& r) {
  const std::string incident = std::string(kApi) + "/incidents/{id}";
  r.Add("PUT", incident + "/police-report", RouteAccess::kSession, PutPoliceReport);
  r.Add("GET", incident + "/police-report/draft", RouteAccess::kSession, GetPoliceDraft);
  r.Add("PUT", incident + "/authority-notices/{authority}", RouteAccess::kSession, PutNotice);
  r.Add("GET", std::string(kApi) + "/rule-breaches", RouteAccess::kSession, ListBreaches);
  r.Add("GET", std::string(kApi) + "/rules", RouteAccess::kSession, ListRules);
  r.Add("PUT", std::string(kApi) + "/rules/{kind}", RouteAccess::kSession, PutRule);
  r.Add("GET", std::string(kApi) + "/units/{id}/contact", RouteAccess::kSession, GetContact);
  r.Add("PUT", std::string(kApi) + "/units/{id}/contact", RouteAccess::kSession, PutContact);
}

}  // namespace trygg
