// Helpers shared by the alarm service's two files (alarm_config.cc, alarm_service.cc): argument
// errors, store look-ups and who may manage or use a site. Included by those two files only.
#pragma once

#include <algorithm>
#include <string>
#include <utility>

#include "app/context.h"
#include "domain/alarm.h"

namespace trygg {

inline Status Invalid(std::string field) {
  return Status::InvalidArgument("alarm.invalid", std::move(field));
}

// `r`, with a NotFound of the store replaced by `missing`.
template <typename T>
Result<T> OrIfMissing(Result<T> r, Status missing) {
  if (!r.ok() && r.status().code() == StatusCode::kNotFound) return missing;
  return r;
}

// Chef, säkerhetssamordnare or admin covering `unit`: configures its sites
// and reads their alarms.
inline bool Manages(const Actor& actor, UnitId unit, const OrgTree& tree) {
  return actor.HasOn(Role::kChef, unit, tree) ||
         actor.HasOn(Role::kSakerhetssamordnare, unit, tree) ||
         actor.HasOn(Role::kAdmin, unit, tree);
}

// A user may go on duty at (and raise for) a site whose unit covers their home
// unit or a unit they hold a grant on, or lies under one of those.
inline bool MayUseSite(const Principal& who, UnitId site_unit, const OrgTree& tree) {
  auto near = [&](UnitId u) { return tree.Covers(site_unit, u) || tree.Covers(u, site_unit); };
  if (near(who.user.unit_id)) return true;
  return std::any_of(who.actor.grants.begin(), who.actor.grants.end(),
                     [&](const RoleGrant& g) { return near(g.unit_id); });
}

}  // namespace trygg
