// Store: the storage interface every engine (SQLite, PostgreSQL) implements.
//
// All access goes through a transaction. A write transaction is exclusive: at
// most one is open at a time per database, so read-then-write sequences inside
// it (the audit chain, workflow checks) are consistent. Nothing a transaction
// wrote is visible to others, or durable, until Commit() returns OK; a
// transaction destroyed without Commit() is rolled back.
#pragma once

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"
#include "domain/alarm.h"
#include "domain/equivalence.h"
#include "domain/exercise.h"
#include "domain/followup.h"
#include "domain/incident.h"
#include "domain/kpi.h"
#include "domain/notification.h"
#include "domain/org.h"
#include "domain/policy.h"
#include "domain/risk.h"
#include "domain/role.h"
#include "domain/routine.h"
#include "domain/security_plan.h"
#include "domain/stats.h"
#include "domain/user.h"
#include "domain/visibility.h"
#include "storage/tables.h"

namespace trygg {

// Which incidents to list. `scope` limits to what a caller may see; the other
// fields narrow further. Results are ordered by occurred_at descending, then id.
struct IncidentQuery {
  VisibilityFilter scope;
  std::optional<IncidentStatus> status;
  std::optional<bool> open;  // true: status != avslutad; false: == avslutad
  std::optional<Category> category;
  std::optional<UnitId> unit_id;        // exactly this unit
  std::optional<TimeMs> occurred_from;  // inclusive
  std::optional<TimeMs> occurred_to;    // exclusive
  std::optional<int> min_severity;
  int limit = 50;  // 1..500
  int offset = 0;
};

// Which measures to list; unset fields do not filter.
struct MeasureQuery {
  std::optional<IncidentId> incident_id;
  std::optional<UserId> responsible_user_id;
  std::optional<MeasureStatus> status;
  std::optional<TimeMs> due_before;                // exclusive
  std::optional<VisibilityFilter> incident_scope;  // the incident must pass this filter
  int limit = 500;
  int offset = 0;
};

// A stored risk template: its body is the template as the app serialises it
// (JSON), opaque to the store.
struct StoredRiskTemplate {
  UnitId forvaltning_id = 0;
  int version = 0;  // ≥ 1
  std::string body;
  UserId created_by = 0;
  TimeMs created_at = 0;
};

// Which assessments (or security plans) to list: those whose unit is in
// `units`, or (when set) that involve `involving` — an assessment its creator
// or a participant, a plan one of its people or its handling group. Both
// unset: every row. Ordered by event_at (plans: review_date) descending, then
// id descending.
struct RecordScope {
  std::optional<std::vector<UnitId>> units;
  std::optional<UserId> involving;
};
struct AssessmentQuery {
  RecordScope scope;
  std::optional<AssessmentStatus> status;
  std::optional<std::string> subject_key;
  int limit = 50;  // 1..500
  int offset = 0;
};
struct PlanQuery {
  RecordScope scope;
  std::optional<PlanStatus> status;
  std::optional<std::string> subject_key;
  int limit = 50;
  int offset = 0;
};

// Which routines to list: active and archived, ordered by title then id.
struct RoutineQuery {
  std::optional<RoutineStatus> status;
  std::optional<std::vector<UnitId>> units;  // scope unit in this set (nullopt: any)
};
// Which exercises to list, newest held_on first, then id descending.
struct ExerciseQuery {
  std::optional<std::vector<UnitId>> units;  // nullopt: any
  std::optional<TimeMs> held_from;           // inclusive
  int limit = 100;                           // 1..1000
  int offset = 0;
};

struct AlarmQuery {
  std::optional<AlarmStatus> status;
  std::optional<SiteId> site_id;
  std::optional<std::vector<SiteId>> site_ids;  // any of these (empty: none)
  std::optional<UserId> involving;              // raised by or received by this user
  std::optional<AlarmKind> kind;
  std::optional<RoomId> room_id;
  int limit = 50;
};

class StoreTx {
 public:
  virtual ~StoreTx() = default;

  // Makes every write durable (synchronous) and visible. After Commit, the
  // transaction may not be used again. Errors: Unavailable (busy), Internal.
  virtual Status Commit() = 0;

  // --- Organisation. Insert returns the new id; AlreadyExists on a duplicate name
  //     under the same parent.
  virtual Result<UnitId> InsertUnit(const OrgUnit& unit) = 0;
  virtual Status UpdateUnit(const OrgUnit& unit) = 0;  // NotFound
  virtual Result<std::vector<OrgUnit>> ListUnits() = 0;
  // A number that changes whenever a unit is inserted or updated, in the same
  // transaction: equal generations mean the same units.
  virtual Result<int64_t> OrgGeneration() = 0;

  // --- Users. Usernames are unique (AlreadyExists).
  virtual Result<UserId> InsertUser(const User& user) = 0;
  virtual Status UpdateUser(const User& user) = 0;                          // NotFound
  virtual Result<User> GetUser(UserId id) = 0;                              // NotFound
  virtual Result<User> GetUserByUsername(const std::string& username) = 0;  // NotFound
  virtual Result<std::vector<User>> ListUsers() = 0;  // ordered by display_name

  // --- Role grants. A (user, role, unit) triple is unique (AlreadyExists).
  virtual Result<int64_t> InsertGrant(const RoleGrant& grant) = 0;
  virtual Status DeleteGrant(int64_t grant_id) = 0;  // NotFound
  virtual Result<std::vector<RoleGrant>> ListGrants(std::optional<UserId> user) = 0;

  // --- Sessions, keyed by the token's hash.
  virtual Status InsertSession(const Session& session) = 0;
  virtual Result<Session> GetSession(const std::string& token_hash) = 0;  // NotFound
  virtual Status TouchSession(const std::string& token_hash, TimeMs at) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  virtual Status DeleteSessionsIdleSince(TimeMs cutoff) = 0;
  virtual Status DeleteSessionsOfUser(UserId user) = 0;

  // --- Incidents. Insert stores the exposed list too and returns the id.
  virtual Result<IncidentId> InsertIncident(const Incident& incident) = 0;
  virtual Result<Incident> GetIncident(IncidentId id) = 0;  // NotFound
  // Stores every field of `incident` (not the exposed list) and sets its
  // version to expected_version + 1. Conflict when the stored version is not
  // `expected_version`; NotFound when absent.
  virtual Status UpdateIncident(const Incident& incident, int64_t expected_version) = 0;
  virtual Result<std::vector<Incident>> ListIncidents(const IncidentQuery& query) = 0;
  virtual Result<int64_t> CountIncidents(const IncidentQuery& query) = 0;  // ignores limit

  // --- Notes, measures and the logbook of one incident.
  virtual Result<int64_t> InsertNote(const Note& note) = 0;
  virtual Result<std::vector<Note>> ListNotes(IncidentId incident) = 0;  // oldest first
  virtual Result<int64_t> InsertMeasure(const Measure& measure) = 0;
  virtual Status UpdateMeasure(const Measure& measure) = 0;                          // NotFound
  virtual Result<Measure> GetMeasure(int64_t id) = 0;                                // NotFound
  virtual Result<std::vector<Measure>> ListMeasures(const MeasureQuery& query) = 0;  // by due date
  virtual Result<int> CountOpenMeasures(IncidentId incident) = 0;
  virtual Result<int64_t> InsertLog(const LogEntry& entry) = 0;
  virtual Result<std::vector<LogEntry>> ListLog(IncidentId incident) = 0;  // oldest first

  // --- After an incident: its police report (one per incident) and notices
  //     to authorities (one per incident and authority). Put inserts or
  //     replaces; InvalidArgument("storage.foreign_key") for an unknown incident.
  virtual Result<PoliceReport> GetPoliceReport(IncidentId incident) = 0;  // NotFound
  virtual Status PutPoliceReport(const PoliceReport& report) = 0;
  virtual Result<std::vector<AuthorityNotice>> ListAuthorityNotices(IncidentId incident) = 0;
  virtual Status PutAuthorityNotice(const AuthorityNotice& notice) = 0;

  // --- A förvaltning's contact details (one per unit). Put inserts or replaces.
  virtual Result<OrgContact> GetOrgContact(UnitId unit) = 0;  // NotFound
  virtual Status PutOrgContact(const OrgContact& contact) = 0;

  // --- Policy rules of a förvaltning: only the kinds it has stored (see
  //     EffectiveRules for the defaults), in AllRuleKinds order. Put inserts or
  //     replaces the rule of that kind.
  virtual Result<std::vector<PolicyRule>> ListPolicyRules(UnitId forvaltning) = 0;
  virtual Status PutPolicyRule(UnitId forvaltning, const PolicyRule& rule, UserId by,
                               TimeMs at) = 0;

  // --- Risk templates, versioned per förvaltning. Insert: AlreadyExists when
  //     that version is stored.
  virtual Status InsertRiskTemplate(const StoredRiskTemplate& t) = 0;
  // The highest stored version; NotFound("risk_template.not_found") when none.
  virtual Result<StoredRiskTemplate> LatestRiskTemplate(UnitId forvaltning) = 0;
  virtual Result<StoredRiskTemplate> GetRiskTemplate(UnitId forvaltning, int version) = 0;

  // --- Risk assessments, with their answers, measures and participants.
  //     Update replaces all of those, sets version to expected_version + 1;
  //     Conflict on a stale version, NotFound("risk.not_found") when absent.
  virtual Result<int64_t> InsertAssessment(const RiskAssessment& a) = 0;
  virtual Result<RiskAssessment> GetAssessment(int64_t id) = 0;
  virtual Status UpdateAssessment(const RiskAssessment& a, int64_t expected_version) = 0;
  virtual Result<std::vector<RiskAssessment>> ListAssessments(const AssessmentQuery& q) = 0;
  // Every decided and rated measure of followed-up assessments, of one
  // förvaltning or (nullopt) all.
  virtual Result<std::vector<MeasureUse>> ListMeasureUses(std::optional<UnitId> forvaltning) = 0;

  // --- The person behind an incident, as a subject key (one per incident).
  //     Put with an empty key removes the link.
  virtual Status PutIncidentSubject(IncidentId incident, const std::string& subject_key, UserId by,
                                    TimeMs at) = 0;
  // The key, or "" when none is linked.
  virtual Result<std::string> GetIncidentSubject(IncidentId incident) = 0;
  // Every incident linked to `subject_key`, newest first (no limit: the app
  // filters by access).
  virtual Result<std::vector<Incident>> ListIncidentsBySubject(const std::string& subject_key) = 0;

  // --- Security plans, their measures and log. UpdateSecurityPlan replaces
  //     people and the handling group too; Conflict / NotFound("plan.not_found").
  virtual Result<int64_t> InsertSecurityPlan(const SecurityPlan& p) = 0;
  virtual Result<SecurityPlan> GetSecurityPlan(int64_t id) = 0;
  virtual Status UpdateSecurityPlan(const SecurityPlan& p, int64_t expected_version) = 0;
  virtual Result<std::vector<SecurityPlan>> ListSecurityPlans(const PlanQuery& q) = 0;
  virtual Result<int64_t> InsertPlanMeasure(const PlanMeasure& m) = 0;
  virtual Result<PlanMeasure> GetPlanMeasure(int64_t id) = 0;  // NotFound("plan_measure.not_found")
  virtual Status UpdatePlanMeasure(const PlanMeasure& m) = 0;
  virtual Result<std::vector<PlanMeasure>> ListPlanMeasures(int64_t plan_id) = 0;  // by due date
  virtual Result<int64_t> InsertPlanLog(const PlanLogEntry& e) = 0;
  virtual Result<std::vector<PlanLogEntry>> ListPlanLog(int64_t plan_id) = 0;  // oldest first

  // --- Statistics projection: one FactsRow per incident, written in the same
  //     transaction as every change to the incident or what hangs on it.
  // Inserts or replaces the incident's row and gives it the next change
  // sequence (greater than every seq stored); returns that seq.
  // InvalidArgument("storage.foreign_key") for an unknown incident.
  virtual Result<int64_t> PutFacts(const FactsRow& row) = 0;
  // Rows with seq > after_seq, ascending by seq, at most `limit`.
  virtual Result<std::vector<FactsRow>> ListFacts(int64_t after_seq, int limit) = 0;
  // The greatest seq stored (0 when none).
  virtual Result<int64_t> LastFactsSeq() = 0;
  // Incidents that have no FactsRow (written before schema 5), ascending, at most `limit`.
  virtual Result<std::vector<IncidentId>> ListIncidentsWithoutFacts(int limit) = 0;

  // --- Unit profiles (headcount, rooms, coordinator, alarm test). Put inserts or replaces.
  virtual Status PutUnitProfile(
      const UnitProfile& p) = 0;  // InvalidArgument("storage.foreign_key")
  virtual Result<std::vector<UnitProfile>> ListUnitProfiles() = 0;  // by unit_id

  // --- Routines and acknowledgements.
  virtual Result<int64_t> InsertRoutine(const Routine& r) = 0;
  virtual Result<Routine> GetRoutine(int64_t id) = 0;  // NotFound("routine.not_found")
  virtual Status UpdateRoutine(const Routine& r) = 0;  // NotFound("routine.not_found")
  virtual Result<std::vector<Routine>> ListRoutines(const RoutineQuery& q) = 0;
  // Idempotent: acknowledging the same version twice keeps the first time.
  virtual Status PutRoutineAck(const RoutineAck& ack) = 0;
  // Acknowledgements of `version` of the routine (nullopt: every version), by user id.
  virtual Result<std::vector<RoutineAck>> ListRoutineAcks(int64_t routine_id,
                                                          std::optional<int> version) = 0;
  // Every acknowledgement by `user`, any routine, by routine id then version.
  virtual Result<std::vector<RoutineAck>> ListAcksOfUser(UserId user) = 0;

  // --- Exercises and their findings.
  virtual Result<int64_t> InsertExercise(const Exercise& e) = 0;
  virtual Result<Exercise> GetExercise(int64_t id) = 0;  // NotFound("exercise.not_found")
  virtual Result<std::vector<Exercise>> ListExercises(const ExerciseQuery& q) = 0;
  virtual Result<int64_t> InsertFinding(const ExerciseFinding& f) = 0;
  virtual Result<ExerciseFinding> GetFinding(int64_t id) = 0;  // NotFound("finding.not_found")
  virtual Status UpdateFinding(const ExerciseFinding& f) = 0;
  virtual Result<std::vector<ExerciseFinding>> ListFindings(int64_t exercise_id) = 0;  // by id
  // Open findings with an owner, due before `due_before` (exclusive), by due date.
  virtual Result<std::vector<ExerciseFinding>> ListOpenFindingMeasures(TimeMs due_before) = 0;

  // --- KPIs. Put inserts or replaces the value with the same key.
  virtual Status PutKpi(const KpiValue& v) = 0;
  // Every value, or those of one förvaltning; by förvaltning, kind, group, year, period.
  virtual Result<std::vector<KpiValue>> ListKpis(std::optional<UnitId> forvaltning) = 0;

  // --- Panic alarms (issue 7): sites, rooms, devices, duty, alarms, receivers, events.
  virtual Result<SiteId> InsertAlarmSite(const AlarmSite& s) = 0;
  virtual Result<AlarmSite> GetAlarmSite(SiteId id) = 0;  // NotFound("alarm.site_not_found")
  // Compare-and-set on version (Conflict("storage.stale") when it moved); stores version + 1.
  virtual Status UpdateAlarmSite(const AlarmSite& s, int64_t expected_version) = 0;
  virtual Result<std::vector<AlarmSite>> ListAlarmSites() = 0;  // by id
  virtual Result<RoomId> InsertAlarmRoom(const AlarmRoom& r) = 0;
  virtual Result<AlarmRoom> GetAlarmRoom(RoomId id) = 0;  // NotFound("alarm.room_not_found")
  virtual Status UpdateAlarmRoom(const AlarmRoom& r) = 0;
  // The rooms of `site` (nullopt: every site), by id.
  virtual Result<std::vector<AlarmRoom>> ListAlarmRooms(std::optional<SiteId> site) = 0;
  virtual Result<DeviceId> InsertAlarmDevice(const AlarmDevice& d) = 0;
  virtual Result<AlarmDevice> GetAlarmDevice(
      DeviceId id) = 0;  // NotFound("alarm.device_not_found")
  // NotFound("alarm.device_token") when no device has that token hash.
  virtual Result<AlarmDevice> GetAlarmDeviceByToken(const std::string& token_hash) = 0;
  virtual Status UpdateAlarmDevice(const AlarmDevice& d) = 0;
  // The devices of `room` (nullopt: every room), by id.
  virtual Result<std::vector<AlarmDevice>> ListAlarmDevices(std::optional<RoomId> room) = 0;
  // A user is on duty at one site at a time: Put replaces the user's duty.
  virtual Status PutDuty(const Duty& d) = 0;
  virtual Status DeleteDuty(UserId user) = 0;
  virtual Result<std::optional<Duty>> GetDuty(UserId user) = 0;
  // Users on duty at `site` at `now` (since ≤ now < until), by user id.
  virtual Result<std::vector<Duty>> ListDutyAt(SiteId site, TimeMs now) = 0;
  virtual Result<AlarmId> InsertAlarm(const Alarm& a) = 0;
  virtual Result<Alarm> GetAlarm(AlarmId id) = 0;  // NotFound("alarm.not_found")
  // Compare-and-set on version (Conflict("storage.stale")); stores version + 1.
  virtual Status UpdateAlarm(const Alarm& a, int64_t expected_version) = 0;
  // Newest first (raised_at, then id).
  virtual Result<std::vector<Alarm>> ListAlarms(const AlarmQuery& q) = 0;
  // Inserts the receiver unless (alarm, user) is there: true when inserted.
  virtual Result<bool> AddAlarmReceiver(const AlarmReceiver& r) = 0;
  virtual Status UpdateAlarmReceiver(const AlarmReceiver& r) = 0;                    // NotFound
  virtual Result<std::vector<AlarmReceiver>> ListAlarmReceivers(AlarmId alarm) = 0;  // by user
  // Appends the event with the next seq (greater than every seq stored) and
  // returns it. On PostgreSQL also NOTIFY trygg_alarm (delivered at commit).
  virtual Result<int64_t> AppendAlarmEvent(const AlarmEvent& e) = 0;
  // Events with seq > after_seq, ascending, at most `limit`.
  virtual Result<std::vector<AlarmEvent>> ListAlarmEventsAfter(int64_t after_seq, int limit) = 0;
  virtual Result<std::vector<AlarmEvent>> ListAlarmEvents(AlarmId alarm) = 0;  // by seq
  virtual Result<int64_t> LastAlarmEventSeq() = 0;                             // 0 when none
  // The last test alarm of each room that someone responded to: room → raised_at.
  virtual Result<std::vector<std::pair<RoomId, TimeMs>>> ListLastRoomTests() = 0;

  // --- Notifications. Insert stores `n` unless its user already has one with
  //     the same dedupe_key: returns the new id, or 0 for such a duplicate.
  virtual Result<int64_t> InsertNotification(const Notification& n) = 0;
  // The user's notifications with id < before_id (0: no bound), newest first.
  virtual Result<std::vector<Notification>> ListNotifications(UserId user, bool unread_only,
                                                              int64_t before_id, int limit) = 0;
  virtual Result<int64_t> CountUnreadNotifications(UserId user) = 0;
  // Marks the user's notification `id` (nullopt: all of them) read at `at`,
  // when unread; returns how many changed.
  virtual Result<int64_t> MarkNotificationsRead(UserId user, std::optional<int64_t> id,
                                                TimeMs at) = 0;

  // --- The mail outbox.
  virtual Result<int64_t> InsertMail(const OutboxMail& mail) = 0;
  // Unsent mail with next_attempt_at <= now, oldest first, at most `limit`.
  virtual Result<std::vector<OutboxMail>> ListDueMail(TimeMs now, int limit) = 0;
  virtual Status UpdateMail(const OutboxMail& mail) = 0;  // NotFound

  // --- Audit (append-only). AppendAudit stores `record` as given (seq, hashes).
  virtual Result<std::optional<AuditRecord>> LastAudit() = 0;
  virtual Status AppendAudit(const AuditRecord& record) = 0;
  // Records with seq > after_seq, ascending, at most `limit`.
  virtual Result<std::vector<AuditRecord>> ListAudit(int64_t after_seq, int limit) = 0;

  // --- Whole tables, for moving an installation between engines (trygg copy).
  //     Rows are as storage/tables.h describes; keys are the key columns' values.
  // Rows whose key is greater than `after` (every row when `after` is empty),
  // ascending by key, at most `limit`.
  virtual Result<std::vector<TableRow>> ReadRows(const TableInfo& table,
                                                 const std::vector<int64_t>& after, int limit) = 0;
  // Inserts `rows` exactly as given, ids included. InvalidArgument("storage.bad_row")
  // for a row of the wrong width or a non-integer in an integer column.
  virtual Status WriteRows(const TableInfo& table, const std::vector<TableRow>& rows) = 0;
  virtual Result<int64_t> CountRows(const TableInfo& table) = 0;
  // The greatest key in the table; empty when the table is empty.
  virtual Result<std::vector<int64_t>> LastKey(const TableInfo& table) = 0;
  // After WriteRows: ids the engine assigns from now on follow the greatest present.
  virtual Status ResetIdSequence(const TableInfo& table) = 0;
};

class Store {
 public:
  virtual ~Store() = default;

  // Brings the schema to the binary's version. Safe to run twice.
  // FailedPrecondition("storage.schema_too_new") when the database was written
  // by a newer binary.
  virtual Status Migrate() = 0;
  // The schema version stored in the database (0 for an empty database).
  virtual Result<int> SchemaVersion() = 0;

  // A read-only snapshot. Errors: Unavailable, Internal.
  virtual Result<std::unique_ptr<StoreTx>> BeginRead() = 0;
  // The exclusive write transaction; waits for another writer to finish. A
  // statement that fails (a duplicate, a missing reference) changes nothing
  // and leaves the transaction usable.
  virtual Result<std::unique_ptr<StoreTx>> BeginWrite() = 0;
  // As BeginWrite, for loading many rows at once (trygg copy): after any
  // failed statement the transaction can only be rolled back.
  virtual Result<std::unique_ptr<StoreTx>> BeginBulkWrite() { return BeginWrite(); }

  // Waits up to `timeout_ms` for another process to append an alarm event
  // (PostgreSQL LISTEN trygg_alarm); true when one may have. Engines without
  // such a signal sleep the timeout and return false. Called from one thread.
  virtual bool WaitForAlarmSignal(int timeout_ms) {
    std::this_thread::sleep_for(std::chrono::milliseconds(timeout_ms));
    return false;
  }
};

// How a store is opened.
struct StoreOptions {
  // PostgreSQL: the most sessions this process keeps open. Each `serve`
  // thread uses at most one at a time; the rest serve other callers (CLI).
  int pool_size = 8;
};

// The schema version this binary writes.
inline constexpr int kSchemaVersion = 6;

// Opens the store named by `url`: "sqlite:PATH", a bare PATH (SQLite), or
// "postgresql://…" / "postgres://…" (a libpq connection URI). Does not migrate.
// Errors: InvalidArgument("storage.bad_url") for an unknown scheme or a
// malformed URL; Unavailable when the database cannot be reached.
Result<std::unique_ptr<Store>> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace trygg
