#include "app/context.h"

namespace trygg {

Result<std::shared_ptr<const OrgTree>> OrgCache::Get(StoreTx& tx) {
  {
    std::lock_guard lock(mu_);
    if (tree_) return tree_;
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx.ListUnits());
  auto tree = std::make_shared<const OrgTree>(std::move(units));
  std::lock_guard lock(mu_);
  if (!tree_) tree_ = tree;
  return tree_;
}

void OrgCache::Invalidate() {
  std::lock_guard lock(mu_);
  tree_.reset();
}

}  // namespace trygg
