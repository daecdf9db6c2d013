// SqlTx: notes, measures and the logbook of an incident.
#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr char kSelectMeasure[] =
    "SELECT m.id, m.incident_id, m.title, m.responsible_user_id, m.due_date, m.status,"
    " m.created_by, m.created_at, m.done_at, m.done_by, m.kind, m.support_type,"
    " m.support_group, m.support_user_id, m.follow_up_date FROM measures m";

// Every stored column but `id`, in the order BindMeasureFields binds them.
constexpr char kMeasureFieldColumns[] =
    "incident_id, title, responsible_user_id, due_date, status, created_by, created_at,"
    " done_at, done_by, kind, support_type, support_group, support_user_id, follow_up_date";

void BindMeasureFields(Statement& st, const Measure& m) {
  st.BindInt(m.incident_id).BindText(m.title).BindInt(m.responsible_user_id);
  st.BindInt(m.due_date).BindText(MeasureStatusCode(m.status));
  st.BindInt(m.created_by).BindInt(m.created_at);
  st.BindOptInt(m.done_at).BindOptInt(m.done_by).BindText(MeasureKindCode(m.kind));
  if (m.support_type.has_value()) {
    st.BindText(SupportTypeCode(*m.support_type));
  } else {
    st.BindNull();
  }
  st.BindBool(m.support_group).BindOptInt(m.support_user_id).BindOptInt(m.follow_up_date);
}

Result<Measure> ReadMeasure(const Statement& row) {
  Measure m;
  m.id = row.Int(0);
  m.incident_id = row.Int(1);
  m.title = row.Text(2);
  m.responsible_user_id = row.Int(3);
  m.due_date = row.Int(4);
  TRYGG_ASSIGN_OR_RETURN(m.status, Decode(ParseMeasureStatus, row.Text(5), "measures.status"));
  m.created_by = row.Int(6);
  m.created_at = row.Int(7);
  m.done_at = row.OptInt(8);
  m.done_by = row.OptInt(9);
  TRYGG_ASSIGN_OR_RETURN(m.kind, Decode(ParseMeasureKind, row.Text(10), "measures.kind"));
  if (!row.IsNull(11)) {
    TRYGG_ASSIGN_OR_RETURN(m.support_type,
                           Decode(ParseSupportType, row.Text(11), "measures.support_type"));
  }
  m.support_group = row.Bool(12);
  m.support_user_id = row.OptInt(13);
  m.follow_up_date = row.OptInt(14);
  return m;
}

}  // namespace

// --- Notes --------------------------------------------------------------------

Result<int64_t> SqlTx::InsertNote(const Note& note) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO notes (incident_id, author_id, body, created_at) VALUES (?, ?, ?, ?)"
              " RETURNING id"));
  st.BindInt(note.incident_id).BindInt(note.author_id).BindText(note.text);
  st.BindInt(note.created_at);
  return st.RunReturningId();
}

Result<std::vector<Note>> SqlTx::ListNotes(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT id, incident_id, author_id, body, created_at FROM notes"
                                 " WHERE incident_id = ? ORDER BY created_at, id"));
  st.BindInt(incident);
  return ReadAll<Note>(st, [](const Statement& row) -> Result<Note> {
    return Note{row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.Int(4)};
  });
}

// --- Measures -----------------------------------------------------------------

Result<int64_t> SqlTx::InsertMeasure(const Measure& measure) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string("INSERT INTO measures (") + kMeasureFieldColumns +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  BindMeasureFields(st, measure);
  return st.RunReturningId();
}

Status SqlTx::UpdateMeasure(const Measure& measure) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE measures SET incident_id = ?, title = ?, responsible_user_id = ?,"
              " due_date = ?, status = ?, created_by = ?, created_at = ?, done_at = ?,"
              " done_by = ?, kind = ?, support_type = ?, support_group = ?,"
              " support_user_id = ?, follow_up_date = ? WHERE id = ?"));
  BindMeasureFields(st, measure);
  st.BindInt(measure.id);
  return RunExpectingOneRow(st, "measure.not_found");
}

Result<Measure> SqlTx::GetMeasure(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectMeasure) + " WHERE m.id = ?"));
  st.BindInt(id);
  return ReadOne<Measure>(st, ReadMeasure, "measure.not_found");
}

Result<std::vector<Measure>> SqlTx::ListMeasures(const MeasureQuery& query) {
  if (query.limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  if (query.offset < 0) return Status::InvalidArgument("storage.bad_page", "offset >= 0");
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectMeasure);
  if (query.incident_scope.has_value()) {
    q.Sql(" JOIN incidents i ON i.id = m.incident_id").And();
    AppendVisibility(q, *query.incident_scope);
  }
  if (query.incident_id.has_value()) q.And().Sql("m.incident_id = ?", *query.incident_id);
  if (query.responsible_user_id.has_value()) {
    q.And().Sql("m.responsible_user_id = ?", *query.responsible_user_id);
  }
  if (query.status.has_value()) {
    q.And().Sql("m.status = ?", std::string(MeasureStatusCode(*query.status)));
  }
  if (query.due_before.has_value()) q.And().Sql("m.due_date < ?", *query.due_before);
  q.Sql(" ORDER BY m.due_date, m.id LIMIT ?", query.limit);
  q.Sql(" OFFSET ?", query.offset);
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  return ReadAll<Measure>(st, ReadMeasure);
}

Result<int> SqlTx::CountOpenMeasures(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("SELECT COUNT(*) FROM measures WHERE incident_id = ? AND status = ?"));
  st.BindInt(incident).BindText(MeasureStatusCode(MeasureStatus::kOppen));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: COUNT returned no row");
  return static_cast<int>(st.Int(0));
}

// --- Logbook ------------------------------------------------------------------

Result<int64_t> SqlTx::InsertLog(const LogEntry& entry) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("INSERT INTO incident_log (incident_id, at, actor_id, action, detail)"
                            " VALUES (?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(entry.incident_id).BindInt(entry.at).BindInt(entry.actor_id);
  st.BindText(entry.action).BindText(entry.detail);
  return st.RunReturningId();
}

Result<std::vector<LogEntry>> SqlTx::ListLog(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT id, incident_id, at, actor_id, action, detail"
                                 " FROM incident_log WHERE incident_id = ? ORDER BY at, id"));
  st.BindInt(incident);
  return ReadAll<LogEntry>(st, [](const Statement& row) -> Result<LogEntry> {
    return LogEntry{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5)};
  });
}

}  // namespace trygg::sql
