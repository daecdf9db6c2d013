// Routines: publishing and revising them, staff acknowledging each version, and the reminder pass.
#include "app/routine_service.h"

#include <algorithm>
#include <map>
#include <set>

#include "app/audit_log.h"
#include "app/changed_fields.h"
#include "app/incident_views.h"
#include "app/notifier.h"
#include "app/recipients.h"
#include "core/text.h"

namespace trygg {
namespace {

// What `who` may do with a routine.
struct RoutineAccess {
  bool edit = false;      // chef or säkerhetssamordnare covering its unit, or an admin
  bool in_scope = false;  // their home unit lies in its subtree: must acknowledge it
  bool oversee = false;   // edit, or a chef over part of its scope: sees who acknowledged
  bool read() const { return edit || in_scope || oversee; }
};

RoutineAccess AccessToRoutine(const Principal& who, const OrgTree& tree, const Routine& r) {
  RoutineAccess a;
  const Actor& actor = who.actor;
  a.edit = actor.HasOn(Role::kChef, r.unit_id, tree) ||
           actor.HasOn(Role::kSakerhetssamordnare, r.unit_id, tree) ||
           actor.HasOn(Role::kAdmin, r.unit_id, tree);
  a.in_scope = tree.Covers(r.unit_id, who.user.unit_id);
  a.oversee =
      a.edit || std::any_of(actor.grants.begin(), actor.grants.end(), [&](const RoleGrant& g) {
        return g.role == Role::kChef && tree.Covers(r.unit_id, g.unit_id);
      });
  return a;
}

Result<std::pair<Routine, RoutineAccess>> LoadRoutine(StoreTx& tx, const OrgTree& tree,
                                                      const Principal& who, int64_t id) {
  Result<Routine> r = tx.GetRoutine(id);
  if (!r.ok()) {
    if (r.status().code() == StatusCode::kNotFound) return Status::NotFound("routine.not_found");
    return r.status();
  }
  const RoutineAccess access = AccessToRoutine(who, tree, *r);
  if (!access.read()) return Status::NotFound("routine.not_found");
  return std::make_pair(std::move(r).value(), access);
}

// An active user who may own a routine.
Status CheckOwner(StoreTx& tx, UserId owner) {
  Result<User> u = tx.GetUser(owner);
  if (!u.ok()) {
    if (u.status().code() == StatusCode::kNotFound) {
      return Status::InvalidArgument("routine.owner", "owner_user_id");
    }
    return u.status();
  }
  if (!u->active) return Status::InvalidArgument("routine.owner", "owner_user_id");
  return Status::Ok();
}

// Active users whose home unit lies in the routine's scope, by display name.
std::vector<User> StaffInScope(const std::vector<User>& users, const OrgTree& tree,
                               const Routine& r) {
  std::vector<User> out;
  for (const User& u : users) {
    if (u.active && tree.Covers(r.unit_id, u.unit_id)) out.push_back(u);
  }
  return out;
}

class RoutineViewBuilder {
 public:
  RoutineViewBuilder(StoreTx& tx, const OrgTree& tree, const Principal& who, TimeMs now)
      : tx_(tx), tree_(tree), who_(who), now_(now), names_(tx) {}

  Result<RoutineView> Build(const Routine& r) {
    const RoutineAccess access = AccessToRoutine(who_, tree_, r);
    RoutineView v;
    v.routine = r;
    v.unit_name = tree_.PathName(r.unit_id);
    names_.Add(r.owner_user_id, v.names);
    v.owner_name = v.names[r.owner_user_id];
    v.current = RoutineCurrent(r, now_);
    v.in_my_scope = access.in_scope;
    v.may_edit = access.edit;
    TRYGG_ASSIGN_OR_RETURN(const std::vector<RoutineAck>* mine, MyAcks());
    for (const RoutineAck& a : *mine) {
      if (a.routine_id == r.id && a.version == r.version) v.my_ack_at = a.acknowledged_at;
    }
    if (!access.oversee) return v;
    TRYGG_ASSIGN_OR_RETURN(const std::vector<User>* users, Users());
    TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineAck> acks, tx_.ListRoutineAcks(r.id, r.version));
    std::set<UserId> acked;
    for (const RoutineAck& a : acks) acked.insert(a.user_id);
    int staff = 0;
    int acknowledged = 0;
    for (const User& u : StaffInScope(*users, tree_, r)) {
      // A chef over part of the scope sees the staff of their own units only.
      if (!access.edit && !who_.actor.HasOn(Role::kChef, u.unit_id, tree_)) continue;
      ++staff;
      if (acked.count(u.id) > 0) {
        ++acknowledged;
      } else {
        v.missing.push_back(u.id);
        v.names[u.id] = u.display_name;
      }
    }
    v.staff_in_scope = staff;
    v.acknowledged = acknowledged;
    return v;
  }

 private:
  Result<const std::vector<RoutineAck>*> MyAcks() {
    if (!my_acks_) {
      TRYGG_ASSIGN_OR_RETURN(my_acks_, tx_.ListAcksOfUser(who_.user.id));
    }
    return &*my_acks_;
  }
  Result<const std::vector<User>*> Users() {
    if (!users_) {
      TRYGG_ASSIGN_OR_RETURN(users_, tx_.ListUsers());
    }
    return &*users_;
  }

  StoreTx& tx_;
  const OrgTree& tree_;
  const Principal& who_;
  TimeMs now_;
  NameBook names_;
  std::optional<std::vector<RoutineAck>> my_acks_;
  std::optional<std::vector<User>> users_;
};

}  // namespace

Result<RoutineView> RoutineService::Create(const Principal& who, const NewRoutine& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  if (tree->Find(in.unit_id) == nullptr)
    return Status::InvalidArgument("routine.unit_id", "unit_id");
  Routine r;
  r.unit_id = in.unit_id;
  if (!AccessToRoutine(who, *tree, r).edit) return Status::PermissionDenied("routine.forbidden");
  r.title = in.title;
  r.summary = in.summary;
  r.document_url = in.document_url;
  r.owner_user_id = in.owner_user_id;
  r.version = 1;
  r.published_at = now;
  r.revision_date = in.revision_date;
  r.status = RoutineStatus::kAktiv;
  r.created_by = who.user.id;
  r.created_at = r.updated_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateRoutine(r));
  TRYGG_RETURN_IF_ERROR(CheckOwner(*tx, r.owner_user_id));
  TRYGG_ASSIGN_OR_RETURN(r.id, tx->InsertRoutine(r));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "routine.created", "routine",
                                    r.id, "unit:" + std::to_string(r.unit_id)));
  RoutineViewBuilder views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<RoutineView> RoutineService::Get(const Principal& who, int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadRoutine(*tx, *tree, who, id));
  RoutineViewBuilder views(*tx, *tree, who, ctx_.clock.NowMs());
  return views.Build(loaded.first);
}

Result<std::vector<RoutineView>> RoutineService::List(const Principal& who,
                                                      std::optional<RoutineStatus> status) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  RoutineQuery q;
  q.status = status;
  // Few routines exist (tens per förvaltning): every one, filtered here.
  TRYGG_ASSIGN_OR_RETURN(std::vector<Routine> rows, tx->ListRoutines(q));
  RoutineViewBuilder views(*tx, *tree, who, ctx_.clock.NowMs());
  std::vector<RoutineView> out;
  for (const Routine& r : rows) {
    if (!AccessToRoutine(who, *tree, r).read()) continue;
    TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<RoutineView>> RoutineService::Pending(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  RoutineQuery q;
  q.status = RoutineStatus::kAktiv;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Routine> rows, tx->ListRoutines(q));
  RoutineViewBuilder views(*tx, *tree, who, ctx_.clock.NowMs());
  std::vector<RoutineView> out;
  for (const Routine& r : rows) {
    if (r.status != RoutineStatus::kAktiv || !AccessToRoutine(who, *tree, r).in_scope) continue;
    TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
    if (!v.my_ack_at) out.push_back(std::move(v));
  }
  return out;
}

Result<RoutineView> RoutineService::Update(const Principal& who, int64_t id,
                                           const RoutinePatch& patch) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadRoutine(*tx, *tree, who, id));
  Routine& r = loaded.first;
  if (!loaded.second.edit) return Status::PermissionDenied("routine.forbidden");
  std::vector<std::string> changed;
  SetIfChanged(r.title, patch.title, "title", &changed);
  SetIfChanged(r.summary, patch.summary, "summary", &changed);
  SetIfChanged(r.document_url, patch.document_url, "document_url", &changed);
  SetIfChanged(r.owner_user_id, patch.owner_user_id, "owner", &changed);
  SetIfChanged(r.revision_date, patch.revision_date, "revision_date", &changed);
  SetIfChanged(r.status, patch.status, "status", &changed);
  if (patch.new_version) {
    if (r.status == RoutineStatus::kArkiverad) return Status::Conflict("routine.archived");
    ++r.version;
    r.published_at = now;
    changed.push_back("version:" + std::to_string(r.version));
  }
  RoutineViewBuilder views(*tx, *tree, who, now);
  if (changed.empty()) {  // nothing changed: nothing written
    TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return v;
  }
  TRYGG_RETURN_IF_ERROR(ValidateRoutine(r));
  if (patch.owner_user_id) TRYGG_RETURN_IF_ERROR(CheckOwner(*tx, r.owner_user_id));
  r.updated_at = now;
  TRYGG_RETURN_IF_ERROR(tx->UpdateRoutine(r));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "routine.updated", "routine", id,
                                    JoinText(changed, ",")));
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<RoutineView> RoutineService::Acknowledge(const Principal& who, int64_t id) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(auto loaded, LoadRoutine(*tx, *tree, who, id));
  const Routine& r = loaded.first;
  if (!loaded.second.in_scope) return Status::PermissionDenied("routine.not_in_scope");
  if (r.status == RoutineStatus::kArkiverad) return Status::FailedPrecondition("routine.archived");
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineAck> acks, tx->ListRoutineAcks(r.id, r.version));
  const bool already = std::any_of(acks.begin(), acks.end(),
                                   [&](const RoutineAck& a) { return a.user_id == who.user.id; });
  if (!already) {
    TRYGG_RETURN_IF_ERROR(tx->PutRoutineAck({r.id, r.version, who.user.id, now}));
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "routine.acknowledged",
                                      "routine", r.id, "version:" + std::to_string(r.version)));
  }
  RoutineViewBuilder views(*tx, *tree, who, now);
  TRYGG_ASSIGN_OR_RETURN(RoutineView v, views.Build(r));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<RoutineRun> RoutineService::RunReminders(StoreTx& tx) {
  const TimeMs now = ctx_.clock.NowMs();
  RoutineRun run;
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(tx));
  RoutineQuery q;
  q.status = RoutineStatus::kAktiv;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Routine> routines, tx.ListRoutines(q));
  std::optional<std::vector<User>> users;
  std::optional<std::vector<RoleGrant>> grants;
  for (const Routine& r : routines) {
    if (r.status != RoutineStatus::kAktiv) continue;
    const AckStage stage = AckStageAt(r, schedule_, now);
    if (stage == AckStage::kNone) continue;
    if (!users) {
      TRYGG_ASSIGN_OR_RETURN(users, tx.ListUsers());
    }
    if (!grants) {
      TRYGG_ASSIGN_OR_RETURN(grants, tx.ListGrants(std::nullopt));
    }
    TRYGG_ASSIGN_OR_RETURN(std::vector<RoutineAck> acks, tx.ListRoutineAcks(r.id, r.version));
    std::set<UserId> acked;
    for (const RoutineAck& a : acks) acked.insert(a.user_id);
    const std::string id = std::to_string(r.id);
    const std::string version = std::to_string(r.version);
    const std::string unit = UnitShortName(*tree, r.unit_id);
    std::map<UserId, int> missing_per_chef;  // ordered: a stable notification order
    for (const User& u : StaffInScope(*users, *tree, r)) {
      if (acked.count(u.id) > 0) continue;
      TRYGG_ASSIGN_OR_RETURN(bool fresh,
                             Notify(tx, ctx_,
                                    {u.id, NotificationKind::kRoutineReminder, std::nullopt, id,
                                     "routine_reminder:" + id + ":" + version, unit}));
      if (fresh) ++run.reminders;
      if (stage != AckStage::kEscalate) continue;
      for (UserId chef : NearestChefsOf(*grants, *tree, u.unit_id, u.id)) ++missing_per_chef[chef];
    }
    // One notification per chef and version, naming how many of theirs had
    // not acknowledged it when first told.
    for (const auto& [chef, missing] : missing_per_chef) {
      TRYGG_ASSIGN_OR_RETURN(bool fresh,
                             Notify(tx, ctx_,
                                    {chef, NotificationKind::kRoutineEscalation, std::nullopt,
                                     id + ":" + std::to_string(missing),
                                     "routine_escalation:" + id + ":" + version, unit}));
      if (fresh) ++run.escalations;
    }
  }
  return run;
}

}  // namespace trygg
