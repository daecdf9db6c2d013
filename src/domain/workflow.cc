#include "domain/workflow.h"

#include <algorithm>

#include "core/text.h"
#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<IncidentAction, 4> kActions{{{
    {IncidentAction::kAcknowledge, "acknowledge"},
    {IncidentAction::kInvestigate, "investigate"},
    {IncidentAction::kClose, "close"},
    {IncidentAction::kReopen, "reopen"},
}}};

}  // namespace

std::string_view IncidentActionCode(IncidentAction a) { return kActions.Code(a); }
std::optional<IncidentAction> ParseIncidentAction(std::string_view c) { return kActions.Parse(c); }

Result<IncidentStatus> NextStatus(IncidentStatus from, IncidentAction action, int open_measures,
                                  std::string_view reason) {
  const Status not_allowed = Status::FailedPrecondition(
      "workflow.transition_not_allowed",
      std::string(IncidentStatusCode(from)) + ">" + std::string(IncidentActionCode(action)));
  switch (action) {
    case IncidentAction::kAcknowledge:
      if (from != IncidentStatus::kNy) return not_allowed;
      return IncidentStatus::kMottagen;
    case IncidentAction::kInvestigate:
      if (from != IncidentStatus::kNy && from != IncidentStatus::kMottagen) return not_allowed;
      return IncidentStatus::kUtreds;
    case IncidentAction::kClose:
      if (from != IncidentStatus::kMottagen && from != IncidentStatus::kUtreds) return not_allowed;
      if (open_measures > 0) {
        return Status::FailedPrecondition("workflow.open_measures", std::to_string(open_measures));
      }
      return IncidentStatus::kAvslutad;
    case IncidentAction::kReopen:
      if (from != IncidentStatus::kAvslutad) return not_allowed;
      if (IsBlank(reason)) return Status::InvalidArgument("workflow.reason_required", "reason");
      return IncidentStatus::kUtreds;
  }
  return not_allowed;
}

int MinimumSeverity(const Incident& incident) {
  if (incident.weapon || incident.death_threat || incident.injury == Injury::kAllvarlig) {
    return kSeverityAllvarlig;
  }
  if (incident.injury == Injury::kLindrig || incident.category == Category::kVald) {
    return kSeverityMattlig;
  }
  return kSeverityLindrig;
}

int EffectiveSeverity(const Incident& incident, std::optional<int> proposed) {
  return std::max(proposed.value_or(kSeverityLindrig), MinimumSeverity(incident));
}

}  // namespace trygg
