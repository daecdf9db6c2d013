// Statistics use cases: who may read which units, protected cross tables with their derived
// figures, and the equivalence matrix.
#include "app/stats_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/incident_facts.h"
#include "core/time.h"

namespace trygg {
namespace {

constexpr Role kStatsRoles[] = {Role::kAnalytiker, Role::kChef, Role::kSakerhetssamordnare,
                                Role::kSkyddsombud, Role::kAdmin};
constexpr TimeMs kYearMs = 365 * kMsPerDay;
constexpr TimeMs kMonthMs = 31 * kMsPerDay;

bool Contains(const std::vector<UnitId>& sorted, UnitId u) {
  return std::binary_search(sorted.begin(), sorted.end(), u);
}

// True when every unit of `units` is covered by a chef or säkerhetssamordnare
// grant: the figures over them may be exact.
bool ExactOver(const Actor& actor, const OrgTree& tree, const std::vector<UnitId>& units) {
  std::vector<UnitId> own = actor.Scope(Role::kChef, tree);
  std::vector<UnitId> sak = actor.Scope(Role::kSakerhetssamordnare, tree);
  own.insert(own.end(), sak.begin(), sak.end());
  std::sort(own.begin(), own.end());
  return std::all_of(units.begin(), units.end(), [&](UnitId u) { return Contains(own, u); });
}

// Headcount per unit from the stored profiles.
Result<std::map<UnitId, int64_t>> Headcounts(StoreTx& tx) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<UnitProfile> profiles, tx.ListUnitProfiles());
  std::map<UnitId, int64_t> out;
  for (const UnitProfile& p : profiles) out[p.unit_id] = p.headcount;
  return out;
}

// The summed headcount of `units` (nullopt when none of them has a profile).
std::optional<int64_t> HeadcountOf(const std::map<UnitId, int64_t>& headcounts,
                                   const std::vector<UnitId>& units) {
  std::optional<int64_t> sum;
  for (UnitId u : units) {
    auto it = headcounts.find(u);
    if (it != headcounts.end()) sum = sum.value_or(0) + it->second;
  }
  return sum;
}

// Marks in `mask` the figures of the rows × cols table `cells` (with its
// margins) that are small: 0 < v < threshold.
void MarkSmall(const std::vector<int64_t>& cells, int rows, int cols, int threshold,
               FigureMask& mask) {
  std::vector<int64_t> row_totals(rows, 0), col_totals(cols, 0);
  int64_t total = 0;
  auto small = [&](int64_t v) { return v > 0 && v < threshold; };
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int64_t v = cells[r * cols + c];
      if (small(v)) mask.cells[r * cols + c] = true;
      row_totals[r] += v;
      col_totals[c] += v;
      total += v;
    }
  }
  for (int r = 0; r < rows; ++r) mask.row_totals[r] = mask.row_totals[r] || small(row_totals[r]);
  for (int c = 0; c < cols; ++c) mask.col_totals[c] = mask.col_totals[c] || small(col_totals[c]);
  mask.total = mask.total || small(total);
}

// Protects measure `part` of `parent` (whose protected table is `shown_parent`)
// so that neither the part nor the rest (parent − part, which anyone can take
// where both are shown) gives a small group away: both are protected tables
// (Protect's guarantees) with the same hidden figures, which include every
// figure the parent hides — a shown part would bound a hidden parent — and
// every figure whose rest is small. Alternates Protect over the part and the
// rest, each forced to hide what the other hides, until neither hides more.
ProtectedTable ProtectPart(const std::vector<int64_t>& part, const std::vector<int64_t>& parent,
                           const ProtectedTable& shown_parent, int rows, int cols, int threshold) {
  std::vector<int64_t> rest(part.size());
  for (size_t i = 0; i < part.size(); ++i) rest[i] = std::max<int64_t>(parent[i] - part[i], 0);
  ProtectionOptions options;
  options.forced = HiddenFigures(shown_parent);
  MarkSmall(rest, rows, cols, threshold, options.forced);
  while (true) {
    ProtectedTable shown = Protect(part, rows, cols, threshold, options);
    ProtectionOptions rest_options;
    rest_options.forced = HiddenFigures(shown);
    FigureMask rest_hidden = HiddenFigures(Protect(rest, rows, cols, threshold, rest_options));
    if (rest_hidden == rest_options.forced) return shown;
    options.forced = std::move(rest_hidden);  // strictly more: this ends
  }
}

// Every measure `cube` counted, exact or protected: the count on its own,
// each part with its parent (ProtectPart). The others stay empty tables.
std::array<ProtectedTable, kStatsMeasureCount> ProtectMeasures(const StatsCube& cube, bool exact,
                                                               int threshold) {
  const int rows = static_cast<int>(cube.rows.size());
  const int cols = static_cast<int>(cube.cols.size());
  std::array<ProtectedTable, kStatsMeasureCount> out;
  // Parents have lower numbers than their parts, so they are protected first.
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    if (!HasMeasure(cube.measures, m)) continue;
    const std::optional<StatsMeasure> parent = ParentMeasure(static_cast<StatsMeasure>(m));
    if (exact) {
      out[m] = ProtectedTable::Exact(cube.cells[m], rows, cols);
    } else if (!parent) {
      out[m] = Protect(cube.cells[m], rows, cols, threshold);
    } else {
      const int p = static_cast<int>(*parent);
      out[m] = ProtectPart(cube.cells[m], cube.cells[p], out[p], rows, cols, threshold);
    }
  }
  return out;
}

// num / den when both are shown and den > 0.
std::optional<double> Share(std::optional<int64_t> num, std::optional<int64_t> den) {
  if (!num || !den || *den <= 0) return std::nullopt;
  return static_cast<double>(*num) / static_cast<double>(*den);
}

// The shown figure of measure `m` at line `i` of `lines` (row totals, or the
// grand total when `i` is npos).
using Lines = std::array<ProtectedTable, kStatsMeasureCount>;
std::optional<int64_t> Shown(const Lines& t, StatsMeasure m, size_t i) {
  const ProtectedTable& p = t[static_cast<int>(m)];
  if (i == static_cast<size_t>(-1)) return p.total;
  return i < p.row_totals.size() ? p.row_totals[i] : std::nullopt;  // empty: not counted
}

// The figures of row `i` (npos: the whole table).
StatsFigures FiguresOf(const Lines& t, size_t i, std::optional<int64_t> headcount,
                       std::optional<double> median_ack, std::optional<double> median_close,
                       bool exact, int threshold) {
  StatsFigures f;
  const std::optional<int64_t> count = Shown(t, StatsMeasure::kCount, i);
  f.headcount = headcount;
  if (count && headcount && *headcount > 0) {
    f.per_100 = static_cast<double>(*count) * 100.0 / static_cast<double>(*headcount);
  }
  f.police_rate = Share(Shown(t, StatsMeasure::kPolice, i), count);
  f.outside_share = Share(Shown(t, StatsMeasure::kOutside, i), count);
  f.tied_share = Share(Shown(t, StatsMeasure::kTied, i), count);
  f.notice_on_time_share =
      Share(Shown(t, StatsMeasure::kNoticeOnTime, i), Shown(t, StatsMeasure::kNoticeApplies, i));
  f.support_on_time_share =
      Share(Shown(t, StatsMeasure::kSupportOnTime, i), Shown(t, StatsMeasure::kSupportApplies, i));
  if (count && (exact || *count >= threshold)) {
    f.median_ack_hours = median_ack;
    f.median_close_days = median_close;
  }
  return f;
}

// The oldest last test among each förvaltning's alarm rooms (rooms → site →
// unit → förvaltning); nullopt inside when one of them was never tested.
// Förvaltningar without rooms are absent.
Result<std::map<UnitId, std::optional<TimeMs>>> OldestRoomTests(StoreTx& tx, const OrgTree& tree) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmSite> sites, tx.ListAlarmSites());
  TRYGG_ASSIGN_OR_RETURN(std::vector<AlarmRoom> rooms, tx.ListAlarmRooms(std::nullopt));
  TRYGG_ASSIGN_OR_RETURN(auto tests, tx.ListLastRoomTests());
  const std::map<RoomId, TimeMs> last_test(tests.begin(), tests.end());
  std::map<SiteId, UnitId> unit_of;
  for (const AlarmSite& s : sites) unit_of[s.id] = s.unit_id;
  std::map<UnitId, std::optional<TimeMs>> out;
  for (const AlarmRoom& room : rooms) {
    auto unit = unit_of.find(room.site_id);
    if (unit == unit_of.end()) continue;
    const std::optional<UnitId> f = tree.ForvaltningOf(unit->second);
    if (!f) continue;
    auto t = last_test.find(room.id);
    const std::optional<TimeMs> at =
        t == last_test.end() ? std::nullopt : std::optional<TimeMs>(t->second);
    auto [it, fresh] = out.emplace(*f, at);
    if (!fresh && it->second && (!at || *at < *it->second)) it->second = at;
  }
  return out;
}

}  // namespace

std::vector<UnitId> StatsScope(const Actor& actor, const OrgTree& tree) {
  std::vector<UnitId> out;
  for (Role role : kStatsRoles) {
    std::vector<UnitId> units = actor.Scope(role, tree);
    out.insert(out.end(), units.begin(), units.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

StatsService::StatsService(AppContext& ctx, StatsSettings settings)
    : ctx_(ctx), settings_(settings) {}

Status StatsService::Load() {
  std::lock_guard<std::mutex> lock(load_mu_);
  if (loaded_) return Status::Ok();
  TRYGG_RETURN_IF_ERROR(BackfillFacts(ctx_).status());
  TRYGG_RETURN_IF_ERROR(index_.Load(ctx_.store));
  loaded_ = true;
  return Status::Ok();
}

Status StatsService::LoadIndex() {
  std::lock_guard<std::mutex> lock(load_mu_);
  if (loaded_) return Status::Ok();
  TRYGG_RETURN_IF_ERROR(index_.Load(ctx_.store));
  loaded_ = true;
  return Status::Ok();
}

Result<int64_t> StatsService::Backfill() { return BackfillFacts(ctx_); }

Result<StatsTable> StatsService::Table(const Principal& who, const StatsQuery& query) {
  if (query.rows == StatsDim::kNone || query.rows == query.cols) {
    return Status::InvalidArgument("stats.dims", "rows");
  }
  if (query.filter.from && query.filter.to && *query.filter.from >= *query.filter.to) {
    return Status::InvalidArgument("stats.range", "from");
  }
  TRYGG_RETURN_IF_ERROR(Load());
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = StatsScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("stats.forbidden");
  std::vector<UnitId> counted;
  if (query.filter.units.empty()) {
    counted = scope;
  } else {
    for (UnitId u : query.filter.units) {
      if (!Contains(scope, u)) return Status::PermissionDenied("stats.out_of_scope");
      std::vector<UnitId> sub = tree->Subtree(u);
      counted.insert(counted.end(), sub.begin(), sub.end());
    }
    std::sort(counted.begin(), counted.end());
    counted.erase(std::unique(counted.begin(), counted.end()), counted.end());
  }
  TRYGG_RETURN_IF_ERROR(index_.CatchUp(*tx));
  TRYGG_ASSIGN_OR_RETURN(StatsCube cube, index_.Query(query, *tree, counted));
  TRYGG_ASSIGN_OR_RETURN(auto headcounts, Headcounts(*tx));
  tx.reset();

  StatsTable out;
  out.row_dim = cube.row_dim;
  out.col_dim = cube.col_dim;
  out.exact = ExactOver(who.actor, *tree, counted);
  out.threshold = settings_.threshold;
  out.measure_set = cube.measures;
  out.measures = ProtectMeasures(cube, out.exact, settings_.threshold);
  const bool unit_rows = IsUnitDim(cube.row_dim);
  for (size_t r = 0; r < cube.rows.size(); ++r) {
    std::optional<int64_t> headcount;
    if (unit_rows && cube.rows[r].unit_id) {
      std::vector<UnitId> units;
      for (UnitId u : tree->Subtree(*cube.rows[r].unit_id)) {
        if (Contains(counted, u)) units.push_back(u);
      }
      headcount = HeadcountOf(headcounts, units);
    }
    std::optional<double> ack, close;
    if (query.medians && r < cube.median_ack_hours.size()) ack = cube.median_ack_hours[r];
    if (query.medians && r < cube.median_close_days.size()) close = cube.median_close_days[r];
    out.row_figures.push_back(
        FiguresOf(out.measures, r, headcount, ack, close, out.exact, settings_.threshold));
  }
  out.total_figures = FiguresOf(
      out.measures, static_cast<size_t>(-1), HeadcountOf(headcounts, counted),
      query.medians ? cube.total_median_ack_hours : std::nullopt,
      query.medians ? cube.total_median_close_days : std::nullopt, out.exact, settings_.threshold);
  out.rows = std::move(cube.rows);
  out.cols = std::move(cube.cols);

  QueueAudit(who.user.id, "rows=" + std::string(StatsDimCode(out.row_dim)) +
                              ";cols=" + std::string(StatsDimCode(out.col_dim)) +
                              ";exact=" + (out.exact ? "1" : "0"));
  return out;
}

void StatsService::QueueAudit(UserId user, std::string detail) {
  std::lock_guard lock(audit_mu_);
  audit_queue_.push_back({user, std::move(detail)});
  if (!audit_thread_.joinable()) audit_thread_ = std::thread([this] { AuditWriter(); });
  audit_cv_.notify_one();
}

Status StatsService::FlushAudit() {
  std::lock_guard flush(flush_mu_);
  std::vector<QueuedAudit> batch;
  {
    std::lock_guard lock(audit_mu_);
    batch.swap(audit_queue_);
  }
  if (batch.empty()) return Status::Ok();
  Status written = [&]() -> Status {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
    for (const QueuedAudit& a : batch) {
      TRYGG_RETURN_IF_ERROR(
          AppendAudit(*tx, ctx_.clock, a.user, "stats.table", "stats", 0, a.detail));
    }
    return tx->Commit();
  }();
  if (!written.ok()) {
    std::lock_guard lock(audit_mu_);
    audit_queue_.insert(audit_queue_.begin(), batch.begin(), batch.end());
  }
  return written;
}

void StatsService::AuditWriter() {
  std::unique_lock lock(audit_mu_);
  while (true) {
    audit_cv_.wait(lock, [&] { return audit_stop_ || !audit_queue_.empty(); });
    if (audit_queue_.empty()) return;  // stopping
    lock.unlock();
    const bool ok = FlushAudit().ok();
    lock.lock();
    // After a failure, try again in a second (or at once when stopping).
    if (!ok) audit_cv_.wait_for(lock, std::chrono::seconds(1), [&] { return audit_stop_; });
    if (audit_stop_ && !ok) return;
  }
}

StatsService::~StatsService() {
  {
    std::lock_guard lock(audit_mu_);
    audit_stop_ = true;
  }
  audit_cv_.notify_all();
  if (audit_thread_.joinable()) audit_thread_.join();
  (void)FlushAudit();  // whatever the writer left (nothing, unless the store failed)
}

Result<EquivalenceMatrix> StatsService::Equivalence(const Principal& who) {
  TRYGG_RETURN_IF_ERROR(Load());
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  const std::vector<UnitId> scope = StatsScope(who.actor, *tree);
  if (scope.empty()) return Status::PermissionDenied("stats.forbidden");
  TRYGG_RETURN_IF_ERROR(index_.CatchUp(*tx));

  EquivalenceMatrix out;
  out.standard = settings_.standard;
  out.as_of = now;
  // The förvaltningar in scope, by name, and every unit below them.
  std::vector<const OrgUnit*> forvaltningar;
  for (const OrgUnit& u : tree->units()) {
    if (u.kind == UnitKind::kForvaltning && Contains(scope, u.id)) forvaltningar.push_back(&u);
  }
  std::sort(forvaltningar.begin(), forvaltningar.end(), [](const OrgUnit* a, const OrgUnit* b) {
    return a->name != b->name ? a->name < b->name : a->id < b->id;
  });
  std::vector<UnitId> counted;
  std::map<UnitId, std::vector<UnitId>> subtrees;
  for (const OrgUnit* f : forvaltningar) {
    std::vector<UnitId> sub = tree->Subtree(f->id);
    std::sort(sub.begin(), sub.end());
    counted.insert(counted.end(), sub.begin(), sub.end());
    subtrees[f->id] = std::move(sub);
  }
  std::sort(counted.begin(), counted.end());
  out.exact = ExactOver(who.actor, *tree, counted);

  // Incidents of the last twelve months per förvaltning, protected as a
  // one-way table unless exact.
  std::map<UnitId, std::array<std::optional<int64_t>, kStatsMeasureCount>> counts;
  if (!forvaltningar.empty()) {
    StatsQuery q;
    q.rows = StatsDim::kForvaltning;
    q.cols = StatsDim::kNone;
    q.filter.from = StatsDayAt(now - kYearMs);
    q.filter.to = StatsDayAt(now) + 1;
    TRYGG_ASSIGN_OR_RETURN(StatsCube cube, index_.Query(q, *tree, counted));
    const int rows = static_cast<int>(cube.rows.size());
    const auto measures = ProtectMeasures(cube, out.exact, settings_.threshold);
    for (int m = 0; m < kStatsMeasureCount; ++m) {
      const ProtectedTable& t = measures[m];
      for (int r = 0; r < rows; ++r) {
        if (!cube.rows[r].unit_id) continue;
        counts[*cube.rows[r].unit_id][m] = t.row_totals[r];
      }
    }
  }

  TRYGG_ASSIGN_OR_RETURN(std::vector<UnitProfile> profiles, tx->ListUnitProfiles());
  std::map<UnitId, UnitProfile> profile_of;
  for (const UnitProfile& p : profiles) profile_of[p.unit_id] = p;

  RoutineQuery rq;
  rq.status = RoutineStatus::kAktiv;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Routine> routines, tx->ListRoutines(rq));
  std::map<int64_t, std::set<UserId>> acked;  // current version's acknowledgers per routine
  for (const Routine& r : routines) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineAck> acks, tx->ListRoutineAcks(r.id, r.version));
    std::set<UserId>& users = acked[r.id];
    for (const RoutineAck& a : acks) users.insert(a.user_id);
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<User> users, tx->ListUsers());
  TRYGG_ASSIGN_OR_RETURN(auto room_tests, OldestRoomTests(*tx, *tree));

  for (const OrgUnit* f : forvaltningar) {
    const std::vector<UnitId>& sub = subtrees[f->id];
    EquivalenceRow row;
    row.forvaltning_id = f->id;
    row.name = f->name;
    std::map<EquivalenceColumn, std::optional<double>> v;

    auto profile = profile_of.find(f->id);
    if (profile != profile_of.end()) {
      const UnitProfile& p = profile->second;
      v[EquivalenceColumn::kCoordinatorFullTime] = p.coordinator_full_time ? 1.0 : 0.0;
      v[EquivalenceColumn::kSecureRooms] = static_cast<double>(p.secure_rooms);
      v[EquivalenceColumn::kAlarmTested1m] =
          p.alarm_tested_at && *p.alarm_tested_at <= now && now - *p.alarm_tested_at <= kMonthMs
              ? 1.0
              : 0.0;
    }
    // With alarm rooms, their tests decide: the oldest last test among them.
    auto tested = room_tests.find(f->id);
    if (tested != room_tests.end()) {
      const std::optional<TimeMs>& at = tested->second;
      v[EquivalenceColumn::kAlarmTested1m] = at && *at <= now && now - *at <= kMonthMs ? 1.0 : 0.0;
    }

    // Routines that reach into the förvaltning: scoped within it or above it.
    int applicable = 0, current = 0;
    for (const Routine& r : routines) {
      if (!tree->Covers(f->id, r.unit_id) && !tree->Covers(r.unit_id, f->id)) continue;
      ++applicable;
      if (RoutineCurrent(r, now)) ++current;
    }
    if (applicable > 0) v[EquivalenceColumn::kRoutinesCurrent] = double(current) / applicable;

    // Staff with at least one routine to know: the share who acknowledged the
    // current version of every routine covering their unit.
    int staff = 0, complete = 0;
    for (const User& u : users) {
      if (!u.active || !Contains(sub, u.unit_id)) continue;
      bool any = false, all = true;
      for (const Routine& r : routines) {
        if (!tree->Covers(r.unit_id, u.unit_id)) continue;
        any = true;
        if (acked[r.id].count(u.id) == 0) all = false;
      }
      if (!any) continue;
      ++staff;
      if (all) ++complete;
    }
    if (staff > 0) v[EquivalenceColumn::kAckShare] = double(complete) / staff;

    ExerciseQuery eq;
    eq.units = sub;
    eq.held_from = now - kYearMs;
    eq.limit = 1000;
    int exercises = 0;
    for (;; eq.offset += eq.limit) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<Exercise> page, tx->ListExercises(eq));
      for (const Exercise& e : page) exercises += e.held_on <= now ? 1 : 0;
      if (static_cast<int>(page.size()) < eq.limit) break;
    }
    v[EquivalenceColumn::kExercises12m] = static_cast<double>(exercises);

    auto c = counts.find(f->id);
    if (c != counts.end()) {
      const auto& m = c->second;
      const std::optional<int64_t> count = m[static_cast<int>(StatsMeasure::kCount)];
      std::optional<int64_t> headcount;
      for (UnitId u : sub) {
        auto p = profile_of.find(u);
        if (p != profile_of.end()) headcount = headcount.value_or(0) + p->second.headcount;
      }
      if (count && headcount && *headcount > 0) {
        v[EquivalenceColumn::kIncidentsPer100] = double(*count) * 100.0 / double(*headcount);
      }
      v[EquivalenceColumn::kPoliceRate] = Share(m[static_cast<int>(StatsMeasure::kPolice)], count);
      v[EquivalenceColumn::kSupportOnTime] =
          Share(m[static_cast<int>(StatsMeasure::kSupportOnTime)],
                m[static_cast<int>(StatsMeasure::kSupportApplies)]);
    }

    for (EquivalenceColumn col : AllEquivalenceColumns()) {
      EquivalenceCell cell;
      cell.column = col;
      cell.value = v[col];
      cell.short_of_standard = ShortOfStandard(col, cell.value, settings_.standard);
      row.cells.push_back(cell);
    }
    out.rows.push_back(std::move(row));
  }
  return out;
}

}  // namespace trygg
