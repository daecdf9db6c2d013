// Who may see and do what with an incident: the one place these rules live.
#pragma once

#include <optional>
#include <vector>

#include "domain/incident.h"
#include "domain/org.h"
#include "domain/role.h"

namespace trygg {

// What an actor may see of, and do with, one incident. Each flag implies the
// ones above it where noted; a default-constructed value allows nothing.
struct IncidentAccess {
  bool exists = false;            // id, unit, category, dates, severity, status, measures
  bool details = false;           // + description, place, exposed, injuries, notes, logbook
  bool perpetrator = false;       // + perpetrator relation
  bool perpetrator_note = false;  // + free-text perpetrator note
  bool annotate = false;          // may add notes
  bool manage = false;            // may change status, severity, sensitivity and measures

  void Merge(const IncidentAccess& o);
};

// The rules (see docs/domain.md, "Who sees what"):
// - the reporter and the exposed: details and relation, may add notes;
// - a chef whose grant covers the unit: everything, manages. When the incident
//   is sensitive, only a chef granted on exactly that unit (its own chef);
// - a säkerhetssamordnare whose grant covers the unit: everything, may add notes;
// - a skyddsombud whose grant covers the unit: details without perpetrator,
//   may add notes; when sensitive only that it exists (category, date, status,
//   measures);
// - analytiker and admin: nothing.
IncidentAccess AccessTo(const Actor& actor, const OrgTree& tree, const Incident& incident);

// The same rules as a filter a store can run: an incident is listed when it
// lies in `all_units`, or is not sensitive and lies in `nonsensitive_units`, or
// involves `involving`. Listed exactly when AccessTo(...).exists.
struct VisibilityFilter {
  std::vector<UnitId> all_units;
  std::vector<UnitId> nonsensitive_units;
  std::optional<UserId> involving;
};

VisibilityFilter ListFilter(const Actor& actor, const OrgTree& tree);

// The filter for incidents `actor` manages (chef rules only).
VisibilityFilter ManageFilter(const Actor& actor, const OrgTree& tree);

}  // namespace trygg
