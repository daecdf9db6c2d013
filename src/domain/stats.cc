#include "domain/stats.h"

#include <algorithm>

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr TimeMs kHourMs = 3'600'000;
constexpr TimeMs kDayMs = 24 * kHourMs;
constexpr int kMaxDuration = 65534;  // what 16 bits hold, 65535 kept free

constexpr CodeTable<StatsDim, 12> kDims{{{
    {StatsDim::kNone, "none"},
    {StatsDim::kForvaltning, "forvaltning"},
    {StatsDim::kAvdelning, "avdelning"},
    {StatsDim::kEnhet, "enhet"},
    {StatsDim::kCategory, "category"},
    {StatsDim::kPlace, "place"},
    {StatsDim::kSeverity, "severity"},
    {StatsDim::kYear, "year"},
    {StatsDim::kQuarter, "quarter"},
    {StatsDim::kMonth, "month"},
    {StatsDim::kOutside, "outside"},
    {StatsDim::kTied, "tied"},
}}};
constexpr CodeTable<StatsMeasure, kStatsMeasureCount> kMeasures{{{
    {StatsMeasure::kCount, "count"},
    {StatsMeasure::kPolice, "police"},
    {StatsMeasure::kOutside, "outside"},
    {StatsMeasure::kTied, "tied"},
    {StatsMeasure::kNoticeApplies, "notice_applies"},
    {StatsMeasure::kNoticeOnTime, "notice_on_time"},
    {StatsMeasure::kSupportApplies, "support_applies"},
    {StatsMeasure::kSupportOnTime, "support_on_time"},
}}};

constexpr int kCategoryCount = 8;
constexpr int kPlaceCount = 7;

// Floor division for possibly negative numerators.
constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The civil date of a day count since 1970-01-01 (civil_from_days).
LocalDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  LocalDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
  return out;
}

const int64_t kEpoch2000 = DaysFromCivil(2000, 1, 1);

// Whole `unit`s from `from` to `to`, clamped to 0–kMaxDuration (a clock
// skewed backwards gives 0).
int WholeUnits(TimeMs from, TimeMs to, TimeMs unit) {
  const int64_t n = FloorDiv(to - from, unit);
  return static_cast<int>(std::clamp<int64_t>(n, 0, kMaxDuration));
}

int32_t Bit(bool set, int shift) { return set ? (int32_t{1} << shift) : 0; }
bool HasBit(int32_t attrs, int shift) { return (attrs >> shift) & 1; }

}  // namespace

StatsDay StatsDayOf(LocalDate date) {
  return static_cast<StatsDay>(DaysFromCivil(date.year, date.month, date.day) - kEpoch2000);
}

LocalDate DateOfStatsDay(StatsDay day) { return CivilFromDays(kEpoch2000 + day); }

StatsDay StatsDayAt(TimeMs t) { return std::max<StatsDay>(0, StatsDayOf(StockholmDate(t))); }

IncidentFacts FactsOf(const IncidentRecord& record, const std::vector<PolicyRule>& rules,
                      TimeMs now) {
  const Incident& inc = *record.incident;
  IncidentFacts f;
  f.incident_id = inc.id;
  f.unit_id = inc.unit_id;
  f.day = StatsDayAt(inc.occurred_at);
  f.category = inc.category;
  f.place_type = inc.place_type;
  f.severity = std::clamp(inc.severity, kSeverityLindrig, kSeverityMycketAllvarlig);
  f.outside_workplace = inc.outside_workplace;
  f.tied_to_role = inc.tied_to_role;
  f.police_reported = record.police != nullptr && record.police->reported;
  for (const RuleCheck& check : CheckRules(rules, record, now)) {
    const bool on_time = check.state == RuleState::kMet;
    if (check.kind == RuleKind::kAuthorityNotified) {
      f.notice_applies = true;
      f.notice_on_time = on_time;
    } else if (check.kind == RuleKind::kSupportOffered) {
      f.support_applies = true;
      f.support_on_time = on_time;
    }
  }
  if (inc.acknowledged_at) f.ack_hours = WholeUnits(inc.created_at, *inc.acknowledged_at, kHourMs);
  if (inc.closed_at) f.close_days = WholeUnits(inc.created_at, *inc.closed_at, kDayMs);
  return f;
}

FactsRow EncodeFacts(const IncidentFacts& facts) {
  namespace b = facts_bits;
  FactsRow row;
  row.incident_id = facts.incident_id;
  row.unit_id = facts.unit_id;
  row.day = facts.day;
  const int severity = std::clamp(facts.severity, kSeverityLindrig, kSeverityMycketAllvarlig);
  row.attrs =
      (static_cast<int32_t>(facts.category) << b::kCategoryShift) |
      ((severity - 1) << b::kSeverityShift) |
      (static_cast<int32_t>(facts.place_type) << b::kPlaceShift) |
      Bit(facts.outside_workplace, b::kOutside) | Bit(facts.tied_to_role, b::kTied) |
      Bit(facts.police_reported, b::kPolice) | Bit(facts.notice_applies, b::kNoticeApplies) |
      Bit(facts.notice_on_time, b::kNoticeOnTime) | Bit(facts.support_applies, b::kSupportApplies) |
      Bit(facts.support_on_time, b::kSupportOnTime) | Bit(true, b::kPresent);
  row.ack_hours = facts.ack_hours ? std::clamp(*facts.ack_hours, 0, kMaxDuration) : -1;
  row.close_days = facts.close_days ? std::clamp(*facts.close_days, 0, kMaxDuration) : -1;
  return row;
}

Result<IncidentFacts> DecodeFacts(const FactsRow& row) {
  namespace b = facts_bits;
  const int32_t a = row.attrs;
  if (!HasBit(a, b::kPresent) || (a >> (b::kPresent + 1)) != 0) {
    return Status::InvalidArgument("stats.bad_row", "attrs");
  }
  const int category = (a >> b::kCategoryShift) & 7;
  const int place = (a >> b::kPlaceShift) & 7;
  if (category >= kCategoryCount) return Status::InvalidArgument("stats.bad_row", "category");
  if (place >= kPlaceCount) return Status::InvalidArgument("stats.bad_row", "place_type");
  if (row.ack_hours < -1 || row.ack_hours > kMaxDuration) {
    return Status::InvalidArgument("stats.bad_row", "ack_hours");
  }
  if (row.close_days < -1 || row.close_days > kMaxDuration) {
    return Status::InvalidArgument("stats.bad_row", "close_days");
  }
  IncidentFacts f;
  f.incident_id = row.incident_id;
  f.unit_id = row.unit_id;
  f.day = row.day;
  f.category = static_cast<Category>(category);
  f.severity = ((a >> b::kSeverityShift) & 3) + 1;
  f.place_type = static_cast<PlaceType>(place);
  f.outside_workplace = HasBit(a, b::kOutside);
  f.tied_to_role = HasBit(a, b::kTied);
  f.police_reported = HasBit(a, b::kPolice);
  f.notice_applies = HasBit(a, b::kNoticeApplies);
  f.notice_on_time = HasBit(a, b::kNoticeOnTime);
  f.support_applies = HasBit(a, b::kSupportApplies);
  f.support_on_time = HasBit(a, b::kSupportOnTime);
  if (row.ack_hours >= 0) f.ack_hours = row.ack_hours;
  if (row.close_days >= 0) f.close_days = row.close_days;
  return f;
}

std::string_view StatsDimCode(StatsDim d) { return kDims.Code(d); }
std::optional<StatsDim> ParseStatsDim(std::string_view code) { return kDims.Parse(code); }
bool IsUnitDim(StatsDim d) {
  return d == StatsDim::kForvaltning || d == StatsDim::kAvdelning || d == StatsDim::kEnhet;
}
std::string_view StatsMeasureCode(StatsMeasure m) { return kMeasures.Code(m); }
std::optional<StatsMeasure> ParseStatsMeasure(std::string_view code) {
  return kMeasures.Parse(code);
}

std::optional<StatsMeasure> ParentMeasure(StatsMeasure m) {
  switch (m) {
    case StatsMeasure::kCount:
      return std::nullopt;
    case StatsMeasure::kNoticeOnTime:
      return StatsMeasure::kNoticeApplies;
    case StatsMeasure::kSupportOnTime:
      return StatsMeasure::kSupportApplies;
    default:
      return StatsMeasure::kCount;
  }
}

StatsMeasureSet WithParents(StatsMeasureSet set) {
  set = (set & kAllStatsMeasures) | MeasureBit(StatsMeasure::kCount);
  for (int m = kStatsMeasureCount - 1; m > 0; --m) {  // parts come after their parents
    if (HasMeasure(set, m)) set |= MeasureBit(*ParentMeasure(static_cast<StatsMeasure>(m)));
  }
  return set;
}

}  // namespace trygg
