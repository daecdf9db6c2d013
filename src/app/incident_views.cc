#include "app/incident_views.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/rule_checks.h"

namespace trygg {

void NameBook::Add(UserId id, std::unordered_map<UserId, std::string>& names) {
  auto it = cache_.find(id);
  if (it == cache_.end()) {
    Result<User> user = tx_.GetUser(id);
    it = cache_.emplace(id, user.ok() ? user->display_name : std::string()).first;
  }
  names[id] = it->second;
}

Incident Redact(Incident incident, const IncidentAccess& access) {
  if (!access.details) {
    incident.description.clear();
    incident.exposed_user_ids.clear();
    incident.reporter_id = 0;
    incident.place_type = PlaceType::kAnnat;
    incident.outside_workplace = false;
    incident.tied_to_role = false;
    incident.injury = Injury::kIngen;
    incident.weapon = false;
    incident.death_threat = false;
  }
  if (!access.perpetrator) incident.perpetrator_relation.reset();
  if (!access.perpetrator_note) incident.perpetrator_note.clear();
  return incident;
}

Result<IncidentView> BuildView(StoreTx& tx, const OrgTree& tree, const Actor& actor,
                               const Incident& incident, bool full, NameBook& names) {
  IncidentView view;
  view.access = AccessTo(actor, tree, incident);
  view.incident = Redact(incident, view.access);
  view.unit_name = tree.PathName(incident.unit_id);
  view.open_measures = incident.open_measures;
  if (view.access.details) {
    names.Add(incident.reporter_id, view.names);
    for (UserId u : incident.exposed_user_ids) names.Add(u, view.names);
  }
  if (!full || !view.access.exists) return view;

  MeasureQuery mq;
  mq.incident_id = incident.id;
  TRYGG_ASSIGN_OR_RETURN(view.measures, tx.ListMeasures(mq));
  // Counted again here: `incident` may predate a measure change in this transaction.
  view.open_measures = static_cast<int>(
      std::count_if(view.measures.begin(), view.measures.end(),
                    [](const Measure& m) { return m.status == MeasureStatus::kOppen; }));
  if (!view.access.details) {
    // Support concerns a person's wellbeing: only with details.
    std::erase_if(view.measures, [](const Measure& m) { return m.kind == MeasureKind::kStod; });
  }
  for (Measure& m : view.measures) {
    // Who is supported: managers, the säkerhetssamordnare and that person.
    if (m.support_user_id && !view.access.perpetrator_note && *m.support_user_id != actor.user_id) {
      m.support_user_id.reset();
    }
    names.Add(m.responsible_user_id, view.names);
    if (m.support_user_id) names.Add(*m.support_user_id, view.names);
  }
  if (!view.access.details) return view;
  TRYGG_ASSIGN_OR_RETURN(view.notes, tx.ListNotes(incident.id));
  TRYGG_ASSIGN_OR_RETURN(view.log, tx.ListLog(incident.id));
  for (const Note& n : view.notes) names.Add(n.author_id, view.names);
  for (const LogEntry& e : view.log) names.Add(e.actor_id, view.names);
  return view;
}

}  // namespace trygg

namespace trygg {

Result<LoadedIncident> LoadFor(StoreTx& tx, const OrgTree& tree, const Actor& actor, IncidentId id,
                               Need need) {
  Result<Incident> incident = tx.GetIncident(id);
  if (!incident.ok()) {
    if (incident.status().code() == StatusCode::kNotFound) {
      return Status::NotFound("incident.not_found");
    }
    return incident.status();
  }
  LoadedIncident out{std::move(incident).value(), {}};
  out.access = AccessTo(actor, tree, out.incident);
  if (!out.access.exists) return Status::NotFound("incident.not_found");
  bool ok = true;
  switch (need) {
    case Need::kExists:
      break;
    case Need::kDetails:
      ok = out.access.details;
      break;
    case Need::kAnnotate:
      ok = out.access.annotate;
      break;
    case Need::kManage:
      ok = out.access.manage;
      break;
  }
  if (!ok) return Status::PermissionDenied("incident.forbidden");
  return out;
}

Status RecordChange(StoreTx& tx, const Clock& clock, UserId actor, IncidentId id,
                    const std::string& log_action, const std::string& detail,
                    const std::string& audit_action) {
  TRYGG_RETURN_IF_ERROR(tx.InsertLog({0, id, clock.NowMs(), actor, log_action, detail}).status());
  return AppendAudit(tx, clock, actor, audit_action, "incident", id, detail);
}

Status AddFollowup(StoreTx& tx, const OrgTree& tree, TimeMs now, IncidentView& view) {
  if (!view.access.details) return Status::Ok();
  const Incident& inc = view.incident;
  // With details the view holds every measure (only who is supported may be
  // blanked, which no rule looks at): no second read.
  TRYGG_ASSIGN_OR_RETURN(Followup followup, LoadFollowup(tx, inc.id, &view.measures));
  RuleBook book(tx, tree);
  TRYGG_ASSIGN_OR_RETURN(std::vector<PolicyRule> rules, book.For(inc.unit_id));
  view.rules = CheckIncident(rules, inc, followup, now);
  view.arbetsmiljoverket_due = ArbetsmiljoverketDue(rules, inc);
  view.police_report = std::move(followup.police);
  view.notices = std::move(followup.notices);
  NameBook names(tx);
  if (view.police_report && view.police_report->reported_by) {
    names.Add(*view.police_report->reported_by, view.names);
  }
  for (const AuthorityNotice& n : view.notices) names.Add(n.recorded_by, view.names);
  return Status::Ok();
}

Result<IncidentView> CommitWithView(StoreTx& tx, const OrgTree& tree, const Actor& actor,
                                    const Incident& incident, TimeMs now) {
  NameBook names(tx);
  TRYGG_ASSIGN_OR_RETURN(IncidentView view, BuildView(tx, tree, actor, incident, true, names));
  TRYGG_RETURN_IF_ERROR(AddFollowup(tx, tree, now, view));
  TRYGG_RETURN_IF_ERROR(tx.Commit());
  return view;
}

}  // namespace trygg
