#include "domain/role.h"

#include <algorithm>

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<Role, 6> kRoles{{{
    {Role::kMedarbetare, "medarbetare"},
    {Role::kChef, "chef"},
    {Role::kSkyddsombud, "skyddsombud"},
    {Role::kSakerhetssamordnare, "sakerhetssamordnare"},
    {Role::kAnalytiker, "analytiker"},
    {Role::kAdmin, "admin"},
}}};

}  // namespace

std::string_view RoleCode(Role role) { return kRoles.Code(role); }

std::optional<Role> ParseRole(std::string_view code) { return kRoles.Parse(code); }

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kAll = kRoles.Values();
  return kAll;
}

bool Actor::Has(Role role) const {
  if (role == Role::kMedarbetare) return true;
  return std::any_of(grants.begin(), grants.end(),
                     [&](const RoleGrant& g) { return g.role == role; });
}

bool Actor::HasOn(Role role, UnitId unit, const OrgTree& tree) const {
  return std::any_of(grants.begin(), grants.end(), [&](const RoleGrant& g) {
    return g.role == role && tree.Covers(g.unit_id, unit);
  });
}

bool Actor::HasExactlyOn(Role role, UnitId unit) const {
  return std::any_of(grants.begin(), grants.end(),
                     [&](const RoleGrant& g) { return g.role == role && g.unit_id == unit; });
}

std::vector<UnitId> Actor::Scope(Role role, const OrgTree& tree) const {
  std::vector<UnitId> out;
  for (const RoleGrant& g : grants) {
    if (g.role != role) continue;
    auto sub = tree.Subtree(g.unit_id);
    out.insert(out.end(), sub.begin(), sub.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace trygg
