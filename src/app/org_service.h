// Organisation use cases: reading the tree (any user), changing it (admin).
#pragma once

#include <vector>

#include "app/context.h"

namespace trygg {

class OrgService {
 public:
  explicit OrgService(AppContext& ctx) : ctx_(ctx) {}

  // Every unit; any authenticated user may read the tree (names only).
  Result<std::vector<OrgUnit>> List(const Principal& who);

  // Adds a unit under a parent the admin's grant covers. A kommun (root) may
  // only be created by the CLI (who == nullptr). Errors: PermissionDenied,
  // InvalidArgument("unit.name" | "unit.parent" | "unit.kind"), AlreadyExists.
  Result<OrgUnit> Create(const Principal* who, const OrgUnit& unit);

  // Renames a unit the admin's grant covers.
  Result<OrgUnit> Rename(const Principal& who, UnitId id, const std::string& name);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
