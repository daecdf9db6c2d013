#include "domain/notification.h"

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<NotificationKind, 11> kKinds{{{
    {NotificationKind::kNewIncident, "new_incident"},
    {NotificationKind::kSeriousIncident, "serious_incident"},
    {NotificationKind::kMeasureAssigned, "measure_assigned"},
    {NotificationKind::kDeadlineNear, "deadline_near"},
    {NotificationKind::kDeadlinePassed, "deadline_passed"},
    {NotificationKind::kPoliceStatus, "police_status"},
    {NotificationKind::kRuleBreached, "rule_breached"},
    {NotificationKind::kEscalation, "escalation"},
    {NotificationKind::kRoutineReminder, "routine_reminder"},
    {NotificationKind::kRoutineEscalation, "routine_escalation"},
    {NotificationKind::kFindingDue, "finding_due"},
}}};

}  // namespace

std::string_view NotificationKindCode(NotificationKind v) { return kKinds.Code(v); }
std::optional<NotificationKind> ParseNotificationKind(std::string_view c) {
  return kKinds.Parse(c);
}

}  // namespace trygg
