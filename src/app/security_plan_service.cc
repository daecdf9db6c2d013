// Security plans: their life, measures, and the decision log of protected cases.
#include "app/security_plan_service.h"

#include <algorithm>
#include <cstdio>

#include "app/audit_log.h"
#include "app/changed_fields.h"
#include "app/incident_views.h"
#include "core/text.h"
#include "core/time.h"
#include "domain/calendar.h"

namespace trygg {
namespace {

constexpr size_t kMaxDecisionChars = 2000;

bool Contains(const std::vector<UserId>& v, UserId u) {
  return std::find(v.begin(), v.end(), u) != v.end();
}

// What `actor` may do with a plan (see SecurityPlanService).
struct PlanAccess {
  bool read = false;
  bool edit = false;     // a säkerhetssamordnare covering the unit
  bool manager = false;  // edit, or a chef who may read it: sees the history
  bool decide = false;   // may log a decision (protected plans only)
};

PlanAccess AccessToPlan(const Actor& actor, const OrgTree& tree, const SecurityPlan& p) {
  PlanAccess access;
  access.edit = actor.HasOn(Role::kSakerhetssamordnare, p.unit_id, tree);
  bool chef = actor.HasOn(Role::kChef, p.unit_id, tree);
  if (p.protected_case && p.routine.handling_unit_id != 0 &&
      tree.Find(p.routine.handling_unit_id) != nullptr) {
    chef = chef || actor.HasOn(Role::kChef, p.routine.handling_unit_id, tree);
  }
  const bool handling = p.protected_case && Contains(p.routine.handling_group, actor.user_id);
  access.manager = access.edit || chef;
  access.read = access.manager || handling || Contains(p.people, actor.user_id);
  access.decide = p.protected_case && (access.manager || handling);
  return access;
}

Result<std::pair<SecurityPlan, PlanAccess>> LoadPlan(StoreTx& tx, const OrgTree& tree,
                                                     const Actor& actor, int64_t id) {
  Result<SecurityPlan> p = tx.GetSecurityPlan(id);
  if (!p.ok()) {
    if (p.status().code() == StatusCode::kNotFound) return Status::NotFound("plan.not_found");
    return p.status();
  }
  PlanAccess access = AccessToPlan(actor, tree, *p);
  if (!access.read) return Status::NotFound("plan.not_found");
  return std::make_pair(std::move(p).value(), access);
}

Status CheckUsers(StoreTx& tx, std::vector<UserId>& users, const char* reason, const char* field) {
  std::sort(users.begin(), users.end());
  users.erase(std::unique(users.begin(), users.end()), users.end());
  for (UserId u : users) {
    Result<User> user = tx.GetUser(u);
    if (!user.ok() || !user->active) return Status::InvalidArgument(reason, field);
  }
  return Status::Ok();
}

// People and the routine's references checked, sorted and deduplicated.
Status CheckReferences(StoreTx& tx, const OrgTree& tree, SecurityPlan& p) {
  TRYGG_RETURN_IF_ERROR(CheckUsers(tx, p.people, "plan.people", "people_ids"));
  TRYGG_RETURN_IF_ERROR(
      CheckUsers(tx, p.routine.handling_group, "plan.handling_group", "handling_group_ids"));
  if (p.routine.handling_unit_id != 0 && tree.Find(p.routine.handling_unit_id) == nullptr) {
    return Status::InvalidArgument("plan.handling_unit_id", "handling_unit_id");
  }
  if (p.review_date <= 0) return Status::InvalidArgument("plan.review_date", "review_date");
  return Status::Ok();
}

// Midnight UTC of today's date in Stockholm, comparable with review dates.
TimeMs TodayAsDate(TimeMs now) {
  const LocalDate d = StockholmDate(now);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  Result<TimeMs> t = ParseDate(buf);
  return t.ok() ? *t : now / kMsPerDay * kMsPerDay;
}

bool SameRoutine(const ProtectedRoutine& a, const ProtectedRoutine& b) {
  return a.handling_unit_id == b.handling_unit_id && a.handling_group == b.handling_group &&
         a.omit_handlaggare_name == b.omit_handlaggare_name &&
         a.secure_room_only == b.secure_room_only && a.two_staff_always == b.two_staff_always &&
         a.no_home_visits == b.no_home_visits && a.instructions == b.instructions;
}

class PlanViewBuilder {
 public:
  PlanViewBuilder(StoreTx& tx, const OrgTree& tree, const Principal& who, SubjectService& subjects,
                  TimeMs now)
      : tx_(tx),
        tree_(tree),
        who_(who),
        subjects_(subjects),
        today_(TodayAsDate(now)),
        names_(tx) {}

  // The plan without measures, log or history (a list row).
  SecurityPlanView Row(const SecurityPlan& p) {
    const PlanAccess access = AccessToPlan(who_.actor, tree_, p);
    SecurityPlanView v;
    v.plan = p;
    v.plan.subject_key.clear();
    v.subject_named = !p.subject_key.empty();
    v.unit_name = tree_.PathName(p.unit_id);
    if (p.routine.handling_unit_id != 0) {
      v.handling_unit_name = tree_.PathName(p.routine.handling_unit_id);
    }
    v.may_edit = access.edit;
    v.may_decide = access.decide;
    v.review_overdue = p.status == PlanStatus::kAktiv && p.review_date < today_;
    names_.Add(p.created_by, v.names);
    for (UserId u : p.people) names_.Add(u, v.names);
    for (UserId u : p.routine.handling_group) names_.Add(u, v.names);
    return v;
  }

  Result<SecurityPlanView> Full(const SecurityPlan& p) {
    SecurityPlanView v = Row(p);
    TRYGG_ASSIGN_OR_RETURN(v.measures, tx_.ListPlanMeasures(p.id));
    TRYGG_ASSIGN_OR_RETURN(v.log, tx_.ListPlanLog(p.id));
    for (const PlanMeasure& m : v.measures) names_.Add(m.owner_user_id, v.names);
    for (const PlanLogEntry& e : v.log) names_.Add(e.actor_id, v.names);
    if (!p.subject_key.empty() && AccessToPlan(who_.actor, tree_, p).manager) {
      TRYGG_ASSIGN_OR_RETURN(v.history, subjects_.History(tx_, who_, p.subject_key));
    }
    return v;
  }

 private:
  StoreTx& tx_;
  const OrgTree& tree_;
  const Principal& who_;
  SubjectService& subjects_;
  TimeMs today_;
  NameBook names_;
};

}  // namespace

Result<SecurityPlanView> SecurityPlanService::Create(const Principal& who,
                                                     const NewSecurityPlan& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::optional<UnitId> forvaltning =
      tree->Find(in.unit_id) ? tree->ForvaltningOf(in.unit_id) : std::nullopt;
  if (!forvaltning) return Status::InvalidArgument("plan.unit_id", "unit_id");
  if (!who.actor.HasOn(Role::kSakerhetssamordnare, in.unit_id, *tree)) {
    return Status::PermissionDenied("plan.forbidden");
  }
  SecurityPlan p;
  p.unit_id = in.unit_id;
  p.forvaltning_id = *forvaltning;
  p.scope = in.scope;
  p.title = in.title;
  p.threats = in.threats;
  p.threat_level = in.threat_level;
  p.review_date = in.review_date;
  p.people = in.people;
  p.protected_case = in.protected_case;
  p.routine = in.routine;
  TRYGG_RETURN_IF_ERROR(CheckReferences(*tx, *tree, p));
  if (in.subject_kind && !in.subject_identifier.empty()) {
    if (p.scope != PlanScope::kArende) return Status::InvalidArgument("plan.subject", "subject");
    TRYGG_ASSIGN_OR_RETURN(p.subject_key,
                           ctx_.pseudonyms.Key(*in.subject_kind, in.subject_identifier, now));
  }
  p.status = PlanStatus::kAktiv;
  p.created_by = who.user.id;
  p.created_at = p.updated_at = now;
  p.version = 1;
  TRYGG_RETURN_IF_ERROR(ValidateSecurityPlan(p));
  TRYGG_ASSIGN_OR_RETURN(p.id, tx->InsertSecurityPlan(p));
  TRYGG_RETURN_IF_ERROR(
      tx->InsertPlanLog({0, p.id, now, who.user.id, "created", std::string(PlanScopeCode(p.scope))})
          .status());
  if (p.protected_case) {
    TRYGG_RETURN_IF_ERROR(tx->InsertPlanLog({0, p.id, now, who.user.id, "protected", ""}).status());
  }
  TRYGG_RETURN_IF_ERROR(AppendAudit(
      *tx, ctx_.clock, who.user.id, "plan.created", "security_plan", p.id,
      "scope:" + std::string(PlanScopeCode(p.scope)) + (p.protected_case ? ";protected" : "") +
          (p.subject_key.empty() ? "" : ";subject")));
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(p));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<SecurityPlanView> SecurityPlanService::Get(const Principal& who, int64_t id) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadPlan(*tx, *tree, who.actor, id));
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(loaded.first));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "plan.read", "security_plan", id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<std::vector<SecurityPlanView>> SecurityPlanService::List(const Principal& who,
                                                                PlanQuery query) {
  if (query.limit < 1 || query.limit > 500) return Status::InvalidArgument("query.limit", "limit");
  if (query.offset < 0) return Status::InvalidArgument("query.offset", "offset");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  query.subject_key.reset();  // never searched by person from outside
  std::vector<SecurityPlan> rows;
  if (who.actor.Has(Role::kChef)) {
    // A chef may read protected plans handled in their units, which no
    // scope of the store expresses: every plan, filtered here.
    PlanQuery all = query;
    all.scope = {};
    all.limit = 500;
    all.offset = 0;
    std::vector<SecurityPlan> readable;
    for (;;) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<SecurityPlan> page, tx->ListSecurityPlans(all));
      for (SecurityPlan& p : page) {
        if (AccessToPlan(who.actor, *tree, p).read) readable.push_back(std::move(p));
      }
      if (static_cast<int>(page.size()) < all.limit) break;
      all.offset += all.limit;
    }
    const size_t from = std::min(readable.size(), static_cast<size_t>(query.offset));
    const size_t to = std::min(readable.size(), from + static_cast<size_t>(query.limit));
    rows.assign(std::make_move_iterator(readable.begin() + from),
                std::make_move_iterator(readable.begin() + to));
  } else {
    std::vector<UnitId> units = who.actor.Scope(Role::kSakerhetssamordnare, *tree);
    query.scope.units = std::move(units);
    query.scope.involving = who.user.id;
    TRYGG_ASSIGN_OR_RETURN(rows, tx->ListSecurityPlans(query));
    // The store's "involving" counts the handling group even after a plan
    // stopped being protected; the rule here has the last word.
    std::erase_if(rows,
                  [&](const SecurityPlan& p) { return !AccessToPlan(who.actor, *tree, p).read; });
  }
  PlanViewBuilder views(*tx, *tree, who, subjects_, ctx_.clock.NowMs());
  std::vector<SecurityPlanView> out;
  for (const SecurityPlan& p : rows) out.push_back(views.Row(p));
  return out;
}

Result<SecurityPlanView> SecurityPlanService::Update(const Principal& who, int64_t id,
                                                     const SecurityPlanPatch& patch,
                                                     std::optional<int64_t> expected_version) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadPlan(*tx, *tree, who.actor, id));
  SecurityPlan& p = loaded.first;
  if (!loaded.second.edit) return Status::PermissionDenied("plan.forbidden");
  if (expected_version && *expected_version != p.version) {
    return Status::Conflict("plan.stale_version");
  }
  const SecurityPlan before = p;
  std::vector<std::string> changed;
  SetIfChanged(p.title, patch.title, "title", &changed);
  SetIfChanged(p.threats, patch.threats, "threats", &changed);
  SetIfChanged(p.threat_level, patch.threat_level, "threat_level", &changed);
  SetIfChanged(p.review_date, patch.review_date, "review_date", &changed);
  if (patch.people) {
    p.people = *patch.people;
  }
  if (patch.routine) p.routine = *patch.routine;
  if (patch.protected_case) p.protected_case = *patch.protected_case;
  // The handling group belongs to the protected routine only.
  if (!p.protected_case) p.routine.handling_group.clear();
  if (patch.status) p.status = *patch.status;
  TRYGG_RETURN_IF_ERROR(CheckReferences(*tx, *tree, p));
  if (p.people != before.people) changed.push_back("people");
  if (!SameRoutine(p.routine, before.routine)) changed.push_back("routine");

  std::vector<std::pair<std::string, std::string>> log;  // action, detail
  if (!changed.empty()) log.emplace_back("updated", JoinText(changed, ","));
  if (p.protected_case != before.protected_case) {
    log.emplace_back(p.protected_case ? "protected" : "unprotected", "");
    changed.push_back("protected_case");
  }
  if (p.status != before.status) {
    log.emplace_back(p.status == PlanStatus::kAvslutad ? "closed" : "reopened", "");
    changed.push_back("status");
  }
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  if (log.empty()) {  // nothing changed: nothing written
    TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(p));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return v;
  }
  p.updated_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateSecurityPlan(p));
  TRYGG_RETURN_IF_ERROR(tx->UpdateSecurityPlan(p, p.version));
  ++p.version;
  for (const auto& [action, detail] : log) {
    TRYGG_RETURN_IF_ERROR(tx->InsertPlanLog({0, id, now, who.user.id, action, detail}).status());
  }
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "plan.updated", "security_plan",
                                    id, JoinText(changed, ",")));
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(p));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<SecurityPlanView> SecurityPlanService::AddMeasure(const Principal& who, int64_t id,
                                                         const NewPlanMeasure& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadPlan(*tx, *tree, who.actor, id));
  if (!loaded.second.edit) return Status::PermissionDenied("plan.forbidden");
  Result<User> owner = tx->GetUser(in.owner_user_id);
  if (!owner.ok() || !owner->active) {
    return Status::InvalidArgument("plan.measure_owner", "owner_user_id");
  }
  if (in.due_date <= 0) return Status::InvalidArgument("plan.measure_due_date", "due_date");
  PlanMeasure m;
  m.plan_id = id;
  m.title = in.title;
  m.owner_user_id = in.owner_user_id;
  m.due_date = in.due_date;
  m.status = MeasureStatus::kOppen;
  m.created_by = who.user.id;
  m.created_at = now;
  TRYGG_RETURN_IF_ERROR(ValidatePlanMeasure(m));
  TRYGG_ASSIGN_OR_RETURN(m.id, tx->InsertPlanMeasure(m));
  TRYGG_RETURN_IF_ERROR(
      tx->InsertPlanLog({0, id, now, who.user.id, "measure_added", std::to_string(m.id)}).status());
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "plan.updated", "security_plan",
                                    id, "measure_added:" + std::to_string(m.id)));
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(loaded.first));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<SecurityPlanView> SecurityPlanService::SetMeasureStatus(const Principal& who,
                                                               int64_t plan_id, int64_t measure_id,
                                                               MeasureStatus status) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  Result<SecurityPlan> plan = tx->GetSecurityPlan(plan_id);
  if (!plan.ok()) {
    if (plan.status().code() == StatusCode::kNotFound) return Status::NotFound("plan.not_found");
    return plan.status();
  }
  const PlanAccess access = AccessToPlan(who.actor, *tree, *plan);
  Result<PlanMeasure> measure = tx->GetPlanMeasure(measure_id);
  if (!measure.ok() && measure.status().code() != StatusCode::kNotFound) return measure.status();
  const bool owner = measure.ok() && measure->owner_user_id == who.user.id;
  // The owner of a measure may mark it without reading the rest of the plan.
  if (!access.read && !(owner && measure->plan_id == plan_id)) {
    return Status::NotFound("plan.not_found");
  }
  if (!measure.ok() || measure->plan_id != plan_id) {
    return Status::NotFound("plan_measure.not_found");
  }
  if (!access.edit && !owner) return Status::PermissionDenied("plan.forbidden");
  PlanMeasure m = std::move(measure).value();
  if (m.status != status) {
    m.status = status;
    if (status == MeasureStatus::kKlar) {
      m.done_at = now;
      m.done_by = who.user.id;
    } else {
      m.done_at.reset();
      m.done_by.reset();
    }
    TRYGG_RETURN_IF_ERROR(tx->UpdatePlanMeasure(m));
    const std::string detail = std::to_string(m.id) + ":" + std::string(MeasureStatusCode(status));
    TRYGG_RETURN_IF_ERROR(
        tx->InsertPlanLog({0, plan_id, now, who.user.id, "measure_updated", detail}).status());
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "plan.updated", "security_plan",
                                      plan_id, "measure:" + detail));
  }
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  SecurityPlanView v;
  if (access.read) {
    TRYGG_ASSIGN_OR_RETURN(v, views.Full(*plan));
  } else {
    // Only what the owner needs: the plan's heading and their measure.
    const SecurityPlan& p = *plan;
    v.plan.id = p.id;
    v.plan.unit_id = p.unit_id;
    v.plan.forvaltning_id = p.forvaltning_id;
    v.plan.scope = p.scope;
    v.plan.title = p.title;
    v.plan.status = p.status;
    v.plan.review_date = p.review_date;
    v.plan.version = p.version;
    v.plan.created_at = p.created_at;
    v.plan.updated_at = p.updated_at;
    v.unit_name = tree->PathName(p.unit_id);
    v.measures.push_back(m);
    v.names[who.user.id] = who.user.display_name;
  }
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<SecurityPlanView> SecurityPlanService::LogDecision(const Principal& who, int64_t id,
                                                          const std::string& text) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadPlan(*tx, *tree, who.actor, id));
  if (!loaded.first.protected_case) return Status::FailedPrecondition("plan.not_protected");
  if (!loaded.second.decide) return Status::PermissionDenied("plan.forbidden");
  if (!FitsText(text, kMaxDecisionChars)) return Status::InvalidArgument("plan.decision", "text");
  TRYGG_ASSIGN_OR_RETURN(int64_t log_id,
                         tx->InsertPlanLog({0, id, now, who.user.id, "decision", text}));
  // The text stays in the plan's log: it may name people, the audit may not.
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "plan.decision", "security_plan",
                                    id, "log:" + std::to_string(log_id)));
  PlanViewBuilder views(*tx, *tree, who, subjects_, now);
  TRYGG_ASSIGN_OR_RETURN(SecurityPlanView v, views.Full(loaded.first));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

}  // namespace trygg
