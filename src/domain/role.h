// Roles and role grants: a role granted on a unit covers that unit's subtree.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/org.h"

namespace trygg {

enum class Role {
  kMedarbetare,          // employee: reports and follows own incidents
  kChef,                 // manager: handles incidents of the units in scope
  kSkyddsombud,          // safety representative: follows incidents, no perpetrator details
  kSakerhetssamordnare,  // security coordinator: sees every incident in a förvaltning
  kAnalytiker,           // central analyst: statistics only, no incident rows
  kAdmin,                // administrator: organisation and users, no incident contents
};

std::string_view RoleCode(Role role);
std::optional<Role> ParseRole(std::string_view code);
const std::vector<Role>& AllRoles();

struct RoleGrant {
  int64_t id = 0;
  UserId user_id = 0;
  Role role = Role::kMedarbetare;
  UnitId unit_id = 0;
};

// Who is asking: a user and the roles they hold. Every user is also a
// medarbetare of their own unit without a grant.
struct Actor {
  UserId user_id = 0;
  UnitId home_unit_id = 0;
  std::vector<RoleGrant> grants;

  bool Has(Role role) const;
  // True when some grant of `role` covers `unit`.
  bool HasOn(Role role, UnitId unit, const OrgTree& tree) const;
  // True when some grant of `role` is on exactly `unit`.
  bool HasExactlyOn(Role role, UnitId unit) const;
  // Units covered by grants of `role` (each grant's whole subtree), deduplicated.
  std::vector<UnitId> Scope(Role role, const OrgTree& tree) const;
};

}  // namespace trygg
