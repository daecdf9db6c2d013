#include "app/subject_service.h"

#include <algorithm>
#include <set>

#include "app/audit_log.h"
#include "app/incident_views.h"
#include "core/text.h"

namespace trygg {
namespace {

// Loads incident `id` for naming its subject or reading the subject's
// history: whoever manages it, or a säkerhetssamordnare covering its unit.
Result<LoadedIncident> LoadForSubject(StoreTx& tx, const OrgTree& tree, const Principal& who,
                                      IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(tx, tree, who.actor, id, Need::kExists));
  if (!loaded.access.manage &&
      !who.actor.HasOn(Role::kSakerhetssamordnare, loaded.incident.unit_id, tree)) {
    return Status::PermissionDenied("subject.forbidden");
  }
  return loaded;
}

}  // namespace

Status SubjectService::PutIncidentSubject(const Principal& who, IncidentId id, SubjectIdKind kind,
                                          const std::string& raw) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(LoadForSubject(*tx, *tree, who, id).status());
  std::string key;
  if (!raw.empty()) {
    TRYGG_ASSIGN_OR_RETURN(key, ctx_.pseudonyms.Key(kind, raw, now));
  }
  TRYGG_RETURN_IF_ERROR(tx->PutIncidentSubject(id, key, who.user.id, now));
  // The kind of identifier only: never the identifier or its key.
  const std::string detail = key.empty() ? "removed" : std::string(SubjectIdKindCode(kind));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "incident.subject_set", "incident", id, detail));
  return tx->Commit();
}

Result<std::optional<SubjectHistory>> SubjectService::IncidentSubjectHistory(const Principal& who,
                                                                             IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(LoadForSubject(*tx, *tree, who, id).status());
  TRYGG_ASSIGN_OR_RETURN(std::string key, tx->GetIncidentSubject(id));
  std::optional<SubjectHistory> out;
  if (!key.empty()) {
    TRYGG_ASSIGN_OR_RETURN(out, History(*tx, who, key, id));
  }
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "incident.subject_history_read",
                                    "incident", id, out ? "named" : "unnamed"));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<SubjectHistory> SubjectService::History(StoreTx& tx, const Principal& who,
                                               const std::string& key,
                                               std::optional<IncidentId> exclude) {
  SubjectHistory h;
  if (key.empty()) return h;
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(tx));
  TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> incidents, tx.ListIncidentsBySubject(key));
  std::set<std::string> units;
  for (const Incident& inc : incidents) {
    if (exclude && inc.id == *exclude) continue;
    ++h.total;
    h.total_highest_severity = std::max(h.total_highest_severity, inc.severity);
    if (!h.total_latest_at || inc.occurred_at > *h.total_latest_at) {
      h.total_latest_at = inc.occurred_at;
    }
    if (AccessTo(who.actor, *tree, inc).perpetrator) {
      ++h.in_scope;
      h.highest_severity = std::max(h.highest_severity, inc.severity);
      if (!h.latest_at || inc.occurred_at > *h.latest_at) h.latest_at = inc.occurred_at;
      units.insert(tree->PathName(inc.unit_id));
    } else {
      ++h.elsewhere;
    }
  }
  h.unit_names.assign(units.begin(), units.end());
  std::sort(h.unit_names.begin(), h.unit_names.end(),
            [](const std::string& a, const std::string& b) { return SwedishLess(a, b); });

  PlanQuery q;
  q.subject_key = key;
  q.status = PlanStatus::kAktiv;
  q.limit = 500;
  for (;;) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<SecurityPlan> plans, tx.ListSecurityPlans(q));
    if (std::any_of(plans.begin(), plans.end(),
                    [](const SecurityPlan& p) { return p.protected_case; })) {
      h.protected_case = true;
      break;
    }
    if (static_cast<int>(plans.size()) < q.limit) break;
    q.offset += q.limit;
  }
  return h;
}

}  // namespace trygg
