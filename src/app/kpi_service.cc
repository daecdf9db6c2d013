// Follow-up figures: KPIs per förvaltning (read by stats readers, written by analysts and admins,
// all or nothing) and unit profiles.
#include "app/kpi_service.h"

#include <algorithm>
#include <charconv>

#include "app/audit_log.h"
#include "app/stats_service.h"

namespace trygg {
namespace {

bool Contains(const std::vector<UnitId>& sorted, UnitId u) {
  return std::binary_search(sorted.begin(), sorted.end(), u);
}

// The units a KPI writer covers: their analytiker and admin grants (sorted).
std::vector<UnitId> WriterScope(const Actor& actor, const OrgTree& tree) {
  std::vector<UnitId> out = actor.Scope(Role::kAnalytiker, tree);
  std::vector<UnitId> admin = actor.Scope(Role::kAdmin, tree);
  out.insert(out.end(), admin.begin(), admin.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// True when `unit` is a förvaltning.
bool IsForvaltning(const OrgTree& tree, UnitId unit) {
  const OrgUnit* u = tree.Find(unit);
  return u != nullptr && u->kind == UnitKind::kForvaltning;
}

// Checks every value (a förvaltning in `scope`, valid) before anything is
// written: InvalidArgument("kpi.<field>", "<index>") for the first bad one.
Status CheckAll(const OrgTree& tree, const std::vector<UnitId>& scope,
                const std::vector<KpiValue>& values) {
  for (size_t i = 0; i < values.size(); ++i) {
    const KpiValue& v = values[i];
    if (!IsForvaltning(tree, v.forvaltning_id) || !Contains(scope, v.forvaltning_id)) {
      return Status::InvalidArgument("kpi.forvaltning_id", std::to_string(i));
    }
    Status valid = ValidateKpi(v);
    if (!valid.ok()) return Status::InvalidArgument(valid.reason(), std::to_string(i));
  }
  return Status::Ok();
}

// Writes `values` stamped with the writer and time, in `tx`.
Status WriteAll(StoreTx& tx, const std::vector<KpiValue>& values, UserId by, TimeMs now) {
  for (KpiValue v : values) {
    v.updated_by = by;
    v.updated_at = now;
    TRYGG_RETURN_IF_ERROR(tx.PutKpi(v));
  }
  return Status::Ok();
}

}  // namespace

Result<std::vector<KpiValue>> KpiService::List(const Principal& who,
                                               std::optional<UnitId> forvaltning) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = StatsScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("kpi.forbidden");
  // The förvaltningar the scope touches.
  std::vector<UnitId> touched;
  for (UnitId u : scope) {
    if (std::optional<UnitId> f = tree->ForvaltningOf(u)) touched.push_back(*f);
  }
  std::sort(touched.begin(), touched.end());
  if (forvaltning && !Contains(touched, *forvaltning)) {
    return Status::PermissionDenied("kpi.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<KpiValue> all, tx->ListKpis(forvaltning));
  std::vector<KpiValue> out;
  for (KpiValue& v : all) {
    if (Contains(touched, v.forvaltning_id)) out.push_back(std::move(v));
  }
  return out;
}

Result<int> KpiService::Put(const Principal& who, const std::vector<KpiValue>& values) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = WriterScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("kpi.forbidden");
  TRYGG_RETURN_IF_ERROR(CheckAll(*tree, scope, values));
  TRYGG_RETURN_IF_ERROR(WriteAll(*tx, values, who.user.id, ctx_.clock.NowMs()));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "kpi.written", "kpi", 0,
                                    "count:" + std::to_string(values.size())));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return static_cast<int>(values.size());
}

Result<KpiImportResult> KpiService::Import(const Principal& who, std::string_view csv) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = WriterScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("kpi.forbidden");
  // A förvaltning in the writer's scope, by id or by exact name.
  auto resolve = [&](std::string_view text) -> std::optional<UnitId> {
    UnitId id = 0;
    const char* end = text.data() + text.size();
    auto [p, ec] = std::from_chars(text.data(), end, id);
    if (ec == std::errc() && p == end) {
      if (IsForvaltning(*tree, id) && Contains(scope, id)) return id;
      return std::nullopt;
    }
    std::optional<UnitId> found;
    for (const OrgUnit& u : tree->units()) {
      if (u.kind != UnitKind::kForvaltning || u.name != text || !Contains(scope, u.id)) continue;
      if (found) return std::nullopt;  // two of that name: ambiguous
      found = u.id;
    }
    return found;
  };
  KpiParse parsed = ParseKpiCsv(csv, resolve);
  KpiImportResult out;
  if (!parsed.errors.empty()) {
    out.errors = std::move(parsed.errors);
    return out;
  }
  TRYGG_RETURN_IF_ERROR(CheckAll(*tree, scope, parsed.values));
  TRYGG_RETURN_IF_ERROR(WriteAll(*tx, parsed.values, who.user.id, ctx_.clock.NowMs()));
  out.imported = static_cast<int>(parsed.values.size());
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "kpi.imported", "kpi", 0,
                                    "count:" + std::to_string(out.imported)));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<std::vector<UnitProfile>> KpiService::ListProfiles(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = StatsScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("profile.forbidden");
  return tx->ListUnitProfiles();
}

Result<UnitProfile> KpiService::PutProfile(const Principal& who, const UnitProfile& profile) {
  TRYGG_RETURN_IF_ERROR(ValidateUnitProfile(profile));
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  if (tree->Find(profile.unit_id) == nullptr) return Status::NotFound("unit.not_found");
  if (!who.actor.HasOn(Role::kAdmin, profile.unit_id, *tree) &&
      !who.actor.HasOn(Role::kSakerhetssamordnare, profile.unit_id, *tree)) {
    return Status::PermissionDenied("profile.forbidden");
  }
  UnitProfile p = profile;
  p.updated_by = who.user.id;
  p.updated_at = ctx_.clock.NowMs();
  TRYGG_RETURN_IF_ERROR(tx->PutUnitProfile(p));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "profile.written", "unit", p.unit_id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return p;
}

}  // namespace trygg
