#include "app/recipients.h"

#include <algorithm>

namespace trygg {
namespace {

int Depth(const OrgTree& tree, UnitId u) {
  int d = 0;
  for (const OrgUnit* x = tree.Find(u); x && x->parent_id; x = tree.Find(*x->parent_id)) ++d;
  return d;
}

void AddOnce(std::vector<UserId>& out, UserId id) {
  if (std::find(out.begin(), out.end(), id) == out.end()) out.push_back(id);
}

}  // namespace

std::vector<UserId> NearestChefs(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                 const Incident& incident) {
  auto eligible = [&](const RoleGrant& g) {
    if (g.role != Role::kChef || !tree.Covers(g.unit_id, incident.unit_id)) return false;
    return !incident.sensitive || g.unit_id == incident.unit_id;
  };
  int nearest = -1;
  for (const RoleGrant& g : grants) {
    if (eligible(g)) nearest = std::max(nearest, Depth(tree, g.unit_id));
  }
  std::vector<UserId> out;
  for (const RoleGrant& g : grants) {
    if (eligible(g) && Depth(tree, g.unit_id) == nearest) AddOnce(out, g.user_id);
  }
  return out;
}

std::vector<UserId> NearestChefsOf(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                   UnitId unit, UserId except) {
  auto eligible = [&](const RoleGrant& g) {
    return g.role == Role::kChef && g.user_id != except && tree.Covers(g.unit_id, unit);
  };
  int nearest = -1;
  for (const RoleGrant& g : grants) {
    if (eligible(g)) nearest = std::max(nearest, Depth(tree, g.unit_id));
  }
  std::vector<UserId> out;
  for (const RoleGrant& g : grants) {
    if (eligible(g) && Depth(tree, g.unit_id) == nearest) AddOnce(out, g.user_id);
  }
  return out;
}

std::vector<UserId> HoldersCovering(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                    Role role, UnitId unit) {
  std::vector<UserId> out;
  for (const RoleGrant& g : grants) {
    if (g.role == role && tree.Covers(g.unit_id, unit)) AddOnce(out, g.user_id);
  }
  return out;
}

std::vector<UserId> ForvaltningHeads(const std::vector<RoleGrant>& grants, const OrgTree& tree,
                                     UnitId unit) {
  std::vector<UserId> out;
  std::optional<UnitId> forvaltning = tree.ForvaltningOf(unit);
  if (!forvaltning) return out;
  for (const RoleGrant& g : grants) {
    if (g.role == Role::kChef && g.unit_id == *forvaltning) AddOnce(out, g.user_id);
  }
  return out;
}

}  // namespace trygg
