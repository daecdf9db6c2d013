// Policy rules: what a förvaltning has decided must happen after an incident, and whether it did.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "domain/followup.h"
#include "domain/incident.h"

namespace trygg {

enum class RuleKind {
  kAcknowledged,          // the chef acknowledges the report within N working days
  kPoliceReport,          // every incident of these categories is reported to the police
  kChefReportsImpersonal, // a crime not aimed at one person is reported by the chef
  kSupportOffered,        // support is offered to the exposed within N working days
  kAuthorityNotified,     // a serious incident is notified to Arbetsmiljöverket (0 = same day)
  kCoordinatorConsulted,  // the säkerhetssamordnare is consulted at min_severity and above
};
std::string_view RuleKindCode(RuleKind v);
std::optional<RuleKind> ParseRuleKind(std::string_view code);
const std::vector<RuleKind>& AllRuleKinds();

// One rule as a förvaltning configured it. Which fields a kind uses:
// working_days all; categories kPoliceReport and kSupportOffered (empty: every
// category); min_severity kAuthorityNotified and kCoordinatorConsulted.
struct PolicyRule {
  RuleKind kind = RuleKind::kAcknowledged;
  bool enabled = true;
  int working_days = 1;  // 0–30; 0 = the same calendar day
  int min_severity = kSeverityAllvarlig;
  std::vector<Category> categories;
};

// The default set, matching the routines: acknowledged within 1 working day;
// threats and violence always reported to the police (within 2 working days);
// crimes not aimed at a person reported by the chef (1); support offered within
// 2 working days after threats, violence, harassment, undue influence and
// vandalism aimed at a person; serious incidents to Arbetsmiljöverket the same
// day; the säkerhetssamordnare consulted at allvarlig and above (1).
const std::vector<PolicyRule>& DefaultPolicyRules();
// `stored` completed with the default of every kind it lacks, in AllRuleKinds order.
std::vector<PolicyRule> EffectiveRules(const std::vector<PolicyRule>& stored);
// InvalidArgument("rule.working_days"|"rule.min_severity") for values out of range.
Status ValidateRule(const PolicyRule& rule);

// What a rule is checked against: the incident and what has happened since.
struct IncidentRecord {
  const Incident* incident = nullptr;
  const PoliceReport* police = nullptr;          // null: nothing recorded
  const std::vector<AuthorityNotice>* notices = nullptr;
  const std::vector<Measure>* measures = nullptr;  // measures and support
};

enum class RuleState {
  kPending,   // applies, not yet met, deadline ahead
  kMet,       // met on time
  kMetLate,   // met, after the deadline
  kBreached,  // not met and the deadline has passed: a current breach
};
std::string_view RuleStateCode(RuleState v);

struct RuleCheck {
  RuleKind kind = RuleKind::kAcknowledged;
  RuleState state = RuleState::kPending;
  TimeMs due_at = 0;
  std::optional<TimeMs> met_at;
};

// Checks every enabled rule that applies to the incident at instant `now`;
// rules that do not apply are left out. A closed incident's unmet rules count
// as breached from their deadline on, as for an open one. Deadlines are
// DeadlineAfter(start, working_days), where start is the incident's
// created_at, or its serious_since for the severity rules.
std::vector<RuleCheck> CheckRules(const std::vector<PolicyRule>& rules,
                                  const IncidentRecord& record, TimeMs now);

}  // namespace trygg
