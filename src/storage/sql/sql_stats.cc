// SqlTx: the statistics projection (one FactsRow per incident, with its change
// sequence), unit profiles and KPI values.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

// KPI values are stored in millionths (see migration 5).
constexpr double kKpiScale = 1'000'000.0;

int64_t KpiToStored(double value) { return std::llround(value * kKpiScale); }
double KpiFromStored(int64_t stored) { return static_cast<double>(stored) / kKpiScale; }

}  // namespace

// --- The statistics projection ------------------------------------------------------

Result<int64_t> SqlTx::PutFacts(const FactsRow& row) {
  // One statement: the next seq is read under the writer's exclusive lock (the
  // SQLite write transaction; PostgreSQL's advisory lock, READ COMMITTED), so
  // no other writer can take the same number. A replaced row moves to the end.
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO incident_facts (seq, incident_id, unit_id, day, attrs, ack_hours,"
              " close_days) VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM incident_facts),"
              " ?, ?, ?, ?, ?, ?) ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq,"
              " unit_id = excluded.unit_id, day = excluded.day, attrs = excluded.attrs,"
              " ack_hours = excluded.ack_hours, close_days = excluded.close_days"
              " RETURNING seq"));
  st.BindInt(row.incident_id).BindInt(row.unit_id).BindInt(row.day).BindInt(row.attrs);
  st.BindInt(row.ack_hours).BindInt(row.close_days);
  return st.RunReturningId();
}

Result<std::vector<FactsRow>> SqlTx::ListFacts(int64_t after_seq, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  // A primary key range scan; nothing joined, nothing decoded.
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("SELECT seq, incident_id, unit_id, day, attrs, ack_hours, close_days"
                            " FROM incident_facts WHERE seq > ? ORDER BY seq LIMIT ?"));
  st.BindInt(after_seq).BindInt(limit);
  std::vector<FactsRow> rows;
  rows.reserve(static_cast<size_t>(std::min(limit, 100'000)));
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) return rows;
    FactsRow r;
    r.seq = st.Int(0);
    r.incident_id = st.Int(1);
    r.unit_id = st.Int(2);
    r.day = static_cast<int32_t>(st.Int(3));
    r.attrs = static_cast<int32_t>(st.Int(4));
    r.ack_hours = static_cast<int32_t>(st.Int(5));
    r.close_days = static_cast<int32_t>(st.Int(6));
    rows.push_back(r);
  }
}

Result<int64_t> SqlTx::LastFactsSeq() {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("SELECT COALESCE(MAX(seq), 0) FROM incident_facts"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: MAX returned no row");
  return st.Int(0);
}

Result<std::vector<IncidentId>> SqlTx::ListIncidentsWithoutFacts(int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT i.id FROM incidents i LEFT JOIN incident_facts f ON f.incident_id = i.id"
              " WHERE f.incident_id IS NULL ORDER BY i.id LIMIT ?"));
  st.BindInt(limit);
  return ReadAll<IncidentId>(st, [](const Statement& r) -> Result<IncidentId> { return r.Int(0); });
}

// --- Unit profiles ------------------------------------------------------------------

Status SqlTx::PutUnitProfile(const UnitProfile& p) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO unit_profiles (unit_id, headcount, secure_rooms,"
              " coordinator_full_time, alarm_tested_at, updated_by, updated_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id) DO UPDATE SET"
              " headcount = excluded.headcount, secure_rooms = excluded.secure_rooms,"
              " coordinator_full_time = excluded.coordinator_full_time,"
              " alarm_tested_at = excluded.alarm_tested_at, updated_by = excluded.updated_by,"
              " updated_at = excluded.updated_at"));
  st.BindInt(p.unit_id).BindInt(p.headcount).BindInt(p.secure_rooms);
  st.BindBool(p.coordinator_full_time).BindOptInt(p.alarm_tested_at);
  st.BindInt(p.updated_by).BindInt(p.updated_at);
  return st.Run();
}

Result<std::vector<UnitProfile>> SqlTx::ListUnitProfiles() {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT unit_id, headcount, secure_rooms, coordinator_full_time, alarm_tested_at,"
              " updated_by, updated_at FROM unit_profiles ORDER BY unit_id"));
  return ReadAll<UnitProfile>(st, [](const Statement& r) -> Result<UnitProfile> {
    UnitProfile p;
    p.unit_id = r.Int(0);
    p.headcount = static_cast<int>(r.Int(1));
    p.secure_rooms = static_cast<int>(r.Int(2));
    p.coordinator_full_time = r.Bool(3);
    p.alarm_tested_at = r.OptInt(4);
    p.updated_by = r.Int(5);
    p.updated_at = r.Int(6);
    return p;
  });
}

// --- KPIs -------------------------------------------------------------------------

Status SqlTx::PutKpi(const KpiValue& v) {
  if (!std::isfinite(v.value) || std::fabs(v.value) > 1e12) {
    return Status::InvalidArgument("kpi.value");
  }
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO kpi_values (forvaltning_id, kind, grp, year, period, value_millionths,"
              " updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (forvaltning_id, kind, grp, year, period) DO UPDATE SET"
              " value_millionths = excluded.value_millionths, updated_by = excluded.updated_by,"
              " updated_at = excluded.updated_at"));
  st.BindInt(v.forvaltning_id).BindText(KpiKindCode(v.kind)).BindText(KpiGroupCode(v.group));
  st.BindInt(v.year).BindText(KpiPeriodCode(v.period)).BindInt(KpiToStored(v.value));
  st.BindInt(v.updated_by).BindInt(v.updated_at);
  return st.Run();
}

Result<std::vector<KpiValue>> SqlTx::ListKpis(std::optional<UnitId> forvaltning) {
  std::vector<KpiValue> values;
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare(forvaltning.has_value()
                    ? "SELECT forvaltning_id, kind, grp, year, period, value_millionths,"
                      " updated_by, updated_at FROM kpi_values WHERE forvaltning_id = ?"
                    : "SELECT forvaltning_id, kind, grp, year, period, value_millionths,"
                      " updated_by, updated_at FROM kpi_values"));
    if (forvaltning.has_value()) st.BindInt(*forvaltning);
    TRYGG_ASSIGN_OR_RETURN(
        values, ReadAll<KpiValue>(st, [](const Statement& r) -> Result<KpiValue> {
          KpiValue v;
          v.forvaltning_id = r.Int(0);
          TRYGG_ASSIGN_OR_RETURN(v.kind, Decode(ParseKpiKind, r.Text(1), "kpi_values.kind"));
          TRYGG_ASSIGN_OR_RETURN(v.group, Decode(ParseKpiGroup, r.Text(2), "kpi_values.grp"));
          v.year = static_cast<int>(r.Int(3));
          TRYGG_ASSIGN_OR_RETURN(v.period, Decode(ParseKpiPeriod, r.Text(4), "kpi_values.period"));
          v.value = KpiFromStored(r.Int(5));
          v.updated_by = r.Int(6);
          v.updated_at = r.Int(7);
          return v;
        }));
  }
  // Enums in declaration order, not by their codes' spelling.
  auto key = [](const KpiValue& v) {
    return std::make_tuple(v.forvaltning_id, static_cast<int>(v.kind), static_cast<int>(v.group),
                           v.year, static_cast<int>(v.period));
  };
  std::sort(values.begin(), values.end(),
            [&key](const KpiValue& a, const KpiValue& b) { return key(a) < key(b); });
  return values;
}

}  // namespace trygg::sql
