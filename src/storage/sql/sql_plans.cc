// SqlTx: security plans (with their people and a protected case's handling
// group), their measures and their log.
#include <algorithm>
#include <unordered_map>

#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr int kMaxLimit = 500;

// security_plan_people.kind of each list.
constexpr char kPerson[] = "person";
constexpr char kHandling[] = "handling";

// Every stored column but `id` and `version`, in the order BindPlanFields binds them.
constexpr char kPlanFieldColumns[] =
    "unit_id, forvaltning_id, scope, title, subject_key, threats, threat_level, review_date,"
    " status, protected_case, handling_unit_id, omit_handlaggare_name, secure_room_only,"
    " two_staff_always, no_home_visits, instructions, created_by, created_at, updated_at";

constexpr char kSelectPlan[] =
    "SELECT s.id, s.unit_id, s.forvaltning_id, s.scope, s.title, s.subject_key, s.threats,"
    " s.threat_level, s.review_date, s.status, s.protected_case, s.handling_unit_id,"
    " s.omit_handlaggare_name, s.secure_room_only, s.two_staff_always, s.no_home_visits,"
    " s.instructions, s.created_by, s.created_at, s.updated_at, s.version"
    " FROM security_plans s";

void BindPlanFields(Statement& st, const SecurityPlan& p) {
  st.BindInt(p.unit_id).BindInt(p.forvaltning_id).BindText(PlanScopeCode(p.scope));
  st.BindText(p.title).BindText(p.subject_key).BindText(p.threats);
  st.BindText(RiskLevelCode(p.threat_level)).BindInt(p.review_date);
  st.BindText(PlanStatusCode(p.status)).BindBool(p.protected_case);
  // 0 (the plan's own unit) is stored as NULL: the column references org_units.
  if (p.routine.handling_unit_id != 0) {
    st.BindInt(p.routine.handling_unit_id);
  } else {
    st.BindNull();
  }
  st.BindBool(p.routine.omit_handlaggare_name).BindBool(p.routine.secure_room_only);
  st.BindBool(p.routine.two_staff_always).BindBool(p.routine.no_home_visits);
  st.BindText(p.routine.instructions).BindInt(p.created_by).BindInt(p.created_at);
  st.BindInt(p.updated_at);
}

// One row of kSelectPlan, without people and handling group.
Result<SecurityPlan> ReadPlan(const Statement& row) {
  SecurityPlan p;
  p.id = row.Int(0);
  p.unit_id = row.Int(1);
  p.forvaltning_id = row.Int(2);
  TRYGG_ASSIGN_OR_RETURN(p.scope, Decode(ParsePlanScope, row.Text(3), "security_plans.scope"));
  p.title = row.Text(4);
  p.subject_key = row.Text(5);
  p.threats = row.Text(6);
  TRYGG_ASSIGN_OR_RETURN(p.threat_level,
                         Decode(ParseRiskLevel, row.Text(7), "security_plans.threat_level"));
  p.review_date = row.Int(8);
  TRYGG_ASSIGN_OR_RETURN(p.status, Decode(ParsePlanStatus, row.Text(9), "security_plans.status"));
  p.protected_case = row.Bool(10);
  p.routine.handling_unit_id = row.OptInt(11).value_or(0);
  p.routine.omit_handlaggare_name = row.Bool(12);
  p.routine.secure_room_only = row.Bool(13);
  p.routine.two_staff_always = row.Bool(14);
  p.routine.no_home_visits = row.Bool(15);
  p.routine.instructions = row.Text(16);
  p.created_by = row.Int(17);
  p.created_at = row.Int(18);
  p.updated_at = row.Int(19);
  p.version = row.Int(20);
  return p;
}

// InvalidArgument(reason) when a user is listed twice in `users`.
Status CheckUnique(const std::vector<UserId>& users, const char* reason) {
  for (size_t k = 0; k < users.size(); ++k) {
    if (std::find(users.begin(), users.begin() + k, users[k]) != users.begin() + k) {
      return Status::InvalidArgument(reason);
    }
  }
  return Status::Ok();
}

Status CheckPeople(const SecurityPlan& p) {
  TRYGG_RETURN_IF_ERROR(CheckUnique(p.people, "plan.duplicate_person"));
  return CheckUnique(p.routine.handling_group, "plan.duplicate_handling");
}

// Stores the people and handling group of plan `id`, replacing any stored
// before. Positions run on across both lists: people first.
Status WritePlanPeople(Connection& conn, int64_t id, const SecurityPlan& p) {
  {
    TRYGG_ASSIGN_OR_RETURN(Statement del,
                           conn.Prepare("DELETE FROM security_plan_people WHERE plan_id = ?"));
    del.BindInt(id);
    TRYGG_RETURN_IF_ERROR(del.Run());
  }
  int64_t position = 0;
  for (const auto& [users, kind] :
       {std::pair{&p.people, kPerson}, std::pair{&p.routine.handling_group, kHandling}}) {
    for (UserId user : *users) {
      TRYGG_ASSIGN_OR_RETURN(Statement st,
                             conn.Prepare("INSERT INTO security_plan_people (plan_id, position,"
                                          " user_id, kind) VALUES (?, ?, ?, ?)"));
      st.BindInt(id).BindInt(position++).BindInt(user).BindText(kind);
      TRYGG_RETURN_IF_ERROR(st.Run());
    }
  }
  return Status::Ok();
}

// Fills in the people and handling group of each of `plans` (one query for all).
Status LoadPlanPeople(Connection& conn, std::vector<SecurityPlan>& plans) {
  if (plans.empty()) return Status::Ok();
  std::unordered_map<int64_t, SecurityPlan*> by_id;
  std::vector<int64_t> ids;
  for (SecurityPlan& p : plans) {
    p.people.clear();
    p.routine.handling_group.clear();
    by_id[p.id] = &p;
    ids.push_back(p.id);
  }
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, conn.Prepare("SELECT plan_id, user_id, kind FROM security_plan_people"
                                 " WHERE " +
                                 InIds(conn.dialect(), "plan_id") + " ORDER BY plan_id, position"));
  st.BindText(EncodeIds(conn.dialect(), ids));
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::Ok();
    SecurityPlan& p = *by_id[st.Int(0)];
    const std::string kind = st.Text(2);
    if (kind == kPerson) {
      p.people.push_back(st.Int(1));
    } else if (kind == kHandling) {
      p.routine.handling_group.push_back(st.Int(1));
    } else {
      return Status::Internal("storage: unknown code '" + kind + "' in security_plan_people.kind");
    }
  }
}

// The plans `q` selects (kSelectPlan and its conditions), complete.
Result<std::vector<SecurityPlan>> ReadPlans(Connection& conn, const QueryBuilder& q) {
  std::vector<SecurityPlan> found;
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(conn));
    TRYGG_ASSIGN_OR_RETURN(found, ReadAll<SecurityPlan>(st, ReadPlan));
  }
  TRYGG_RETURN_IF_ERROR(LoadPlanPeople(conn, found));
  return found;
}

// --- Plan measures ----------------------------------------------------------------

constexpr char kSelectPlanMeasure[] =
    "SELECT id, plan_id, title, owner_user_id, due_date, status, created_by, created_at,"
    " done_at, done_by FROM plan_measures";

// Every stored column but `id`, in the order BindPlanMeasureFields binds them.
constexpr char kPlanMeasureFieldColumns[] =
    "plan_id, title, owner_user_id, due_date, status, created_by, created_at, done_at, done_by";

void BindPlanMeasureFields(Statement& st, const PlanMeasure& m) {
  st.BindInt(m.plan_id).BindText(m.title).BindInt(m.owner_user_id).BindInt(m.due_date);
  st.BindText(MeasureStatusCode(m.status)).BindInt(m.created_by).BindInt(m.created_at);
  st.BindOptInt(m.done_at).BindOptInt(m.done_by);
}

Result<PlanMeasure> ReadPlanMeasure(const Statement& row) {
  PlanMeasure m;
  m.id = row.Int(0);
  m.plan_id = row.Int(1);
  m.title = row.Text(2);
  m.owner_user_id = row.Int(3);
  m.due_date = row.Int(4);
  TRYGG_ASSIGN_OR_RETURN(m.status, Decode(ParseMeasureStatus, row.Text(5), "plan_measures.status"));
  m.created_by = row.Int(6);
  m.created_at = row.Int(7);
  m.done_at = row.OptInt(8);
  m.done_by = row.OptInt(9);
  return m;
}

}  // namespace

// --- Security plans ---------------------------------------------------------------

Result<int64_t> SqlTx::InsertSecurityPlan(const SecurityPlan& p) {
  TRYGG_RETURN_IF_ERROR(CheckPeople(p));
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return AllOrNothing(*conn, "insert_plan", [&]() -> Result<int64_t> {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare(std::string("INSERT INTO security_plans (") + kPlanFieldColumns +
                ", version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " RETURNING id"));
    BindPlanFields(st, p);
    st.BindInt(p.version);
    TRYGG_ASSIGN_OR_RETURN(const int64_t id, st.RunReturningId());
    TRYGG_RETURN_IF_ERROR(WritePlanPeople(*conn, id, p));
    return id;
  });
}

Result<SecurityPlan> SqlTx::GetSecurityPlan(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectPlan).And().Sql("s.id = ?", id);
  TRYGG_ASSIGN_OR_RETURN(std::vector<SecurityPlan> found, ReadPlans(*conn, q));
  if (found.empty()) return Status::NotFound("plan.not_found");
  return std::move(found.front());
}

Status SqlTx::UpdateSecurityPlan(const SecurityPlan& p, int64_t expected_version) {
  TRYGG_RETURN_IF_ERROR(CheckPeople(p));
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return AllOrNothing(*conn, "update_plan", [&]() -> Status {
    {
      TRYGG_ASSIGN_OR_RETURN(
          Statement st,
          Prepare("UPDATE security_plans SET unit_id = ?, forvaltning_id = ?, scope = ?,"
                  " title = ?, subject_key = ?, threats = ?, threat_level = ?, review_date = ?,"
                  " status = ?, protected_case = ?, handling_unit_id = ?,"
                  " omit_handlaggare_name = ?, secure_room_only = ?, two_staff_always = ?,"
                  " no_home_visits = ?, instructions = ?, created_by = ?, created_at = ?,"
                  " updated_at = ?, version = ? WHERE id = ? AND version = ?"));
      BindPlanFields(st, p);
      st.BindInt(expected_version + 1).BindInt(p.id).BindInt(expected_version);
      TRYGG_RETURN_IF_ERROR(st.Run());
      if (st.Changes() > 0) return WritePlanPeople(*conn, p.id, p);
    }
    return MissingOrStale("security_plans", p.id, "plan.not_found", "plan.stale_version");
  });
}

Result<std::vector<SecurityPlan>> SqlTx::ListSecurityPlans(const PlanQuery& query) {
  if (query.limit < 1 || query.limit > kMaxLimit || query.offset < 0) {
    return Status::InvalidArgument("storage.bad_page", "limit 1..500, offset >= 0");
  }
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectPlan);
  AppendRecordScope(q, query.scope.units, query.scope.involving, "s.unit_id",
                    [](QueryBuilder& b, int64_t user) {
                      b.Sql(
                          "EXISTS (SELECT 1 FROM security_plan_people pp"
                          " WHERE pp.plan_id = s.id AND pp.user_id = ?)",
                          user);
                    });
  if (query.status.has_value()) {
    q.And().Sql("s.status = ?", std::string(PlanStatusCode(*query.status)));
  }
  if (query.subject_key.has_value()) q.And().Sql("s.subject_key = ?", *query.subject_key);
  q.Sql(" ORDER BY s.review_date DESC, s.id DESC LIMIT ?", query.limit);
  q.Sql(" OFFSET ?", query.offset);
  return ReadPlans(*conn, q);
}

// --- Plan measures ----------------------------------------------------------------

Result<int64_t> SqlTx::InsertPlanMeasure(const PlanMeasure& m) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string("INSERT INTO plan_measures (") + kPlanMeasureFieldColumns +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  BindPlanMeasureFields(st, m);
  return st.RunReturningId();
}

Result<PlanMeasure> SqlTx::GetPlanMeasure(int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectPlanMeasure) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<PlanMeasure>(st, ReadPlanMeasure, "plan_measure.not_found");
}

Status SqlTx::UpdatePlanMeasure(const PlanMeasure& m) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE plan_measures SET plan_id = ?, title = ?, owner_user_id = ?, due_date = ?,"
              " status = ?, created_by = ?, created_at = ?, done_at = ?, done_by = ?"
              " WHERE id = ?"));
  BindPlanMeasureFields(st, m);
  st.BindInt(m.id);
  return RunExpectingOneRow(st, "plan_measure.not_found");
}

Result<std::vector<PlanMeasure>> SqlTx::ListPlanMeasures(int64_t plan_id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectPlanMeasure) +
                                               " WHERE plan_id = ? ORDER BY due_date, id"));
  st.BindInt(plan_id);
  return ReadAll<PlanMeasure>(st, ReadPlanMeasure);
}

// --- Plan log ---------------------------------------------------------------------

Result<int64_t> SqlTx::InsertPlanLog(const PlanLogEntry& e) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("INSERT INTO plan_log (plan_id, at, actor_id, action, detail)"
                                 " VALUES (?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(e.plan_id).BindInt(e.at).BindInt(e.actor_id).BindText(e.action).BindText(e.detail);
  return st.RunReturningId();
}

Result<std::vector<PlanLogEntry>> SqlTx::ListPlanLog(int64_t plan_id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("SELECT id, plan_id, at, actor_id, action, detail"
                                               " FROM plan_log WHERE plan_id = ? ORDER BY at, id"));
  st.BindInt(plan_id);
  return ReadAll<PlanLogEntry>(st, [](const Statement& row) -> Result<PlanLogEntry> {
    return PlanLogEntry{row.Int(0), row.Int(1), row.Int(2), row.Int(3), row.Text(4), row.Text(5)};
  });
}

}  // namespace trygg::sql
