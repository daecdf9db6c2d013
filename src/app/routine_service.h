// Routine use cases: publish and revise routines, staff acknowledge them, and those who have not are reminded and then their chef told.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "domain/routine.h"

namespace trygg {

struct NewRoutine {
  UnitId unit_id = 0;
  std::string title;
  std::string summary;
  std::string document_url;
  UserId owner_user_id = 0;
  TimeMs revision_date = 0;
};

// Unset fields stay. new_version: publish a new version now, which asks
// everyone in scope to acknowledge again.
struct RoutinePatch {
  std::optional<std::string> title;
  std::optional<std::string> summary;
  std::optional<std::string> document_url;
  std::optional<UserId> owner_user_id;
  std::optional<TimeMs> revision_date;
  std::optional<RoutineStatus> status;
  bool new_version = false;
};

struct RoutineView {
  Routine routine;
  std::string unit_name;  // path
  std::string owner_name;
  bool current = false;     // RoutineCurrent at now
  bool in_my_scope = false; // the caller's home unit lies in its scope
  std::optional<TimeMs> my_ack_at;  // the caller's acknowledgement of the current version
  bool may_edit = false;
  // For editors and chefs covering the scope: staff (active users whose home
  // unit lies in scope) and who of them acknowledged the current version.
  std::optional<int> staff_in_scope;
  std::optional<int> acknowledged;
  std::vector<UserId> missing;  // editors and covering chefs only, by name
  std::unordered_map<UserId, std::string> names;
};

struct RoutineRun {
  int reminders = 0;    // employees reminded (day 20)
  int escalations = 0;  // chefs told (day 31)
};

class RoutineService {
 public:
  RoutineService(AppContext& ctx, AckSchedule schedule = {}) : ctx_(ctx), schedule_(schedule) {}

  // A chef or säkerhetssamordnare covering the unit, or an admin.
  // PermissionDenied("routine.forbidden"); InvalidArgument("routine.<field>").
  Result<RoutineView> Create(const Principal& who, const NewRoutine& in);
  // NotFound("routine.not_found") when the caller neither may edit it nor is in its scope.
  Result<RoutineView> Get(const Principal& who, int64_t id);
  // Routines in the caller's scope and those they may edit (status filter optional).
  Result<std::vector<RoutineView>> List(const Principal& who, std::optional<RoutineStatus> status);
  // Active routines in the caller's scope whose current version they have not acknowledged.
  Result<std::vector<RoutineView>> Pending(const Principal& who);
  // Editors only. Conflict("routine.archived") to publish a new version of an archived routine.
  Result<RoutineView> Update(const Principal& who, int64_t id, const RoutinePatch& patch);
  // The caller acknowledges the current version. PermissionDenied
  // ("routine.not_in_scope") outside its scope; FailedPrecondition
  // ("routine.archived") for an archived one. Idempotent.
  Result<RoutineView> Acknowledge(const Principal& who, int64_t id);

  // One idempotent pass at the clock's now: each employee in scope of an
  // active routine who has not acknowledged its current version is reminded
  // from day 20, and their nearest chef told from day 31 (once per version).
  // Called by ReminderService::RunOnce.
  Result<RoutineRun> RunReminders(StoreTx& tx);

 private:
  AppContext& ctx_;
  AckSchedule schedule_;
};

}  // namespace trygg
