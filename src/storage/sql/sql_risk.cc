// SqlTx: risk templates, risk assessments (with their answers, measures and
// participants), the measure uses the knowledge bank counts, and the person
// behind an incident (its subject key).
#include <algorithm>
#include <unordered_map>

#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr int kMaxLimit = 500;

// --- Risk templates ---------------------------------------------------------------

constexpr char kSelectTemplate[] =
    "SELECT forvaltning_id, version, body, created_by, created_at FROM risk_templates";

Result<StoredRiskTemplate> ReadTemplate(const Statement& row) {
  StoredRiskTemplate t;
  t.forvaltning_id = row.Int(0);
  t.version = static_cast<int>(row.Int(1));
  t.body = row.Text(2);
  t.created_by = row.Int(3);
  t.created_at = row.Int(4);
  return t;
}

// --- Risk assessments -------------------------------------------------------------

// Every stored column but `id` and `version`, in the order BindAssessmentFields binds them.
constexpr char kAssessmentFieldColumns[] =
    "unit_id, forvaltning_id, template_version, meeting_type, event_at, title, subject_key,"
    " score, level, status, created_by, created_at, updated_at, decided_by, decided_at,"
    " decision_note, followed_up_by, followed_up_at, incident_occurred, incident_id,"
    " outcome_note";

constexpr char kSelectAssessment[] =
    "SELECT a.id, a.unit_id, a.forvaltning_id, a.template_version, a.meeting_type, a.event_at,"
    " a.title, a.subject_key, a.score, a.level, a.status, a.created_by, a.created_at,"
    " a.updated_at, a.decided_by, a.decided_at, a.decision_note, a.followed_up_by,"
    " a.followed_up_at, a.incident_occurred, a.incident_id, a.outcome_note, a.version"
    " FROM risk_assessments a";

void BindAssessmentFields(Statement& st, const RiskAssessment& a) {
  st.BindInt(a.unit_id).BindInt(a.forvaltning_id).BindInt(a.template_version);
  st.BindText(MeetingTypeCode(a.meeting_type)).BindInt(a.event_at).BindText(a.title);
  st.BindText(a.subject_key).BindInt(a.score).BindText(RiskLevelCode(a.level));
  st.BindText(AssessmentStatusCode(a.status)).BindInt(a.created_by).BindInt(a.created_at);
  st.BindInt(a.updated_at).BindOptInt(a.decided_by).BindOptInt(a.decided_at);
  st.BindText(a.decision_note).BindOptInt(a.followed_up_by).BindOptInt(a.followed_up_at);
  st.BindBool(a.incident_occurred).BindOptInt(a.incident_id).BindText(a.outcome_note);
}

// One row of kSelectAssessment, without answers, measures and participants.
Result<RiskAssessment> ReadAssessment(const Statement& row) {
  RiskAssessment a;
  a.id = row.Int(0);
  a.unit_id = row.Int(1);
  a.forvaltning_id = row.Int(2);
  a.template_version = static_cast<int>(row.Int(3));
  TRYGG_ASSIGN_OR_RETURN(a.meeting_type,
                         Decode(ParseMeetingType, row.Text(4), "risk_assessments.meeting_type"));
  a.event_at = row.Int(5);
  a.title = row.Text(6);
  a.subject_key = row.Text(7);
  a.score = static_cast<int>(row.Int(8));
  TRYGG_ASSIGN_OR_RETURN(a.level, Decode(ParseRiskLevel, row.Text(9), "risk_assessments.level"));
  TRYGG_ASSIGN_OR_RETURN(a.status,
                         Decode(ParseAssessmentStatus, row.Text(10), "risk_assessments.status"));
  a.created_by = row.Int(11);
  a.created_at = row.Int(12);
  a.updated_at = row.Int(13);
  a.decided_by = row.OptInt(14);
  a.decided_at = row.OptInt(15);
  a.decision_note = row.Text(16);
  a.followed_up_by = row.OptInt(17);
  a.followed_up_at = row.OptInt(18);
  a.incident_occurred = row.Bool(19);
  a.incident_id = row.OptInt(20);
  a.outcome_note = row.Text(21);
  a.version = row.Int(22);
  return a;
}

// InvalidArgument("risk.duplicate_participant") when a user is listed twice.
Status CheckParticipants(const std::vector<UserId>& participants) {
  for (size_t k = 0; k < participants.size(); ++k) {
    if (std::find(participants.begin(), participants.begin() + k, participants[k]) !=
        participants.begin() + k) {
      return Status::InvalidArgument("risk.duplicate_participant");
    }
  }
  return Status::Ok();
}

// Stores the answers, measures and participants of assessment `id`, replacing
// any stored before.
Status WriteAssessmentChildren(Connection& conn, int64_t id, const RiskAssessment& a) {
  for (const char* table :
       {"risk_assessment_answers", "risk_assessment_measures", "risk_assessment_participants"}) {
    TRYGG_ASSIGN_OR_RETURN(Statement del, conn.Prepare(std::string("DELETE FROM ") + table +
                                                       " WHERE assessment_id = ?"));
    del.BindInt(id);
    TRYGG_RETURN_IF_ERROR(del.Run());
  }
  for (size_t k = 0; k < a.answers.size(); ++k) {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st, conn.Prepare("INSERT INTO risk_assessment_answers (assessment_id, position,"
                                   " code, yes) VALUES (?, ?, ?, ?)"));
    st.BindInt(id).BindInt(static_cast<int64_t>(k)).BindText(a.answers[k].code);
    st.BindBool(a.answers[k].yes);
    TRYGG_RETURN_IF_ERROR(st.Run());
  }
  for (size_t k = 0; k < a.measures.size(); ++k) {
    const AssessmentMeasure& m = a.measures[k];
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        conn.Prepare("INSERT INTO risk_assessment_measures (assessment_id, position, code,"
                     " proposed, decided, rating) VALUES (?, ?, ?, ?, ?, ?)"));
    st.BindInt(id).BindInt(static_cast<int64_t>(k)).BindText(m.code);
    st.BindBool(m.proposed).BindBool(m.decided);
    if (m.rating.has_value()) {
      st.BindInt(*m.rating);
    } else {
      st.BindNull();
    }
    TRYGG_RETURN_IF_ERROR(st.Run());
  }
  for (size_t k = 0; k < a.participants.size(); ++k) {
    TRYGG_ASSIGN_OR_RETURN(Statement st,
                           conn.Prepare("INSERT INTO risk_assessment_participants (assessment_id,"
                                        " position, user_id) VALUES (?, ?, ?)"));
    st.BindInt(id).BindInt(static_cast<int64_t>(k)).BindInt(a.participants[k]);
    TRYGG_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

// Fills in the answers, measures and participants of each of `list` (one query
// per kind for all of them).
Status LoadAssessmentChildren(Connection& conn, std::vector<RiskAssessment>& list) {
  if (list.empty()) return Status::Ok();
  std::unordered_map<int64_t, RiskAssessment*> by_id;
  std::vector<int64_t> ids;
  for (RiskAssessment& a : list) {
    a.answers.clear();
    a.measures.clear();
    a.participants.clear();
    by_id[a.id] = &a;
    ids.push_back(a.id);
  }
  const std::string in = InIds(conn.dialect(), "assessment_id");
  const std::string encoded = EncodeIds(conn.dialect(), ids);
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, conn.Prepare("SELECT assessment_id, code, yes FROM"
                                                      " risk_assessment_answers WHERE " +
                                                      in + " ORDER BY assessment_id, position"));
    st.BindText(encoded);
    while (true) {
      TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      by_id[st.Int(0)]->answers.push_back(FactorAnswer{st.Text(1), st.Bool(2)});
    }
  }
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st,
                           conn.Prepare("SELECT assessment_id, code, proposed, decided, rating"
                                        " FROM risk_assessment_measures WHERE " +
                                        in + " ORDER BY assessment_id, position"));
    st.BindText(encoded);
    while (true) {
      TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      AssessmentMeasure m;
      m.code = st.Text(1);
      m.proposed = st.Bool(2);
      m.decided = st.Bool(3);
      if (!st.IsNull(4)) m.rating = static_cast<int>(st.Int(4));
      by_id[st.Int(0)]->measures.push_back(std::move(m));
    }
  }
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, conn.Prepare("SELECT assessment_id, user_id FROM"
                                                      " risk_assessment_participants WHERE " +
                                                      in + " ORDER BY assessment_id, position"));
    st.BindText(encoded);
    while (true) {
      TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      by_id[st.Int(0)]->participants.push_back(st.Int(1));
    }
  }
  return Status::Ok();
}

// The assessments `q` selects (kSelectAssessment and its conditions), complete.
Result<std::vector<RiskAssessment>> ReadAssessments(Connection& conn, const QueryBuilder& q) {
  std::vector<RiskAssessment> found;
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(conn));
    TRYGG_ASSIGN_OR_RETURN(found, ReadAll<RiskAssessment>(st, ReadAssessment));
  }
  TRYGG_RETURN_IF_ERROR(LoadAssessmentChildren(conn, found));
  return found;
}

}  // namespace

// --- Risk templates ---------------------------------------------------------------

Status SqlTx::InsertRiskTemplate(const StoredRiskTemplate& t) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO risk_templates (forvaltning_id, version, body, created_by, created_at)"
              " VALUES (?, ?, ?, ?, ?)"));
  st.BindInt(t.forvaltning_id).BindInt(t.version).BindText(t.body);
  st.BindInt(t.created_by).BindInt(t.created_at).OnDuplicate("risk_template.duplicate_version");
  return st.Run();
}

Result<StoredRiskTemplate> SqlTx::LatestRiskTemplate(UnitId forvaltning) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectTemplate) +
                                 " WHERE forvaltning_id = ? ORDER BY version DESC LIMIT 1"));
  st.BindInt(forvaltning);
  return ReadOne<StoredRiskTemplate>(st, ReadTemplate, "risk_template.not_found");
}

Result<StoredRiskTemplate> SqlTx::GetRiskTemplate(UnitId forvaltning, int version) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectTemplate) +
                                               " WHERE forvaltning_id = ? AND version = ?"));
  st.BindInt(forvaltning).BindInt(version);
  return ReadOne<StoredRiskTemplate>(st, ReadTemplate, "risk_template.not_found");
}

// --- Risk assessments -------------------------------------------------------------

Result<int64_t> SqlTx::InsertAssessment(const RiskAssessment& a) {
  TRYGG_RETURN_IF_ERROR(CheckParticipants(a.participants));
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return AllOrNothing(*conn, "insert_assessment", [&]() -> Result<int64_t> {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare(std::string("INSERT INTO risk_assessments (") + kAssessmentFieldColumns +
                ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                " ?, ?, ?) RETURNING id"));
    BindAssessmentFields(st, a);
    st.BindInt(a.version);
    TRYGG_ASSIGN_OR_RETURN(const int64_t id, st.RunReturningId());
    TRYGG_RETURN_IF_ERROR(WriteAssessmentChildren(*conn, id, a));
    return id;
  });
}

Result<RiskAssessment> SqlTx::GetAssessment(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectAssessment).And().Sql("a.id = ?", id);
  TRYGG_ASSIGN_OR_RETURN(std::vector<RiskAssessment> found, ReadAssessments(*conn, q));
  if (found.empty()) return Status::NotFound("risk.not_found");
  return std::move(found.front());
}

Status SqlTx::UpdateAssessment(const RiskAssessment& a, int64_t expected_version) {
  TRYGG_RETURN_IF_ERROR(CheckParticipants(a.participants));
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return AllOrNothing(*conn, "update_assessment", [&]() -> Status {
    {
      TRYGG_ASSIGN_OR_RETURN(
          Statement st,
          Prepare("UPDATE risk_assessments SET unit_id = ?, forvaltning_id = ?,"
                  " template_version = ?, meeting_type = ?, event_at = ?, title = ?,"
                  " subject_key = ?, score = ?, level = ?, status = ?, created_by = ?,"
                  " created_at = ?, updated_at = ?, decided_by = ?, decided_at = ?,"
                  " decision_note = ?, followed_up_by = ?, followed_up_at = ?,"
                  " incident_occurred = ?, incident_id = ?, outcome_note = ?, version = ?"
                  " WHERE id = ? AND version = ?"));
      BindAssessmentFields(st, a);
      st.BindInt(expected_version + 1).BindInt(a.id).BindInt(expected_version);
      TRYGG_RETURN_IF_ERROR(st.Run());
      if (st.Changes() > 0) return WriteAssessmentChildren(*conn, a.id, a);
    }
    return MissingOrStale("risk_assessments", a.id, "risk.not_found", "risk.stale_version");
  });
}

Result<std::vector<RiskAssessment>> SqlTx::ListAssessments(const AssessmentQuery& query) {
  if (query.limit < 1 || query.limit > kMaxLimit || query.offset < 0) {
    return Status::InvalidArgument("storage.bad_page", "limit 1..500, offset >= 0");
  }
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectAssessment);
  AppendRecordScope(q, query.scope.units, query.scope.involving, "a.unit_id",
                    [](QueryBuilder& b, int64_t user) {
                      b.Sql("(a.created_by = ?", user);
                      b.Sql(
                          " OR EXISTS (SELECT 1 FROM risk_assessment_participants p"
                          " WHERE p.assessment_id = a.id AND p.user_id = ?))",
                          user);
                    });
  if (query.status.has_value()) {
    q.And().Sql("a.status = ?", std::string(AssessmentStatusCode(*query.status)));
  }
  if (query.subject_key.has_value()) q.And().Sql("a.subject_key = ?", *query.subject_key);
  q.Sql(" ORDER BY a.event_at DESC, a.id DESC LIMIT ?", query.limit);
  q.Sql(" OFFSET ?", query.offset);
  return ReadAssessments(*conn, q);
}

Result<std::vector<MeasureUse>> SqlTx::ListMeasureUses(std::optional<UnitId> forvaltning) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(
      "SELECT m.code, a.forvaltning_id, a.meeting_type, a.level, m.rating, a.incident_occurred"
      " FROM risk_assessment_measures m JOIN risk_assessments a ON a.id = m.assessment_id");
  q.And().Sql("a.status = ?", std::string(AssessmentStatusCode(AssessmentStatus::kUppfoljd)));
  q.And().Sql("m.decided = 1 AND m.rating IS NOT NULL");
  if (forvaltning.has_value()) q.And().Sql("a.forvaltning_id = ?", *forvaltning);
  q.Sql(" ORDER BY a.id, m.position");
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  return ReadAll<MeasureUse>(st, [](const Statement& row) -> Result<MeasureUse> {
    MeasureUse use;
    use.code = row.Text(0);
    use.forvaltning_id = row.Int(1);
    TRYGG_ASSIGN_OR_RETURN(use.meeting_type,
                           Decode(ParseMeetingType, row.Text(2), "risk_assessments.meeting_type"));
    TRYGG_ASSIGN_OR_RETURN(use.level,
                           Decode(ParseRiskLevel, row.Text(3), "risk_assessments.level"));
    use.rating = static_cast<int>(row.Int(4));
    use.incident_occurred = row.Bool(5);
    return use;
  });
}

// --- The person behind an incident ------------------------------------------------

Status SqlTx::PutIncidentSubject(IncidentId incident, const std::string& subject_key, UserId by,
                                 TimeMs at) {
  if (subject_key.empty()) {
    TRYGG_ASSIGN_OR_RETURN(Statement st,
                           Prepare("DELETE FROM incident_subjects WHERE incident_id = ?"));
    st.BindInt(incident);
    return st.Run();
  }
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO incident_subjects (incident_id, subject_key, set_by, set_at)"
              " VALUES (?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET"
              " subject_key = excluded.subject_key, set_by = excluded.set_by,"
              " set_at = excluded.set_at"));
  st.BindInt(incident).BindText(subject_key).BindInt(by).BindInt(at);
  return st.Run();
}

Result<std::string> SqlTx::GetIncidentSubject(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("SELECT subject_key FROM incident_subjects WHERE incident_id = ?"));
  st.BindInt(incident);
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::string();
  return st.Text(0);
}

Result<std::vector<Incident>> SqlTx::ListIncidentsBySubject(const std::string& subject_key) {
  if (subject_key.empty()) return std::vector<Incident>();  // "" names no one
  return SelectIncidents([&subject_key](QueryBuilder& q) {
    q.Sql(" JOIN incident_subjects s ON s.incident_id = i.id");
    q.And().Sql("s.subject_key = ?", subject_key);
    q.Sql(" ORDER BY i.occurred_at DESC, i.id DESC");
  });
}

}  // namespace trygg::sql
