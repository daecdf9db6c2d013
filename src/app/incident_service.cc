// Reporting, listing, reading and the inbox. Workflow changes: incident_workflow.cc.
#include "app/incident_service.h"

#include <algorithm>
#include <set>

#include "app/alarm_service.h"
#include "app/audit_log.h"
#include "app/incident_facts.h"
#include "app/incident_views.h"
#include "app/notifier.h"
#include "app/recipients.h"
#include "app/rule_checks.h"
#include "core/text.h"
#include "domain/limits.h"

namespace trygg {
namespace {

constexpr TimeMs kClockSkewAllowance = 5 * kMsPerMinute;

// Who is told about a new incident: the nearest chef(s) of the unit (for a
// sensitive incident only the unit's own chef), the skyddsombud covering it,
// and the säkerhetssamordnare when it is serious.
Result<std::vector<Informed>> WhoIsInformed(StoreTx& tx, const OrgTree& tree,
                                            const Incident& incident) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx.ListGrants(std::nullopt));
  std::vector<std::pair<Role, UserId>> told;
  for (UserId u : NearestChefs(grants, tree, incident)) told.emplace_back(Role::kChef, u);
  for (UserId u : HoldersCovering(grants, tree, Role::kSkyddsombud, incident.unit_id)) {
    told.emplace_back(Role::kSkyddsombud, u);
  }
  if (IsSerious(incident.severity)) {
    for (UserId u : HoldersCovering(grants, tree, Role::kSakerhetssamordnare, incident.unit_id)) {
      told.emplace_back(Role::kSakerhetssamordnare, u);
    }
  }
  std::vector<Informed> out;
  for (const auto& [role, id] : told) {
    Result<User> user = tx.GetUser(id);
    if (!user.ok() || !user->active) continue;
    out.push_back({role, user->id, user->display_name});
  }
  return out;
}

}  // namespace

Result<IncidentView> IncidentService::Create(const Principal& who, const NewIncident& in,
                                             std::vector<Informed>* informed) {
  const TimeMs now = ctx_.clock.NowMs();
  if (in.occurred_at <= 0) return Status::InvalidArgument("incident.occurred_at", "occurred_at");
  if (in.occurred_at > now + kClockSkewAllowance) {
    return Status::InvalidArgument("incident.occurred_in_future", "occurred_at");
  }
  if (Utf8Length(in.description) > kMaxDescriptionChars) {
    return Status::InvalidArgument("incident.description_too_long", "description");
  }
  if (Utf8Length(in.perpetrator_note) > kMaxPerpetratorNoteChars) {
    return Status::InvalidArgument("incident.perpetrator_note_too_long", "perpetrator_note");
  }
  if (in.severity && (*in.severity < 1 || *in.severity > 4)) {
    return Status::InvalidArgument("incident.severity", "severity");
  }

  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  Incident inc;
  inc.unit_id = in.unit_id.value_or(who.user.unit_id);
  const OrgUnit* unit = tree->Find(inc.unit_id);
  if (unit == nullptr || unit->kind != UnitKind::kEnhet) {
    return Status::InvalidArgument("incident.unit_id", "unit_id");
  }
  inc.exposed_user_ids = in.exposed_user_ids;
  if (inc.exposed_user_ids.empty()) inc.exposed_user_ids.push_back(who.user.id);
  std::sort(inc.exposed_user_ids.begin(), inc.exposed_user_ids.end());
  inc.exposed_user_ids.erase(std::unique(inc.exposed_user_ids.begin(), inc.exposed_user_ids.end()),
                             inc.exposed_user_ids.end());
  for (UserId u : inc.exposed_user_ids) {
    Result<User> user = tx->GetUser(u);
    if (!user.ok() || !user->active) {
      return Status::InvalidArgument("incident.exposed_user_ids", "exposed_user_ids");
    }
  }
  inc.reporter_id = who.user.id;
  inc.category = in.category;
  inc.occurred_at = in.occurred_at;
  inc.place_type = in.place_type;
  inc.outside_workplace = in.outside_workplace || in.place_type == PlaceType::kUtanforArbetsplatsen;
  inc.tied_to_role = in.tied_to_role;
  inc.description = in.description;
  inc.injury = in.injury;
  inc.weapon = in.weapon;
  inc.death_threat = in.death_threat;
  inc.severity = EffectiveSeverity(inc, in.severity);
  inc.perpetrator_relation = in.perpetrator_relation;
  inc.perpetrator_note = in.perpetrator_note;
  inc.sensitive = in.sensitive;
  inc.aimed_at_person = in.aimed_at_person;
  inc.status = IncidentStatus::kNy;
  inc.created_at = inc.updated_at = now;
  if (IsSerious(inc.severity)) inc.serious_since = now;
  inc.version = 1;

  TRYGG_ASSIGN_OR_RETURN(inc.id, tx->InsertIncident(inc));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, inc.id, "created",
                                     std::string(CategoryCode(inc.category)), "incident.create"));
  TRYGG_ASSIGN_OR_RETURN(std::vector<Informed> told, WhoIsInformed(*tx, *tree, inc));
  for (const Informed& i : told) {
    if (i.user_id == who.user.id) continue;
    const bool serious = i.role == Role::kSakerhetssamordnare;
    NotifyRequest n;
    n.user = i.user_id;
    n.kind = serious ? NotificationKind::kSeriousIncident : NotificationKind::kNewIncident;
    n.incident = inc.id;
    n.dedupe_key = (serious ? "serious:" : "new:") + std::to_string(inc.id);
    n.unit_name = UnitShortName(*tree, inc.unit_id);
    TRYGG_RETURN_IF_ERROR(Notify(*tx, ctx_, n).status());
  }
  if (informed != nullptr) *informed = std::move(told);
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, inc.id));
  if (in.alarm_id) {
    if (alarms_ == nullptr) return Status::Internal("incident: alarms not wired");
    TRYGG_RETURN_IF_ERROR(alarms_->LinkReport(*tx, who, *in.alarm_id, inc.id));
  }
  Result<IncidentView> view = CommitWithView(*tx, *tree, who.actor, inc, ctx_.clock.NowMs());
  if (view.ok() && in.alarm_id) alarms_->Committed();
  return view;
}

Result<IncidentPage> IncidentService::List(const Principal& who, IncidentQuery query) {
  if (query.limit < 1 || query.limit > 500) {
    return Status::InvalidArgument("query.limit", "limit");
  }
  if (query.offset < 0) return Status::InvalidArgument("query.offset", "offset");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  query.scope = ListFilter(who.actor, *tree);
  IncidentPage page;
  TRYGG_ASSIGN_OR_RETURN(page.total, tx->CountIncidents(query));
  TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> rows, tx->ListIncidents(query));
  NameBook names(*tx);
  for (const Incident& inc : rows) {
    TRYGG_ASSIGN_OR_RETURN(IncidentView v, BuildView(*tx, *tree, who.actor, inc, false, names));
    page.items.push_back(std::move(v));
  }
  return page;
}

Result<IncidentPage> IncidentService::Views(const Principal& who,
                                            const std::vector<Incident>& incidents) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  IncidentPage page;
  NameBook names(*tx);
  for (const Incident& inc : incidents) {
    TRYGG_ASSIGN_OR_RETURN(IncidentView v, BuildView(*tx, *tree, who.actor, inc, false, names));
    page.items.push_back(std::move(v));
  }
  page.total = static_cast<int64_t>(page.items.size());
  return page;
}

Result<IncidentView> IncidentService::Get(const Principal& who, IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(*tx, *tree, who.actor, id, Need::kExists));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "incident.read", "incident", id,
                                    loaded.access.details ? "details" : "summary"));
  return CommitWithView(*tx, *tree, who.actor, loaded.incident, ctx_.clock.NowMs());
}

Result<std::vector<InboxItem>> IncidentService::Inbox(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  NameBook names(*tx);
  std::vector<InboxItem> out;
  std::set<IncidentId> listed;
  std::set<int64_t> listed_measures;
  auto add_incidents = [&](const IncidentQuery& q, const char* reason) -> Status {
    TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> rows, tx->ListIncidents(q));
    for (const Incident& inc : rows) {
      if (!listed.insert(inc.id).second) continue;
      TRYGG_ASSIGN_OR_RETURN(IncidentView v, BuildView(*tx, *tree, who.actor, inc, false, names));
      out.push_back({reason, std::move(v), std::nullopt});
    }
    return Status::Ok();
  };
  auto add_measures = [&](const MeasureQuery& q, const char* reason) -> Status {
    TRYGG_ASSIGN_OR_RETURN(std::vector<Measure> measures, tx->ListMeasures(q));
    for (const Measure& m : measures) {
      if (!listed_measures.insert(m.id).second) continue;
      Result<LoadedIncident> loaded = LoadFor(*tx, *tree, who.actor, m.incident_id, Need::kExists);
      if (!loaded.ok()) continue;
      TRYGG_ASSIGN_OR_RETURN(IncidentView v,
                             BuildView(*tx, *tree, who.actor, loaded->incident, false, names));
      names.Add(m.responsible_user_id, v.names);
      out.push_back({reason, std::move(v), m});
    }
    return Status::Ok();
  };

  const VisibilityFilter managed = ManageFilter(who.actor, *tree);
  if (who.actor.Has(Role::kChef)) {
    IncidentQuery q;
    q.scope = managed;
    q.status = IncidentStatus::kNy;
    q.limit = 200;
    TRYGG_RETURN_IF_ERROR(add_incidents(q, "new"));
  }
  if (who.actor.Has(Role::kSakerhetssamordnare)) {
    IncidentQuery q;
    q.scope.all_units = who.actor.Scope(Role::kSakerhetssamordnare, *tree);
    q.open = true;
    q.min_severity = kSeverityAllvarlig;
    q.limit = 200;
    TRYGG_RETURN_IF_ERROR(add_incidents(q, "serious"));
  }
  const TimeMs today = ctx_.clock.NowMs() / kMsPerDay * kMsPerDay;
  if (who.actor.Has(Role::kChef)) {
    MeasureQuery q;
    q.status = MeasureStatus::kOppen;
    q.due_before = today;
    q.incident_scope = managed;
    q.limit = 200;
    TRYGG_RETURN_IF_ERROR(add_measures(q, "overdue_measure"));
  }
  MeasureQuery mine;
  mine.status = MeasureStatus::kOppen;
  mine.responsible_user_id = who.user.id;
  mine.limit = 200;
  TRYGG_RETURN_IF_ERROR(add_measures(mine, "my_measure"));

  auto add_breaches = [&](const VisibilityFilter& scope, std::optional<RuleKind> only,
                          const char* reason) -> Status {
    TRYGG_ASSIGN_OR_RETURN(std::vector<Breach> breaches,
                           CurrentBreaches(*tx, *tree, scope, ctx_.clock.NowMs(), only));
    for (Breach& b : breaches) {
      TRYGG_ASSIGN_OR_RETURN(IncidentView v,
                             BuildView(*tx, *tree, who.actor, b.incident, false, names));
      out.push_back({reason, std::move(v), std::nullopt, b.rule});
    }
    return Status::Ok();
  };
  if (who.actor.Has(Role::kChef)) {
    TRYGG_RETURN_IF_ERROR(add_breaches(managed, std::nullopt, "rule_breach"));
  }
  if (who.actor.Has(Role::kSakerhetssamordnare)) {
    VisibilityFilter scope;
    scope.all_units = who.actor.Scope(Role::kSakerhetssamordnare, *tree);
    TRYGG_RETURN_IF_ERROR(add_breaches(scope, RuleKind::kAuthorityNotified, "escalation"));
  }
  return out;
}

}  // namespace trygg
