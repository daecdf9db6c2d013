// Statistics use cases: protected cross tables of incidents and the equivalence matrix, for the
// roles that may see them.
#pragma once

#include <array>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/context.h"
#include "app/stats_index.h"
#include "domain/equivalence.h"
#include "domain/small_cells.h"
#include "domain/stats.h"

namespace trygg {

struct StatsSettings {
  int threshold = kDefaultSmallCellThreshold;  // cells below this are protected
  EquivalenceStandard standard;
};

// Figures derived per row (and for the whole table). A rate is shown only
// when its numerator and denominator are both shown; a median only when the
// row's count is shown and at least the threshold (or exact).
struct StatsFigures {
  std::optional<int64_t> headcount;   // unit row dims and the total: summed unit profiles
  std::optional<double> per_100;      // count / headcount * 100
  std::optional<double> police_rate;  // police / count
  std::optional<double> outside_share;
  std::optional<double> tied_share;
  std::optional<double> notice_on_time_share;   // notice_on_time / notice_applies
  std::optional<double> support_on_time_share;  // support_on_time / support_applies
  std::optional<double> median_ack_hours;
  std::optional<double> median_close_days;
};

// A table as the caller may see it.
struct StatsTable {
  StatsDim row_dim = StatsDim::kCategory;
  StatsDim col_dim = StatsDim::kNone;
  std::vector<StatsKey> rows;
  std::vector<StatsKey> cols;
  // True when every figure is exact: the caller is a chef or säkerhetssamordnare
  // whose grants cover every unit the table counts. Otherwise the count is
  // protected (Protect with the threshold), and each measure that counts part
  // of another (a flag of the count; on time of where its rule applies) is
  // protected with its parent: it is hidden wherever the parent is and wherever
  // the rest (parent − part) is small, and the part and the rest are both
  // protected tables with the same hidden figures.
  bool exact = false;
  int threshold = kDefaultSmallCellThreshold;
  StatsMeasureSet measure_set = kAllStatsMeasures;          // the measures counted (with parents)
  std::array<ProtectedTable, kStatsMeasureCount> measures;  // empty for the others
  std::vector<StatsFigures> row_figures;
  StatsFigures total_figures;
};

struct EquivalenceRow {
  UnitId forvaltning_id = 0;
  std::string name;
  std::vector<EquivalenceCell> cells;  // AllEquivalenceColumns order
};
struct EquivalenceMatrix {
  std::vector<EquivalenceRow> rows;  // förvaltningar in the caller's scope, by name
  EquivalenceStandard standard;
  bool exact = false;
  TimeMs as_of = 0;
};

// The units whose statistics `actor` may read: the union of what their grants
// of analytiker, chef, säkerhetssamordnare, skyddsombud and admin cover,
// sorted (empty: none of those roles).
std::vector<UnitId> StatsScope(const Actor& actor, const OrgTree& tree);

class StatsService {
 public:
  StatsService(AppContext& ctx, StatsSettings settings = {});
  ~StatsService();  // writes the audit records still queued

  // Loads the index (after BackfillFacts). Call once at startup; until then
  // queries load lazily on first use.
  Status Load();
  // The index alone, without the backfill: for a server that starts listening
  // first and runs Backfill meanwhile (the facts it writes are caught up with
  // by the next query). Marks the service loaded.
  Status LoadIndex();
  // BackfillFacts: facts for incidents stored before schema 5. Returns how many.
  Result<int64_t> Backfill();

  // Who may: analytiker, chef, säkerhetssamordnare, skyddsombud and admin, over
  // the units their grants of those roles cover (the union);
  // PermissionDenied("stats.forbidden") for anyone else. filter.units outside
  // that scope: PermissionDenied("stats.out_of_scope"). InvalidArgument
  // ("stats.dims") for rows kNone or rows == cols, ("stats.range") for from ≥ to.
  // The index catches up with the store first, so the answer includes every
  // committed write, from any process. The audit record ("stats.table") is
  // queued and written by a background writer moments later (FlushAudit), so
  // that a query does not wait for a disk write.
  Result<StatsTable> Table(const Principal& who, const StatsQuery& query);

  // Writes the queued audit records of tables already answered, in one
  // transaction. On failure they stay queued. Errors: the store's.
  Status FlushAudit();

  // One row per förvaltning in the caller's scope (same roles as Table), as
  // of the clock's now; counts protected as Table protects them.
  Result<EquivalenceMatrix> Equivalence(const Principal& who);

  StatsIndex& index() { return index_; }
  const StatsSettings& settings() const { return settings_; }

 private:
  struct QueuedAudit {
    UserId user = 0;
    std::string detail;
  };
  void QueueAudit(UserId user, std::string detail);
  void AuditWriter();

  AppContext& ctx_;
  StatsSettings settings_;
  StatsIndex index_;
  std::mutex load_mu_;  // guards loaded_ and the first Load
  bool loaded_ = false;
  std::mutex flush_mu_;  // one FlushAudit at a time
  std::mutex audit_mu_;  // guards the queue and the writer's state
  std::condition_variable audit_cv_;
  std::vector<QueuedAudit> audit_queue_;
  bool audit_stop_ = false;
  std::thread audit_thread_;  // started on the first queued record
};

}  // namespace trygg
