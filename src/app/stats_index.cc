// StatsIndex: 16-bit columns per incident id, and grouped counts in one branchless scan over them.
//
// A query is compiled into three lookup tables, one per column the scan reads:
// unit index → offset, day → offset, attrs (its low 10 bits: category,
// severity, place, outside, tied) → offset. Each offset is the column's share
// of the cell index (row group × ncols + col group), or kExcluded when the
// value is filtered out (the scope, the filter). The scan adds the three
// offsets and sends any sum with an excluded part to a trash cell (a
// compare-and-select, no branch). Per incident it then makes one increment
// that counts every measure wanted at once: the cell's counter for the
// incident's combination of the wanted measures' flags (one counter per cell
// when only the count is wanted; while the counters fit the L1 cache), or a
// vector add of the eight 0/1 lanes of its flag bits (bits 8–14) to the
// cell's eight lanes (larger tables). Blocks of 4096 ids whose days all fall
// outside the filter's range are skipped; large scans are split over two
// threads.
//
// Medians histogram ack_hours / close_days per row in the same scan: values
// 0–1023 exactly, longer ones found exactly by a further pass over just
// those when a median falls among them.
#include "app/stats_index.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "core/text.h"

namespace trygg {
namespace {

constexpr uint16_t kNoValue = 0xFFFF;
constexpr int kMaxDuration = 65534;
constexpr int64_t kMaxIncidentId = int64_t{1} << 31;
constexpr size_t kMaxUnits = 65535;  // unit index 0 marks "no incident at this id"
constexpr int kDays = 65536;
constexpr int kLoadBatch = 200'000;
constexpr size_t kMaxAhead = 100'000;
constexpr uint32_t kPresentBit = uint32_t{1} << facts_bits::kPresent;
constexpr uint32_t kAttrKeyBits = 10;  // category, severity, place, outside, tied
constexpr uint32_t kAttrKeys = uint32_t{1} << kAttrKeyBits;
constexpr uint32_t kExcluded = uint32_t{1} << 30;  // three of them still fit 32 bits
constexpr int kFlagShift = facts_bits::kOutside;
constexpr uint32_t kFlagCombos = 128;  // bits 8–14
// Above this many counters (cells × flag combinations of the measures wanted)
// they outgrow the L1 cache and the eight measures are counted in vector lanes.
constexpr int64_t kMaxComboCounters = 8192;
// Up to this many cells, 16-bit lanes (widened every 65535 incidents) beat
// 32-bit ones; beyond, widening costs more than it saves.
constexpr int64_t kMaxCellsForLanes16 = 4096;
// A table this large is an error, not a slow answer.
constexpr int64_t kMaxCells = int64_t{1} << 22;
// Scans of at least this many ids are split over two threads.
constexpr size_t kParallelIds = 1'000'000;
constexpr size_t kBlockIds = 4096;
// About this many ids are sampled to estimate how many a filter keeps.
constexpr size_t kSelectSamples = 8192;
// Medians: durations 0..1023 have a bucket each; one bucket for longer, one
// for "no value". A median that falls among the longer ones is found exactly
// by a further pass over just those.
constexpr int kMedianExact = 1024;
constexpr int kMedianOver = kMedianExact;
constexpr int kMedianNone = kMedianExact + 1;
constexpr int kMedianBuckets = kMedianExact + 2;

constexpr int kCategoryCount = 8;
constexpr int kPlaceCount = 7;
constexpr int kSeverityCount = 4;

// The flag bit (counted from kFlagShift) of each measure; −1 for kCount.
constexpr std::array<int, kStatsMeasureCount> kMeasureFlag = {
    -1,
    facts_bits::kPolice - kFlagShift,
    facts_bits::kOutside - kFlagShift,
    facts_bits::kTied - kFlagShift,
    facts_bits::kNoticeApplies - kFlagShift,
    facts_bits::kNoticeOnTime - kFlagShift,
    facts_bits::kSupportApplies - kFlagShift,
    facts_bits::kSupportOnTime - kFlagShift,
};

int MonthOf(LocalDate date) { return (date.year - 2000) * 12 + date.month - 1; }

// Months since 2000-01 of every StatsDay that 16 bits hold.
const std::vector<uint16_t>& MonthOfDay() {
  static const std::vector<uint16_t> table = [] {
    std::vector<uint16_t> t(kDays);
    LocalDate date = DateOfStatsDay(0);
    for (int d = 0; d < kDays; ++d) {
      t[d] = static_cast<uint16_t>(MonthOf(date));
      date = NextDay(date);
    }
    return t;
  }();
  return table;
}

StatsDay FirstDayOfMonth(int month) {
  return StatsDayOf(LocalDate{2000 + month / 12, month % 12 + 1, 1});
}

uint16_t Clamp16(int32_t v, int32_t hi) {
  return static_cast<uint16_t>(std::clamp<int32_t>(v, 0, hi));
}

// How many incidents of one unit fall in each month, for the data's time range.
struct MonthCounts {
  int base = 0;
  std::vector<int32_t> n;

  void Add(int month, int delta) {
    if (n.empty()) base = month;
    if (month < base) {
      n.insert(n.begin(), static_cast<size_t>(base - month), 0);
      base = month;
    }
    if (month - base >= static_cast<int>(n.size())) n.resize(month - base + 1, 0);
    n[month - base] += delta;
  }
  // The first and last month with an incident; false when none.
  bool Range(int* first, int* last) const {
    auto lo = std::find_if(n.begin(), n.end(), [](int32_t c) { return c != 0; });
    if (lo == n.end()) return false;
    auto hi = std::find_if(n.rbegin(), n.rend(), [](int32_t c) { return c != 0; });
    *first = base + static_cast<int>(lo - n.begin());
    *last = base + static_cast<int>(n.rend() - hi) - 1;
    return true;
  }
};

// Where one column of a query comes from.
enum class Source { kNone, kUnit, kDay, kAttrs };

Source SourceOf(StatsDim d) {
  switch (d) {
    case StatsDim::kNone:
      return Source::kNone;
    case StatsDim::kForvaltning:
    case StatsDim::kAvdelning:
    case StatsDim::kEnhet:
      return Source::kUnit;
    case StatsDim::kYear:
    case StatsDim::kQuarter:
    case StatsDim::kMonth:
      return Source::kDay;
    case StatsDim::kCategory:
    case StatsDim::kPlace:
    case StatsDim::kSeverity:
    case StatsDim::kOutside:
    case StatsDim::kTied:
      return Source::kAttrs;
  }
  return Source::kNone;
}

// The unit of `dim`'s kind that `id` groups under: the unit itself for enhet,
// its förvaltning or avdelning (itself included) for those.
std::optional<UnitId> GroupUnit(const OrgTree& tree, UnitId id, StatsDim dim) {
  const UnitKind want = dim == StatsDim::kForvaltning ? UnitKind::kForvaltning
                        : dim == StatsDim::kAvdelning ? UnitKind::kAvdelning
                                                      : UnitKind::kEnhet;
  const OrgUnit* u = tree.Find(id);
  if (u == nullptr) return std::nullopt;
  if (want == UnitKind::kEnhet) {
    return u->kind == UnitKind::kEnhet ? std::optional<UnitId>(id) : std::nullopt;
  }
  for (int depth = 0; u != nullptr && depth < 16; ++depth) {
    if (u->kind == want) return u->id;
    u = u->parent_id ? tree.Find(*u->parent_id) : nullptr;
  }
  return std::nullopt;
}

// The group of packed `attrs` along enum `dim`, or −1 for an unknown code.
int AttrGroup(uint32_t attrs, StatsDim dim) {
  switch (dim) {
    case StatsDim::kCategory: {
      int c = (attrs >> facts_bits::kCategoryShift) & 7;
      return c < kCategoryCount ? c : -1;
    }
    case StatsDim::kSeverity:
      return (attrs >> facts_bits::kSeverityShift) & 3;
    case StatsDim::kPlace: {
      int p = (attrs >> facts_bits::kPlaceShift) & 7;
      return p < kPlaceCount ? p : -1;
    }
    case StatsDim::kOutside:
      return (attrs >> facts_bits::kOutside) & 1;
    case StatsDim::kTied:
      return (attrs >> facts_bits::kTied) & 1;
    default:
      return 0;
  }
}

std::vector<StatsKey> EnumKeys(StatsDim dim) {
  std::vector<StatsKey> keys;
  auto add = [&](std::string key) { keys.push_back({key, key, std::nullopt}); };
  switch (dim) {
    case StatsDim::kCategory:
      for (int i = 0; i < kCategoryCount; ++i) add(std::string(CategoryCode(Category(i))));
      break;
    case StatsDim::kPlace:
      for (int i = 0; i < kPlaceCount; ++i) add(std::string(PlaceTypeCode(PlaceType(i))));
      break;
    case StatsDim::kSeverity:
      for (int i = 1; i <= kSeverityCount; ++i) add(std::to_string(i));
      break;
    case StatsDim::kOutside:
    case StatsDim::kTied:
      add("false");
      add("true");
      break;
    default:
      break;
  }
  return keys;
}

// The period (years, quarters or months since 2000) of month `m`.
int PeriodOf(int month, StatsDim dim) {
  return dim == StatsDim::kYear ? month / 12 : dim == StatsDim::kQuarter ? month / 3 : month;
}

std::string PeriodKey(int period, StatsDim dim) {
  char buf[16];
  if (dim == StatsDim::kYear) {
    std::snprintf(buf, sizeof buf, "%d", 2000 + period);
  } else if (dim == StatsDim::kQuarter) {
    std::snprintf(buf, sizeof buf, "%d-Q%d", 2000 + period / 4, period % 4 + 1);
  } else {
    std::snprintf(buf, sizeof buf, "%d-%02d", 2000 + period / 12, period % 12 + 1);
  }
  return buf;
}

// One axis of the table being built.
struct Axis {
  StatsDim dim = StatsDim::kNone;
  std::vector<StatsKey> keys;
  std::vector<int32_t> unit_group;  // per unit index (unit dims); −1: none
  int first_period = 0;             // time dims
};

// A compiled query: the tables the scan reads. With the kCombos layout every
// offset is in counters (cell × combos), else in cells.
struct Plan {
  std::vector<uint32_t> by_unit;   // per unit index
  std::vector<uint32_t> by_day;    // per day
  std::vector<uint32_t> by_attrs;  // per attrs & (kAttrKeys − 1)
  uint32_t cells = 0;              // the first trash slot's offset
  uint32_t ncols = 1;
  std::vector<uint32_t> cell_row;  // per offset up to the trash slots; theirs is nrows
  uint32_t nrows = 0;
  uint32_t combos = 1;  // kCombos: counters per cell
  // kCombos: the counter (within a cell) of each combination of the seven flag bits.
  std::array<uint32_t, kFlagCombos> combo_of{};
  // 1 where by_attrs is not excluded (the selection pass reads this smaller table).
  std::array<uint8_t, kAttrKeys> attr_pass{};
};

// Excluded incidents count into one of kTrashCells cells after the real ones,
// picked by id, so that runs of them do not queue on one counter.
constexpr uint32_t kTrashCells = 8;

// How a scan counts the measures of a cell.
enum class Layout {
  kCount,    // kCombos when only the count is wanted: one counter per cell
  kCombos,   // one 32-bit counter per (cell, combination of the wanted measures' flags)
  kLanes16,  // eight 16-bit lanes per cell, one vector add per incident, widened every 65535
  kLanes32,  // eight 32-bit lanes per cell, one (two-register) vector add per incident
};

// Counters of one scan (one per thread).
struct Tally {
  std::vector<uint32_t> counters;  // kCount/kCombos: per (cell, combo); else per (cell, measure)
  std::vector<uint32_t> ack;       // (nrows+1)·kMedianBuckets when medians
  std::vector<uint32_t> close;
};

// The offset of an incident (the trash slot when excluded).
inline uint32_t CellOf(const Plan& p, uint16_t u, uint16_t d, uint16_t a) {
  const uint32_t idx = p.by_unit[u] + p.by_day[d] + p.by_attrs[a & (kAttrKeys - 1)];
  return idx < p.cells ? idx : p.cells;  // (any trash slot does here)
}

inline uint32_t MedianBucket(uint16_t v) {
  return v < kMedianExact ? v : (v == kNoValue ? kMedianNone : kMedianOver);
}

using Lanes16 = uint16_t __attribute__((vector_size(16)));
using Lanes32 = uint32_t __attribute__((vector_size(32)));

// Per flag combination (bits 8–14 of attrs), what it adds to each measure:
// 1 to the count, and 1 to each measure whose flag it has.
template <typename V>
struct MeasureAdds {
  V add[kFlagCombos];
  MeasureAdds() {
    for (uint32_t f = 0; f < kFlagCombos; ++f) {
      add[f][0] = 1;
      for (int m = 1; m < kStatsMeasureCount; ++m) add[f][m] = (f >> kMeasureFlag[m]) & 1;
    }
  }
};
const MeasureAdds<Lanes16> kAdds16;
const MeasureAdds<Lanes32> kAdds32;

// The columns a scan reads.
struct ColumnView {
  const uint16_t *unit, *day, *attrs, *ack, *close;
};
// Ids [first, second) to scan.
using IdRanges = std::vector<std::pair<size_t, size_t>>;

// Counts the ids of `ranges` into `t` (see Layout).
// With kSelect, each run of up to kBlockIds ids is first narrowed to those
// whose attributes pass the filter (a branchless selection list), and only
// those are counted: worth it when the filter on attributes excludes most.
template <Layout kLayout, bool kMedians, bool kSelect>
void Scan(const ColumnView& col, const IdRanges& ranges, const Plan& p, Tally* t) {
  const uint16_t *unit = col.unit, *day = col.day, *attrs = col.attrs;
  const uint32_t* by_unit = p.by_unit.data();
  const uint32_t* by_day = p.by_day.data();
  const uint32_t* by_attrs = p.by_attrs.data();
  const uint32_t trash = p.cells;
  const size_t cells = static_cast<size_t>(trash) + kTrashCells;
  uint32_t* med_ack = kMedians ? t->ack.data() : nullptr;
  uint32_t* med_close = kMedians ? t->close.data() : nullptr;
  const uint32_t* cell_row = p.cell_row.data();
  uint32_t* counters = t->counters.data();
  const uint32_t* combo_of = p.combo_of.data();
  const uint8_t* attr_pass = p.attr_pass.data();
  std::vector<Lanes16> lanes16(kLayout == Layout::kLanes16 ? cells : 0);
  std::vector<Lanes32> lanes32(kLayout == Layout::kLanes32 ? cells : 0);
  // 16-bit lanes are widened into `counters` before any can overflow.
  constexpr size_t kFlushEvery = 65535;
  size_t pending = 0;
  auto widen = [&](auto& lanes) {
    for (size_t cell = 0; cell < trash; ++cell) {
      for (int m = 0; m < kStatsMeasureCount; ++m) {
        counters[cell * kStatsMeasureCount + m] += lanes[cell][m];
      }
    }
  };
  auto count = [&](size_t i) __attribute__((always_inline)) {
    const uint32_t a = attrs[i];
    uint32_t idx = by_unit[unit[i]] + by_day[day[i]] + by_attrs[a & (kAttrKeys - 1)];
    // Any excluded part sets bit 30 or 31. Select by mask, not by `?:`,
    // which -O3 may turn into a branch (4× slower at a 50% filter).
    const uint32_t out = 0u - (idx >> 30 != 0);
    idx = (idx & ~out) | ((trash + static_cast<uint32_t>(i & (kTrashCells - 1))) & out);
    const uint32_t flags = (a >> kFlagShift) & (kFlagCombos - 1);
    if constexpr (kLayout == Layout::kCount) {
      counters[idx] += 1;
    } else if constexpr (kLayout == Layout::kCombos) {
      counters[idx + combo_of[flags]] += 1;
    } else if constexpr (kLayout == Layout::kLanes16) {
      lanes16[idx] += kAdds16.add[flags];
    } else {
      lanes32[idx] += kAdds32.add[flags];
    }
    if constexpr (kMedians) {
      const size_t row = static_cast<size_t>(cell_row[idx]) * kMedianBuckets;
      med_ack[row + MedianBucket(col.ack[i])] += 1;
      med_close[row + MedianBucket(col.close[i])] += 1;
    }
  };
  std::vector<uint32_t> selected(kSelect ? kBlockIds : 0);
  for (const auto& [begin, end] : ranges) {
    for (size_t from = begin; from < end;) {
      const size_t to =
          kLayout == Layout::kLanes16 ? from + std::min(end - from, kFlushEvery - pending) : end;
      if constexpr (kSelect) {
        uint32_t* sel = selected.data();
        for (size_t run = from; run < to; run += kBlockIds) {
          const size_t run_end = std::min(to, run + kBlockIds);
          uint32_t n = 0;
          for (size_t i = run; i < run_end; ++i) {
            sel[n] = static_cast<uint32_t>(i - run);
            n += attr_pass[attrs[i] & (kAttrKeys - 1)];
          }
          for (uint32_t j = 0; j < n; ++j) count(run + sel[j]);
        }
      } else {
        for (size_t i = from; i < to; ++i) count(i);
      }
      pending += to - from;
      from = to;
      if (kLayout == Layout::kLanes16 && pending == kFlushEvery) {
        widen(lanes16);
        std::fill(lanes16.begin(), lanes16.end(), Lanes16{});
        pending = 0;
      }
    }
  }
  if constexpr (kLayout == Layout::kLanes16) widen(lanes16);
  if constexpr (kLayout == Layout::kLanes32) widen(lanes32);
}

using ScanFn = void (*)(const ColumnView&, const IdRanges&, const Plan&, Tally*);

template <Layout kLayout>
ScanFn PickScan(bool medians, bool select) {
  if (select) return medians ? &Scan<kLayout, true, true> : &Scan<kLayout, false, true>;
  return medians ? &Scan<kLayout, true, false> : &Scan<kLayout, false, false>;
}

ScanFn PickScan(Layout layout, bool medians, bool select) {
  switch (layout) {
    case Layout::kCount:
      return PickScan<Layout::kCount>(medians, select);
    case Layout::kCombos:
      return PickScan<Layout::kCombos>(medians, select);
    case Layout::kLanes16:
      return PickScan<Layout::kLanes16>(medians, select);
    case Layout::kLanes32:
      break;
  }
  return PickScan<Layout::kLanes32>(medians, select);
}

// The k-th smallest (0-based) value of histogram `h`, whose values of 1024 or
// more are `over`, ascending.
int64_t KthValue(const uint32_t* h, int64_t k, const std::vector<uint16_t>& over) {
  for (int b = 0; b < kMedianExact; ++b) {
    if (k < h[b]) return b;
    k -= h[b];
  }
  return k < static_cast<int64_t>(over.size()) ? over[k] : kMedianExact;
}

int64_t CountValues(const uint32_t* h) {
  int64_t n = 0;
  for (int b = 0; b <= kMedianOver; ++b) n += h[b];
  return n;
}

// True when the median of `h` lies among the values of 1024 or more.
bool MedianNeedsOver(const uint32_t* h) {
  const int64_t n = CountValues(h);
  if (n == 0) return false;
  const int64_t below = n - h[kMedianOver];
  return n / 2 >= below;
}

std::optional<double> MedianOf(const uint32_t* h, const std::vector<uint16_t>& over) {
  const int64_t n = CountValues(h);
  if (n == 0) return std::nullopt;
  if (n % 2 == 1) return static_cast<double>(KthValue(h, n / 2, over));
  return (static_cast<double>(KthValue(h, n / 2 - 1, over)) +
          static_cast<double>(KthValue(h, n / 2, over))) /
         2.0;
}

}  // namespace

struct StatsIndex::Columns {
  // Indexed by incident id; unit[id] == 0 when there is no incident there.
  std::vector<uint16_t> unit, day, attrs, ack, close;
  // Per block of kBlockIds ids, the least and greatest day ever held there
  // (replaced rows may leave them wider than needed), so that a scan over a
  // time range skips blocks entirely outside it.
  std::vector<uint16_t> block_min_day, block_max_day;
  int64_t size = 0;
  // Every stored row with seq ≤ caught_seq is reflected.
  int64_t caught_seq = 0;
  int64_t max_seq = 0;
  // Rows applied ahead of caught_seq (Apply, after a gap): incident → its
  // seq, so that an older row of the same incident does not undo it, and the
  // seqs, so that caught_seq moves on once the gap is filled. Forgotten
  // beyond kMaxAhead, which only means the next catch-up reads them again.
  std::unordered_map<IncidentId, int64_t> ahead;
  std::set<int64_t> ahead_seqs;
  std::unordered_map<UnitId, uint16_t> unit_index;
  std::vector<UnitId> unit_ids = {0};
  std::vector<MonthCounts> months = std::vector<MonthCounts>(1);
  UnitId last_unit = -1;
  uint16_t last_unit_index = 0;

  size_t ids() const { return unit.size(); }

  // Makes room for ids below `need`, by at least half again the capacity.
  void Grow(size_t need) {
    if (need <= unit.capacity()) {
      for (auto* c : {&unit, &day, &attrs, &ack, &close}) c->resize(need, 0);
      return;
    }
    const size_t cap = std::max({need, unit.capacity() + unit.capacity() / 2, size_t{1024}});
    Reallocate(cap, need);
  }

  // Capacity exactly `cap`, ids below `n`.
  void Reallocate(size_t cap, size_t n) {
    const size_t old = unit.size();
    for (auto* c : {&unit, &day, &attrs, &ack, &close}) {
      std::vector<uint16_t> fresh;
      fresh.reserve(cap);
      fresh.assign(c->begin(), c->begin() + std::min(old, n));
      fresh.resize(n, 0);
      c->swap(fresh);
    }
  }

  // Leaves 1/16 headroom after a load.
  void Trim() {
    const size_t n = ids();
    const size_t cap = n + n / 16 + 1024;
    if (unit.capacity() > cap) Reallocate(cap, n);
  }

  int64_t Bytes() const {
    return static_cast<int64_t>(unit.capacity() + day.capacity() + attrs.capacity() +
                                ack.capacity() + close.capacity()) *
           static_cast<int64_t>(sizeof(uint16_t));
  }

  // The index of `id`, added when new; 0 when the index is full.
  uint16_t UnitIndex(UnitId id) {
    if (id == last_unit) return last_unit_index;
    auto it = unit_index.find(id);
    uint16_t index = 0;
    if (it != unit_index.end()) {
      index = it->second;
    } else if (unit_ids.size() <= kMaxUnits) {
      index = static_cast<uint16_t>(unit_ids.size());
      unit_index.emplace(id, index);
      unit_ids.push_back(id);
      months.emplace_back();
    } else {
      return 0;
    }
    last_unit = id;
    last_unit_index = index;
    return index;
  }

  // Replaces the incident's row with `row` (a row without the present bit
  // removes it). Rows that cannot be held (an id beyond 2^31, a 65536th unit)
  // are left out.
  void Put(const FactsRow& row) {
    if (row.incident_id <= 0 || row.incident_id >= kMaxIncidentId) return;
    const size_t id = static_cast<size_t>(row.incident_id);
    const bool present = (static_cast<uint32_t>(row.attrs) & kPresentBit) != 0;
    if (id >= ids()) {
      if (!present) return;
      Grow(id + 1);
    }
    if (unit[id] != 0) {
      months[unit[id]].Add(MonthOfDay()[day[id]], -1);
      unit[id] = 0;
      attrs[id] = 0;
      --size;
    }
    if (!present) return;
    const uint16_t u = UnitIndex(row.unit_id);
    if (u == 0) return;
    unit[id] = u;
    day[id] = Clamp16(row.day, kDays - 1);
    attrs[id] = static_cast<uint16_t>(row.attrs);
    ack[id] = row.ack_hours < 0 ? kNoValue : Clamp16(row.ack_hours, kMaxDuration);
    close[id] = row.close_days < 0 ? kNoValue : Clamp16(row.close_days, kMaxDuration);
    months[u].Add(MonthOfDay()[day[id]], 1);
    const size_t block = id / kBlockIds;
    if (block >= block_min_day.size()) {
      block_min_day.resize(block + 1, kNoValue);
      block_max_day.resize(block + 1, 0);
    }
    block_min_day[block] = std::min(block_min_day[block], day[id]);
    block_max_day[block] = std::max(block_max_day[block], day[id]);
    ++size;
  }

  // Applies one row unless the index holds it or a later one of its incident.
  void ApplyRow(const FactsRow& row) {
    if (row.seq <= caught_seq) return;
    auto it = ahead.find(row.incident_id);
    if (it != ahead.end() && it->second >= row.seq) return;
    Put(row);
    max_seq = std::max(max_seq, row.seq);
    if (row.seq == caught_seq + 1) {
      caught_seq = row.seq;
      if (!ahead_seqs.empty()) Advance();
      return;
    }
    if (ahead.size() >= kMaxAhead) {
      ahead.clear();
      ahead_seqs.clear();
    }
    ahead[row.incident_id] = row.seq;
    ahead_seqs.insert(row.seq);
  }

  // Rows read from the store, ascending by seq: every stored row after
  // caught_seq up to the last of them.
  void CatchUpWith(const std::vector<FactsRow>& rows) {
    for (const FactsRow& row : rows) {
      if (row.seq <= caught_seq) continue;
      if (!ahead.empty()) {
        auto it = ahead.find(row.incident_id);
        if (it != ahead.end() && it->second >= row.seq) continue;
      }
      Put(row);
      max_seq = std::max(max_seq, row.seq);
    }
    if (!rows.empty()) caught_seq = std::max(caught_seq, rows.back().seq);
    Advance();
  }

  // Moves caught_seq over the rows applied ahead that now follow it without
  // a gap, and forgets those it passed.
  void Advance() {
    if (ahead_seqs.empty()) return;
    auto it = ahead_seqs.begin();
    while (it != ahead_seqs.end() && *it <= caught_seq + 1)
      caught_seq = std::max(caught_seq, *it++);
    if (it == ahead_seqs.begin()) return;
    ahead_seqs.erase(ahead_seqs.begin(), it);
    std::erase_if(ahead, [&](const auto& e) { return e.second <= caught_seq; });
  }
};

StatsIndex::StatsIndex() : columns_(std::make_unique<Columns>()) { MonthOfDay(); }
StatsIndex::~StatsIndex() = default;

Status StatsIndex::Load(Store& store) {
  auto fresh = std::make_unique<Columns>();
  std::vector<FactsRow> rows;
  for (;;) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(rows, tx->ListFacts(fresh->caught_seq, kLoadBatch));
    fresh->CatchUpWith(rows);
    if (static_cast<int>(rows.size()) < kLoadBatch) break;
  }
  fresh->Trim();
  std::unique_lock lock(mu_);
  columns_ = std::move(fresh);
  return Status::Ok();
}

Status StatsIndex::CatchUp(StoreTx& tx) {
  int64_t after = 0;
  {
    std::shared_lock lock(mu_);
    after = columns_->caught_seq;
  }
  TRYGG_ASSIGN_OR_RETURN(int64_t last, tx.LastFactsSeq());
  while (last > after) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<FactsRow> rows, tx.ListFacts(after, kLoadBatch));
    if (rows.empty()) break;
    after = rows.back().seq;
    std::unique_lock lock(mu_);
    // Another thread may have caught up meanwhile: only newer rows apply.
    columns_->CatchUpWith(rows);
  }
  return Status::Ok();
}

void StatsIndex::Apply(const std::vector<FactsRow>& rows) {
  std::unique_lock lock(mu_);
  for (const FactsRow& row : rows) columns_->ApplyRow(row);
}

Result<StatsCube> StatsIndex::Query(const StatsQuery& query, const OrgTree& tree,
                                    const std::vector<UnitId>& allowed_units) const {
  const StatsDim row_dim = query.rows, col_dim = query.cols;
  if (row_dim == StatsDim::kNone || row_dim == col_dim) {
    return Status::InvalidArgument("stats.dims");
  }
  const StatsFilter& filter = query.filter;
  std::shared_lock lock(mu_);
  const Columns& c = *columns_;
  const size_t nunits = c.unit_ids.size();

  // The scope: allowed units, narrowed to the filter's subtrees.
  std::unordered_set<UnitId> scope(allowed_units.begin(), allowed_units.end());
  if (!filter.units.empty()) {
    std::unordered_set<UnitId> narrowed;
    for (UnitId root : filter.units) {
      for (UnitId id : tree.Subtree(root)) {
        if (scope.count(id) != 0) narrowed.insert(id);
      }
    }
    scope = std::move(narrowed);
  }
  std::vector<char> in_scope(nunits, 0);
  for (size_t i = 1; i < nunits; ++i) in_scope[i] = scope.count(c.unit_ids[i]) != 0;

  // The days counted: the filter's range, and for time dims the periods of
  // that range or of the data in scope.
  int lo_day = filter.from ? std::clamp<int>(*filter.from, 0, kDays) : 0;
  int hi_day = filter.to ? std::clamp<int>(*filter.to, 0, kDays) : kDays;
  const bool time_dim = SourceOf(row_dim) == Source::kDay || SourceOf(col_dim) == Source::kDay;
  if (time_dim && (!filter.from || !filter.to)) {
    int first = INT32_MAX, last = -1;
    for (size_t i = 1; i < nunits; ++i) {
      int f = 0, l = 0;
      if (in_scope[i] && c.months[i].Range(&f, &l)) {
        first = std::min(first, f);
        last = std::max(last, l);
      }
    }
    if (last < 0) {
      hi_day = lo_day;  // no data and an open range: no periods
    } else {
      if (!filter.from) lo_day = FirstDayOfMonth(first);
      if (!filter.to) hi_day = std::min(kDays, static_cast<int>(FirstDayOfMonth(last + 1)));
    }
  }
  if (hi_day < lo_day) hi_day = lo_day;
  const std::vector<uint16_t>& month_of = MonthOfDay();

  auto build_axis = [&](StatsDim dim) {
    Axis axis;
    axis.dim = dim;
    switch (SourceOf(dim)) {
      case Source::kNone:
        axis.keys.push_back({"", "", std::nullopt});
        break;
      case Source::kUnit: {
        std::vector<UnitId> groups;
        std::unordered_set<UnitId> seen;
        for (UnitId id : scope) {
          std::optional<UnitId> g = GroupUnit(tree, id, dim);
          if (g && seen.insert(*g).second) groups.push_back(*g);
        }
        std::vector<std::pair<std::string, UnitId>> named;
        for (UnitId g : groups) named.emplace_back(tree.PathName(g), g);
        std::sort(named.begin(), named.end(), [](const auto& a, const auto& b) {
          if (SwedishLess(a.first, b.first)) return true;
          if (SwedishLess(b.first, a.first)) return false;
          return a.second < b.second;
        });
        std::unordered_map<UnitId, int32_t> position;
        for (const auto& [path, id] : named) {
          position[id] = static_cast<int32_t>(axis.keys.size());
          axis.keys.push_back({std::to_string(id), path, id});
        }
        axis.unit_group.assign(nunits, -1);
        for (size_t i = 1; i < nunits; ++i) {
          if (!in_scope[i]) continue;
          std::optional<UnitId> g = GroupUnit(tree, c.unit_ids[i], dim);
          if (g) axis.unit_group[i] = position.at(*g);
        }
        break;
      }
      case Source::kDay:
        if (lo_day < hi_day) {
          axis.first_period = PeriodOf(month_of[lo_day], dim);
          const int last = PeriodOf(month_of[hi_day - 1], dim);
          for (int p = axis.first_period; p <= last; ++p) {
            std::string key = PeriodKey(p, dim);
            axis.keys.push_back({key, key, std::nullopt});
          }
        }
        break;
      case Source::kAttrs:
        axis.keys = EnumKeys(dim);
        break;
    }
    return axis;
  };
  const Axis rows = build_axis(row_dim);
  const Axis cols = build_axis(col_dim);

  StatsCube cube;
  cube.row_dim = row_dim;
  cube.col_dim = col_dim;
  cube.rows = rows.keys;
  cube.cols = cols.keys;
  const int64_t ncells = static_cast<int64_t>(rows.keys.size()) * cols.keys.size();
  if (ncells > kMaxCells) return Status::InvalidArgument("stats.too_many_cells");
  const StatsMeasureSet wanted = WithParents(query.measures);
  cube.measures = wanted;
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    if (HasMeasure(wanted, m)) cube.cells[m].assign(ncells, 0);
  }
  if (query.medians) {
    cube.median_ack_hours.assign(rows.keys.size(), std::nullopt);
    cube.median_close_days.assign(rows.keys.size(), std::nullopt);
  }
  if (ncells == 0) return cube;

  // How to count: one counter per combination of the wanted flag measures
  // while those fit the L1 cache, else the eight measures in vector lanes.
  std::vector<int> flag_measures;  // wanted measures with a flag, in order
  for (int m = 1; m < kStatsMeasureCount; ++m) {
    if (HasMeasure(wanted, m)) flag_measures.push_back(m);
  }
  const int64_t combos = int64_t{1} << flag_measures.size();
  const Layout layout = (ncells + kTrashCells) * combos <= kMaxComboCounters
                            ? (combos == 1 ? Layout::kCount : Layout::kCombos)
                        : ncells <= kMaxCellsForLanes16 ? Layout::kLanes16
                                                        : Layout::kLanes32;
  const bool counts_combos = layout == Layout::kCount || layout == Layout::kCombos;

  // Compile the lookup tables.
  Plan plan;
  plan.combos = counts_combos ? static_cast<uint32_t>(combos) : 1;
  const uint32_t mult = plan.combos;
  plan.cells = static_cast<uint32_t>(ncells) * mult;
  plan.ncols = static_cast<uint32_t>(cols.keys.size());
  plan.nrows = static_cast<uint32_t>(rows.keys.size());
  for (uint32_t f = 0; f < kFlagCombos; ++f) {
    uint32_t combo = 0;
    for (size_t j = 0; j < flag_measures.size(); ++j) {
      combo |= ((f >> kMeasureFlag[flag_measures[j]]) & 1u) << j;
    }
    plan.combo_of[f] = combo;
  }
  plan.cell_row.assign(plan.cells + (kTrashCells + 1) * mult, plan.nrows);
  for (uint32_t i = 0; i < plan.cells; ++i) plan.cell_row[i] = i / mult / plan.ncols;

  plan.by_unit.assign(nunits, 0);
  for (size_t i = 0; i < nunits; ++i) {
    bool counted = i != 0 && in_scope[i];
    uint32_t v = 0;
    for (const Axis* axis : {&rows, &cols}) {
      if (!counted || SourceOf(axis->dim) != Source::kUnit) continue;
      const int32_t g = axis->unit_group[i];
      counted = g >= 0;
      v += static_cast<uint32_t>(std::max(g, 0)) * (axis == &rows ? plan.ncols : 1) * mult;
    }
    plan.by_unit[i] = counted ? v : kExcluded;
  }

  plan.by_day.assign(kDays, kExcluded);
  for (int d = lo_day; d < hi_day; ++d) {
    uint32_t v = 0;
    for (const Axis* axis : {&rows, &cols}) {
      if (SourceOf(axis->dim) != Source::kDay) continue;
      const uint32_t step = (axis == &rows ? plan.ncols : 1) * mult;
      v += static_cast<uint32_t>(PeriodOf(month_of[d], axis->dim) - axis->first_period) * step;
    }
    plan.by_day[d] = v;
  }

  std::array<bool, kCategoryCount> category_ok;
  category_ok.fill(filter.categories.empty());
  for (Category cat : filter.categories) category_ok[static_cast<int>(cat)] = true;
  std::array<bool, kPlaceCount> place_ok;
  place_ok.fill(filter.places.empty());
  for (PlaceType p : filter.places) place_ok[static_cast<int>(p)] = true;
  plan.by_attrs.assign(kAttrKeys, kExcluded);
  for (uint32_t a = 0; a < kAttrKeys; ++a) {
    const int cat = AttrGroup(a, StatsDim::kCategory);
    const int place = AttrGroup(a, StatsDim::kPlace);
    const int severity = AttrGroup(a, StatsDim::kSeverity) + 1;
    const bool outside = AttrGroup(a, StatsDim::kOutside) != 0;
    const bool tied = AttrGroup(a, StatsDim::kTied) != 0;
    if (cat < 0 || place < 0 || !category_ok[cat] || !place_ok[place]) continue;
    if (filter.min_severity && severity < *filter.min_severity) continue;
    if (filter.outside_workplace && outside != *filter.outside_workplace) continue;
    if (filter.tied_to_role && tied != *filter.tied_to_role) continue;
    uint32_t v = 0;
    for (const Axis* axis : {&rows, &cols}) {
      if (SourceOf(axis->dim) != Source::kAttrs) continue;
      const uint32_t step = (axis == &rows ? plan.ncols : 1) * mult;
      v += static_cast<uint32_t>(AttrGroup(a, axis->dim)) * step;
    }
    plan.by_attrs[a] = v;
  }

  // Scan, on two threads when there is enough to scan.
  const size_t counter_count =
      counts_combos ? plan.cell_row.size() : (ncells + kTrashCells) * kStatsMeasureCount;
  const size_t median_count = query.medians ? (plan.nrows + 1) * size_t{kMedianBuckets} : 0;
  // The ids to scan: all, less the blocks whose days all fall outside the range.
  const size_t n = c.ids();
  IdRanges ranges;
  size_t scanned = 0;
  for (size_t block = 0; block * kBlockIds < n; ++block) {
    const size_t begin = block * kBlockIds, end = std::min(n, begin + kBlockIds);
    if (block >= c.block_min_day.size() || c.block_min_day[block] > c.block_max_day[block] ||
        c.block_max_day[block] < lo_day || c.block_min_day[block] >= hi_day) {
      continue;
    }
    if (!ranges.empty() && ranges.back().second == begin) {
      ranges.back().second = end;
    } else {
      ranges.emplace_back(begin, end);
    }
    scanned += end - begin;
  }
  // Split them in two halves of equal length when there is enough to scan.
  const int threads = scanned >= kParallelIds ? 2 : 1;
  std::vector<IdRanges> parts(threads);
  size_t taken = 0;
  for (auto [begin, end] : ranges) {
    while (begin < end) {
      int part = 0;
      while (taken >= scanned * (part + 1) / threads) ++part;
      const size_t part_end = scanned * (part + 1) / threads;  // in scanned ids
      const size_t len = std::min(end - begin, part_end - taken);
      parts[part].emplace_back(begin, begin + len);
      begin += len;
      taken += len;
    }
  }
  std::vector<Tally> tallies(threads);
  for (Tally& t : tallies) {
    t.counters.assign(counter_count, 0);
    t.ack.assign(median_count, 0);
    t.close.assign(median_count, 0);
  }
  // Narrow by attributes first when a sample of the ids says the filter on
  // them keeps under 40 %.
  bool select = false;
  if (std::any_of(plan.by_attrs.begin(), plan.by_attrs.end(),
                  [](uint32_t v) { return v >= kExcluded; })) {
    int64_t sampled = 0, kept = 0;
    const size_t step = std::max<size_t>(61, scanned / kSelectSamples) | 1;
    for (const auto& [begin, end] : ranges) {
      for (size_t i = begin; i < end; i += step) {
        if (c.unit[i] == 0) continue;
        ++sampled;
        kept += plan.by_attrs[c.attrs[i] & (kAttrKeys - 1)] < kExcluded;
      }
    }
    select = sampled >= 64 && kept * 10 < sampled * 4;
  }
  for (uint32_t a = 0; a < kAttrKeys; ++a) plan.attr_pass[a] = plan.by_attrs[a] < kExcluded;
  const ScanFn scan = PickScan(layout, query.medians, select);
  const ColumnView view{c.unit.data(), c.day.data(), c.attrs.data(), c.ack.data(), c.close.data()};
  if (threads == 2) {
    std::thread second([&] { scan(view, parts[1], plan, &tallies[1]); });
    scan(view, parts[0], plan, &tallies[0]);
    second.join();
  } else {
    scan(view, parts[0], plan, &tallies[0]);
  }
  for (int t = 1; t < threads; ++t) {
    for (size_t i = 0; i < counter_count; ++i) tallies[0].counters[i] += tallies[t].counters[i];
    for (size_t i = 0; i < median_count; ++i) {
      tallies[0].ack[i] += tallies[t].ack[i];
      tallies[0].close[i] += tallies[t].close[i];
    }
  }
  const Tally& tally = tallies[0];

  if (counts_combos) {
    for (int64_t cell = 0; cell < ncells; ++cell) {
      const uint32_t* k = &tally.counters[cell * combos];
      for (int64_t combo = 0; combo < combos; ++combo) {
        if (k[combo] == 0) continue;
        cube.cells[0][cell] += k[combo];
        for (size_t j = 0; j < flag_measures.size(); ++j) {
          if ((combo >> j) & 1) cube.cells[flag_measures[j]][cell] += k[combo];
        }
      }
    }
  } else {
    for (int64_t cell = 0; cell < ncells; ++cell) {
      for (int m = 0; m < kStatsMeasureCount; ++m) {
        if (!HasMeasure(wanted, m)) continue;
        cube.cells[m][cell] = tally.counters[cell * kStatsMeasureCount + m];
      }
    }
  }
  if (!query.medians) return cube;

  // Medians: per row, and over every row (the trash row excluded).
  const uint32_t nrows = plan.nrows;
  for (const bool is_ack : {true, false}) {
    const std::vector<uint32_t>& hist = is_ack ? tally.ack : tally.close;
    std::vector<uint32_t> total(kMedianBuckets, 0);
    for (uint32_t r = 0; r < nrows; ++r) {
      for (int b = 0; b < kMedianBuckets; ++b) total[b] += hist[r * kMedianBuckets + b];
    }
    // Values of 1024 or more, exactly, for the rows whose median lies there.
    std::vector<char> need(nrows, 0);
    bool any = false;
    const bool total_needs = MedianNeedsOver(total.data());
    for (uint32_t r = 0; r < nrows; ++r) {
      need[r] = total_needs || MedianNeedsOver(&hist[r * kMedianBuckets]);
      any = any || need[r];
    }
    std::vector<std::vector<uint16_t>> over(nrows);
    std::vector<uint16_t> total_over;
    if (any) {
      const std::vector<uint16_t>& col = is_ack ? c.ack : c.close;
      for (size_t i = 0; i < n; ++i) {
        if (col[i] < kMedianExact || col[i] == kNoValue) continue;
        const uint32_t row = plan.cell_row[CellOf(plan, c.unit[i], c.day[i], c.attrs[i])];
        if (row < nrows && need[row]) over[row].push_back(col[i]);
      }
      for (auto& v : over) {
        std::sort(v.begin(), v.end());
        if (total_needs) total_over.insert(total_over.end(), v.begin(), v.end());
      }
      std::sort(total_over.begin(), total_over.end());
    }
    auto& per_row = is_ack ? cube.median_ack_hours : cube.median_close_days;
    for (uint32_t r = 0; r < nrows; ++r) per_row[r] = MedianOf(&hist[r * kMedianBuckets], over[r]);
    (is_ack ? cube.total_median_ack_hours : cube.total_median_close_days) =
        MedianOf(total.data(), total_over);
  }
  return cube;
}

int64_t StatsIndex::size() const {
  std::shared_lock lock(mu_);
  return columns_->size;
}

int64_t StatsIndex::memory_bytes() const {
  std::shared_lock lock(mu_);
  return columns_->Bytes();
}

int64_t StatsIndex::last_seq() const {
  std::shared_lock lock(mu_);
  return std::max(columns_->caught_seq, columns_->max_seq);
}

}  // namespace trygg
