// Statistics over incidents: the compact facts of one incident, and the dimensions, filters and measures a dashboard groups and counts by.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/calendar.h"
#include "domain/incident.h"
#include "domain/org.h"
#include "domain/policy.h"

namespace trygg {

// A day number: days since 2000-01-01 in Stockholm's calendar (0 = that day).
// Fits 16 bits until 2179.
using StatsDay = int32_t;
StatsDay StatsDayOf(LocalDate date);
LocalDate DateOfStatsDay(StatsDay day);
// The Stockholm calendar day of instant `t`; days before 2000 clamp to 0.
StatsDay StatsDayAt(TimeMs t);

// What statistics know of one incident: no person, no text. Derived from the
// incident and what happened after it (FactsOf), stored beside it in the same
// transaction, and kept in memory by the stats index.
struct IncidentFacts {
  IncidentId incident_id = 0;
  UnitId unit_id = 0;
  StatsDay day = 0;  // the day it occurred
  Category category = Category::kAnnat;
  PlaceType place_type = PlaceType::kAnnat;
  int severity = kSeverityLindrig;  // 1–4
  bool outside_workplace = false;
  bool tied_to_role = true;
  bool police_reported = false;
  bool notice_applies = false;   // the rule "serious → Arbetsmiljöverket" applies
  bool notice_on_time = false;   //   … and was met on time
  bool support_applies = false;  // the rule "support offered within N days" applies
  bool support_on_time = false;  //   … and was met on time
  std::optional<int> ack_hours;   // created → acknowledged, whole hours (0–65534)
  std::optional<int> close_days;  // created → closed, whole days (0–65534)
};

// The facts of `record` under the förvaltning's effective `rules`. A rule is
// "met on time" when CheckRules(…, now) says kMet.
IncidentFacts FactsOf(const IncidentRecord& record, const std::vector<PolicyRule>& rules,
                      TimeMs now);

// The facts as the store keeps them: a handful of integers. `attrs` packs
// category (bits 0–2), severity − 1 (bits 3–4), place type (5–7), outside
// (8), tied (9), police (10), notice applies (11), notice on time (12),
// support applies (13), support on time (14); bit 15 is always 1 (present).
// ack_hours / close_days are −1 when unset.
struct FactsRow {
  int64_t seq = 0;  // the store's change sequence; 0 before storing
  IncidentId incident_id = 0;
  UnitId unit_id = 0;
  int32_t day = 0;
  int32_t attrs = 0;
  int32_t ack_hours = -1;
  int32_t close_days = -1;
};
FactsRow EncodeFacts(const IncidentFacts& facts);
// InvalidArgument("stats.bad_row") when `attrs` holds an unknown code.
Result<IncidentFacts> DecodeFacts(const FactsRow& row);

// Bits of FactsRow::attrs, for code that scans packed rows.
namespace facts_bits {
inline constexpr int kCategoryShift = 0, kSeverityShift = 3, kPlaceShift = 5;
inline constexpr int kOutside = 8, kTied = 9, kPolice = 10, kNoticeApplies = 11,
                     kNoticeOnTime = 12, kSupportApplies = 13, kSupportOnTime = 14, kPresent = 15;
}  // namespace facts_bits

// What a statistics table groups by. kNone: a one-way table (one column).
enum class StatsDim {
  kNone, kForvaltning, kAvdelning, kEnhet, kCategory, kPlace, kSeverity, kYear, kQuarter, kMonth,
  kOutside, kTied,
};
std::string_view StatsDimCode(StatsDim d);  // "none","forvaltning",…,"outside","tied"
std::optional<StatsDim> ParseStatsDim(std::string_view code);
// True for kForvaltning, kAvdelning, kEnhet.
bool IsUnitDim(StatsDim d);

// What is counted in each cell. kCount is the number of incidents; the others
// count those incidents with that flag set.
enum class StatsMeasure {
  kCount, kPolice, kOutside, kTied, kNoticeApplies, kNoticeOnTime, kSupportApplies, kSupportOnTime,
};
inline constexpr int kStatsMeasureCount = 8;
std::string_view StatsMeasureCode(StatsMeasure m);  // "count","police","outside","tied",
                                                    // "notice_applies","notice_on_time",
                                                    // "support_applies","support_on_time"
std::optional<StatsMeasure> ParseStatsMeasure(std::string_view code);

// A set of measures: bit m for StatsMeasure m.
using StatsMeasureSet = uint32_t;
inline constexpr StatsMeasureSet kAllStatsMeasures = (1u << kStatsMeasureCount) - 1;
constexpr StatsMeasureSet MeasureBit(StatsMeasure m) { return 1u << static_cast<int>(m); }
constexpr bool HasMeasure(StatsMeasureSet set, int m) { return (set >> m) & 1u; }
// The measure that `m` counts part of: kCount for every flag, kNoticeApplies
// for kNoticeOnTime, kSupportApplies for kSupportOnTime; nullopt for kCount.
std::optional<StatsMeasure> ParentMeasure(StatsMeasure m);
// `set` with kCount and every parent of a member, transitively: what a table
// of `set` must count to protect it.
StatsMeasureSet WithParents(StatsMeasureSet set);

// Which incidents a table counts. Unset fields do not filter.
struct StatsFilter {
  std::optional<StatsDay> from;  // inclusive
  std::optional<StatsDay> to;    // exclusive
  std::vector<UnitId> units;     // these units' subtrees (empty: the caller's whole scope)
  std::vector<Category> categories;
  std::vector<PlaceType> places;
  std::optional<int> min_severity;
  std::optional<bool> outside_workplace;
  std::optional<bool> tied_to_role;
};

struct StatsQuery {
  StatsDim rows = StatsDim::kCategory;
  StatsDim cols = StatsDim::kNone;
  StatsFilter filter;
  bool medians = false;  // also the per-row medians of ack_hours / close_days
  // The measures wanted; the table also counts their parents (WithParents).
  // Fewer measures make a faster scan.
  StatsMeasureSet measures = kAllStatsMeasures;
};

// One row or column of a table: its key ("12" for a unit id, "hot" for a
// category, "2026", "2026-Q3", "2026-07", "true") and its label (a unit's
// path, or the key). Keys are ordered: units by path, enums in declaration
// order, time ascending.
struct StatsKey {
  std::string key;
  std::string label;
  std::optional<UnitId> unit_id;  // unit dims
};

// An exact, unprotected cross table: `cells[m][r * cols.size() + c]` counts
// measure m. One-way tables (cols kNone) have a single column with key "".
// Rows and columns list every key with a nonzero count in the scope, and for
// unit dims every unit of that kind in the scope, for time dims every period
// in the filter's range (or the data's, when the filter has none), for enum
// dims every value.
struct StatsCube {
  StatsDim row_dim = StatsDim::kCategory;
  StatsDim col_dim = StatsDim::kNone;
  std::vector<StatsKey> rows;
  std::vector<StatsKey> cols;
  StatsMeasureSet measures = kAllStatsMeasures;  // counted; cells[m] is empty for the others
  std::array<std::vector<int64_t>, kStatsMeasureCount> cells;
  // Per row, when the query asked for medians (nullopt: no value in the row).
  std::vector<std::optional<double>> median_ack_hours;
  std::vector<std::optional<double>> median_close_days;
  std::optional<double> total_median_ack_hours;
  std::optional<double> total_median_close_days;

  int64_t At(StatsMeasure m, size_t r, size_t c) const {
    return cells[static_cast<int>(m)][r * cols.size() + c];
  }
};

}  // namespace trygg
