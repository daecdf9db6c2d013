#include "domain/visibility.h"

#include <algorithm>

namespace trygg {

void IncidentAccess::Merge(const IncidentAccess& o) {
  exists |= o.exists;
  details |= o.details;
  perpetrator |= o.perpetrator;
  perpetrator_note |= o.perpetrator_note;
  annotate |= o.annotate;
  manage |= o.manage;
}

IncidentAccess AccessTo(const Actor& actor, const OrgTree& tree, const Incident& incident) {
  IncidentAccess access;
  const UnitId unit = incident.unit_id;

  if (incident.Involves(actor.user_id)) {
    access.Merge({.exists = true, .details = true, .perpetrator = true, .annotate = true});
  }
  const bool chef = incident.sensitive ? actor.HasExactlyOn(Role::kChef, unit)
                                       : actor.HasOn(Role::kChef, unit, tree);
  if (chef) {
    access.Merge({.exists = true, .details = true, .perpetrator = true, .perpetrator_note = true,
                  .annotate = true, .manage = true});
  }
  if (actor.HasOn(Role::kSakerhetssamordnare, unit, tree)) {
    access.Merge({.exists = true, .details = true, .perpetrator = true, .perpetrator_note = true,
                  .annotate = true});
  }
  if (actor.HasOn(Role::kSkyddsombud, unit, tree)) {
    if (incident.sensitive) {
      access.Merge({.exists = true});
    } else {
      access.Merge({.exists = true, .details = true, .annotate = true});
    }
  }
  return access;
}

namespace {

std::vector<UnitId> ExactUnits(const Actor& actor, Role role) {
  std::vector<UnitId> out;
  for (const RoleGrant& g : actor.grants) {
    if (g.role == role) out.push_back(g.unit_id);
  }
  return out;
}

void Append(std::vector<UnitId>& to, const std::vector<UnitId>& from) {
  to.insert(to.end(), from.begin(), from.end());
}

void SortUnique(std::vector<UnitId>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

VisibilityFilter ListFilter(const Actor& actor, const OrgTree& tree) {
  VisibilityFilter f;
  f.involving = actor.user_id;
  Append(f.all_units, actor.Scope(Role::kSakerhetssamordnare, tree));
  Append(f.all_units, actor.Scope(Role::kSkyddsombud, tree));
  Append(f.all_units, ExactUnits(actor, Role::kChef));
  f.nonsensitive_units = actor.Scope(Role::kChef, tree);
  SortUnique(f.all_units);
  SortUnique(f.nonsensitive_units);
  return f;
}

VisibilityFilter ManageFilter(const Actor& actor, const OrgTree& tree) {
  VisibilityFilter f;
  f.all_units = ExactUnits(actor, Role::kChef);
  f.nonsensitive_units = actor.Scope(Role::kChef, tree);
  SortUnique(f.all_units);
  return f;
}

}  // namespace trygg
