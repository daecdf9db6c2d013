#include "app/rule_checks.h"

#include <algorithm>

#include "domain/calendar.h"

namespace trygg {

Result<Followup> LoadFollowup(StoreTx& tx, IncidentId id, const std::vector<Measure>* measures) {
  Followup out;
  Result<PoliceReport> police = tx.GetPoliceReport(id);
  if (police.ok()) {
    out.police = std::move(police).value();
  } else if (police.status().code() != StatusCode::kNotFound) {
    return police.status();
  }
  TRYGG_ASSIGN_OR_RETURN(out.notices, tx.ListAuthorityNotices(id));
  if (measures != nullptr) {
    out.measures = *measures;
    return out;
  }
  MeasureQuery mq;
  mq.incident_id = id;
  TRYGG_ASSIGN_OR_RETURN(out.measures, tx.ListMeasures(mq));
  return out;
}

Result<std::vector<PolicyRule>> RuleBook::For(UnitId unit) {
  const UnitId forvaltning = tree_.ForvaltningOf(unit).value_or(0);
  auto it = cache_.find(forvaltning);
  if (it != cache_.end()) return it->second;
  std::vector<PolicyRule> stored;
  if (forvaltning != 0) {
    TRYGG_ASSIGN_OR_RETURN(stored, tx_.ListPolicyRules(forvaltning));
  }
  return cache_.emplace(forvaltning, EffectiveRules(stored)).first->second;
}

std::vector<RuleCheck> CheckIncident(const std::vector<PolicyRule>& rules, const Incident& incident,
                                     const Followup& followup, TimeMs now) {
  IncidentRecord record;
  record.incident = &incident;
  record.police = followup.police ? &*followup.police : nullptr;
  record.notices = &followup.notices;
  record.measures = &followup.measures;
  return CheckRules(rules, record, now);
}

Result<std::vector<Breach>> CurrentBreaches(StoreTx& tx, const OrgTree& tree,
                                            const VisibilityFilter& scope, TimeMs now,
                                            std::optional<RuleKind> only) {
  std::vector<Breach> out;
  if (scope.all_units.empty() && scope.nonsensitive_units.empty() && !scope.involving) return out;
  IncidentQuery q;
  q.scope = scope;
  q.open = true;
  q.limit = 500;
  RuleBook book(tx, tree);
  for (;; q.offset += q.limit) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> open, tx.ListIncidents(q));
    for (Incident& inc : open) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<PolicyRule> rules, book.For(inc.unit_id));
      TRYGG_ASSIGN_OR_RETURN(Followup followup, LoadFollowup(tx, inc.id));
      for (const RuleCheck& c : CheckIncident(rules, inc, followup, now)) {
        if (c.state != RuleState::kBreached || (only && c.kind != *only)) continue;
        out.push_back({inc, c});
      }
    }
    if (static_cast<int>(open.size()) < q.limit) break;
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const Breach& a, const Breach& b) { return a.rule.due_at < b.rule.due_at; });
  return out;
}

std::optional<TimeMs> ArbetsmiljoverketDue(const std::vector<PolicyRule>& rules,
                                           const Incident& incident) {
  if (!RequiresArbetsmiljoverket(incident)) return std::nullopt;
  const TimeMs start = incident.serious_since.value_or(incident.created_at);
  for (const PolicyRule& r : rules) {
    if (r.kind == RuleKind::kAuthorityNotified && r.enabled) {
      return DeadlineAfter(start, r.working_days);
    }
  }
  return DeadlineAfter(start, 0);
}

}  // namespace trygg
