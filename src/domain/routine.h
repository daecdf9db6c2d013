// Routines (rutiner): documents staff must know, with owner, version, scope and revision date, and who acknowledged which version.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "domain/org.h"

namespace trygg {

enum class RoutineStatus { kAktiv, kArkiverad };
std::string_view RoutineStatusCode(RoutineStatus v);  // "aktiv", "arkiverad"
std::optional<RoutineStatus> ParseRoutineStatus(std::string_view code);

struct Routine {
  int64_t id = 0;
  UnitId unit_id = 0;  // its scope: everyone whose home unit lies in this subtree
  std::string title;   // 1–200 characters
  std::string summary;  // what it says, 0–4000 characters
  std::string document_url;  // where the full text lives (may be empty)
  UserId owner_user_id = 0;
  int version = 1;             // bumped by each revision
  TimeMs published_at = 0;     // when this version was published: acknowledgement day 0
  TimeMs revision_date = 0;    // midnight UTC of the day it must be revised by
  RoutineStatus status = RoutineStatus::kAktiv;
  UserId created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
};

// InvalidArgument("routine.title"|"routine.summary"|"routine.document_url"|
// "routine.revision_date") for a bad field. document_url, when set, starts
// with "https://" or "http://".
Status ValidateRoutine(const Routine& r);

// A routine is current while active and today is on or before its revision date.
bool RoutineCurrent(const Routine& r, TimeMs now);

struct RoutineAck {
  int64_t routine_id = 0;
  int version = 0;
  UserId user_id = 0;
  TimeMs acknowledged_at = 0;
};

// When an employee who has not acknowledged the current version is reminded,
// and when their chef is told: days after published_at. Defaults 20 and 31.
struct AckSchedule {
  int remind_after_days = 20;
  int escalate_after_days = 31;
};
enum class AckStage { kNone, kRemind, kEscalate };
// The stage an unacknowledged version has reached at `now` (whole days since
// published_at, calendar days).
AckStage AckStageAt(const Routine& r, const AckSchedule& schedule, TimeMs now);

}  // namespace trygg
