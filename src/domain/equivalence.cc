#include "domain/equivalence.h"

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<EquivalenceColumn, 9> kColumns{{{
    {EquivalenceColumn::kCoordinatorFullTime, "coordinator_full_time"},
    {EquivalenceColumn::kRoutinesCurrent, "routines_current"},
    {EquivalenceColumn::kAckShare, "ack_share"},
    {EquivalenceColumn::kExercises12m, "exercises_12m"},
    {EquivalenceColumn::kSecureRooms, "secure_rooms"},
    {EquivalenceColumn::kAlarmTested1m, "alarm_tested_1m"},
    {EquivalenceColumn::kIncidentsPer100, "incidents_per_100"},
    {EquivalenceColumn::kPoliceRate, "police_rate"},
    {EquivalenceColumn::kSupportOnTime, "support_on_time"},
}}};

constexpr int kMaxHeadcount = 100000;
constexpr int kMaxSecureRooms = 1000;
// Shares are ratios of counts: 9/10 must meet a standard of 0.9.
constexpr double kSlack = 1e-9;

}  // namespace

std::string_view EquivalenceColumnCode(EquivalenceColumn c) { return kColumns.Code(c); }

const std::vector<EquivalenceColumn>& AllEquivalenceColumns() {
  static const std::vector<EquivalenceColumn> kAll = kColumns.Values();
  return kAll;
}

Status ValidateUnitProfile(const UnitProfile& p) {
  if (p.headcount < 0 || p.headcount > kMaxHeadcount) {
    return Status::InvalidArgument("profile.headcount");
  }
  if (p.secure_rooms < 0 || p.secure_rooms > kMaxSecureRooms) {
    return Status::InvalidArgument("profile.secure_rooms");
  }
  return Status::Ok();
}

bool ShortOfStandard(EquivalenceColumn column, std::optional<double> value,
                     const EquivalenceStandard& standard) {
  if (!value) return false;
  const double v = *value;
  auto below = [v](double minimum) { return v < minimum - kSlack; };
  switch (column) {
    case EquivalenceColumn::kCoordinatorFullTime:
      return standard.coordinator_full_time && below(1.0);
    case EquivalenceColumn::kRoutinesCurrent:
      return below(standard.routines_current);
    case EquivalenceColumn::kAckShare:
      return below(standard.ack_share);
    case EquivalenceColumn::kExercises12m:
      return below(standard.exercises_12m);
    case EquivalenceColumn::kSecureRooms:
      return below(standard.secure_rooms);
    case EquivalenceColumn::kAlarmTested1m:
      return standard.alarm_tested_1m && below(1.0);
    case EquivalenceColumn::kIncidentsPer100:
      return false;
    case EquivalenceColumn::kPoliceRate:
      return below(standard.police_rate);
    case EquivalenceColumn::kSupportOnTime:
      return below(standard.support_on_time);
  }
  return false;
}

}  // namespace trygg
