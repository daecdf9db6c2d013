// Reminders and escalations: one idempotent pass over deadlines, run on a schedule by `trygg
// serve`.
#pragma once

#include "app/context.h"
#include "app/routine_service.h"

namespace trygg {

// What one pass created (notifications that were new).
struct ReminderRun {
  int rule_breaches = 0;
  int escalations = 0;
  int deadlines_near = 0;
  int deadlines_passed = 0;
  int routine_reminders = 0;    // employees asked to acknowledge a routine (day 20)
  int routine_escalations = 0;  // chefs told who has not (day 31)
  int findings_overdue = 0;     // owners of exercise findings past their due date
};

class ReminderService {
 public:
  explicit ReminderService(AppContext& ctx, AckSchedule routine_acks = {})
      : ctx_(ctx), routines_(ctx, routine_acks) {}

  // Looks at every open incident and open measure at the clock's now and
  // notifies: the nearest chefs of each current rule breach; the
  // säkerhetssamordnare covering the unit and the förvaltning's head when a
  // serious incident is overdue for Arbetsmiljöverket (escalation); a
  // measure's owner when it is due within a day, and when it is overdue;
  // staff who have not acknowledged a routine and then their chef (see
  // RoutineService::RunReminders); an exercise finding's owner once it is overdue.
  // Each is told once: a pass repeated, or run after a restart, by this or
  // another process, adds nothing already told; a pass after downtime catches
  // up on everything that fell due meanwhile. One write transaction.
  Result<ReminderRun> RunOnce();

 private:
  AppContext& ctx_;
  RoutineService routines_;
};

}  // namespace trygg
