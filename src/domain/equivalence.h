// Equivalence (likvärdighet) between förvaltningar: each one's safety set-up beside the city's standard.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/org.h"

namespace trygg {

// What a unit (normally a förvaltning) reports about itself: headcount is
// per unit (used for incidents per 100 employees, summed over a subtree); the
// others are read at the förvaltning.
struct UnitProfile {
  UnitId unit_id = 0;
  int headcount = 0;                  // employees, 0–100000
  int secure_rooms = 0;               // secure meeting rooms, 0–1000
  bool coordinator_full_time = false; // a full-time säkerhetssamordnare
  std::optional<TimeMs> alarm_tested_at;  // last test of the panic alarm
  UserId updated_by = 0;
  TimeMs updated_at = 0;
};
// InvalidArgument("profile.headcount"|"profile.secure_rooms").
Status ValidateUnitProfile(const UnitProfile& p);

// The columns of the matrix, in order.
enum class EquivalenceColumn {
  kCoordinatorFullTime,  // yes/no
  kRoutinesCurrent,      // share of active routines in scope not past revision date
  kAckShare,             // share of staff in scope who acknowledged every current routine version
  kExercises12m,         // exercises (any kind) held in the last 12 months
  kSecureRooms,          // count
  kAlarmTested1m,        // yes/no: alarm tested within the last month
  kIncidentsPer100,      // incidents in the last 12 months per 100 employees
  kPoliceRate,           // share of incidents in the last 12 months reported to the police
  kSupportOnTime,        // share of incidents where the support rule applied that met it on time
};
std::string_view EquivalenceColumnCode(EquivalenceColumn c);
// "coordinator_full_time","routines_current","ack_share","exercises_12m","secure_rooms",
// "alarm_tested_1m","incidents_per_100","police_rate","support_on_time"
const std::vector<EquivalenceColumn>& AllEquivalenceColumns();

// The city's standard: a förvaltning falls short on a column when its value
// is below the minimum (for kIncidentsPer100: there is no standard; it is
// shown, never marked). Shares are 0–1.
struct EquivalenceStandard {
  bool coordinator_full_time = true;
  double routines_current = 1.0;
  double ack_share = 0.9;
  int exercises_12m = 2;
  int secure_rooms = 1;
  bool alarm_tested_1m = true;
  double police_rate = 0.5;
  double support_on_time = 0.9;
};

// One cell: a number (yes/no as 1/0), or nullopt when unknown or protected.
struct EquivalenceCell {
  EquivalenceColumn column = EquivalenceColumn::kCoordinatorFullTime;
  std::optional<double> value;
  bool short_of_standard = false;
};
// Whether `value` falls short of `standard` on `column` (nullopt never does).
bool ShortOfStandard(EquivalenceColumn column, std::optional<double> value,
                     const EquivalenceStandard& standard);

}  // namespace trygg
