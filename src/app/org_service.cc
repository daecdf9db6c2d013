#include "app/org_service.h"

#include "app/audit_log.h"
#include "core/text.h"
#include "domain/limits.h"

namespace trygg {
namespace {

bool ValidName(const std::string& name) { return FitsText(name, kMaxUnitNameChars); }

}  // namespace

Result<std::vector<OrgUnit>> OrgService::List(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  return tree->units();
}

Result<OrgUnit> OrgService::Create(const Principal* who, const OrgUnit& in) {
  if (!ValidName(in.name)) return Status::InvalidArgument("unit.name", "name");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::optional<UnitKind> parent_kind;
  if (in.parent_id) {
    const OrgUnit* parent = tree->Find(*in.parent_id);
    if (parent == nullptr) return Status::InvalidArgument("unit.parent", "parent_id");
    parent_kind = parent->kind;
  }
  if (who != nullptr) {
    if (!in.parent_id || !who->actor.HasOn(Role::kAdmin, *in.parent_id, *tree)) {
      return Status::PermissionDenied("unit.forbidden");
    }
  }
  if (!ParentAllowed(in.kind, parent_kind)) return Status::InvalidArgument("unit.kind", "kind");
  OrgUnit unit = in;
  TRYGG_ASSIGN_OR_RETURN(unit.id, tx->InsertUnit(unit));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock,
                                    who ? std::optional(who->user.id) : std::nullopt, "unit.create",
                                    "unit", unit.id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  ctx_.org.Invalidate();
  return unit;
}

Result<OrgUnit> OrgService::Rename(const Principal& who, UnitId id, const std::string& name) {
  if (!ValidName(name)) return Status::InvalidArgument("unit.name", "name");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const OrgUnit* found = tree->Find(id);
  if (found == nullptr) return Status::NotFound("unit.not_found");
  if (!who.actor.HasOn(Role::kAdmin, id, *tree)) return Status::PermissionDenied("unit.forbidden");
  OrgUnit unit = *found;
  unit.name = name;
  TRYGG_RETURN_IF_ERROR(tx->UpdateUnit(unit));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "unit.rename", "unit", id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  ctx_.org.Invalidate();
  return unit;
}

}  // namespace trygg
