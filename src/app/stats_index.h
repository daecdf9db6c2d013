// StatsIndex: every incident's statistics facts in compact in-memory columns, kept current from the store, answering grouped counts in one scan.
#pragma once

#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <vector>

#include "core/result.h"
#include "domain/org.h"
#include "domain/stats.h"
#include "storage/store.h"

namespace trygg {

// Memory: at most 16 bytes per incident (10 as built: unit index, day, packed
// attributes, ack hours and close days as 16-bit columns indexed by incident
// id), plus small per-unit tables. Thread-safe: queries share a lock, applying
// changes takes it exclusively.
class StatsIndex {
 public:
  StatsIndex();
  ~StatsIndex();

  // Reads every FactsRow from `store` in batches (read transactions), replacing
  // what the index held. Errors: the store's.
  Status Load(Store& store);
  // Applies rows with seq greater than the last seen, as `tx` sees them: the
  // index is then as current as `tx` (another process's commits included).
  // Cheap when nothing changed (one indexed read).
  Status CatchUp(StoreTx& tx);
  // Applies rows (e.g. just written); rows with seq ≤ the last seen are skipped.
  void Apply(const std::vector<FactsRow>& rows);

  // The exact cross table of `query` over incidents whose unit is in
  // `allowed_units` (the caller's scope, already resolved to single units),
  // narrowed by query.filter. Unit dims group by `tree` (a unit not in the
  // tree, or outside every förvaltning, groups under no row and is not
  // counted). InvalidArgument("stats.dims") when rows is kNone or rows ==
  // cols.
  Result<StatsCube> Query(const StatsQuery& query, const OrgTree& tree,
                          const std::vector<UnitId>& allowed_units) const;

  int64_t size() const;           // incidents held
  int64_t memory_bytes() const;   // bytes of the per-incident columns (capacity)
  int64_t last_seq() const;

 private:
  struct Columns;
  mutable std::shared_mutex mu_;
  std::unique_ptr<Columns> columns_;
};

}  // namespace trygg
