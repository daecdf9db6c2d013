#include "app/reminders.h"

#include <set>

#include "app/notifier.h"
#include "app/recipients.h"
#include "app/rule_checks.h"

namespace trygg {

Result<ReminderRun> ReminderService::RunOnce() {
  const TimeMs now = ctx_.clock.NowMs();
  ReminderRun run;
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(std::nullopt));

  auto tell = [&](UserId user, NotificationKind kind, const Incident& inc, std::string ref,
                  std::string key, int& counter) -> Status {
    TRYGG_ASSIGN_OR_RETURN(bool fresh, Notify(*tx, ctx_,
                                              {user, kind, inc.id, std::move(ref), std::move(key),
                                               UnitShortName(*tree, inc.unit_id)}));
    if (fresh) ++counter;
    return Status::Ok();
  };

  // Rule breaches and escalations, over every open incident.
  VisibilityFilter everything;
  for (const OrgUnit& u : tree->units()) everything.all_units.push_back(u.id);
  TRYGG_ASSIGN_OR_RETURN(std::vector<Breach> breaches,
                         CurrentBreaches(*tx, *tree, everything, now));
  for (const Breach& b : breaches) {
    const std::string rule(RuleKindCode(b.rule.kind));
    const std::string id = std::to_string(b.incident.id);
    for (UserId chef : NearestChefs(grants, *tree, b.incident)) {
      TRYGG_RETURN_IF_ERROR(tell(chef, NotificationKind::kRuleBreached, b.incident, rule,
                                 "breach:" + rule + ":" + id, run.rule_breaches));
    }
    if (b.rule.kind != RuleKind::kAuthorityNotified) continue;
    std::vector<UserId> up =
        HoldersCovering(grants, *tree, Role::kSakerhetssamordnare, b.incident.unit_id);
    for (UserId head : ForvaltningHeads(grants, *tree, b.incident.unit_id)) up.push_back(head);
    std::set<UserId> told;
    for (UserId u : up) {
      if (!told.insert(u).second) continue;
      TRYGG_RETURN_IF_ERROR(tell(u, NotificationKind::kEscalation, b.incident, rule,
                                 "escalate:" + rule + ":" + id, run.escalations));
    }
  }

  // Measure deadlines: due_date is midnight UTC of the due day; a measure is
  // near from a day before it, and overdue once its day has passed.
  MeasureQuery mq;
  mq.status = MeasureStatus::kOppen;
  mq.due_before = now + kMsPerDay + 1;
  mq.limit = 1000;
  for (;; mq.offset += mq.limit) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<Measure> due, tx->ListMeasures(mq));
    for (const Measure& m : due) {
      Result<Incident> inc = tx->GetIncident(m.incident_id);
      if (!inc.ok()) return inc.status();
      if (inc->status == IncidentStatus::kAvslutad) continue;
      const std::string key = std::to_string(m.id) + ":" + std::to_string(m.due_date);
      if (now >= m.due_date + kMsPerDay) {
        TRYGG_RETURN_IF_ERROR(tell(m.responsible_user_id, NotificationKind::kDeadlinePassed, *inc,
                                   std::to_string(m.id), "overdue:" + key, run.deadlines_passed));
      } else {
        TRYGG_RETURN_IF_ERROR(tell(m.responsible_user_id, NotificationKind::kDeadlineNear, *inc,
                                   std::to_string(m.id), "due_soon:" + key, run.deadlines_near));
      }
    }
    if (static_cast<int>(due.size()) < mq.limit) break;
  }

  // Exercise findings: overdue once their due day has passed.
  TRYGG_ASSIGN_OR_RETURN(std::vector<ExerciseFinding> findings,
                         tx->ListOpenFindingMeasures(now - kMsPerDay + 1));
  for (const ExerciseFinding& f : findings) {
    if (!f.owner_user_id || !f.due_date || now < *f.due_date + kMsPerDay) continue;
    Result<Exercise> e = tx->GetExercise(f.exercise_id);
    if (!e.ok()) return e.status();
    TRYGG_ASSIGN_OR_RETURN(
        bool fresh,
        Notify(*tx, ctx_,
               {*f.owner_user_id, NotificationKind::kFindingDue, std::nullopt,
                std::to_string(f.exercise_id) + ":" + std::to_string(f.id),
                "finding_overdue:" + std::to_string(f.id) + ":" + std::to_string(*f.due_date),
                UnitShortName(*tree, e->unit_id)}));
    if (fresh) ++run.findings_overdue;
  }

  // Routines not acknowledged.
  TRYGG_ASSIGN_OR_RETURN(RoutineRun routines, routines_.RunReminders(*tx));
  run.routine_reminders = routines.reminders;
  run.routine_escalations = routines.escalations;
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return run;
}

}  // namespace trygg
