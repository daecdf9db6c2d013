#include "domain/security_plan.h"

#include <set>

#include "core/text.h"
#include "domain/codes.h"
#include "domain/subject.h"

namespace trygg {
namespace {

constexpr CodeTable<PlanScope, 2> kScopes{{{
    {PlanScope::kEnhet, "enhet"},
    {PlanScope::kArende, "arende"},
}}};
constexpr CodeTable<PlanStatus, 2> kStatuses{{{
    {PlanStatus::kAktiv, "aktiv"},
    {PlanStatus::kAvslutad, "avslutad"},
}}};

constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxThreatsChars = 8000;
constexpr size_t kMaxInstructionsChars = 4000;
constexpr size_t kMaxPeople = 100;
constexpr size_t kMaxHandlingGroup = 100;
constexpr TimeMs kDayMs = 86'400'000;

// Positive, distinct and at most `max` ids.
bool ValidIds(const std::vector<UserId>& ids, size_t max) {
  if (ids.size() > max) return false;
  std::set<UserId> seen;
  for (UserId id : ids) {
    if (id <= 0 || !seen.insert(id).second) return false;
  }
  return true;
}

bool IsUtcMidnight(TimeMs t) { return t > 0 && t % kDayMs == 0; }

}  // namespace

std::string_view PlanScopeCode(PlanScope v) { return kScopes.Code(v); }
std::optional<PlanScope> ParsePlanScope(std::string_view code) { return kScopes.Parse(code); }
std::string_view PlanStatusCode(PlanStatus v) { return kStatuses.Code(v); }
std::optional<PlanStatus> ParsePlanStatus(std::string_view code) { return kStatuses.Parse(code); }

Status ValidateSecurityPlan(const SecurityPlan& plan) {
  if (!FitsText(plan.title, kMaxTitleChars)) return Status::InvalidArgument("plan.title");
  if (!plan.subject_key.empty() &&
      (plan.scope != PlanScope::kArende || !IsSubjectKey(plan.subject_key))) {
    return Status::InvalidArgument("plan.subject_key");
  }
  if (Utf8Length(plan.threats) > kMaxThreatsChars) {
    return Status::InvalidArgument("plan.threats");
  }
  if (!IsUtcMidnight(plan.review_date)) return Status::InvalidArgument("plan.review_date");
  if (!ValidIds(plan.people, kMaxPeople)) return Status::InvalidArgument("plan.people");
  const ProtectedRoutine& r = plan.routine;
  if (r.handling_unit_id < 0) return Status::InvalidArgument("plan.handling_unit_id");
  if (!ValidIds(r.handling_group, kMaxHandlingGroup) ||
      (!plan.protected_case && !r.handling_group.empty())) {
    return Status::InvalidArgument("plan.handling_group");
  }
  if (Utf8Length(r.instructions) > kMaxInstructionsChars) {
    return Status::InvalidArgument("plan.instructions");
  }
  return Status::Ok();
}

Status ValidatePlanMeasure(const PlanMeasure& measure) {
  if (!FitsText(measure.title, kMaxTitleChars)) {
    return Status::InvalidArgument("plan.measure_title");
  }
  if (measure.owner_user_id <= 0) return Status::InvalidArgument("plan.measure_owner");
  if (!IsUtcMidnight(measure.due_date)) return Status::InvalidArgument("plan.measure_due_date");
  return Status::Ok();
}

}  // namespace trygg
