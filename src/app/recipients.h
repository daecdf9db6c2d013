// Recipients: who, by role and place in the organisation, is told about an incident.
#pragma once

#include <vector>

#include "domain/incident.h"
#include "domain/org.h"
#include "domain/role.h"

namespace trygg {

// The chefs nearest the incident's unit: among chef grants covering it, those
// on the deepest unit. For a sensitive incident only chefs granted on exactly
// its unit. Deduplicated, in grant order.
std::vector<UserId> NearestChefs(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                 const Incident& incident);
// The chefs nearest `unit` other than `except` (0: none): among chef grants
// covering it held by someone else, those on the deepest unit. Deduplicated,
// in grant order. Whom to tell about a person whose home unit is `unit`.
std::vector<UserId> NearestChefsOf(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                   UnitId unit, UserId except = 0);
// Holders of `role` whose grant covers the incident's unit, deduplicated.
std::vector<UserId> HoldersCovering(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                    Role role, UnitId unit);
// The förvaltning's head: chefs granted on exactly the förvaltning of `unit`.
std::vector<UserId> ForvaltningHeads(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                     UnitId unit);

}  // namespace trygg
