#include "app/followup_service.h"

#include <algorithm>

#include "app/audit_log.h"
#include "app/incident_facts.h"
#include "app/incident_views.h"
#include "app/notifier.h"

namespace trygg {
namespace {

bool IsExposed(const Incident& inc, UserId user) {
  return std::find(inc.exposed_user_ids.begin(), inc.exposed_user_ids.end(), user) !=
         inc.exposed_user_ids.end();
}

// Loads the incident for a police-report use case: its manager, or one of the exposed.
Result<LoadedIncident> LoadForPolice(StoreTx& tx, const OrgTree& tree, const Principal& who,
                                     IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadFor(tx, tree, who.actor, id, Need::kExists));
  if (!loaded.access.manage && !IsExposed(loaded.incident, who.user.id)) {
    return Status::PermissionDenied("police.forbidden");
  }
  return loaded;
}

Status CheckForvaltning(const OrgTree& tree, UnitId unit) {
  const OrgUnit* u = tree.Find(unit);
  if (u == nullptr || u->kind != UnitKind::kForvaltning) {
    return Status::NotFound("unit.not_forvaltning");
  }
  return Status::Ok();
}

}  // namespace

Result<PoliceReport> FollowupService::PutPoliceReport(const Principal& who, IncidentId id,
                                                      const PoliceReportInput& in) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadForPolice(*tx, *tree, who, id));
  const Incident& inc = loaded.incident;

  PoliceReport before;
  Result<PoliceReport> stored = tx->GetPoliceReport(id);
  const bool existed = stored.ok();
  if (existed) {
    before = std::move(stored).value();
  } else if (stored.status().code() != StatusCode::kNotFound) {
    return stored.status();
  }
  PoliceReport r = before;
  r.incident_id = id;
  r.reported = in.reported;
  if (in.reported) {
    r.not_reported_reason.reset();
    if (in.reporter) r.reporter = in.reporter;
    if (in.reported_by) r.reported_by = in.reported_by;
    if (in.reported_at) r.reported_at = in.reported_at;
    if (in.case_number) r.case_number = *in.case_number;
    if (in.case_status) r.case_status = *in.case_status;
    if (!r.reported_by && r.reporter == PoliceReporter::kChef) r.reported_by = who.user.id;
  } else {
    r.reporter.reset();
    r.reported_by.reset();
    r.reported_at.reset();
    r.case_number.clear();
    r.case_status = PoliceCaseStatus::kAnmald;
    r.not_reported_reason = in.not_reported_reason;
  }
  if (in.note) r.note = *in.note;
  r.updated_by = who.user.id;
  r.updated_at = ctx_.clock.NowMs();

  if (!loaded.access.manage) {
    // The exposed employee records their own report as målsägande.
    if (!in.reported || r.reporter != PoliceReporter::kMedarbetare ||
        (r.reported_by && *r.reported_by != who.user.id)) {
      return Status::PermissionDenied("police.forbidden");
    }
    r.reported_by = who.user.id;
  }
  if (r.reported_at && *r.reported_at > r.updated_at + 5 * kMsPerMinute) {
    return Status::InvalidArgument("police.reported_at", "reported_at");
  }
  if (r.reported_by) {
    Result<User> by = tx->GetUser(*r.reported_by);
    if (!by.ok()) return Status::InvalidArgument("police.reported_by", "reported_by_user_id");
  }
  TRYGG_RETURN_IF_ERROR(ValidatePoliceReport(r));
  TRYGG_RETURN_IF_ERROR(tx->PutPoliceReport(r));

  const bool status_changed =
      r.reported && (!existed || !before.reported || before.case_status != r.case_status);
  std::string detail =
      r.reported ? "anmald:" + std::string(PoliceCaseStatusCode(r.case_status))
                 : "ej_anmald:" + std::string(NotReportedReasonCode(*r.not_reported_reason));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id, "police_report", detail,
                                     "incident.police_report"));
  if (status_changed) {
    const std::string code(PoliceCaseStatusCode(r.case_status));
    for (UserId u : inc.exposed_user_ids) {
      if (u == who.user.id) continue;
      TRYGG_RETURN_IF_ERROR(
          Notify(*tx, ctx_,
                 {u, NotificationKind::kPoliceStatus, id, code,
                  "police:" + std::to_string(id) + ":" + code + ":" + std::to_string(r.updated_at),
                  UnitShortName(*tree, inc.unit_id)})
              .status());
    }
  }
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return r;
}

Result<PoliceReportDraft> FollowupService::Draft(const Principal& who, IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(LoadedIncident loaded, LoadForPolice(*tx, *tree, who, id));
  PoliceReportDraft d;
  d.incident = Redact(loaded.incident, loaded.access);
  d.unit_name = tree->PathName(loaded.incident.unit_id);
  d.generated_at = ctx_.clock.NowMs();
  d.reporter_role = loaded.access.manage && !IsExposed(loaded.incident, who.user.id)
                        ? PoliceReporter::kChef
                        : PoliceReporter::kMedarbetare;
  if (std::optional<UnitId> forv = tree->ForvaltningOf(loaded.incident.unit_id)) {
    Result<OrgContact> contact = tx->GetOrgContact(*forv);
    if (contact.ok()) {
      d.organisation = std::move(contact).value();
    } else if (contact.status().code() != StatusCode::kNotFound) {
      return contact.status();
    }
  }
  for (UserId u : loaded.incident.exposed_user_ids) {
    Result<User> user = tx->GetUser(u);
    if (user.ok()) d.injured_parties.emplace_back(u, user->display_name);
  }
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "incident.police_draft",
                                    "incident", id, "details"));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return d;
}

Result<AuthorityNotice> FollowupService::PutNotice(const Principal& who, IncidentId id,
                                                   const AuthorityNotice& in) {
  const TimeMs now = ctx_.clock.NowMs();
  if (in.notified_at <= 0 || in.notified_at > now + 5 * kMsPerMinute) {
    return Status::InvalidArgument("notice.notified_at", "notified_at");
  }
  if (in.reference.size() > 100) return Status::InvalidArgument("notice.reference", "reference");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(LoadFor(*tx, *tree, who.actor, id, Need::kManage).status());
  AuthorityNotice n = in;
  n.incident_id = id;
  n.recorded_by = who.user.id;
  n.recorded_at = now;
  TRYGG_RETURN_IF_ERROR(tx->PutAuthorityNotice(n));
  TRYGG_RETURN_IF_ERROR(RecordChange(*tx, ctx_.clock, who.user.id, id, "authority_notified",
                                     std::string(AuthorityCode(n.authority)),
                                     "incident.authority_notice"));
  TRYGG_RETURN_IF_ERROR(RecordFacts(ctx_, *tx, id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return n;
}

Result<OrgContact> FollowupService::GetContact(const Principal& who, UnitId unit) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, unit));
  Result<OrgContact> contact = tx->GetOrgContact(unit);
  if (!contact.ok() && contact.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("org_contact.not_found");
  }
  return contact;
}

Result<OrgContact> FollowupService::PutContact(const Principal& who, OrgContact contact) {
  TRYGG_RETURN_IF_ERROR(ValidateOrgContact(contact));
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, contact.unit_id));
  if (!who.actor.HasOn(Role::kAdmin, contact.unit_id, *tree)) {
    return Status::PermissionDenied("unit.forbidden");
  }
  contact.updated_by = who.user.id;
  contact.updated_at = ctx_.clock.NowMs();
  TRYGG_RETURN_IF_ERROR(tx->PutOrgContact(contact));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "unit.contact_update", "unit", contact.unit_id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return contact;
}

Result<std::vector<RuleView>> FollowupService::Rules(const Principal& who, UnitId unit) {
  const Actor& a = who.actor;
  if (!a.Has(Role::kAdmin) && !a.Has(Role::kChef) && !a.Has(Role::kSakerhetssamordnare) &&
      !a.Has(Role::kSkyddsombud)) {
    return Status::PermissionDenied("rules.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, unit));
  TRYGG_ASSIGN_OR_RETURN(std::vector<PolicyRule> stored, tx->ListPolicyRules(unit));
  std::vector<RuleView> out;
  for (const PolicyRule& r : EffectiveRules(stored)) {
    const bool is_default = std::none_of(stored.begin(), stored.end(),
                                         [&](const PolicyRule& s) { return s.kind == r.kind; });
    out.push_back({r, is_default});
  }
  return out;
}

Result<RuleView> FollowupService::PutRule(const Principal& who, UnitId unit,
                                          const PolicyRule& rule) {
  TRYGG_RETURN_IF_ERROR(ValidateRule(rule));
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_RETURN_IF_ERROR(CheckForvaltning(*tree, unit));
  if (!who.actor.HasOn(Role::kAdmin, unit, *tree)) {
    return Status::PermissionDenied("unit.forbidden");
  }
  TRYGG_RETURN_IF_ERROR(tx->PutPolicyRule(unit, rule, who.user.id, ctx_.clock.NowMs()));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "rule.update", "unit", unit,
                                    std::string(RuleKindCode(rule.kind))));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return RuleView{rule, false};
}

Result<std::vector<Breach>> FollowupService::Breaches(const Principal& who,
                                                      std::optional<UnitId> unit) {
  const Actor& a = who.actor;
  if (!a.Has(Role::kChef) && !a.Has(Role::kSakerhetssamordnare)) {
    return Status::PermissionDenied("rules.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  VisibilityFilter scope = ManageFilter(a, *tree);
  for (UnitId u : a.Scope(Role::kSakerhetssamordnare, *tree)) scope.all_units.push_back(u);
  scope.involving.reset();
  if (unit) {
    auto outside = [&](UnitId u) { return !tree->Covers(*unit, u); };
    std::erase_if(scope.all_units, outside);
    std::erase_if(scope.nonsensitive_units, outside);
  }
  return CurrentBreaches(*tx, *tree, scope, ctx_.clock.NowMs());
}

}  // namespace trygg
