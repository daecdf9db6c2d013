// StatsIndex: every cross table equals a naive count over the facts rows (every dim pair, filters,
// scopes, medians), rows are replaced by later ones, and the index catches up with a real store.
#include "app/stats_index.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <set>

#include "../storage/store_test_support.h"
#include "core/text.h"

namespace trygg {
namespace {

constexpr std::array<StatsDim, 11> kDims = {
    StatsDim::kForvaltning, StatsDim::kAvdelning, StatsDim::kEnhet, StatsDim::kCategory,
    StatsDim::kPlace,       StatsDim::kSeverity,  StatsDim::kYear,  StatsDim::kQuarter,
    StatsDim::kMonth,       StatsDim::kOutside,   StatsDim::kTied,
};

// kommun 1
//   Norra (förvaltning 10): Barn och unga (avdelning 11): enheter 111, 112;
//     Ekonomiskt bistånd (avdelning 12): enhet 121; enhet 101 directly under Norra
//   Äldre (förvaltning 20): Hemtjänst (avdelning 21): enheter 211, 212; enhet 201
OrgTree SmallTree() {
  return OrgTree({
      {1, std::nullopt, UnitKind::kKommun, "Staden"},
      {10, 1, UnitKind::kForvaltning, "Norra"},
      {11, 10, UnitKind::kAvdelning, "Barn och unga"},
      {12, 10, UnitKind::kAvdelning, "Ekonomiskt bistånd"},
      {111, 11, UnitKind::kEnhet, "Utredning"},
      {112, 11, UnitKind::kEnhet, "Öppenvård"},
      {121, 12, UnitKind::kEnhet, "Mottagning"},
      {101, 10, UnitKind::kEnhet, "Ärendeenheten"},
      {20, 1, UnitKind::kForvaltning, "Äldre"},
      {21, 20, UnitKind::kAvdelning, "Hemtjänst"},
      {211, 21, UnitKind::kEnhet, "Hemtjänst Väst"},
      {212, 21, UnitKind::kEnhet, "Hemtjänst Öst"},
      {201, 20, UnitKind::kEnhet, "Biståndsbedömning"},
  });
}

// Units incidents are reported on: enheter, an avdelning, a förvaltning, and
// one unit the tree does not know.
const std::vector<UnitId> kIncidentUnits = {111, 112, 121, 101, 211, 212, 201, 11, 20, 999};

std::vector<UnitId> AllUnits(const OrgTree& tree) { return tree.Subtree(1); }

IncidentFacts RandomFacts(std::mt19937& rng, IncidentId id) {
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  IncidentFacts f;
  f.incident_id = id;
  f.unit_id = kIncidentUnits[pick(static_cast<int>(kIncidentUnits.size()))];
  f.day = StatsDayOf({2021, 3, 1}) + pick(3 * 365);
  f.category = static_cast<Category>(pick(8));
  f.place_type = static_cast<PlaceType>(pick(7));
  f.severity = 1 + pick(4);
  f.outside_workplace = pick(3) == 0;
  f.tied_to_role = pick(4) != 0;
  f.police_reported = pick(3) == 0;
  f.notice_applies = pick(2) == 0;
  f.notice_on_time = f.notice_applies && pick(3) != 0;
  f.support_applies = pick(2) == 0;
  f.support_on_time = f.support_applies && pick(2) != 0;
  if (pick(5) != 0) f.ack_hours = pick(10) == 0 ? 1000 + pick(3000) : pick(200);
  if (pick(3) != 0) f.close_days = pick(400);
  return f;
}

std::vector<FactsRow> RandomRows(uint32_t seed, int n, int64_t first_seq) {
  std::mt19937 rng(seed);
  std::vector<FactsRow> rows;
  IncidentId id = 0;
  for (int i = 0; i < n; ++i) {
    id += 1 + (rng() % 8 == 0 ? 3 : 0);  // mostly dense, a few gaps
    FactsRow row = EncodeFacts(RandomFacts(rng, id));
    row.seq = first_seq + i;
    rows.push_back(row);
  }
  return rows;
}

// --- The naive reference: decode every row and count it by its keys. ---

std::optional<UnitId> RefGroup(const OrgTree& tree, UnitId id, StatsDim dim) {
  const OrgUnit* u = tree.Find(id);
  if (u == nullptr) return std::nullopt;
  if (dim == StatsDim::kEnhet) {
    return u->kind == UnitKind::kEnhet ? std::optional<UnitId>(id) : std::nullopt;
  }
  if (dim == StatsDim::kForvaltning) return tree.ForvaltningOf(id);
  for (; u != nullptr; u = u->parent_id ? tree.Find(*u->parent_id) : nullptr) {
    if (u->kind == UnitKind::kAvdelning) return u->id;
  }
  return std::nullopt;
}

std::string TimeKey(LocalDate d, StatsDim dim) {
  char buf[16];
  if (dim == StatsDim::kYear) std::snprintf(buf, sizeof buf, "%d", d.year);
  if (dim == StatsDim::kQuarter)
    std::snprintf(buf, sizeof buf, "%d-Q%d", d.year, (d.month + 2) / 3);
  if (dim == StatsDim::kMonth) std::snprintf(buf, sizeof buf, "%d-%02d", d.year, d.month);
  return buf;
}

// The key of `f` along `dim`, or nullopt when it groups under none.
std::optional<std::string> RefKey(const IncidentFacts& f, StatsDim dim, const OrgTree& tree) {
  switch (dim) {
    case StatsDim::kNone:
      return "";
    case StatsDim::kForvaltning:
    case StatsDim::kAvdelning:
    case StatsDim::kEnhet: {
      std::optional<UnitId> g = RefGroup(tree, f.unit_id, dim);
      if (!g) return std::nullopt;
      return std::to_string(*g);
    }
    case StatsDim::kCategory:
      return std::string(CategoryCode(f.category));
    case StatsDim::kPlace:
      return std::string(PlaceTypeCode(f.place_type));
    case StatsDim::kSeverity:
      return std::to_string(f.severity);
    case StatsDim::kYear:
    case StatsDim::kQuarter:
    case StatsDim::kMonth:
      return TimeKey(DateOfStatsDay(f.day), dim);
    case StatsDim::kOutside:
      return f.outside_workplace ? "true" : "false";
    case StatsDim::kTied:
      return f.tied_to_role ? "true" : "false";
  }
  return std::nullopt;
}

bool InScope(const IncidentFacts& f, const StatsFilter& filter, const OrgTree& tree,
             const std::vector<UnitId>& allowed) {
  if (std::find(allowed.begin(), allowed.end(), f.unit_id) == allowed.end()) return false;
  if (!filter.units.empty() && std::none_of(filter.units.begin(), filter.units.end(),
                                            [&](UnitId u) { return tree.Covers(u, f.unit_id); })) {
    return false;
  }
  return true;
}

bool Passes(const IncidentFacts& f, const StatsFilter& filter) {
  if (filter.from && f.day < *filter.from) return false;
  if (filter.to && f.day >= *filter.to) return false;
  auto has = [](const auto& list, auto v) {
    return list.empty() || std::find(list.begin(), list.end(), v) != list.end();
  };
  if (!has(filter.categories, f.category) || !has(filter.places, f.place_type)) return false;
  if (filter.min_severity && f.severity < *filter.min_severity) return false;
  if (filter.outside_workplace && f.outside_workplace != *filter.outside_workplace) return false;
  if (filter.tied_to_role && f.tied_to_role != *filter.tied_to_role) return false;
  return true;
}

std::array<bool, kStatsMeasureCount> Flags(const IncidentFacts& f) {
  return {true,
          f.police_reported,
          f.outside_workplace,
          f.tied_to_role,
          f.notice_applies,
          f.notice_on_time,
          f.support_applies,
          f.support_on_time};
}

std::optional<double> RefMedian(std::vector<int> v) {
  if (v.empty()) return std::nullopt;
  std::sort(v.begin(), v.end());
  const size_t n = v.size();
  return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// The expected row/column keys along `dim`, in order.
std::vector<std::string> RefKeys(StatsDim dim, const std::vector<IncidentFacts>& facts,
                                 const StatsFilter& filter, const OrgTree& tree,
                                 const std::vector<UnitId>& allowed) {
  std::vector<std::string> keys;
  if (dim == StatsDim::kNone) return {""};
  if (IsUnitDim(dim)) {
    std::set<UnitId> groups;
    for (UnitId id : allowed) {
      if (!filter.units.empty() && std::none_of(filter.units.begin(), filter.units.end(),
                                                [&](UnitId u) { return tree.Covers(u, id); })) {
        continue;
      }
      if (std::optional<UnitId> g = RefGroup(tree, id, dim)) groups.insert(*g);
    }
    std::vector<UnitId> sorted(groups.begin(), groups.end());
    std::sort(sorted.begin(), sorted.end(),
              [&](UnitId a, UnitId b) { return SwedishLess(tree.PathName(a), tree.PathName(b)); });
    for (UnitId g : sorted) keys.push_back(std::to_string(g));
    return keys;
  }
  if (dim == StatsDim::kYear || dim == StatsDim::kQuarter || dim == StatsDim::kMonth) {
    std::optional<StatsDay> lo = filter.from, hi;
    if (filter.to) hi = *filter.to - 1;
    if (!lo || !hi) {
      std::optional<StatsDay> min, max;
      for (const IncidentFacts& f : facts) {
        if (!InScope(f, filter, tree, allowed)) continue;
        min = std::min(min.value_or(f.day), f.day);
        max = std::max(max.value_or(f.day), f.day);
      }
      if (!min) return keys;
      if (!lo) lo = min;
      if (!hi) hi = max;
    }
    for (StatsDay d = *lo; d <= *hi; ++d) {
      std::string key = TimeKey(DateOfStatsDay(d), dim);
      if (keys.empty() || keys.back() != key) keys.push_back(key);
    }
    return keys;
  }
  if (dim == StatsDim::kCategory) {
    for (int i = 0; i < 8; ++i) keys.emplace_back(CategoryCode(Category(i)));
  } else if (dim == StatsDim::kPlace) {
    for (int i = 0; i < 7; ++i) keys.emplace_back(PlaceTypeCode(PlaceType(i)));
  } else if (dim == StatsDim::kSeverity) {
    keys = {"1", "2", "3", "4"};
  } else {
    keys = {"false", "true"};
  }
  return keys;
}

std::vector<std::string> KeysOf(const std::vector<StatsKey>& keys) {
  std::vector<std::string> out;
  for (const StatsKey& k : keys) out.push_back(k.key);
  return out;
}

// Checks `cube` against the naive count of `rows` (the latest row per incident).
void ExpectMatchesReference(const StatsCube& cube, const StatsQuery& query,
                            const std::vector<FactsRow>& rows, const OrgTree& tree,
                            const std::vector<UnitId>& allowed) {
  std::map<IncidentId, IncidentFacts> latest;
  for (const FactsRow& row : rows) {
    Result<IncidentFacts> f = DecodeFacts(row);
    ASSERT_TRUE(f.ok());
    latest[row.incident_id] = *f;
  }
  std::vector<IncidentFacts> facts;
  for (const auto& [id, f] : latest) facts.push_back(f);

  const std::string what =
      std::string(StatsDimCode(query.rows)) + " × " + std::string(StatsDimCode(query.cols));
  SCOPED_TRACE(what);
  ASSERT_EQ(KeysOf(cube.rows), RefKeys(query.rows, facts, query.filter, tree, allowed));
  ASSERT_EQ(KeysOf(cube.cols), RefKeys(query.cols, facts, query.filter, tree, allowed));

  std::map<std::pair<std::string, std::string>, std::array<int64_t, kStatsMeasureCount>> expected;
  std::map<std::string, std::vector<int>> ack, close;
  std::vector<int> all_ack, all_close;
  for (const IncidentFacts& f : facts) {
    if (!InScope(f, query.filter, tree, allowed) || !Passes(f, query.filter)) continue;
    std::optional<std::string> r = RefKey(f, query.rows, tree);
    std::optional<std::string> c = RefKey(f, query.cols, tree);
    if (!r || !c) continue;
    auto& cell = expected[{*r, *c}];
    std::array<bool, kStatsMeasureCount> flags = Flags(f);
    for (int m = 0; m < kStatsMeasureCount; ++m) cell[m] += flags[m];
    if (f.ack_hours) {
      ack[*r].push_back(*f.ack_hours);
      all_ack.push_back(*f.ack_hours);
    }
    if (f.close_days) {
      close[*r].push_back(*f.close_days);
      all_close.push_back(*f.close_days);
    }
  }
  ASSERT_EQ(cube.measures, WithParents(query.measures));
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    ASSERT_EQ(cube.cells[m].size(),
              HasMeasure(cube.measures, m) ? cube.rows.size() * cube.cols.size() : 0u)
        << StatsMeasureCode(StatsMeasure(m));
  }
  int64_t seen = 0;
  for (size_t r = 0; r < cube.rows.size(); ++r) {
    for (size_t c = 0; c < cube.cols.size(); ++c) {
      auto it = expected.find({cube.rows[r].key, cube.cols[c].key});
      for (int m = 0; m < kStatsMeasureCount; ++m) {
        if (!HasMeasure(cube.measures, m)) continue;
        const int64_t want = it == expected.end() ? 0 : it->second[m];
        ASSERT_EQ(cube.At(StatsMeasure(m), r, c), want)
            << StatsMeasureCode(StatsMeasure(m)) << " at " << cube.rows[r].key << ", "
            << cube.cols[c].key;
      }
      if (it != expected.end()) ++seen;
    }
  }
  EXPECT_EQ(seen, static_cast<int64_t>(expected.size())) << "a counted key has no row or column";
  if (!query.medians) return;
  ASSERT_EQ(cube.median_ack_hours.size(), cube.rows.size());
  ASSERT_EQ(cube.median_close_days.size(), cube.rows.size());
  for (size_t r = 0; r < cube.rows.size(); ++r) {
    EXPECT_EQ(cube.median_ack_hours[r], RefMedian(ack[cube.rows[r].key])) << cube.rows[r].key;
    EXPECT_EQ(cube.median_close_days[r], RefMedian(close[cube.rows[r].key])) << cube.rows[r].key;
  }
  EXPECT_EQ(cube.total_median_ack_hours, RefMedian(all_ack));
  EXPECT_EQ(cube.total_median_close_days, RefMedian(all_close));
}

std::vector<StatsFilter> Filters() {
  std::vector<StatsFilter> filters(8);
  filters[1].from = StatsDayOf({2022, 2, 15});
  filters[1].to = StatsDayOf({2023, 8, 1});
  filters[2].units = {11, 201};
  filters[2].categories = {Category::kHot, Category::kVald};
  filters[3].places = {PlaceType::kHembesok, PlaceType::kTelefon, PlaceType::kAnnat};
  filters[3].min_severity = 3;
  filters[4].outside_workplace = true;
  filters[4].tied_to_role = false;
  filters[5].from = StatsDayOf({2022, 7, 1});  // open-ended: the data's end
  filters[5].units = {20};
  filters[6].to = StatsDayOf({2022, 1, 1});  // open-started: the data's start
  filters[6].min_severity = 4;
  filters[6].outside_workplace = false;
  filters[7].from = StatsDayOf({2030, 1, 1});  // after all data
  filters[7].to = StatsDayOf({2030, 3, 1});
  return filters;
}

TEST(StatsIndexTest, EveryDimPairAndFilterMatchesNaiveCount) {
  const OrgTree tree = SmallTree();
  const std::vector<FactsRow> rows = RandomRows(7, 4000, 1);
  StatsIndex index;
  index.Apply(rows);
  ASSERT_EQ(index.size(), 4000);
  const std::vector<UnitId> allowed = AllUnits(tree);
  int queries = 0;
  for (const StatsFilter& filter : Filters()) {
    for (StatsDim r : kDims) {
      std::vector<StatsDim> cols(kDims.begin(), kDims.end());
      cols.push_back(StatsDim::kNone);
      for (StatsDim c : cols) {
        if (c == r) continue;
        StatsQuery query{r, c, filter, false};
        Result<StatsCube> cube = index.Query(query, tree, allowed);
        ASSERT_TRUE(cube.ok()) << cube.status().ToString();
        ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, rows, tree, allowed));
        ++queries;
      }
    }
  }
  EXPECT_EQ(queries, 8 * 11 * 11);
}

// One förvaltning with one avdelning holding `enheter` enheter, ids 1000….
OrgTree FlatTree(int enheter) {
  std::vector<OrgUnit> units = {{1, std::nullopt, UnitKind::kKommun, "Staden"},
                                {10, 1, UnitKind::kForvaltning, "Norra"},
                                {11, 10, UnitKind::kAvdelning, "Barn och unga"}};
  for (UnitId id = 1000; id < 1000 + enheter; ++id) {
    units.push_back({id, 11, UnitKind::kEnhet, "Enhet " + std::to_string(id)});
  }
  return OrgTree(units);
}

// `n` random incidents spread over FlatTree(enheter)'s enheter, seq = id.
std::vector<FactsRow> RowsInFlatTree(unsigned seed, int n, int enheter) {
  std::mt19937 rng(seed);
  std::vector<FactsRow> rows;
  for (int i = 1; i <= n; ++i) {
    IncidentFacts f = RandomFacts(rng, i);
    f.unit_id = 1000 + static_cast<UnitId>(rng() % enheter);
    FactsRow row = EncodeFacts(f);
    row.seq = i;
    rows.push_back(row);
  }
  return rows;
}

TEST(StatsIndexTest, MeasureSubsetsCountTheirMeasuresAndParentsOnly) {
  // Each subset makes a different counter layout: one counter per cell (count
  // only), a counter per combination of a few flags, or the eight vector lanes
  // once the combinations outgrow the cache (enhet × month).
  const OrgTree tree = FlatTree(60);
  const std::vector<FactsRow> rows = RowsInFlatTree(23, 20'000, 60);
  StatsIndex index;
  index.Apply(rows);
  const std::vector<UnitId> allowed = tree.Subtree(1);
  const StatsMeasureSet sets[] = {
      MeasureBit(StatsMeasure::kCount),
      MeasureBit(StatsMeasure::kPolice),
      MeasureBit(StatsMeasure::kCount) | MeasureBit(StatsMeasure::kPolice) |
          MeasureBit(StatsMeasure::kOutside),
      MeasureBit(StatsMeasure::kNoticeOnTime) | MeasureBit(StatsMeasure::kTied),
      MeasureBit(StatsMeasure::kSupportOnTime),
      kAllStatsMeasures,
  };
  StatsFilter severe;
  severe.min_severity = 3;
  // Keeps a few per cent: the scan narrows by attributes first.
  StatsFilter rare;
  rare.min_severity = 4;
  rare.categories = {Category::kHot, Category::kVald};
  int queries = 0;
  for (StatsMeasureSet set : sets) {
    for (StatsQuery query : {StatsQuery{StatsDim::kEnhet, StatsDim::kCategory, severe, false},
                             StatsQuery{StatsDim::kEnhet, StatsDim::kCategory, rare, true},
                             StatsQuery{StatsDim::kEnhet, StatsDim::kMonth, rare, false},
                             StatsQuery{StatsDim::kCategory, StatsDim::kSeverity, {}, true},
                             StatsQuery{StatsDim::kEnhet, StatsDim::kMonth, {}, false},
                             StatsQuery{StatsDim::kYear, StatsDim::kNone, {}, false}}) {
      query.measures = set;
      SCOPED_TRACE(set);
      Result<StatsCube> cube = index.Query(query, tree, allowed);
      ASSERT_TRUE(cube.ok());
      ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, rows, tree, allowed));
      ++queries;
    }
  }
  EXPECT_EQ(queries, 36);
}

TEST(StatsIndexTest, LargeTablesAndLongScansMatch) {
  // 200 enheter and 70 000 incidents: enhet × month has more cells than the
  // 16-bit lanes serve, and enhet × year widens its 16-bit lanes mid-scan.
  const OrgTree tree = FlatTree(200);
  const std::vector<FactsRow> rows = RowsInFlatTree(17, 70'000, 200);
  StatsIndex index;
  index.Apply(rows);
  const std::vector<UnitId> allowed = tree.Subtree(1);
  for (StatsQuery query : {StatsQuery{StatsDim::kMonth, StatsDim::kEnhet, {}, true},
                           StatsQuery{StatsDim::kEnhet, StatsDim::kYear, {}, false},
                           StatsQuery{StatsDim::kCategory, StatsDim::kNone, {}, false}}) {
    Result<StatsCube> cube = index.Query(query, tree, allowed);
    ASSERT_TRUE(cube.ok());
    ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, rows, tree, allowed));
    if (query.rows == StatsDim::kMonth) EXPECT_GT(cube->rows.size() * cube->cols.size(), 4096u);
  }
}

TEST(StatsIndexTest, MediansPerRowAndInTotal) {
  const OrgTree tree = SmallTree();
  const std::vector<FactsRow> rows = RandomRows(3, 3000, 1);
  StatsIndex index;
  index.Apply(rows);
  for (StatsDim r : {StatsDim::kEnhet, StatsDim::kSeverity, StatsDim::kYear}) {
    for (const StatsFilter& filter : Filters()) {
      StatsQuery query{r, StatsDim::kCategory, filter, true};
      Result<StatsCube> cube = index.Query(query, tree, AllUnits(tree));
      ASSERT_TRUE(cube.ok());
      ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, rows, tree, AllUnits(tree)));
    }
  }
}

TEST(StatsIndexTest, MedianAmongLongDurationsIsExact) {
  // Most acknowledgements take 1024 hours or more: the median lies beyond
  // the histogram's exact buckets and is found exactly.
  const OrgTree tree = SmallTree();
  std::vector<FactsRow> rows;
  const std::vector<int> hours = {5, 2000, 1500, 40000, 1025, 65534};
  for (size_t i = 0; i < hours.size(); ++i) {
    IncidentFacts f;
    f.incident_id = static_cast<IncidentId>(i + 1);
    f.unit_id = 111;
    f.day = StatsDayOf({2024, 5, 2});
    f.ack_hours = hours[i];
    f.close_days = static_cast<int>(i) * 700;  // 0, 700, 1400, 2100, 2800, 3500
    FactsRow row = EncodeFacts(f);
    row.seq = static_cast<int64_t>(i + 1);
    rows.push_back(row);
  }
  StatsIndex index;
  index.Apply(rows);
  Result<StatsCube> cube =
      index.Query({StatsDim::kEnhet, StatsDim::kNone, {}, true}, tree, AllUnits(tree));
  ASSERT_TRUE(cube.ok());
  const auto row = std::find_if(cube->rows.begin(), cube->rows.end(),
                                [](const StatsKey& k) { return k.key == "111"; }) -
                   cube->rows.begin();
  EXPECT_EQ(cube->median_ack_hours[row], (1500 + 2000) / 2.0);
  EXPECT_EQ(cube->median_close_days[row], (1400 + 2100) / 2.0);
  EXPECT_EQ(cube->total_median_ack_hours, (1500 + 2000) / 2.0);
  EXPECT_EQ(cube->total_median_close_days, (1400 + 2100) / 2.0);
}

TEST(StatsIndexTest, AllowedScopeExcludesOtherUnits) {
  const OrgTree tree = SmallTree();
  const std::vector<FactsRow> rows = RandomRows(5, 3000, 1);
  StatsIndex index;
  index.Apply(rows);
  // A chef over Barn och unga, and someone with two scattered units.
  for (const std::vector<UnitId>& allowed :
       {tree.Subtree(11), std::vector<UnitId>{121, 212}, std::vector<UnitId>{}}) {
    for (StatsDim r : kDims) {
      for (StatsDim c : {StatsDim::kNone, StatsDim::kYear, StatsDim::kEnhet}) {
        if (r == c) continue;
        for (const StatsFilter& filter : Filters()) {
          StatsQuery query{r, c, filter, true};
          Result<StatsCube> cube = index.Query(query, tree, allowed);
          ASSERT_TRUE(cube.ok());
          ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, rows, tree, allowed));
        }
      }
    }
  }
  // Barn och unga's chef sees Norra as the one förvaltning row, with only
  // Barn och unga's incidents in it.
  Result<StatsCube> cube =
      index.Query({StatsDim::kForvaltning, StatsDim::kNone, {}, false}, tree, tree.Subtree(11));
  ASSERT_TRUE(cube.ok());
  ASSERT_EQ(cube->rows.size(), 1u);
  EXPECT_EQ(cube->rows[0].key, "10");
  EXPECT_EQ(cube->rows[0].label, "Norra");
  EXPECT_EQ(cube->rows[0].unit_id, 10);
}

TEST(StatsIndexTest, KeysAndLabels) {
  const OrgTree tree = SmallTree();
  StatsIndex index;
  index.Apply(RandomRows(9, 500, 1));
  Result<StatsCube> cube =
      index.Query({StatsDim::kEnhet, StatsDim::kQuarter,
                   StatsFilter{StatsDayOf({2023, 2, 1}), StatsDayOf({2023, 10, 1})}, false},
                  tree, AllUnits(tree));
  ASSERT_TRUE(cube.ok());
  std::vector<std::string> labels;
  for (const StatsKey& k : cube->rows) labels.push_back(k.label);
  EXPECT_EQ(labels, (std::vector<std::string>{
                        "Norra / Barn och unga / Utredning", "Norra / Barn och unga / Öppenvård",
                        "Norra / Ekonomiskt bistånd / Mottagning", "Norra / Ärendeenheten",
                        "Äldre / Biståndsbedömning", "Äldre / Hemtjänst / Hemtjänst Väst",
                        "Äldre / Hemtjänst / Hemtjänst Öst"}));
  EXPECT_EQ(KeysOf(cube->cols), (std::vector<std::string>{"2023-Q1", "2023-Q2", "2023-Q3"}));
  EXPECT_EQ(cube->cols[0].label, "2023-Q1");
  EXPECT_FALSE(cube->cols[0].unit_id.has_value());

  cube = index.Query({StatsDim::kMonth, StatsDim::kNone,
                      StatsFilter{StatsDayOf({2023, 11, 30}), StatsDayOf({2024, 2, 1})}, false},
                     tree, AllUnits(tree));
  ASSERT_TRUE(cube.ok());
  EXPECT_EQ(KeysOf(cube->rows), (std::vector<std::string>{"2023-11", "2023-12", "2024-01"}));
  EXPECT_EQ(KeysOf(cube->cols), (std::vector<std::string>{""}));
  EXPECT_EQ(cube->row_dim, StatsDim::kMonth);
  EXPECT_EQ(cube->col_dim, StatsDim::kNone);
}

TEST(StatsIndexTest, RejectsBadDims) {
  StatsIndex index;
  const OrgTree tree = SmallTree();
  for (auto [r, c] :
       {std::pair{StatsDim::kNone, StatsDim::kYear}, std::pair{StatsDim::kNone, StatsDim::kNone},
        std::pair{StatsDim::kYear, StatsDim::kYear}}) {
    Result<StatsCube> cube = index.Query({r, c, {}, false}, tree, AllUnits(tree));
    ASSERT_FALSE(cube.ok());
    EXPECT_EQ(cube.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(cube.status().reason(), "stats.dims");
  }
}

TEST(StatsIndexTest, EmptyIndexAnswersEmptyTables) {
  StatsIndex index;
  const OrgTree tree = SmallTree();
  Result<StatsCube> cube =
      index.Query({StatsDim::kYear, StatsDim::kCategory, {}, true}, tree, AllUnits(tree));
  ASSERT_TRUE(cube.ok());
  EXPECT_TRUE(cube->rows.empty());
  EXPECT_EQ(cube->cols.size(), 8u);
  cube = index.Query({StatsDim::kCategory, StatsDim::kNone, {}, true}, tree, AllUnits(tree));
  ASSERT_TRUE(cube.ok());
  EXPECT_EQ(cube->rows.size(), 8u);
  EXPECT_EQ(cube->At(StatsMeasure::kCount, 0, 0), 0);
  EXPECT_EQ(cube->median_ack_hours[0], std::nullopt);
  EXPECT_EQ(cube->total_median_close_days, std::nullopt);
  EXPECT_EQ(index.size(), 0);
  EXPECT_EQ(index.last_seq(), 0);
}

TEST(StatsIndexTest, LaterRowsReplaceEarlierOnesAndOlderAreSkipped) {
  const OrgTree tree = SmallTree();
  std::vector<FactsRow> rows = RandomRows(13, 2000, 1);
  StatsIndex index;
  index.Apply(rows);
  // Move every third incident to a new unit, day and attributes.
  std::vector<FactsRow> updates = RandomRows(14, 2000, 5000);
  std::vector<FactsRow> changed;
  for (size_t i = 0; i < rows.size(); i += 3) {
    FactsRow u = updates[i];
    u.incident_id = rows[i].incident_id;
    changed.push_back(u);
  }
  index.Apply(changed);
  EXPECT_EQ(index.size(), 2000);
  EXPECT_EQ(index.last_seq(), changed.back().seq);
  // An older row for an updated incident changes nothing.
  FactsRow stale = rows[0];
  stale.seq = 4000;
  index.Apply({stale});

  std::vector<FactsRow> all = rows;
  all.insert(all.end(), changed.begin(), changed.end());
  for (StatsDim r : {StatsDim::kEnhet, StatsDim::kMonth, StatsDim::kSeverity}) {
    StatsQuery query{r, StatsDim::kCategory, {}, true};
    Result<StatsCube> cube = index.Query(query, tree, AllUnits(tree));
    ASSERT_TRUE(cube.ok());
    ASSERT_NO_FATAL_FAILURE(ExpectMatchesReference(*cube, query, all, tree, AllUnits(tree)));
  }
}

TEST(StatsIndexTest, MemoryStaysWithinSixteenBytesPerIncident) {
  StatsIndex index;
  std::vector<FactsRow> rows = RandomRows(21, 1, 1);
  for (int batch = 0; batch < 50; ++batch) {
    std::vector<FactsRow> more;
    for (int i = 0; i < 5000; ++i) {
      FactsRow r = rows[0];
      r.incident_id = batch * 5000 + i + 1;
      r.seq = r.incident_id;
      more.push_back(r);
    }
    index.Apply(more);
    EXPECT_LE(index.memory_bytes(), 16 * index.size() + 16 * 1024) << index.size();
  }
  EXPECT_EQ(index.size(), 250000);
  EXPECT_LE(index.memory_bytes(), 16 * index.size());
  EXPECT_GE(index.memory_bytes(), 10 * index.size());
}

// --- Load and CatchUp against a real store. ---

namespace st = store_test;

class StatsIndexStoreTest : public st::StoreTest {
 protected:
  // Stores an incident on `unit` and its facts; returns the facts row as stored.
  Result<FactsRow> AddWithFacts(UnitId unit, UserId reporter, int day, Category category,
                                bool police) {
    TRYGG_ASSIGN_OR_RETURN(IncidentId id,
                           AddIncident(NewIncident(unit, reporter, {reporter}, kOccurred)));
    IncidentFacts f;
    f.incident_id = id;
    f.unit_id = unit;
    f.day = day;
    f.category = category;
    f.police_reported = police;
    f.ack_hours = 3;
    return PutFacts(EncodeFacts(f));
  }
  Result<FactsRow> PutFacts(FactsRow row) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, Write());
    TRYGG_ASSIGN_OR_RETURN(row.seq, tx->PutFacts(row));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return row;
  }
  Result<OrgTree> Tree() {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, Read());
    TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx->ListUnits());
    return OrgTree(std::move(units));
  }
  Status CatchUp(StatsIndex& index) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, Read());
    return index.CatchUp(*tx);
  }

  static constexpr TimeMs kOccurred = 1'700'000'000'000;
};

TEST_P(StatsIndexStoreTest, LoadsAndCatchesUpWithEveryCommit) {
  const int day = StatsDayOf({2024, 3, 4});
  std::vector<FactsRow> stored;
  for (int i = 0; i < 30; ++i) {
    ASSERT_OK_AND_ASSIGN(FactsRow row, AddWithFacts(i % 3 == 0 ? unit_c_ : unit_a_, alice_, day + i,
                                                    Category(i % 8), i % 2 == 0));
    stored.push_back(row);
  }
  ASSERT_OK_AND_ASSIGN(OrgTree tree, Tree());
  const std::vector<UnitId> allowed = tree.Subtree(kommun_);

  StatsIndex index;
  ASSERT_OK(index.Load(*store_));
  EXPECT_EQ(index.size(), 30);
  EXPECT_EQ(index.last_seq(), stored.back().seq);
  StatsQuery query{StatsDim::kEnhet, StatsDim::kCategory, {}, true};
  ASSERT_OK_AND_ASSIGN(StatsCube cube, index.Query(query, tree, allowed));
  ExpectMatchesReference(cube, query, stored, tree, allowed);

  // Nothing new: catching up changes nothing.
  ASSERT_OK(CatchUp(index));
  EXPECT_EQ(index.size(), 30);

  // A new incident and an update, committed through another store on the
  // same database (as by another `serve` process).
  ASSERT_OK_AND_ASSIGN(FactsRow added, AddWithFacts(unit_b_, carol_, day, Category::kVald, true));
  stored.push_back(added);
  FactsRow moved = stored[0];
  moved.unit_id = unit_b_;
  moved.attrs |= 1 << facts_bits::kOutside;
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, OpenStore(url_));
    ASSERT_OK_AND_ASSIGN(auto tx, other->BeginWrite());
    ASSERT_OK_AND_ASSIGN(moved.seq, tx->PutFacts(moved));
    ASSERT_OK(tx->Commit());
  }
  stored.push_back(moved);
  ASSERT_OK(CatchUp(index));
  EXPECT_EQ(index.size(), 31);
  EXPECT_EQ(index.last_seq(), moved.seq);
  ASSERT_OK_AND_ASSIGN(cube, index.Query(query, tree, allowed));
  ExpectMatchesReference(cube, query, stored, tree, allowed);
  StatsQuery outside{StatsDim::kOutside, StatsDim::kNone, {}, false};
  ASSERT_OK_AND_ASSIGN(cube, index.Query(outside, tree, allowed));
  EXPECT_EQ(cube.At(StatsMeasure::kCount, 1, 0), 1);

  // A fresh load sees the same.
  StatsIndex again;
  ASSERT_OK(again.Load(*store_));
  ASSERT_OK_AND_ASSIGN(cube, again.Query(query, tree, allowed));
  ExpectMatchesReference(cube, query, stored, tree, allowed);
}

TEST_P(StatsIndexStoreTest, RowsAppliedAheadAreNotLostWhenCatchingUp) {
  const int day = StatsDayOf({2025, 1, 10});
  ASSERT_OK_AND_ASSIGN(FactsRow first, AddWithFacts(unit_a_, alice_, day, Category::kHot, false));
  StatsIndex index;
  ASSERT_OK(index.Load(*store_));
  // Another process commits a row this one does not see yet …
  ASSERT_OK_AND_ASSIGN(FactsRow theirs, AddWithFacts(unit_c_, dave_, day, Category::kHot, false));
  // … then this process writes one and applies it at once.
  ASSERT_OK_AND_ASSIGN(FactsRow ours, AddWithFacts(unit_b_, carol_, day, Category::kVald, true));
  index.Apply({ours});
  EXPECT_EQ(index.size(), 2);
  ASSERT_OK(CatchUp(index));
  EXPECT_EQ(index.size(), 3);
  ASSERT_OK_AND_ASSIGN(OrgTree tree, Tree());
  const std::vector<UnitId> allowed = tree.Subtree(kommun_);
  StatsQuery query{StatsDim::kEnhet, StatsDim::kCategory, {}, false};
  ASSERT_OK_AND_ASSIGN(StatsCube cube, index.Query(query, tree, allowed));
  ExpectMatchesReference(cube, query, {first, theirs, ours}, tree, allowed);
}

INSTANTIATE_TEST_SUITE_P(Engines, StatsIndexStoreTest, ::testing::ValuesIn(st::Engines()),
                         st::EngineName);

// --- Timing on 10M synthetic incidents: run with --gtest_also_run_disabled_tests. ---

TEST(StatsIndexBench, DISABLED_TenMillionIncidents) {
  // 300 enheter in 10 förvaltningar × 3 avdelningar, ten years.
  std::vector<OrgUnit> units = {{1, std::nullopt, UnitKind::kKommun, "Staden"}};
  std::vector<UnitId> enheter;
  UnitId next = 2;
  for (int f = 0; f < 10; ++f) {
    const UnitId fid = next++;
    units.push_back({fid, 1, UnitKind::kForvaltning, "Förvaltning " + std::to_string(f)});
    for (int a = 0; a < 3; ++a) {
      const UnitId aid = next++;
      units.push_back({aid, fid, UnitKind::kAvdelning, "Avdelning " + std::to_string(a)});
      for (int e = 0; e < 10; ++e) {
        enheter.push_back(next);
        units.push_back({next++, aid, UnitKind::kEnhet, "Enhet " + std::to_string(e)});
      }
    }
  }
  const OrgTree tree(units);
  const std::vector<UnitId> allowed = tree.Subtree(1);
  constexpr int kN = 10'000'000;
  std::mt19937 rng(1);
  const int day0 = StatsDayOf({2016, 1, 1});
  StatsIndex index;
  std::vector<FactsRow> batch;
  auto start = std::chrono::steady_clock::now();
  for (int i = 1; i <= kN; ++i) {
    FactsRow row;
    row.seq = i;
    row.incident_id = i;
    row.unit_id = enheter[rng() % enheter.size()];
    row.day = day0 + static_cast<int>(rng() % 3653);
    uint32_t bits = rng();
    row.attrs = static_cast<int32_t>((bits & 7) | (((bits >> 3) & 3) << 3) |
                                     (((bits >> 5) % 7) << 5) | (bits & 0x7F00) | 0x8000);
    row.ack_hours = static_cast<int32_t>(rng() % 300);
    row.close_days = static_cast<int32_t>(rng() % 100) - 10;
    batch.push_back(row);
    if (batch.size() == 200'000) {
      index.Apply(batch);
      batch.clear();
    }
  }
  auto ms = [](auto since) {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - since)
        .count();
  };
  std::printf("apply 10M (generation included): %.0f ms, %.2f bytes/incident\n", ms(start),
              static_cast<double>(index.memory_bytes()) / index.size());
  const int year = StatsDayOf({2024, 1, 1});
  StatsFilter in_year{year, StatsDayOf({2025, 1, 1})};
  StatsFilter severe;
  severe.min_severity = 3;
  const std::vector<std::pair<std::string, StatsQuery>> queries = {
      {"enhet × year", {StatsDim::kEnhet, StatsDim::kYear, {}, false}},
      {"category × severity in 2024", {StatsDim::kCategory, StatsDim::kSeverity, in_year, false}},
      {"enhet × category, severity ≥ 3", {StatsDim::kEnhet, StatsDim::kCategory, severe, false}},
      {"förvaltning × month", {StatsDim::kForvaltning, StatsDim::kMonth, {}, false}},
      {"enhet × year with medians", {StatsDim::kEnhet, StatsDim::kYear, {}, true}},
  };
  // The three dashboard queries with only the measures they show.
  std::vector<std::pair<std::string, StatsQuery>> lean = {
      {"enhet × year, count", queries[0].second},
      {"category × severity in 2024, 3 measures", queries[1].second},
      {"enhet × category, sev ≥ 3, count", queries[2].second},
  };
  lean[0].second.measures = MeasureBit(StatsMeasure::kCount);
  lean[1].second.measures = MeasureBit(StatsMeasure::kCount) | MeasureBit(StatsMeasure::kPolice) |
                            MeasureBit(StatsMeasure::kOutside);
  lean[2].second.measures = MeasureBit(StatsMeasure::kCount);
  std::vector<std::pair<std::string, StatsQuery>> all = queries;
  all.insert(all.end(), lean.begin(), lean.end());
  for (const auto& [name, query] : all) {
    double best = 1e9, total = 0;
    for (int rep = 0; rep < 7; ++rep) {
      auto t = std::chrono::steady_clock::now();
      Result<StatsCube> cube = index.Query(query, tree, allowed);
      const double took = ms(t);
      ASSERT_TRUE(cube.ok());
      best = std::min(best, took);
      total += took;
    }
    std::printf("%-34s best %6.2f ms, mean %6.2f ms\n", name.c_str(), best, total / 7);
  }
}

}  // namespace
}  // namespace trygg
