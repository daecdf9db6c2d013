// The incident workflow: which status changes are allowed, and the severity floor.
#pragma once

#include <optional>
#include <string_view>

#include "core/result.h"
#include "domain/incident.h"

namespace trygg {

enum class IncidentAction {
  kAcknowledge,  // ny → mottagen: the chef has received the report
  kInvestigate,  // ny|mottagen → utreds
  kClose,        // mottagen|utreds → avslutad, only with no open measure
  kReopen,       // avslutad → utreds, only with a reason
};

std::string_view IncidentActionCode(IncidentAction a);
std::optional<IncidentAction> ParseIncidentAction(std::string_view code);

// The status after `action`, given the current status and how many measures
// are still open. Errors (FailedPrecondition): "workflow.transition_not_allowed",
// "workflow.open_measures" (closing with open measures);
// InvalidArgument "workflow.reason_required" (reopening without a reason).
Result<IncidentStatus> NextStatus(IncidentStatus from, IncidentAction action, int open_measures,
                                  std::string_view reason);

// The lowest severity an incident may have given its facts: a weapon, a serious
// death threat or a serious injury make it at least allvarlig (3).
int MinimumSeverity(const Incident& incident);

// The severity to store when the reporter proposed `proposed` (nullopt: none):
// the proposal raised to the minimum, or a default from the category.
int EffectiveSeverity(const Incident& incident, std::optional<int> proposed);

// True when the säkerhetssamordnare is to be drawn in (severity ≥ allvarlig).
inline bool IsSerious(int severity) { return severity >= kSeverityAllvarlig; }

}  // namespace trygg
