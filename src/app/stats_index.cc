// PLACEHOLDER (engine helper replaces).
#include "app/stats_index.h"

namespace trygg {
struct StatsIndex::Columns {};
StatsIndex::StatsIndex() : columns_(std::make_unique<Columns>()) {}
StatsIndex::~StatsIndex() = default;
Status StatsIndex::Load(Store&) { return Status::Internal("stats.todo"); }
Status StatsIndex::CatchUp(StoreTx&) { return Status::Internal("stats.todo"); }
void StatsIndex::Apply(const std::vector<FactsRow>&) {}
Result<StatsCube> StatsIndex::Query(const StatsQuery&, const OrgTree&,
                                    const std::vector<UnitId>&) const {
  return Status::Internal("stats.todo");
}
int64_t StatsIndex::size() const { return 0; }
int64_t StatsIndex::memory_bytes() const { return 0; }
int64_t StatsIndex::last_seq() const { return 0; }
}  // namespace trygg
