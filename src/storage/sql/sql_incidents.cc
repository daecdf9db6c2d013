// SqlTx: incidents, their exposed users, and incident queries.
#include <algorithm>
#include <unordered_map>

#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

// Every stored column but `id` and `version`, in the order BindFields binds them.
constexpr char kFieldColumns[] =
    "unit_id, reporter_id, category, occurred_at, place_type, outside_workplace, tied_to_role,"
    " description, injury, weapon, death_threat, severity, perpetrator_relation,"
    " perpetrator_note, sensitive, status, created_at, updated_at, acknowledged_at, closed_at,"
    " aimed_at_person, serious_since, coordinator_consulted_at";

constexpr char kSelectIncident[] =
    "SELECT i.id, i.unit_id, i.reporter_id, i.category, i.occurred_at, i.place_type,"
    " i.outside_workplace, i.tied_to_role, i.description, i.injury, i.weapon, i.death_threat,"
    " i.severity, i.perpetrator_relation, i.perpetrator_note, i.sensitive, i.status,"
    " i.created_at, i.updated_at, i.acknowledged_at, i.closed_at, i.version,"
    " i.aimed_at_person, i.serious_since, i.coordinator_consulted_at,"
    // The open measures, in the same query (index measures_incident): a list
    // of 50 incidents is one round trip, not 51.
    " (SELECT COUNT(*) FROM measures m WHERE m.incident_id = i.id AND m.status = 'oppen')"
    " FROM incidents i";

constexpr int kMaxLimit = 500;

void BindFields(Statement& st, const Incident& inc) {
  st.BindInt(inc.unit_id).BindInt(inc.reporter_id).BindText(CategoryCode(inc.category));
  st.BindInt(inc.occurred_at).BindText(PlaceTypeCode(inc.place_type));
  st.BindBool(inc.outside_workplace).BindBool(inc.tied_to_role).BindText(inc.description);
  st.BindText(InjuryCode(inc.injury)).BindBool(inc.weapon).BindBool(inc.death_threat);
  st.BindInt(inc.severity);
  if (inc.perpetrator_relation.has_value()) {
    st.BindText(PerpetratorRelationCode(*inc.perpetrator_relation));
  } else {
    st.BindNull();
  }
  st.BindText(inc.perpetrator_note).BindBool(inc.sensitive);
  st.BindText(IncidentStatusCode(inc.status)).BindInt(inc.created_at).BindInt(inc.updated_at);
  st.BindOptInt(inc.acknowledged_at).BindOptInt(inc.closed_at);
  st.BindBool(inc.aimed_at_person).BindOptInt(inc.serious_since);
  st.BindOptInt(inc.coordinator_consulted_at);
}

// One row of kSelectIncident, without the exposed list.
Result<Incident> ReadIncident(const Statement& row) {
  Incident inc;
  inc.id = row.Int(0);
  inc.unit_id = row.Int(1);
  inc.reporter_id = row.Int(2);
  TRYGG_ASSIGN_OR_RETURN(inc.category, Decode(ParseCategory, row.Text(3), "incidents.category"));
  inc.occurred_at = row.Int(4);
  TRYGG_ASSIGN_OR_RETURN(inc.place_type,
                         Decode(ParsePlaceType, row.Text(5), "incidents.place_type"));
  inc.outside_workplace = row.Bool(6);
  inc.tied_to_role = row.Bool(7);
  inc.description = row.Text(8);
  TRYGG_ASSIGN_OR_RETURN(inc.injury, Decode(ParseInjury, row.Text(9), "incidents.injury"));
  inc.weapon = row.Bool(10);
  inc.death_threat = row.Bool(11);
  inc.severity = static_cast<int>(row.Int(12));
  if (!row.IsNull(13)) {
    TRYGG_ASSIGN_OR_RETURN(inc.perpetrator_relation, Decode(ParsePerpetratorRelation, row.Text(13),
                                                            "incidents.perpetrator_relation"));
  }
  inc.perpetrator_note = row.Text(14);
  inc.sensitive = row.Bool(15);
  TRYGG_ASSIGN_OR_RETURN(inc.status, Decode(ParseIncidentStatus, row.Text(16), "incidents.status"));
  inc.created_at = row.Int(17);
  inc.updated_at = row.Int(18);
  inc.acknowledged_at = row.OptInt(19);
  inc.closed_at = row.OptInt(20);
  inc.version = row.Int(21);
  inc.aimed_at_person = row.Bool(22);
  inc.serious_since = row.OptInt(23);
  inc.coordinator_consulted_at = row.OptInt(24);
  inc.open_measures = static_cast<int>(row.Int(25));
  return inc;
}

// Appends WHERE … for every condition of `query` (not its paging).
void AppendConditions(QueryBuilder& q, const IncidentQuery& query) {
  q.And();
  AppendVisibility(q, query.scope);
  if (query.status.has_value()) {
    q.And().Sql("i.status = ?", std::string(IncidentStatusCode(*query.status)));
  }
  if (query.open.has_value()) {
    q.And().Sql(*query.open ? "i.status <> ?" : "i.status = ?",
                std::string(IncidentStatusCode(IncidentStatus::kAvslutad)));
  }
  if (query.category.has_value()) {
    q.And().Sql("i.category = ?", std::string(CategoryCode(*query.category)));
  }
  if (query.unit_id.has_value()) q.And().Sql("i.unit_id = ?", *query.unit_id);
  if (query.occurred_from.has_value()) q.And().Sql("i.occurred_at >= ?", *query.occurred_from);
  if (query.occurred_to.has_value()) q.And().Sql("i.occurred_at < ?", *query.occurred_to);
  if (query.min_severity.has_value()) q.And().Sql("i.severity >= ?", *query.min_severity);
}

}  // namespace

Result<IncidentId> SqlTx::InsertIncident(const Incident& incident) {
  const auto& exposed = incident.exposed_user_ids;
  for (size_t k = 0; k < exposed.size(); ++k) {
    if (std::find(exposed.begin(), exposed.begin() + k, exposed[k]) != exposed.begin() + k) {
      return Status::InvalidArgument("incident.duplicate_exposed");
    }
  }
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  // All or nothing, even when the caller goes on to commit after a failure.
  TRYGG_RETURN_IF_ERROR(conn->Exec("SAVEPOINT insert_incident"));
  Result<IncidentId> id = [&]() -> Result<IncidentId> {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st, Prepare(std::string("INSERT INTO incidents (") + kFieldColumns +
                              ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                              " ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
    BindFields(st, incident);
    st.BindInt(incident.version);
    TRYGG_ASSIGN_OR_RETURN(const IncidentId new_id, st.RunReturningId());
    for (size_t k = 0; k < exposed.size(); ++k) {
      TRYGG_ASSIGN_OR_RETURN(
          Statement ex,
          Prepare("INSERT INTO incident_exposed (incident_id, user_id, ord) VALUES (?, ?, ?)"));
      ex.BindInt(new_id).BindInt(exposed[k]).BindInt(static_cast<int64_t>(k));
      TRYGG_RETURN_IF_ERROR(ex.Run());
    }
    return new_id;
  }();
  if (!id.ok()) {
    (void)conn->Exec("ROLLBACK TO insert_incident; RELEASE insert_incident");
    return id;
  }
  TRYGG_RETURN_IF_ERROR(conn->Exec("RELEASE insert_incident"));
  return id;
}

Result<Incident> SqlTx::GetIncident(IncidentId id) {
  TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> found,
                         SelectIncidents([id](QueryBuilder& q) { q.And().Sql("i.id = ?", id); }));
  if (found.empty()) return Status::NotFound("incident.not_found");
  return std::move(found.front());
}

Result<std::vector<Incident>> SqlTx::SelectIncidents(
    const std::function<void(QueryBuilder&)>& rest) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectIncident);
  rest(q);
  std::vector<Incident> found;
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
    TRYGG_ASSIGN_OR_RETURN(found, ReadAll<Incident>(st, ReadIncident));
  }
  TRYGG_RETURN_IF_ERROR(LoadExposed(found));
  return found;
}

Status SqlTx::LoadExposed(std::vector<Incident>& incidents) {
  if (incidents.empty()) return Status::Ok();
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  std::unordered_map<IncidentId, Incident*> by_id;
  std::vector<int64_t> ids;
  for (Incident& inc : incidents) {
    inc.exposed_user_ids.clear();
    by_id[inc.id] = &inc;
    ids.push_back(inc.id);
  }
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("SELECT incident_id, user_id FROM incident_exposed WHERE " +
                            InIds(conn->dialect(), "incident_id") + " ORDER BY incident_id, ord"));
  st.BindText(EncodeIds(conn->dialect(), ids));
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    by_id[st.Int(0)]->exposed_user_ids.push_back(st.Int(1));
  }
}

Status SqlTx::UpdateIncident(const Incident& incident, int64_t expected_version) {
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare("UPDATE incidents SET unit_id = ?, reporter_id = ?, category = ?,"
                " occurred_at = ?, place_type = ?, outside_workplace = ?, tied_to_role = ?,"
                " description = ?, injury = ?, weapon = ?, death_threat = ?, severity = ?,"
                " perpetrator_relation = ?, perpetrator_note = ?, sensitive = ?, status = ?,"
                " created_at = ?, updated_at = ?, acknowledged_at = ?, closed_at = ?,"
                " aimed_at_person = ?, serious_since = ?, coordinator_consulted_at = ?,"
                " version = ? WHERE id = ? AND version = ?"));
    BindFields(st, incident);
    st.BindInt(expected_version + 1).BindInt(incident.id).BindInt(expected_version);
    TRYGG_RETURN_IF_ERROR(st.Run());
    if (st.Changes() > 0) return Status::Ok();
  }
  return MissingOrStale("incidents", incident.id, "incident.not_found", "incident.stale_version");
}

Result<std::vector<Incident>> SqlTx::ListIncidents(const IncidentQuery& query) {
  if (query.limit < 1 || query.limit > kMaxLimit || query.offset < 0) {
    return Status::InvalidArgument("storage.bad_page", "limit 1..500, offset >= 0");
  }
  return SelectIncidents([&query](QueryBuilder& q) {
    AppendConditions(q, query);
    q.Sql(" ORDER BY i.occurred_at DESC, i.id DESC LIMIT ?", query.limit);
    q.Sql(" OFFSET ?", query.offset);
  });
}

Result<int64_t> SqlTx::CountIncidents(const IncidentQuery& query) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql("SELECT COUNT(*) FROM incidents i");
  AppendConditions(q, query);
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: COUNT returned no row");
  return st.Int(0);
}

}  // namespace trygg::sql
