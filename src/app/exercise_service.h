// Exercise use cases: record training sessions and exercises per unit, with findings that become measures.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "domain/exercise.h"
#include "storage/store.h"

namespace trygg {

struct NewFinding {
  std::string text;
  std::optional<UserId> owner_user_id;
  std::optional<TimeMs> due_date;
};

struct NewExercise {
  UnitId unit_id = 0;
  ExerciseKind kind = ExerciseKind::kOvning;
  TimeMs held_on = 0;
  std::string scenario;
  int participants = 0;
  std::string notes;
  std::vector<NewFinding> findings;
};

struct FindingPatch {
  std::optional<FindingStatus> status;
  std::optional<std::optional<UserId>> owner_user_id;  // set, or clear with nullopt inside
  std::optional<std::optional<TimeMs>> due_date;
};

struct ExerciseView {
  Exercise exercise;
  std::string unit_name;
  std::vector<ExerciseFinding> findings;
  std::unordered_map<UserId, std::string> names;
  bool may_edit = false;
};

class ExerciseService {
 public:
  explicit ExerciseService(AppContext& ctx) : ctx_(ctx) {}

  // A chef or säkerhetssamordnare covering the unit. PermissionDenied
  // ("exercise.forbidden"); InvalidArgument("exercise.<field>"|"finding.<field>").
  // The exercise and its findings are stored together or not at all.
  Result<ExerciseView> Create(const Principal& who, const NewExercise& in);
  // Readable by roles covering the unit (chef, säkerhetssamordnare,
  // skyddsombud, analytiker, admin) and staff whose home unit lies in it.
  // NotFound("exercise.not_found") otherwise.
  Result<ExerciseView> Get(const Principal& who, int64_t id);
  Result<std::vector<ExerciseView>> List(const Principal& who, ExerciseQuery query);
  // Editors of the exercise.
  Result<ExerciseView> AddFinding(const Principal& who, int64_t exercise_id, const NewFinding& in);
  // Editors, and the finding's owner (status only).
  Result<ExerciseView> UpdateFinding(const Principal& who, int64_t exercise_id, int64_t finding_id,
                                     const FindingPatch& patch);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
