// SqlTx: the StoreTx of every SQL engine — the queries, written once over
// sql::Connection. How a transaction begins, commits and gives its connection
// back is the engine's (a TxLease). Its methods are implemented by concept:
// sql_tx.cc (lifecycle), sql_org.cc (units, users, grants, sessions),
// sql_incidents.cc, sql_measures.cc (notes, measures, logbook), sql_followup.cc
// (police reports, authority notices, contact details, policy rules),
// sql_risk.cc (risk templates, assessments, measure uses, the person behind an
// incident), sql_plans.cc (security plans, their measures and log),
// sql_stats.cc (the statistics projection, unit profiles, KPIs),
// sql_routines.cc (routines, acknowledgements, exercises and findings),
// sql_notifications.cc (notifications, the mail outbox), sql_audit.cc and
// sql_tables.cc (whole tables, for trygg copy).
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/sql/connection.h"
#include "storage/sql/query_builder.h"
#include "storage/store.h"

namespace trygg::sql {

// Decodes a text code read from `column` with `parse` (e.g. ParseCategory);
// Internal when the database holds a code this binary does not know.
template <typename E>
Result<E> Decode(std::optional<E> (*parse)(std::string_view), const std::string& code,
                 std::string_view column) {
  std::optional<E> value = parse(code);
  if (!value.has_value()) {
    return Status::Internal("storage: unknown code '" + code + "' in " + std::string(column));
  }
  return *value;
}

// Reads every row of `st` with `read`.
template <typename T, typename ReadRow>
Result<std::vector<T>> ReadAll(Statement& st, ReadRow read) {
  std::vector<T> out;
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return out;
    TRYGG_ASSIGN_OR_RETURN(T value, read(st));
    out.push_back(std::move(value));
  }
}

// The single row of `st`, or NotFound(reason).
template <typename T, typename ReadRow>
Result<T> ReadOne(Statement& st, ReadRow read, std::string_view not_found_reason) {
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::NotFound(std::string(not_found_reason));
  return read(st);
}

// Runs `body` (returning Status or a Result) inside SAVEPOINT `name`: when it
// fails, whatever it wrote is undone, even when the caller goes on to commit.
template <typename Body>
auto AllOrNothing(Connection& conn, const std::string& name, Body body) -> decltype(body()) {
  TRYGG_RETURN_IF_ERROR(conn.Exec("SAVEPOINT " + name));
  auto result = body();
  if (!result.ok()) {
    (void)conn.Exec("ROLLBACK TO " + name + "; RELEASE " + name);
    return result;
  }
  TRYGG_RETURN_IF_ERROR(conn.Exec("RELEASE " + name));
  return result;
}

// One open transaction on an engine's connection, as the engine began it.
// Destroying a lease that was not committed rolls the transaction back and
// gives the connection back (or drops it when it is in a bad state).
class TxLease {
 public:
  virtual ~TxLease() = default;
  virtual Connection& conn() = 0;
  // Errors: Unavailable (the engine could not commit now), Internal.
  virtual Status Commit() = 0;
};

class SqlTx final : public StoreTx {
 public:
  explicit SqlTx(std::unique_ptr<TxLease> lease) : lease_(std::move(lease)) {}
  ~SqlTx() override = default;  // the lease rolls back when not committed

  Status Commit() override;

  Result<UnitId> InsertUnit(const OrgUnit& unit) override;
  Status UpdateUnit(const OrgUnit& unit) override;
  Result<std::vector<OrgUnit>> ListUnits() override;
  Result<int64_t> OrgGeneration() override;

  Result<UserId> InsertUser(const User& user) override;
  Status UpdateUser(const User& user) override;
  Result<User> GetUser(UserId id) override;
  Result<User> GetUserByUsername(const std::string& username) override;
  Result<std::vector<User>> ListUsers() override;

  Result<int64_t> InsertGrant(const RoleGrant& grant) override;
  Status DeleteGrant(int64_t grant_id) override;
  Result<std::vector<RoleGrant>> ListGrants(std::optional<UserId> user) override;

  Status InsertSession(const Session& session) override;
  Result<Session> GetSession(const std::string& token_hash) override;
  Status TouchSession(const std::string& token_hash, TimeMs at) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteSessionsIdleSince(TimeMs cutoff) override;
  Status DeleteSessionsOfUser(UserId user) override;

  Result<IncidentId> InsertIncident(const Incident& incident) override;
  Result<Incident> GetIncident(IncidentId id) override;
  Status UpdateIncident(const Incident& incident, int64_t expected_version) override;
  Result<std::vector<Incident>> ListIncidents(const IncidentQuery& query) override;
  Result<int64_t> CountIncidents(const IncidentQuery& query) override;

  Result<int64_t> InsertNote(const Note& note) override;
  Result<std::vector<Note>> ListNotes(IncidentId incident) override;
  Result<int64_t> InsertMeasure(const Measure& measure) override;
  Status UpdateMeasure(const Measure& measure) override;
  Result<Measure> GetMeasure(int64_t id) override;
  Result<std::vector<Measure>> ListMeasures(const MeasureQuery& query) override;
  Result<int> CountOpenMeasures(IncidentId incident) override;
  Result<int64_t> InsertLog(const LogEntry& entry) override;
  Result<std::vector<LogEntry>> ListLog(IncidentId incident) override;

  Result<PoliceReport> GetPoliceReport(IncidentId incident) override;
  Status PutPoliceReport(const PoliceReport& report) override;
  Result<std::vector<AuthorityNotice>> ListAuthorityNotices(IncidentId incident) override;
  Status PutAuthorityNotice(const AuthorityNotice& notice) override;

  Result<OrgContact> GetOrgContact(UnitId unit) override;
  Status PutOrgContact(const OrgContact& contact) override;

  Result<std::vector<PolicyRule>> ListPolicyRules(UnitId forvaltning) override;
  Status PutPolicyRule(UnitId forvaltning, const PolicyRule& rule, UserId by, TimeMs at) override;

  Status InsertRiskTemplate(const StoredRiskTemplate& t) override;
  Result<StoredRiskTemplate> LatestRiskTemplate(UnitId forvaltning) override;
  Result<StoredRiskTemplate> GetRiskTemplate(UnitId forvaltning, int version) override;
  Result<int64_t> InsertAssessment(const RiskAssessment& a) override;
  Result<RiskAssessment> GetAssessment(int64_t id) override;
  Status UpdateAssessment(const RiskAssessment& a, int64_t expected_version) override;
  Result<std::vector<RiskAssessment>> ListAssessments(const AssessmentQuery& q) override;
  Result<std::vector<MeasureUse>> ListMeasureUses(std::optional<UnitId> forvaltning) override;
  Status PutIncidentSubject(IncidentId incident, const std::string& subject_key, UserId by,
                            TimeMs at) override;
  Result<std::string> GetIncidentSubject(IncidentId incident) override;
  Result<std::vector<Incident>> ListIncidentsBySubject(const std::string& subject_key) override;
  Result<int64_t> InsertSecurityPlan(const SecurityPlan& p) override;
  Result<SecurityPlan> GetSecurityPlan(int64_t id) override;
  Status UpdateSecurityPlan(const SecurityPlan& p, int64_t expected_version) override;
  Result<std::vector<SecurityPlan>> ListSecurityPlans(const PlanQuery& q) override;
  Result<int64_t> InsertPlanMeasure(const PlanMeasure& m) override;
  Result<PlanMeasure> GetPlanMeasure(int64_t id) override;
  Status UpdatePlanMeasure(const PlanMeasure& m) override;
  Result<std::vector<PlanMeasure>> ListPlanMeasures(int64_t plan_id) override;
  Result<int64_t> InsertPlanLog(const PlanLogEntry& e) override;
  Result<std::vector<PlanLogEntry>> ListPlanLog(int64_t plan_id) override;

  Result<int64_t> PutFacts(const FactsRow& row) override;
  Result<std::vector<FactsRow>> ListFacts(int64_t after_seq, int limit) override;
  Result<int64_t> LastFactsSeq() override;
  Result<std::vector<IncidentId>> ListIncidentsWithoutFacts(int limit) override;
  Status PutUnitProfile(const UnitProfile& p) override;
  Result<std::vector<UnitProfile>> ListUnitProfiles() override;
  Result<int64_t> InsertRoutine(const Routine& r) override;
  Result<Routine> GetRoutine(int64_t id) override;
  Status UpdateRoutine(const Routine& r) override;
  Result<std::vector<Routine>> ListRoutines(const RoutineQuery& q) override;
  Status PutRoutineAck(const RoutineAck& ack) override;
  Result<std::vector<RoutineAck>> ListRoutineAcks(int64_t routine_id,
                                                  std::optional<int> version) override;
  Result<std::vector<RoutineAck>> ListAcksOfUser(UserId user) override;
  Result<int64_t> InsertExercise(const Exercise& e) override;
  Result<Exercise> GetExercise(int64_t id) override;
  Result<std::vector<Exercise>> ListExercises(const ExerciseQuery& q) override;
  Result<int64_t> InsertFinding(const ExerciseFinding& f) override;
  Result<ExerciseFinding> GetFinding(int64_t id) override;
  Status UpdateFinding(const ExerciseFinding& f) override;
  Result<std::vector<ExerciseFinding>> ListFindings(int64_t exercise_id) override;
  Result<std::vector<ExerciseFinding>> ListOpenFindingMeasures(TimeMs due_before) override;
  // Panic alarms (sql_alarms.cc).
  Result<SiteId> InsertAlarmSite(const AlarmSite& s) override;
  Result<AlarmSite> GetAlarmSite(SiteId id) override;
  Status UpdateAlarmSite(const AlarmSite& s, int64_t expected_version) override;
  Result<std::vector<AlarmSite>> ListAlarmSites() override;
  Result<RoomId> InsertAlarmRoom(const AlarmRoom& r) override;
  Result<AlarmRoom> GetAlarmRoom(RoomId id) override;
  Status UpdateAlarmRoom(const AlarmRoom& r) override;
  Result<std::vector<AlarmRoom>> ListAlarmRooms(std::optional<SiteId> site) override;
  Result<DeviceId> InsertAlarmDevice(const AlarmDevice& d) override;
  Result<AlarmDevice> GetAlarmDevice(DeviceId id) override;
  Result<AlarmDevice> GetAlarmDeviceByToken(const std::string& token_hash) override;
  Status UpdateAlarmDevice(const AlarmDevice& d) override;
  Result<std::vector<AlarmDevice>> ListAlarmDevices(std::optional<RoomId> room) override;
  Status PutDuty(const Duty& d) override;
  Status DeleteDuty(UserId user) override;
  Result<std::optional<Duty>> GetDuty(UserId user) override;
  Result<std::vector<Duty>> ListDutyAt(SiteId site, TimeMs now) override;
  Result<AlarmId> InsertAlarm(const Alarm& a) override;
  Result<Alarm> GetAlarm(AlarmId id) override;
  Status UpdateAlarm(const Alarm& a, int64_t expected_version) override;
  Result<std::vector<Alarm>> ListAlarms(const AlarmQuery& q) override;
  Result<bool> AddAlarmReceiver(const AlarmReceiver& r) override;
  Status UpdateAlarmReceiver(const AlarmReceiver& r) override;
  Result<std::vector<AlarmReceiver>> ListAlarmReceivers(AlarmId alarm) override;
  Result<int64_t> AppendAlarmEvent(const AlarmEvent& e) override;
  Result<std::vector<AlarmEvent>> ListAlarmEventsAfter(int64_t after_seq, int limit) override;
  Result<std::vector<AlarmEvent>> ListAlarmEvents(AlarmId alarm) override;
  Result<int64_t> LastAlarmEventSeq() override;
  Result<std::vector<std::pair<RoomId, TimeMs>>> ListLastRoomTests() override;

  Status PutKpi(const KpiValue& v) override;
  Result<std::vector<KpiValue>> ListKpis(std::optional<UnitId> forvaltning) override;

  Result<int64_t> InsertNotification(const Notification& n) override;
  Result<std::vector<Notification>> ListNotifications(UserId user, bool unread_only,
                                                      int64_t before_id, int limit) override;
  Result<int64_t> CountUnreadNotifications(UserId user) override;
  Result<int64_t> MarkNotificationsRead(UserId user, std::optional<int64_t> id, TimeMs at) override;

  Result<int64_t> InsertMail(const OutboxMail& mail) override;
  Result<std::vector<OutboxMail>> ListDueMail(TimeMs now, int limit) override;
  Status UpdateMail(const OutboxMail& mail) override;

  Result<std::optional<AuditRecord>> LastAudit() override;
  Status AppendAudit(const AuditRecord& record) override;
  Result<std::vector<AuditRecord>> ListAudit(int64_t after_seq, int limit) override;

  Result<std::vector<TableRow>> ReadRows(const TableInfo& table, const std::vector<int64_t>& after,
                                         int limit) override;
  Status WriteRows(const TableInfo& table, const std::vector<TableRow>& rows) override;
  Result<int64_t> CountRows(const TableInfo& table) override;
  Result<std::vector<int64_t>> LastKey(const TableInfo& table) override;
  Status ResetIdSequence(const TableInfo& table) override;

 private:
  // The connection, or Internal once the transaction has finished.
  Result<Connection*> Conn();
  // Conn()->Prepare(sql).
  Result<Statement> Prepare(const std::string& sql);
  // Runs `st` (an UPDATE/DELETE of one row) and returns NotFound(reason) when it
  // changed nothing.
  Status RunExpectingOneRow(Statement& st, std::string_view not_found_reason);
  // After an UPDATE … WHERE id = ? AND version = ? that changed nothing:
  // NotFound(not_found_reason) when `table` has no row `id`, else
  // Conflict(stale_reason) (its version moved on).
  Status MissingOrStale(std::string_view table, int64_t id, std::string_view not_found_reason,
                        std::string_view stale_reason);
  // Bumps the organisation's generation (see OrgGeneration).
  Status BumpOrgGeneration();
  // Fills in the exposed list of each of `incidents` (one query for all).
  Status LoadExposed(std::vector<Incident>& incidents);
  // Full incident rows, exposed lists loaded: the incident SELECT (table
  // aliased `i`), then whatever `rest` appends (joins, conditions, order, page).
  Result<std::vector<Incident>> SelectIncidents(const std::function<void(QueryBuilder&)>& rest);

  std::unique_ptr<TxLease> lease_;  // null once committed
};

}  // namespace trygg::sql
