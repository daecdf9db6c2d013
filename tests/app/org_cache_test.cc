// OrgCache: a unit added through another store on the same database (as by
// another `serve` process) is in the next tree this cache hands out.
#include "app/context.h"

#include "../storage/store_test_support.h"

namespace trygg::store_test {
namespace {

class OrgCacheTest : public StoreTest {
 protected:
  Result<size_t> TreeSize(OrgCache& cache) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::shared_ptr<const OrgTree> tree, cache.Get(*tx));
    return tree->Subtree(kommun_).size();
  }
};

TEST_P(OrgCacheTest, SeesUnitChangesCommittedByAnotherProcess) {
  OrgCache cache;
  ASSERT_OK_AND_ASSIGN(size_t before, TreeSize(cache));
  ASSERT_OK_AND_ASSIGN(size_t again, TreeSize(cache));
  EXPECT_EQ(again, before);

  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, OpenStore(url_));
  ASSERT_OK_AND_ASSIGN(auto tx, other->BeginWrite());
  ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Från en annan process"})));
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(size_t after, TreeSize(cache));  // no Invalidate() here
  EXPECT_EQ(after, before + 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, OrgCacheTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
