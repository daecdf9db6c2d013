#include "domain/exercise.h"

#include "core/text.h"
#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<ExerciseKind, 3> kKinds{{{
    {ExerciseKind::kUtbildning, "utbildning"},
    {ExerciseKind::kOvning, "ovning"},
    {ExerciseKind::kLarmovning, "larmovning"},
}}};
constexpr CodeTable<FindingStatus, 2> kFindingStatuses{{{
    {FindingStatus::kOppen, "oppen"},
    {FindingStatus::kKlar, "klar"},
}}};

constexpr size_t kMaxScenarioChars = 2000;
constexpr size_t kMaxNotesChars = 4000;
constexpr size_t kMaxFindingChars = 2000;
constexpr int kMaxParticipants = 10000;
constexpr TimeMs kDayMs = 24 * 3'600'000LL;

}  // namespace

std::string_view ExerciseKindCode(ExerciseKind v) { return kKinds.Code(v); }
std::optional<ExerciseKind> ParseExerciseKind(std::string_view code) { return kKinds.Parse(code); }
std::string_view FindingStatusCode(FindingStatus v) { return kFindingStatuses.Code(v); }
std::optional<FindingStatus> ParseFindingStatus(std::string_view code) {
  return kFindingStatuses.Parse(code);
}

Status ValidateExercise(const Exercise& e) {
  if (!FitsText(e.scenario, kMaxScenarioChars)) return Status::InvalidArgument("exercise.scenario");
  if (e.participants < 0 || e.participants > kMaxParticipants) {
    return Status::InvalidArgument("exercise.participants");
  }
  if (Utf8Length(e.notes) > kMaxNotesChars) return Status::InvalidArgument("exercise.notes");
  if (e.held_on <= 0 || e.held_on % kDayMs != 0) return Status::InvalidArgument("exercise.held_on");
  return Status::Ok();
}

Status ValidateFinding(const ExerciseFinding& f) {
  if (!FitsText(f.text, kMaxFindingChars)) return Status::InvalidArgument("finding.text");
  if (f.owner_user_id.has_value() != f.due_date.has_value()) {
    return Status::InvalidArgument("finding.measure");
  }
  return Status::Ok();
}

}  // namespace trygg
