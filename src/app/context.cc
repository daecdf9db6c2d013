#include "app/context.h"

namespace trygg {

Result<std::shared_ptr<const OrgTree>> OrgCache::Get(StoreTx& tx) {
  TRYGG_ASSIGN_OR_RETURN(int64_t generation, tx.OrgGeneration());
  {
    std::lock_guard lock(mu_);
    if (tree_ && generation_ == generation) return tree_;
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx.ListUnits());
  auto tree = std::make_shared<const OrgTree>(std::move(units));
  std::lock_guard lock(mu_);
  // Keep the newest generation when several threads reload at once.
  if (!tree_ || generation > generation_) {
    tree_ = tree;
    generation_ = generation;
  }
  return tree;
}

void OrgCache::Invalidate() {
  std::lock_guard lock(mu_);
  tree_.reset();
}

}  // namespace trygg
