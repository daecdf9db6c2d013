// Rule checks: an incident's follow-up loaded from the store and checked against its förvaltning's
// rules.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "domain/policy.h"
#include "storage/store.h"

namespace trygg {

// What has happened after an incident, as stored.
struct Followup {
  std::optional<PoliceReport> police;
  std::vector<AuthorityNotice> notices;
  std::vector<Measure> measures;
};

// Loads the police report, notices and measures of incident `id`; the
// measures are taken from `measures` when the caller has already read them all.
Result<Followup> LoadFollowup(StoreTx& tx, IncidentId id,
                              const std::vector<Measure>* measures = nullptr);

// The effective rules of the förvaltning `unit` belongs to (the defaults when
// it belongs to none), cached per förvaltning for the life of the object.
class RuleBook {
 public:
  RuleBook(StoreTx& tx, const OrgTree& tree) : tx_(tx), tree_(tree) {}
  Result<std::vector<PolicyRule>> For(UnitId unit);

 private:
  StoreTx& tx_;
  const OrgTree& tree_;
  std::map<UnitId, std::vector<PolicyRule>> cache_;  // by förvaltning (0: none)
};

// The rule checks of `incident` with `followup` at `now`.
std::vector<RuleCheck> CheckIncident(const std::vector<PolicyRule>& rules, const Incident& incident,
                                     const Followup& followup, TimeMs now);

// A current breach: an incident and the rule it breaks.
struct Breach {
  Incident incident;
  RuleCheck rule;
};

// The current breaches among every open incident within `scope`, oldest
// deadline first, optionally only of rule `only`. Reads three rows per open
// incident: meant for the open ones, which are few.
Result<std::vector<Breach>> CurrentBreaches(StoreTx& tx, const OrgTree& tree,
                                            const VisibilityFilter& scope, TimeMs now,
                                            std::optional<RuleKind> only = std::nullopt);

// When Arbetsmiljöverket must be notified of `incident` (nullopt: it need not
// be): the authority_notified rule's deadline when the förvaltning has it
// enabled, else the end of the day the incident became serious.
std::optional<TimeMs> ArbetsmiljoverketDue(const std::vector<PolicyRule>& rules,
                                           const Incident& incident);

}  // namespace trygg
