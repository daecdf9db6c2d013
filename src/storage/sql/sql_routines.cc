// SqlTx: routines and who acknowledged which version, exercises and the
// findings they leave.
#include <algorithm>

#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr int kMaxExerciseLimit = 1000;

// --- Routines ---------------------------------------------------------------------

// Every stored column but `id`, in the order BindRoutineFields binds them.
constexpr char kRoutineFieldColumns[] =
    "unit_id, title, summary, document_url, owner_user_id, version, published_at,"
    " revision_date, status, created_by, created_at, updated_at";
constexpr char kSelectRoutine[] =
    "SELECT id, unit_id, title, summary, document_url, owner_user_id, version, published_at,"
    " revision_date, status, created_by, created_at, updated_at FROM routines";

void BindRoutineFields(Statement& st, const Routine& r) {
  st.BindInt(r.unit_id).BindText(r.title).BindText(r.summary).BindText(r.document_url);
  st.BindInt(r.owner_user_id).BindInt(r.version).BindInt(r.published_at);
  st.BindInt(r.revision_date).BindText(RoutineStatusCode(r.status));
  st.BindInt(r.created_by).BindInt(r.created_at).BindInt(r.updated_at);
}

Result<Routine> ReadRoutine(const Statement& row) {
  Routine r;
  r.id = row.Int(0);
  r.unit_id = row.Int(1);
  r.title = row.Text(2);
  r.summary = row.Text(3);
  r.document_url = row.Text(4);
  r.owner_user_id = row.Int(5);
  r.version = static_cast<int>(row.Int(6));
  r.published_at = row.Int(7);
  r.revision_date = row.Int(8);
  TRYGG_ASSIGN_OR_RETURN(r.status, Decode(ParseRoutineStatus, row.Text(9), "routines.status"));
  r.created_by = row.Int(10);
  r.created_at = row.Int(11);
  r.updated_at = row.Int(12);
  return r;
}

constexpr char kSelectAck[] =
    "SELECT routine_id, version, user_id, acknowledged_at FROM routine_acks";

Result<RoutineAck> ReadAck(const Statement& row) {
  return RoutineAck{row.Int(0), static_cast<int>(row.Int(1)), row.Int(2), row.Int(3)};
}

// --- Exercises and findings ---------------------------------------------------------

constexpr char kSelectExercise[] =
    "SELECT id, unit_id, kind, held_on, scenario, participants, notes, created_by, created_at"
    " FROM exercises";

Result<Exercise> ReadExercise(const Statement& row) {
  Exercise e;
  e.id = row.Int(0);
  e.unit_id = row.Int(1);
  TRYGG_ASSIGN_OR_RETURN(e.kind, Decode(ParseExerciseKind, row.Text(2), "exercises.kind"));
  e.held_on = row.Int(3);
  e.scenario = row.Text(4);
  e.participants = static_cast<int>(row.Int(5));
  e.notes = row.Text(6);
  e.created_by = row.Int(7);
  e.created_at = row.Int(8);
  return e;
}

constexpr char kSelectFinding[] =
    "SELECT id, exercise_id, text, owner_user_id, due_date, status, created_by, created_at,"
    " done_at FROM exercise_findings";

Result<ExerciseFinding> ReadFinding(const Statement& row) {
  ExerciseFinding f;
  f.id = row.Int(0);
  f.exercise_id = row.Int(1);
  f.text = row.Text(2);
  f.owner_user_id = row.OptInt(3);
  f.due_date = row.OptInt(4);
  TRYGG_ASSIGN_OR_RETURN(f.status,
                         Decode(ParseFindingStatus, row.Text(5), "exercise_findings.status"));
  f.created_by = row.Int(6);
  f.created_at = row.Int(7);
  f.done_at = row.OptInt(8);
  return f;
}

}  // namespace

// --- Routines ---------------------------------------------------------------------

Result<int64_t> SqlTx::InsertRoutine(const Routine& r) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string("INSERT INTO routines (") + kRoutineFieldColumns +
                                 ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  BindRoutineFields(st, r);
  return st.RunReturningId();
}

Result<Routine> SqlTx::GetRoutine(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectRoutine) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<Routine>(st, ReadRoutine, "routine.not_found");
}

Status SqlTx::UpdateRoutine(const Routine& r) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE routines SET unit_id = ?, title = ?, summary = ?, document_url = ?,"
              " owner_user_id = ?, version = ?, published_at = ?, revision_date = ?, status = ?,"
              " created_by = ?, created_at = ?, updated_at = ? WHERE id = ?"));
  BindRoutineFields(st, r);
  st.BindInt(r.id);
  return RunExpectingOneRow(st, "routine.not_found");
}

Result<std::vector<Routine>> SqlTx::ListRoutines(const RoutineQuery& query) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectRoutine);
  if (query.status.has_value()) {
    q.And().Sql("status = ?", std::string(RoutineStatusCode(*query.status)));
  }
  if (query.units.has_value()) {
    if (query.units->empty()) return std::vector<Routine>();
    q.And().InIds("unit_id", *query.units);
  }
  q.Sql(" ORDER BY id");
  std::vector<Routine> routines;
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
    TRYGG_ASSIGN_OR_RETURN(routines, ReadAll<Routine>(st, ReadRoutine));
  }
  // Titles in byte order, sorted here: an engine's ORDER BY on text follows its
  // collation. Stable, so equal titles stay in id order.
  std::stable_sort(routines.begin(), routines.end(),
                   [](const Routine& a, const Routine& b) { return a.title < b.title; });
  return routines;
}

Status SqlTx::PutRoutineAck(const RoutineAck& ack) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO routine_acks (routine_id, version, user_id, acknowledged_at)"
              " VALUES (?, ?, ?, ?) ON CONFLICT (routine_id, version, user_id) DO NOTHING"));
  st.BindInt(ack.routine_id).BindInt(ack.version).BindInt(ack.user_id);
  st.BindInt(ack.acknowledged_at);
  return st.Run();
}

Result<std::vector<RoutineAck>> SqlTx::ListRoutineAcks(int64_t routine_id,
                                                       std::optional<int> version) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare(std::string(kSelectAck) +
              (version.has_value() ? " WHERE routine_id = ? AND version = ? ORDER BY user_id"
                                   : " WHERE routine_id = ? ORDER BY user_id, version")));
  st.BindInt(routine_id);
  if (version.has_value()) st.BindInt(*version);
  return ReadAll<RoutineAck>(st, ReadAck);
}

Result<std::vector<RoutineAck>> SqlTx::ListAcksOfUser(UserId user) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectAck) +
                                               " WHERE user_id = ? ORDER BY routine_id, version"));
  st.BindInt(user);
  return ReadAll<RoutineAck>(st, ReadAck);
}

// --- Exercises --------------------------------------------------------------------

Result<int64_t> SqlTx::InsertExercise(const Exercise& e) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO exercises (unit_id, kind, held_on, scenario, participants, notes,"
              " created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(e.unit_id).BindText(ExerciseKindCode(e.kind)).BindInt(e.held_on);
  st.BindText(e.scenario).BindInt(e.participants).BindText(e.notes);
  st.BindInt(e.created_by).BindInt(e.created_at);
  return st.RunReturningId();
}

Result<Exercise> SqlTx::GetExercise(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectExercise) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<Exercise>(st, ReadExercise, "exercise.not_found");
}

Result<std::vector<Exercise>> SqlTx::ListExercises(const ExerciseQuery& query) {
  if (query.limit < 1 || query.limit > kMaxExerciseLimit || query.offset < 0) {
    return Status::InvalidArgument("storage.bad_page", "limit 1..1000, offset >= 0");
  }
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectExercise);
  if (query.units.has_value()) {
    if (query.units->empty()) return std::vector<Exercise>();
    q.And().InIds("unit_id", *query.units);
  }
  if (query.held_from.has_value()) q.And().Sql("held_on >= ?", *query.held_from);
  q.Sql(" ORDER BY held_on DESC, id DESC LIMIT ?", query.limit);
  q.Sql(" OFFSET ?", query.offset);
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  return ReadAll<Exercise>(st, ReadExercise);
}

// --- Findings ---------------------------------------------------------------------

Result<int64_t> SqlTx::InsertFinding(const ExerciseFinding& f) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO exercise_findings (exercise_id, text, owner_user_id, due_date, status,"
              " created_by, created_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(f.exercise_id).BindText(f.text).BindOptInt(f.owner_user_id).BindOptInt(f.due_date);
  st.BindText(FindingStatusCode(f.status)).BindInt(f.created_by).BindInt(f.created_at);
  st.BindOptInt(f.done_at);
  return st.RunReturningId();
}

Result<ExerciseFinding> SqlTx::GetFinding(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectFinding) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<ExerciseFinding>(st, ReadFinding, "finding.not_found");
}

Status SqlTx::UpdateFinding(const ExerciseFinding& f) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE exercise_findings SET exercise_id = ?, text = ?, owner_user_id = ?,"
              " due_date = ?, status = ?, created_by = ?, created_at = ?, done_at = ?"
              " WHERE id = ?"));
  st.BindInt(f.exercise_id).BindText(f.text).BindOptInt(f.owner_user_id).BindOptInt(f.due_date);
  st.BindText(FindingStatusCode(f.status)).BindInt(f.created_by).BindInt(f.created_at);
  st.BindOptInt(f.done_at).BindInt(f.id);
  return RunExpectingOneRow(st, "finding.not_found");
}

Result<std::vector<ExerciseFinding>> SqlTx::ListFindings(int64_t exercise_id) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string(kSelectFinding) + " WHERE exercise_id = ? ORDER BY id"));
  st.BindInt(exercise_id);
  return ReadAll<ExerciseFinding>(st, ReadFinding);
}

Result<std::vector<ExerciseFinding>> SqlTx::ListOpenFindingMeasures(TimeMs due_before) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectFinding) +
                                 " WHERE status = ? AND owner_user_id IS NOT NULL AND due_date < ?"
                                 " ORDER BY due_date, id"));
  st.BindText(FindingStatusCode(FindingStatus::kOppen)).BindInt(due_before);
  return ReadAll<ExerciseFinding>(st, ReadFinding);
}

}  // namespace trygg::sql
