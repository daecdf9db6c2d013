// PLACEHOLDER (app helper replaces).
#include "app/stats_service.h"

namespace trygg {
StatsService::StatsService(AppContext& ctx, StatsSettings settings)
    : ctx_(ctx), settings_(settings) {}
Status StatsService::Load() { return Status::Internal("stats.todo"); }
Result<StatsTable> StatsService::Table(const Principal&, const StatsQuery&) {
  return Status::Internal("stats.todo");
}
Result<EquivalenceMatrix> StatsService::Equivalence(const Principal&) {
  return Status::Internal("stats.todo");
}
}  // namespace trygg
