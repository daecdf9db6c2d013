// PLACEHOLDER (storage helper replaces): routines, acknowledgements, exercises, findings.
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {
Status Todo() { return Status::Internal("storage.todo"); }
}  // namespace
Result<int64_t> SqlTx::InsertRoutine(const Routine&) { return Todo(); }
Result<Routine> SqlTx::GetRoutine(int64_t) { return Todo(); }
Status SqlTx::UpdateRoutine(const Routine&) { return Todo(); }
Result<std::vector<Routine>> SqlTx::ListRoutines(const RoutineQuery&) { return Todo(); }
Status SqlTx::PutRoutineAck(const RoutineAck&) { return Todo(); }
Result<std::vector<RoutineAck>> SqlTx::ListRoutineAcks(int64_t, std::optional<int>) { return Todo(); }
Result<std::vector<RoutineAck>> SqlTx::ListAcksOfUser(UserId) { return Todo(); }
Result<int64_t> SqlTx::InsertExercise(const Exercise&) { return Todo(); }
Result<Exercise> SqlTx::GetExercise(int64_t) { return Todo(); }
Result<std::vector<Exercise>> SqlTx::ListExercises(const ExerciseQuery&) { return Todo(); }
Result<int64_t> SqlTx::InsertFinding(const ExerciseFinding&) { return Todo(); }
Result<ExerciseFinding> SqlTx::GetFinding(int64_t) { return Todo(); }
Status SqlTx::UpdateFinding(const ExerciseFinding&) { return Todo(); }
Result<std::vector<ExerciseFinding>> SqlTx::ListFindings(int64_t) { return Todo(); }
Result<std::vector<ExerciseFinding>> SqlTx::ListOpenFindingMeasures(TimeMs) { return Todo(); }
}  // namespace trygg::sql
