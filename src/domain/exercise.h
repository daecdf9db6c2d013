// Training sessions and exercises per unit, and the findings they leave, each of which can become a measure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"
#include "domain/org.h"

namespace trygg {

enum class ExerciseKind {
  kUtbildning,  // a training session
  kOvning,      // a scenario exercise (övningsscenario)
  kLarmovning,  // an alarm drill
};
std::string_view ExerciseKindCode(ExerciseKind v);  // "utbildning", "ovning", "larmovning"
std::optional<ExerciseKind> ParseExerciseKind(std::string_view code);

struct Exercise {
  int64_t id = 0;
  UnitId unit_id = 0;
  ExerciseKind kind = ExerciseKind::kOvning;
  TimeMs held_on = 0;     // midnight UTC of the day
  std::string scenario;   // 1–2000 characters
  int participants = 0;   // how many took part, 0–10000
  std::string notes;      // 0–4000 characters
  UserId created_by = 0;
  TimeMs created_at = 0;
};
// InvalidArgument("exercise.scenario"|"exercise.participants"|"exercise.notes"|"exercise.held_on").
Status ValidateExercise(const Exercise& e);

enum class FindingStatus { kOppen, kKlar };
std::string_view FindingStatusCode(FindingStatus v);  // "oppen", "klar"
std::optional<FindingStatus> ParseFindingStatus(std::string_view code);

// What an exercise showed. With an owner and a due date it is a measure.
struct ExerciseFinding {
  int64_t id = 0;
  int64_t exercise_id = 0;
  std::string text;  // 1–2000 characters
  std::optional<UserId> owner_user_id;
  std::optional<TimeMs> due_date;  // midnight UTC
  FindingStatus status = FindingStatus::kOppen;
  UserId created_by = 0;
  TimeMs created_at = 0;
  std::optional<TimeMs> done_at;
};
// InvalidArgument("finding.text"); "finding.measure" when only one of owner
// and due date is set.
Status ValidateFinding(const ExerciseFinding& f);

}  // namespace trygg
