// The organisation tree: kommun → förvaltning → avdelning → enhet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/result.h"

namespace trygg {

using UnitId = int64_t;
using UserId = int64_t;

enum class UnitKind { kKommun, kForvaltning, kAvdelning, kEnhet };

std::string_view UnitKindCode(UnitKind kind);
std::optional<UnitKind> ParseUnitKind(std::string_view code);

struct OrgUnit {
  UnitId id = 0;
  std::optional<UnitId> parent_id;
  UnitKind kind = UnitKind::kEnhet;
  std::string name;
};

// Whether a unit of `kind` may hang under a parent of `parent_kind` (nullopt:
// no parent). A kommun is a root; a förvaltning sits under a kommun; an
// avdelning under a förvaltning; an enhet under an avdelning or a förvaltning.
bool ParentAllowed(UnitKind kind, std::optional<UnitKind> parent_kind);

// An immutable, indexed view of all units. Lookups are O(depth).
class OrgTree {
 public:
  OrgTree() = default;
  explicit OrgTree(std::vector<OrgUnit> units);

  const OrgUnit* Find(UnitId id) const;
  // True when `unit` is `ancestor` or lies below it.
  bool Covers(UnitId ancestor, UnitId unit) const;
  // `id` and every unit below it.
  std::vector<UnitId> Subtree(UnitId id) const;
  // The förvaltning that `unit` belongs to (itself if it is one), if any.
  std::optional<UnitId> ForvaltningOf(UnitId unit) const;
  // "Förvaltning / Avdelning / Enhet" — the path below the kommun.
  std::string PathName(UnitId unit) const;
  const std::vector<OrgUnit>& units() const { return units_; }

 private:
  std::vector<OrgUnit> units_;
  std::unordered_map<UnitId, size_t> index_;
  std::unordered_map<UnitId, std::vector<UnitId>> children_;
};

}  // namespace trygg
