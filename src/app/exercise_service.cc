// Exercises: recording training sessions and drills per unit, and the life of their findings.
#include "app/exercise_service.h"

#include <algorithm>
#include <set>

#include "app/audit_log.h"
#include "app/changed_fields.h"
#include "app/incident_views.h"
#include "app/notifier.h"
#include "core/text.h"

namespace trygg {
namespace {

// The roles whose grants covering a unit let them read its exercises.
constexpr Role kReaderRoles[] = {Role::kChef, Role::kSakerhetssamordnare, Role::kSkyddsombud,
                                 Role::kAnalytiker, Role::kAdmin};

// A chef or säkerhetssamordnare covering the unit.
bool MayEdit(const Actor& actor, const OrgTree& tree, UnitId unit) {
  return actor.HasOn(Role::kChef, unit, tree) ||
         actor.HasOn(Role::kSakerhetssamordnare, unit, tree);
}

// A role covering the unit, or staff whose home unit lies in its subtree.
bool MayRead(const Principal& who, const OrgTree& tree, UnitId unit) {
  for (Role role : kReaderRoles) {
    if (who.actor.HasOn(role, unit, tree)) return true;
  }
  return tree.Covers(unit, who.user.unit_id);
}

// Units whose exercises `who` may read: their roles' scopes, and the home
// unit with every unit above it.
std::vector<UnitId> ReadableUnits(const Principal& who, const OrgTree& tree) {
  std::set<UnitId> units;
  for (Role role : kReaderRoles) {
    for (UnitId u : who.actor.Scope(role, tree)) units.insert(u);
  }
  for (const OrgUnit* u = tree.Find(who.user.unit_id); u != nullptr;
       u = u->parent_id ? tree.Find(*u->parent_id) : nullptr) {
    units.insert(u->id);
  }
  return {units.begin(), units.end()};
}

Result<Exercise> LoadExercise(StoreTx& tx, int64_t id) {
  Result<Exercise> e = tx.GetExercise(id);
  if (!e.ok() && e.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("exercise.not_found");
  }
  return e;
}

// `status` with the finding's index in its field: "findings[2].text".
Status AtFinding(const Status& status, size_t index) {
  std::string field = status.detail();
  if (field.empty()) {
    const std::string& reason = status.reason();
    const size_t dot = reason.find('.');
    field = dot == std::string::npos ? reason : reason.substr(dot + 1);
  }
  return Status::InvalidArgument(status.reason(),
                                 "findings[" + std::to_string(index) + "]." + field);
}

// A finding's owner must be an active user.
Status CheckOwner(StoreTx& tx, const std::optional<UserId>& owner) {
  if (!owner) return Status::Ok();
  Result<User> u = tx.GetUser(*owner);
  if (!u.ok() && u.status().code() != StatusCode::kNotFound) return u.status();
  if (!u.ok() || !u->active) return Status::InvalidArgument("finding.owner", "owner_user_id");
  return Status::Ok();
}

// A new finding, checked.
Result<ExerciseFinding> MakeFinding(StoreTx& tx, const NewFinding& in, UserId by, TimeMs now) {
  ExerciseFinding f;
  f.text = in.text;
  f.owner_user_id = in.owner_user_id;
  f.due_date = in.due_date;
  f.status = FindingStatus::kOppen;
  f.created_by = by;
  f.created_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateFinding(f));
  TRYGG_RETURN_IF_ERROR(CheckOwner(tx, f.owner_user_id));
  return f;
}

// Tells a finding's new owner, unless they gave it to themselves.
Status TellOwner(StoreTx& tx, const AppContext& ctx, const OrgTree& tree, const Exercise& e,
                 const ExerciseFinding& f, UserId by) {
  if (!f.owner_user_id || *f.owner_user_id == by) return Status::Ok();
  const std::string ref = std::to_string(e.id) + ":" + std::to_string(f.id);
  return Notify(
             tx, ctx,
             {*f.owner_user_id, NotificationKind::kMeasureAssigned, std::nullopt, ref,
              "finding_assigned:" + std::to_string(f.id) + ":" + std::to_string(*f.owner_user_id),
              UnitShortName(tree, e.unit_id)})
      .status();
}

Result<ExerciseView> BuildView(StoreTx& tx, const OrgTree& tree, const Principal& who,
                               const Exercise& e, NameBook& names) {
  ExerciseView v;
  v.exercise = e;
  v.unit_name = tree.PathName(e.unit_id);
  v.may_edit = MayEdit(who.actor, tree, e.unit_id);
  TRYGG_ASSIGN_OR_RETURN(v.findings, tx.ListFindings(e.id));
  names.Add(e.created_by, v.names);
  for (const ExerciseFinding& f : v.findings) {
    if (f.owner_user_id) names.Add(*f.owner_user_id, v.names);
  }
  return v;
}

}  // namespace

Result<ExerciseView> ExerciseService::Create(const Principal& who, const NewExercise& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  if (tree->Find(in.unit_id) == nullptr) {
    return Status::InvalidArgument("exercise.unit_id", "unit_id");
  }
  if (!MayEdit(who.actor, *tree, in.unit_id)) return Status::PermissionDenied("exercise.forbidden");
  Exercise e;
  e.unit_id = in.unit_id;
  e.kind = in.kind;
  e.held_on = in.held_on;
  e.scenario = in.scenario;
  e.participants = in.participants;
  e.notes = in.notes;
  e.created_by = who.user.id;
  e.created_at = now;
  TRYGG_RETURN_IF_ERROR(ValidateExercise(e));
  // Every finding is checked before anything is written.
  std::vector<ExerciseFinding> findings;
  for (size_t i = 0; i < in.findings.size(); ++i) {
    Result<ExerciseFinding> f = MakeFinding(*tx, in.findings[i], who.user.id, now);
    if (!f.ok()) {
      if (f.status().code() != StatusCode::kInvalidArgument) return f.status();
      return AtFinding(f.status(), i);
    }
    findings.push_back(std::move(f).value());
  }
  TRYGG_ASSIGN_OR_RETURN(e.id, tx->InsertExercise(e));
  for (ExerciseFinding& f : findings) {
    f.exercise_id = e.id;
    TRYGG_ASSIGN_OR_RETURN(f.id, tx->InsertFinding(f));
    TRYGG_RETURN_IF_ERROR(TellOwner(*tx, ctx_, *tree, e, f, who.user.id));
  }
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "exercise.created", "exercise",
                                    e.id,
                                    "kind:" + std::string(ExerciseKindCode(e.kind)) +
                                        ";findings:" + std::to_string(findings.size())));
  NameBook names(*tx);
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, BuildView(*tx, *tree, who, e, names));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<ExerciseView> ExerciseService::Get(const Principal& who, int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(Exercise e, LoadExercise(*tx, id));
  NameBook names(*tx);
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, BuildView(*tx, *tree, who, e, names));
  // The owner of a finding may read the exercise it came from.
  const bool owner = std::any_of(v.findings.begin(), v.findings.end(),
                                 [&](const auto& f) { return f.owner_user_id == who.user.id; });
  if (!MayRead(who, *tree, e.unit_id) && !owner) return Status::NotFound("exercise.not_found");
  return v;
}

Result<std::vector<ExerciseView>> ExerciseService::List(const Principal& who, ExerciseQuery query) {
  if (query.limit < 1 || query.limit > 1000) {
    return Status::InvalidArgument("query.limit", "limit");
  }
  if (query.offset < 0) return Status::InvalidArgument("query.offset", "offset");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::vector<UnitId> readable = ReadableUnits(who, *tree);
  if (query.units) {
    std::erase_if(readable, [&](UnitId u) {
      return std::find(query.units->begin(), query.units->end(), u) == query.units->end();
    });
  }
  std::vector<ExerciseView> out;
  if (readable.empty()) return out;
  query.units = std::move(readable);
  TRYGG_ASSIGN_OR_RETURN(std::vector<Exercise> rows, tx->ListExercises(query));
  NameBook names(*tx);
  for (const Exercise& e : rows) {
    TRYGG_ASSIGN_OR_RETURN(ExerciseView v, BuildView(*tx, *tree, who, e, names));
    out.push_back(std::move(v));
  }
  return out;
}

Result<ExerciseView> ExerciseService::AddFinding(const Principal& who, int64_t exercise_id,
                                                 const NewFinding& in) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(Exercise e, LoadExercise(*tx, exercise_id));
  if (!MayRead(who, *tree, e.unit_id)) return Status::NotFound("exercise.not_found");
  if (!MayEdit(who.actor, *tree, e.unit_id)) return Status::PermissionDenied("exercise.forbidden");
  TRYGG_ASSIGN_OR_RETURN(ExerciseFinding f, MakeFinding(*tx, in, who.user.id, now));
  f.exercise_id = e.id;
  TRYGG_ASSIGN_OR_RETURN(f.id, tx->InsertFinding(f));
  TRYGG_RETURN_IF_ERROR(TellOwner(*tx, ctx_, *tree, e, f, who.user.id));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "exercise.finding", "exercise",
                                    e.id, "added:" + std::to_string(f.id)));
  NameBook names(*tx);
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, BuildView(*tx, *tree, who, e, names));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

Result<ExerciseView> ExerciseService::UpdateFinding(const Principal& who, int64_t exercise_id,
                                                    int64_t finding_id, const FindingPatch& patch) {
  const TimeMs now = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(Exercise e, LoadExercise(*tx, exercise_id));
  Result<ExerciseFinding> found = tx->GetFinding(finding_id);
  if (!found.ok() && found.status().code() != StatusCode::kNotFound) return found.status();
  const bool belongs = found.ok() && found->exercise_id == exercise_id;
  const bool owner = belongs && found->owner_user_id == who.user.id;
  if (!MayRead(who, *tree, e.unit_id) && !owner) return Status::NotFound("exercise.not_found");
  if (!belongs) return Status::NotFound("finding.not_found");
  const bool edit = MayEdit(who.actor, *tree, e.unit_id);
  if (!edit && !(owner && !patch.owner_user_id && !patch.due_date)) {
    return Status::PermissionDenied("exercise.forbidden");
  }
  ExerciseFinding f = std::move(found).value();
  const std::optional<UserId> owner_before = f.owner_user_id;
  std::vector<std::string> changed;
  if (patch.status && *patch.status != f.status) {
    f.status = *patch.status;
    if (f.status == FindingStatus::kKlar) {
      f.done_at = now;
    } else {
      f.done_at.reset();
    }
    changed.push_back("status:" + std::string(FindingStatusCode(f.status)));
  }
  SetIfChanged(f.owner_user_id, patch.owner_user_id, "owner", &changed);
  SetIfChanged(f.due_date, patch.due_date, "due_date", &changed);
  if (!changed.empty()) {
    TRYGG_RETURN_IF_ERROR(ValidateFinding(f));
    if (f.owner_user_id != owner_before) {
      TRYGG_RETURN_IF_ERROR(CheckOwner(*tx, f.owner_user_id));
    }
    TRYGG_RETURN_IF_ERROR(tx->UpdateFinding(f));
    if (f.owner_user_id != owner_before) {
      TRYGG_RETURN_IF_ERROR(TellOwner(*tx, ctx_, *tree, e, f, who.user.id));
    }
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, who.user.id, "exercise.finding", "exercise",
                                      e.id, std::to_string(f.id) + ":" + JoinText(changed, ",")));
  }
  NameBook names(*tx);
  TRYGG_ASSIGN_OR_RETURN(ExerciseView v, BuildView(*tx, *tree, who, e, names));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return v;
}

}  // namespace trygg
