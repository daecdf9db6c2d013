#include "domain/policy.h"

#include <algorithm>

#include "domain/calendar.h"
#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<RuleKind, 6> kRuleKinds{{{
    {RuleKind::kAcknowledged, "acknowledged"},
    {RuleKind::kPoliceReport, "police_report"},
    {RuleKind::kChefReportsImpersonal, "chef_reports_impersonal"},
    {RuleKind::kSupportOffered, "support_offered"},
    {RuleKind::kAuthorityNotified, "authority_notified"},
    {RuleKind::kCoordinatorConsulted, "coordinator_consulted"},
}}};
constexpr CodeTable<RuleState, 4> kRuleStates{{{
    {RuleState::kPending, "pending"},
    {RuleState::kMet, "met"},
    {RuleState::kMetLate, "met_late"},
    {RuleState::kBreached, "breached"},
}}};

constexpr int kMaxWorkingDays = 30;

PolicyRule MakeRule(RuleKind kind, int working_days, std::vector<Category> categories = {},
                    int min_severity = kSeverityAllvarlig) {
  PolicyRule rule;
  rule.kind = kind;
  rule.working_days = working_days;
  rule.categories = std::move(categories);
  rule.min_severity = min_severity;
  return rule;
}

// Empty `categories` means every category.
bool InCategories(const std::vector<Category>& categories, Category category) {
  return categories.empty() ||
         std::find(categories.begin(), categories.end(), category) != categories.end();
}

struct Applicable {
  TimeMs start = 0;
  std::optional<TimeMs> met_at;
};

// Whether `rule` applies to the record, and if so when its clock started and
// when (if at all) it was met.
std::optional<Applicable> Evaluate(const PolicyRule& rule, const IncidentRecord& record) {
  const Incident& incident = *record.incident;
  const TimeMs serious_start = incident.serious_since.value_or(incident.created_at);
  Applicable out;
  out.start = incident.created_at;
  switch (rule.kind) {
    case RuleKind::kAcknowledged:
      out.met_at = incident.acknowledged_at;
      return out;
    case RuleKind::kPoliceReport:
      if (!incident.aimed_at_person || !InCategories(rule.categories, incident.category)) {
        return std::nullopt;
      }
      // A recorded decision not to report does not meet the rule.
      if (record.police != nullptr && record.police->reported) {
        out.met_at = record.police->reported_at;
      }
      return out;
    case RuleKind::kChefReportsImpersonal:
      if (!ImpersonalCrime(incident)) return std::nullopt;
      if (record.police != nullptr && record.police->reported &&
          record.police->reporter == PoliceReporter::kChef) {
        out.met_at = record.police->reported_at;
      }
      return out;
    case RuleKind::kSupportOffered:
      if (!incident.aimed_at_person || !InCategories(rule.categories, incident.category)) {
        return std::nullopt;
      }
      if (record.measures != nullptr) {
        for (const Measure& m : *record.measures) {
          if (m.kind != MeasureKind::kStod) continue;
          if (!out.met_at || m.created_at < *out.met_at) out.met_at = m.created_at;
        }
      }
      return out;
    case RuleKind::kAuthorityNotified:
      if (incident.severity < rule.min_severity && !RequiresArbetsmiljoverket(incident)) {
        return std::nullopt;
      }
      out.start = serious_start;
      if (record.notices != nullptr) {
        for (const AuthorityNotice& n : *record.notices) {
          if (n.authority != Authority::kArbetsmiljoverket) continue;
          if (!out.met_at || n.notified_at < *out.met_at) out.met_at = n.notified_at;
        }
      }
      return out;
    case RuleKind::kCoordinatorConsulted:
      if (incident.severity < rule.min_severity) return std::nullopt;
      out.start = serious_start;
      out.met_at = incident.coordinator_consulted_at;
      return out;
  }
  return std::nullopt;
}

}  // namespace

std::string_view RuleKindCode(RuleKind v) { return kRuleKinds.Code(v); }
std::optional<RuleKind> ParseRuleKind(std::string_view c) { return kRuleKinds.Parse(c); }
const std::vector<RuleKind>& AllRuleKinds() {
  static const std::vector<RuleKind> kAll = kRuleKinds.Values();
  return kAll;
}
std::string_view RuleStateCode(RuleState v) { return kRuleStates.Code(v); }

const std::vector<PolicyRule>& DefaultPolicyRules() {
  static const std::vector<PolicyRule> kDefaults = {
      MakeRule(RuleKind::kAcknowledged, 1),
      MakeRule(RuleKind::kPoliceReport, 2, {Category::kHot, Category::kVald}),
      MakeRule(RuleKind::kChefReportsImpersonal, 1),
      MakeRule(RuleKind::kSupportOffered, 2,
               {Category::kHot, Category::kVald, Category::kTrakasserier,
                Category::kOtillatenPaverkan, Category::kForolampning}),
      MakeRule(RuleKind::kAuthorityNotified, 0, {}, kSeverityAllvarlig),
      MakeRule(RuleKind::kCoordinatorConsulted, 1, {}, kSeverityAllvarlig),
  };
  return kDefaults;
}

std::vector<PolicyRule> EffectiveRules(const std::vector<PolicyRule>& stored) {
  std::vector<PolicyRule> out;
  for (RuleKind kind : AllRuleKinds()) {
    // The first stored rule of a kind wins; a kind not stored gets its default.
    auto it = std::find_if(stored.begin(), stored.end(),
                           [kind](const PolicyRule& r) { return r.kind == kind; });
    if (it != stored.end()) {
      out.push_back(*it);
      continue;
    }
    const auto& defaults = DefaultPolicyRules();
    out.push_back(*std::find_if(defaults.begin(), defaults.end(),
                                [kind](const PolicyRule& r) { return r.kind == kind; }));
  }
  return out;
}

Status ValidateRule(const PolicyRule& rule) {
  if (rule.working_days < 0 || rule.working_days > kMaxWorkingDays) {
    return Status::InvalidArgument("rule.working_days");
  }
  if (rule.min_severity < kSeverityLindrig || rule.min_severity > kSeverityMycketAllvarlig) {
    return Status::InvalidArgument("rule.min_severity");
  }
  return Status::Ok();
}

std::vector<RuleCheck> CheckRules(const std::vector<PolicyRule>& rules,
                                  const IncidentRecord& record, TimeMs now) {
  std::vector<RuleCheck> out;
  if (record.incident == nullptr) return out;
  for (const PolicyRule& rule : rules) {
    if (!rule.enabled) continue;
    std::optional<Applicable> applicable = Evaluate(rule, record);
    if (!applicable) continue;
    RuleCheck check;
    check.kind = rule.kind;
    check.due_at = DeadlineAfter(applicable->start, rule.working_days);
    check.met_at = applicable->met_at;
    if (check.met_at) {
      check.state = *check.met_at <= check.due_at ? RuleState::kMet : RuleState::kMetLate;
    } else {
      check.state = now >= check.due_at ? RuleState::kBreached : RuleState::kPending;
    }
    out.push_back(check);
  }
  return out;
}

}  // namespace trygg
