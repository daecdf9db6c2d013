#include "domain/org.h"

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<UnitKind, 4> kKinds{{{
    {UnitKind::kKommun, "kommun"},
    {UnitKind::kForvaltning, "forvaltning"},
    {UnitKind::kAvdelning, "avdelning"},
    {UnitKind::kEnhet, "enhet"},
}}};

}  // namespace

std::string_view UnitKindCode(UnitKind kind) { return kKinds.Code(kind); }

std::optional<UnitKind> ParseUnitKind(std::string_view code) { return kKinds.Parse(code); }

bool ParentAllowed(UnitKind kind, std::optional<UnitKind> parent) {
  switch (kind) {
    case UnitKind::kKommun: return !parent.has_value();
    case UnitKind::kForvaltning: return parent == UnitKind::kKommun;
    case UnitKind::kAvdelning: return parent == UnitKind::kForvaltning;
    case UnitKind::kEnhet:
      return parent == UnitKind::kAvdelning || parent == UnitKind::kForvaltning;
  }
  return false;
}

OrgTree::OrgTree(std::vector<OrgUnit> units) : units_(std::move(units)) {
  for (size_t i = 0; i < units_.size(); ++i) {
    index_[units_[i].id] = i;
    if (units_[i].parent_id) children_[*units_[i].parent_id].push_back(units_[i].id);
  }
}

const OrgUnit* OrgTree::Find(UnitId id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &units_[it->second];
}

bool OrgTree::Covers(UnitId ancestor, UnitId unit) const {
  for (const OrgUnit* u = Find(unit); u != nullptr;
       u = u->parent_id ? Find(*u->parent_id) : nullptr) {
    if (u->id == ancestor) return true;
  }
  return false;
}

std::vector<UnitId> OrgTree::Subtree(UnitId id) const {
  std::vector<UnitId> out;
  if (Find(id) == nullptr) return out;
  out.push_back(id);
  for (size_t i = 0; i < out.size(); ++i) {
    auto it = children_.find(out[i]);
    if (it != children_.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  }
  return out;
}

std::optional<UnitId> OrgTree::ForvaltningOf(UnitId unit) const {
  for (const OrgUnit* u = Find(unit); u != nullptr;
       u = u->parent_id ? Find(*u->parent_id) : nullptr) {
    if (u->kind == UnitKind::kForvaltning) return u->id;
  }
  return std::nullopt;
}

std::string OrgTree::PathName(UnitId unit) const {
  std::vector<const OrgUnit*> chain;
  for (const OrgUnit* u = Find(unit); u != nullptr;
       u = u->parent_id ? Find(*u->parent_id) : nullptr) {
    if (u->kind != UnitKind::kKommun) chain.push_back(u);
  }
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (!out.empty()) out += " / ";
    out += (*it)->name;
  }
  return out;
}

}  // namespace trygg
