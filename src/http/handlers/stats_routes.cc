// Routes: protected incident statistics, the equivalence matrix between
// förvaltningar, follow-up KPIs (by JSON or CSV import) and unit profiles.
#include <unordered_map>

#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_stats.h"
#include "http/json_stats_requests.h"
#include "http/status_http.h"

namespace trygg {
namespace {

// Unit id → name, read in its own transaction (empty when the store fails:
// names are a courtesy beside the ids).
std::unordered_map<UnitId, std::string> UnitNames(App& app) {
  std::unordered_map<UnitId, std::string> names;
  auto tx = app.context().store.BeginRead();
  if (!tx.ok()) return names;
  Result<std::vector<OrgUnit>> units = (*tx)->ListUnits();
  if (!units.ok()) return names;
  for (const OrgUnit& u : *units) names[u.id] = u.name;
  return names;
}

// The error response for a bad KPI item: its reason and message, and the
// item's index when the status carries one ("kpi.<field>", "<index>").
HttpResponse KpiErrorResponse(const Status& status, Lang lang) {
  HttpResponse res = ErrorResponse(status, lang);
  const std::string& detail = status.detail();
  const bool index = status.code() == StatusCode::kInvalidArgument && !detail.empty() &&
                     detail.size() <= 9 &&
                     detail.find_first_not_of("0123456789") == std::string::npos;
  if (!index) return res;
  nlohmann::json body = nlohmann::json::parse(res.body, nullptr, false);
  if (body.is_discarded() || !body.contains("error")) return res;
  body["error"]["index"] = std::stoi(detail);
  res.body = body.dump();
  return res;
}

Result<HttpResponse> GetIncidentStats(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(StatsQuery query, ParseStatsQuery(call.request));
  TRYGG_ASSIGN_OR_RETURN(StatsTable table, call.app.stats().Table(Who(call), query));
  return JsonResponse(200, StatsTableJson(table));
}

Result<HttpResponse> GetEquivalence(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(EquivalenceMatrix m, call.app.stats().Equivalence(Who(call)));
  return JsonResponse(200, EquivalenceJson(m));
}

Result<HttpResponse> ListKpis(const Call& call) {
  std::optional<int64_t> forvaltning;
  TRYGG_RETURN_IF_ERROR(QueryInt(call.request.query, "forvaltning_id", 1, INT64_MAX, &forvaltning));
  TRYGG_ASSIGN_OR_RETURN(std::vector<KpiValue> values,
                         call.app.kpis().List(Who(call), forvaltning));
  const auto names = UnitNames(call.app);
  nlohmann::json items = nlohmann::json::array();
  for (const KpiValue& v : values) {
    auto it = names.find(v.forvaltning_id);
    items.push_back(KpiJson(v, it == names.end() ? std::string() : it->second));
  }
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> PutKpis(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  Result<std::vector<KpiValue>> values = ParseKpiPut(body);
  if (!values.ok()) return KpiErrorResponse(values.status(), call.lang);
  Result<int> written = call.app.kpis().Put(Who(call), *values);
  if (!written.ok()) return KpiErrorResponse(written.status(), call.lang);
  return JsonResponse(200, {{"written", *written}});
}

Result<HttpResponse> ImportKpis(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(KpiImportResult result,
                         call.app.kpis().Import(Who(call), call.request.body));
  if (!result.errors.empty()) {
    return JsonResponse(400, KpiImportErrorJson(result.errors, call.lang));
  }
  return JsonResponse(200, {{"imported", result.imported}});
}

Result<HttpResponse> ListProfiles(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<UnitProfile> profiles,
                         call.app.kpis().ListProfiles(Who(call)));
  nlohmann::json items = nlohmann::json::array();
  for (const UnitProfile& p : profiles) items.push_back(UnitProfileJson(p));
  return JsonResponse(200, {{"items", std::move(items)}});
}

Result<HttpResponse> PutProfile(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, PathId(call, "unit_id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  // Members the body leaves out keep their stored value (when the caller may
  // read it; otherwise PutProfile decides).
  UnitProfile current;
  current.unit_id = unit;
  if (Result<std::vector<UnitProfile>> all = call.app.kpis().ListProfiles(Who(call)); all.ok()) {
    for (const UnitProfile& p : *all) {
      if (p.unit_id == unit) current = p;
    }
  }
  TRYGG_ASSIGN_OR_RETURN(UnitProfile in, ParseUnitProfile(body, current));
  in.unit_id = unit;
  TRYGG_ASSIGN_OR_RETURN(UnitProfile out, call.app.kpis().PutProfile(Who(call), in));
  return JsonResponse(200, UnitProfileJson(out));
}

}  // namespace

void AddStatsRoutes(Router& r) {
  const std::string api = kApi;
  r.Add("GET", api + "/stats/incidents", RouteAccess::kSession, GetIncidentStats);
  r.Add("GET", api + "/stats/equivalence", RouteAccess::kSession, GetEquivalence);
  r.Add("GET", api + "/kpis", RouteAccess::kSession, ListKpis);
  r.Add("PUT", api + "/kpis", RouteAccess::kSession, PutKpis);
  r.Add("POST", api + "/kpis/import", RouteAccess::kSession, ImportKpis, RouteBody::kCsv);
  r.Add("GET", api + "/unit-profiles", RouteAccess::kSession, ListProfiles);
  r.Add("PUT", api + "/unit-profiles/{unit_id}", RouteAccess::kSession, PutProfile);
}

}  // namespace trygg
