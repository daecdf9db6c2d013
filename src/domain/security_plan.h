// Security planning (säkerhetsplanering) by the säkerhetssamordnare, and the
// special routine of a protected case (allvarliga hot; cannot be handled the
// usual way).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/incident.h"
#include "domain/org.h"
#include "domain/risk.h"

namespace trygg {

// A plan covers a whole unit (e.g. a reception under threat) or one case.
enum class PlanScope { kEnhet, kArende };
enum class PlanStatus { kAktiv, kAvslutad };

std::string_view PlanScopeCode(PlanScope v);  // "enhet", "arende"
std::optional<PlanScope> ParsePlanScope(std::string_view code);
std::string_view PlanStatusCode(PlanStatus v);  // "aktiv", "avslutad"
std::optional<PlanStatus> ParsePlanStatus(std::string_view code);

// The special routine of a protected case.
struct ProtectedRoutine {
  // The case is handled by this unit (0: its own) and by these people only.
  UnitId handling_unit_id = 0;
  std::vector<UserId> handling_group;
  bool omit_handlaggare_name = true;  // no handläggare name in written decisions
  bool secure_room_only = true;       // meetings only in a secure room
  bool two_staff_always = true;       // never alone with the client
  bool no_home_visits = true;
  std::string instructions;  // anything else, ≤ 4000 chars
};

struct SecurityPlan {
  int64_t id = 0;
  UnitId unit_id = 0;
  UnitId forvaltning_id = 0;  // of unit_id, set by the app
  PlanScope scope = PlanScope::kEnhet;
  std::string title;  // 1..200, no personal data
  // The person the case concerns, as a subject key (scope kArende; may be empty).
  std::string subject_key;
  std::string threats;  // the threats assessed, ≤ 8000
  RiskLevel threat_level = RiskLevel::kForhojd;
  TimeMs review_date = 0;      // midnight UTC of the day the plan is reviewed
  std::vector<UserId> people;  // people involved (who the plan protects / who acts)
  PlanStatus status = PlanStatus::kAktiv;
  bool protected_case = false;
  ProtectedRoutine routine;  // meaningful when protected_case
  UserId created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  int64_t version = 1;
};

// A measure of a plan, with an owner and a deadline.
struct PlanMeasure {
  int64_t id = 0;
  int64_t plan_id = 0;
  std::string title;  // 1..200
  UserId owner_user_id = 0;
  TimeMs due_date = 0;  // midnight UTC
  MeasureStatus status = MeasureStatus::kOppen;
  UserId created_by = 0;
  TimeMs created_at = 0;
  std::optional<TimeMs> done_at;
  std::optional<UserId> done_by;
};

// One line of a plan's log: every change, and every decision taken under a
// protected case's routine. `action`: "created", "updated" (detail: field
// names), "protected" / "unprotected", "measure_added", "measure_updated"
// ("<id>:<status>"), "decision" (detail: the decision's text), "closed",
// "reopened".
struct PlanLogEntry {
  int64_t id = 0;
  int64_t plan_id = 0;
  TimeMs at = 0;
  UserId actor_id = 0;
  std::string action;
  std::string detail;
};

// Sizes and ranges as commented above; the handling group only when
// protected. Error: InvalidArgument("plan.<field>"): title, subject_key (not
// a key, or on an enhet plan), threats, review_date (not a UTC midnight),
// people (≤ 100, positive, distinct), handling_unit_id, handling_group (≤ 100,
// positive, distinct, only when protected), instructions. A measure:
// plan.measure_title (1..200), plan.measure_owner, plan.measure_due_date
// (a UTC midnight).
Status ValidateSecurityPlan(const SecurityPlan& plan);
Status ValidatePlanMeasure(const PlanMeasure& measure);

}  // namespace trygg
