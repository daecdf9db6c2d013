#include "storage/migrations.h"

namespace trygg {
namespace {

// --- Version 1: the initial schema. -----------------------------------------

constexpr std::string_view kV1Sql = R"sql(
CREATE TABLE org_units (
  id {{id_pk}},
  parent_id BIGINT REFERENCES org_units(id),
  kind TEXT NOT NULL,
  name TEXT NOT NULL
);
-- Unique name under the same parent; roots (no parent) share the key 0.
CREATE UNIQUE INDEX org_units_parent_name_uq ON org_units (COALESCE(parent_id, 0), name);

CREATE TABLE users (
  id {{id_pk}},
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  email TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  active INTEGER NOT NULL CHECK (active IN (0, 1)),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX users_username_uq ON users (username);
CREATE INDEX users_unit ON users (unit_id);

CREATE TABLE role_grants (
  id {{id_pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  role TEXT NOT NULL,
  unit_id BIGINT NOT NULL REFERENCES org_units(id)
);
CREATE UNIQUE INDEX role_grants_uq ON role_grants (user_id, role, unit_id);
CREATE INDEX role_grants_unit ON role_grants (unit_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_last_seen ON sessions (last_seen_at);

CREATE TABLE incidents (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  reporter_id BIGINT NOT NULL REFERENCES users(id),
  category TEXT NOT NULL,
  occurred_at BIGINT NOT NULL,
  place_type TEXT NOT NULL,
  outside_workplace INTEGER NOT NULL CHECK (outside_workplace IN (0, 1)),
  tied_to_role INTEGER NOT NULL CHECK (tied_to_role IN (0, 1)),
  description TEXT NOT NULL,
  injury TEXT NOT NULL,
  weapon INTEGER NOT NULL CHECK (weapon IN (0, 1)),
  death_threat INTEGER NOT NULL CHECK (death_threat IN (0, 1)),
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 4),
  perpetrator_relation TEXT,
  perpetrator_note TEXT NOT NULL,
  sensitive INTEGER NOT NULL CHECK (sensitive IN (0, 1)),
  status TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  acknowledged_at BIGINT,
  closed_at BIGINT,
  version BIGINT NOT NULL
);
CREATE INDEX incidents_unit_occurred ON incidents (unit_id, occurred_at);
CREATE INDEX incidents_occurred ON incidents (occurred_at, id);
CREATE INDEX incidents_status ON incidents (status);
CREATE INDEX incidents_reporter ON incidents (reporter_id);

-- The exposed users of an incident; `ord` keeps the order they were given in.
CREATE TABLE incident_exposed (
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  ord INTEGER NOT NULL,
  PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX incident_exposed_user ON incident_exposed (user_id);

CREATE TABLE notes (
  id {{id_pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  author_id BIGINT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX notes_incident ON notes (incident_id, id);

CREATE TABLE measures (
  id {{id_pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  title TEXT NOT NULL,
  responsible_user_id BIGINT NOT NULL REFERENCES users(id),
  due_date BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  done_by BIGINT REFERENCES users(id)
);
CREATE INDEX measures_incident ON measures (incident_id, status);
CREATE INDEX measures_responsible ON measures (responsible_user_id, status);
CREATE INDEX measures_due ON measures (due_date);

CREATE TABLE incident_log (
  id {{id_pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES users(id),
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX incident_log_incident ON incident_log (incident_id, id);

-- Append-only (see the engine-specific triggers). `seq` is assigned by the
-- caller, which chains `hash` to the previous record's. No foreign keys: the
-- audit trail must outlive and never block on what it describes.
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  action TEXT NOT NULL,
  target_type TEXT NOT NULL,
  target_id BIGINT NOT NULL,
  detail TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
)sql";

// ENGINE-SPECIFIC (SQLite): audit_log rejects UPDATE and DELETE.
constexpr std::string_view kV1Sqlite = R"sql(
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql";

// ENGINE-SPECIFIC (PostgreSQL): the same guard, plus TRUNCATE. Not yet exercised
// by an engine; kept here so the PostgreSQL engine starts from the same source.
constexpr std::string_view kV1Postgresql = R"sql(
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql";

// --- Version 2: a generation counter for the organisation tree. ---------------
// Every change to org_units bumps it in the same transaction, so a process
// that caches the tree (several `serve` processes share one PostgreSQL
// database) sees when another process changed it.
constexpr std::string_view kV2Sql = R"sql(
CREATE TABLE store_counters (
  name TEXT PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO store_counters (name, value) VALUES ('org_generation', 1);
)sql";

// --- Version 3: after an incident. -------------------------------------------
// New incident and measure fields (support), the police report and notices to
// authorities, the förvaltning's contact details and policy rules,
// notifications and the mail outbox. Added columns carry defaults (or allow
// NULL) so existing rows stay valid; SQLite's ADD COLUMN needs exactly that.
// authority_notices and policy_rules are keyed by a text code, so they carry
// an integer `id` (the whole-table copy pages by integer keys) and keep their
// natural key as a unique index, which ON CONFLICT targets.
constexpr std::string_view kV3Sql = R"sql(
ALTER TABLE incidents ADD COLUMN aimed_at_person INTEGER NOT NULL DEFAULT 1
  CHECK (aimed_at_person IN (0, 1));
ALTER TABLE incidents ADD COLUMN serious_since BIGINT;
ALTER TABLE incidents ADD COLUMN coordinator_consulted_at BIGINT;
-- Incidents already serious: their clock starts when they were reported.
UPDATE incidents SET serious_since = created_at WHERE severity >= 3;

ALTER TABLE measures ADD COLUMN kind TEXT NOT NULL DEFAULT 'atgard';
ALTER TABLE measures ADD COLUMN support_type TEXT;
ALTER TABLE measures ADD COLUMN support_group INTEGER NOT NULL DEFAULT 0
  CHECK (support_group IN (0, 1));
ALTER TABLE measures ADD COLUMN support_user_id BIGINT REFERENCES users(id);
ALTER TABLE measures ADD COLUMN follow_up_date BIGINT;

CREATE TABLE police_reports (
  incident_id BIGINT PRIMARY KEY REFERENCES incidents(id),
  reported INTEGER NOT NULL CHECK (reported IN (0, 1)),
  reporter TEXT,
  reported_by BIGINT REFERENCES users(id),
  reported_at BIGINT,
  case_number TEXT NOT NULL,
  case_status TEXT NOT NULL,
  not_reported_reason TEXT,
  note TEXT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE authority_notices (
  id {{id_pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  authority TEXT NOT NULL,
  notified_at BIGINT NOT NULL,
  channel TEXT NOT NULL,
  reference TEXT NOT NULL,
  recorded_by BIGINT NOT NULL,
  recorded_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX authority_notices_uq ON authority_notices (incident_id, authority);

CREATE TABLE org_contacts (
  unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
  legal_name TEXT NOT NULL,
  org_number TEXT NOT NULL,
  street_address TEXT NOT NULL,
  postal_code TEXT NOT NULL,
  city TEXT NOT NULL,
  phone TEXT NOT NULL,
  email TEXT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

-- `categories`: comma-separated category codes; empty for every category.
CREATE TABLE policy_rules (
  id {{id_pk}},
  forvaltning_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  working_days INTEGER NOT NULL,
  min_severity INTEGER NOT NULL,
  categories TEXT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX policy_rules_uq ON policy_rules (forvaltning_id, kind);

CREATE TABLE notifications (
  id {{id_pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  incident_id BIGINT REFERENCES incidents(id),
  ref TEXT NOT NULL,
  dedupe_key TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  read_at BIGINT
);
CREATE UNIQUE INDEX notifications_dedupe_uq ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_user ON notifications (user_id, read_at, id);

CREATE TABLE mail_outbox (
  id {{id_pk}},
  notification_id BIGINT NOT NULL,
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  sent_at BIGINT,
  last_error TEXT NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);
)sql";

// --- Version 4: risk assessments, subjects and security plans. ----------------
// Child rows (answers, measures, participants, a plan's people) carry a
// `position` so a read returns them in the order stored, and an integer
// primary key the whole-table copy pages by. `subject_key` is the keyed hash
// of a person (see domain/subject.h), never the identifier; '' when none.
constexpr std::string_view kV4Sql = R"sql(
-- `body`: the template as the app serialises it (JSON), opaque to the store.
CREATE TABLE risk_templates (
  id {{id_pk}},
  forvaltning_id BIGINT NOT NULL REFERENCES org_units(id),
  version INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX risk_templates_uq ON risk_templates (forvaltning_id, version);

CREATE TABLE risk_assessments (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  forvaltning_id BIGINT NOT NULL REFERENCES org_units(id),
  template_version INTEGER NOT NULL,
  meeting_type TEXT NOT NULL,
  event_at BIGINT NOT NULL,
  title TEXT NOT NULL,
  subject_key TEXT NOT NULL DEFAULT '',
  score INTEGER NOT NULL,
  level TEXT NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  decision_note TEXT NOT NULL,
  followed_up_by BIGINT REFERENCES users(id),
  followed_up_at BIGINT,
  incident_occurred INTEGER NOT NULL CHECK (incident_occurred IN (0, 1)),
  incident_id BIGINT REFERENCES incidents(id),
  outcome_note TEXT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX risk_assessments_unit ON risk_assessments (unit_id);
CREATE INDEX risk_assessments_subject ON risk_assessments (subject_key);
CREATE INDEX risk_assessments_created_by ON risk_assessments (created_by);
CREATE INDEX risk_assessments_event ON risk_assessments (event_at, id);
CREATE INDEX risk_assessments_status ON risk_assessments (status, forvaltning_id);

CREATE TABLE risk_assessment_answers (
  assessment_id BIGINT NOT NULL REFERENCES risk_assessments(id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  yes INTEGER NOT NULL CHECK (yes IN (0, 1)),
  PRIMARY KEY (assessment_id, position)
);

-- `rating`: 1..5 after the follow-up, NULL before.
CREATE TABLE risk_assessment_measures (
  assessment_id BIGINT NOT NULL REFERENCES risk_assessments(id),
  position INTEGER NOT NULL,
  code TEXT NOT NULL,
  proposed INTEGER NOT NULL CHECK (proposed IN (0, 1)),
  decided INTEGER NOT NULL CHECK (decided IN (0, 1)),
  rating INTEGER,
  PRIMARY KEY (assessment_id, position)
);

CREATE TABLE risk_assessment_participants (
  assessment_id BIGINT NOT NULL REFERENCES risk_assessments(id),
  position INTEGER NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  PRIMARY KEY (assessment_id, position)
);
CREATE UNIQUE INDEX risk_assessment_participants_uq
  ON risk_assessment_participants (assessment_id, user_id);
CREATE INDEX risk_assessment_participants_user ON risk_assessment_participants (user_id);

-- The person behind an incident: at most one subject per incident.
CREATE TABLE incident_subjects (
  incident_id BIGINT PRIMARY KEY REFERENCES incidents(id),
  subject_key TEXT NOT NULL,
  set_by BIGINT NOT NULL REFERENCES users(id),
  set_at BIGINT NOT NULL
);
CREATE INDEX incident_subjects_key ON incident_subjects (subject_key);

-- The routine's columns are meaningful when protected_case is 1;
-- handling_unit_id NULL: the plan's own unit.
CREATE TABLE security_plans (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  forvaltning_id BIGINT NOT NULL REFERENCES org_units(id),
  scope TEXT NOT NULL,
  title TEXT NOT NULL,
  subject_key TEXT NOT NULL DEFAULT '',
  threats TEXT NOT NULL,
  threat_level TEXT NOT NULL,
  review_date BIGINT NOT NULL,
  status TEXT NOT NULL,
  protected_case INTEGER NOT NULL CHECK (protected_case IN (0, 1)),
  handling_unit_id BIGINT REFERENCES org_units(id),
  omit_handlaggare_name INTEGER NOT NULL CHECK (omit_handlaggare_name IN (0, 1)),
  secure_room_only INTEGER NOT NULL CHECK (secure_room_only IN (0, 1)),
  two_staff_always INTEGER NOT NULL CHECK (two_staff_always IN (0, 1)),
  no_home_visits INTEGER NOT NULL CHECK (no_home_visits IN (0, 1)),
  instructions TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX security_plans_unit ON security_plans (unit_id);
CREATE INDEX security_plans_subject ON security_plans (subject_key);
CREATE INDEX security_plans_review ON security_plans (review_date, id);

-- A plan's people (kind 'person') and its protected case's handling group
-- (kind 'handling'); `position` keeps each list's order.
CREATE TABLE security_plan_people (
  plan_id BIGINT NOT NULL REFERENCES security_plans(id),
  position INTEGER NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL CHECK (kind IN ('person', 'handling')),
  PRIMARY KEY (plan_id, position)
);
CREATE UNIQUE INDEX security_plan_people_uq ON security_plan_people (plan_id, kind, user_id);
CREATE INDEX security_plan_people_user ON security_plan_people (user_id);

CREATE TABLE plan_measures (
  id {{id_pk}},
  plan_id BIGINT NOT NULL REFERENCES security_plans(id),
  title TEXT NOT NULL,
  owner_user_id BIGINT NOT NULL REFERENCES users(id),
  due_date BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  done_at BIGINT,
  done_by BIGINT REFERENCES users(id)
);
CREATE INDEX plan_measures_plan ON plan_measures (plan_id, due_date);
CREATE INDEX plan_measures_owner ON plan_measures (owner_user_id, status);

CREATE TABLE plan_log (
  id {{id_pk}},
  plan_id BIGINT NOT NULL REFERENCES security_plans(id),
  at BIGINT NOT NULL,
  actor_id BIGINT NOT NULL REFERENCES users(id),
  action TEXT NOT NULL,
  detail TEXT NOT NULL
);
CREATE INDEX plan_log_plan ON plan_log (plan_id, id);
)sql";

// --- Version 5: statistics, unit profiles, routines, exercises and KPIs. -------
// incident_facts is the statistics projection: one row per incident, a few
// integers and no person or text (domain/stats.h). `seq` is a change sequence
// the writer assigns (MAX + 1; writers are serialised), so a process that keeps
// the facts in memory reads what changed since it last looked with one primary
// key range scan. {{seq_pk}} makes `seq` the table's own key on each engine
// (SQLite: the rowid), so that scan reads the table in order.
// KPI values are stored in millionths (an integer), not as a floating-point
// column: a double's text differs between the engines ("3.0" / "3"), and the
// whole-table copy compares rows by their text.
constexpr std::string_view kV5Sql = R"sql(
-- ack_hours / close_days: -1 when unset.
CREATE TABLE incident_facts (
  seq {{seq_pk}},
  incident_id BIGINT NOT NULL REFERENCES incidents(id),
  unit_id BIGINT NOT NULL,
  day INTEGER NOT NULL,
  attrs INTEGER NOT NULL,
  ack_hours INTEGER NOT NULL,
  close_days INTEGER NOT NULL
);
CREATE UNIQUE INDEX incident_facts_incident_uq ON incident_facts (incident_id);

CREATE TABLE unit_profiles (
  unit_id BIGINT PRIMARY KEY REFERENCES org_units(id),
  headcount INTEGER NOT NULL,
  secure_rooms INTEGER NOT NULL,
  coordinator_full_time INTEGER NOT NULL CHECK (coordinator_full_time IN (0, 1)),
  alarm_tested_at BIGINT,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE routines (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  document_url TEXT NOT NULL,
  owner_user_id BIGINT NOT NULL REFERENCES users(id),
  version INTEGER NOT NULL,
  published_at BIGINT NOT NULL,
  revision_date BIGINT NOT NULL,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX routines_unit ON routines (unit_id);

CREATE TABLE routine_acks (
  routine_id BIGINT NOT NULL REFERENCES routines(id),
  version INTEGER NOT NULL,
  user_id BIGINT NOT NULL REFERENCES users(id),
  acknowledged_at BIGINT NOT NULL,
  PRIMARY KEY (routine_id, version, user_id)
);
CREATE INDEX routine_acks_user ON routine_acks (user_id, routine_id, version);

CREATE TABLE exercises (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  held_on BIGINT NOT NULL,
  scenario TEXT NOT NULL,
  participants INTEGER NOT NULL,
  notes TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX exercises_unit ON exercises (unit_id, held_on);
CREATE INDEX exercises_held ON exercises (held_on, id);

-- With an owner and a due date, a finding is a measure.
CREATE TABLE exercise_findings (
  id {{id_pk}},
  exercise_id BIGINT NOT NULL REFERENCES exercises(id),
  text TEXT NOT NULL,
  owner_user_id BIGINT REFERENCES users(id),
  due_date BIGINT,
  status TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  done_at BIGINT
);
CREATE INDEX exercise_findings_exercise ON exercise_findings (exercise_id, id);
CREATE INDEX exercise_findings_open ON exercise_findings (status, due_date);
CREATE INDEX exercise_findings_owner ON exercise_findings (owner_user_id);

-- Keyed by (forvaltning_id, kind, grp, year, period), with an integer `id` for
-- the whole-table copy; `value_millionths`: the value × 1 000 000.
CREATE TABLE kpi_values (
  id {{id_pk}},
  forvaltning_id BIGINT NOT NULL REFERENCES org_units(id),
  kind TEXT NOT NULL,
  grp TEXT NOT NULL,
  year INTEGER NOT NULL,
  period TEXT NOT NULL,
  value_millionths BIGINT NOT NULL,
  updated_by BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX kpi_values_uq ON kpi_values (forvaltning_id, kind, grp, year, period);
)sql";

// --- Version 6: panic alarms (issue 7). -----------------------------------------
// A site's rings are its duty function codes, comma-separated ("kollega,reception").
// alarm_events is the delivery log every `serve` process tails: like
// incident_facts, `seq` is assigned by the writer (MAX + 1 under the writer's
// lock) and is the table's own key, so "events after N" is one key range scan.
// Times are milliseconds; `until_at` / `since_at` avoid the keyword UNTIL.
constexpr std::string_view kV6Sql = R"sql(
CREATE TABLE alarm_sites (
  id {{id_pk}},
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  name TEXT NOT NULL,
  address TEXT NOT NULL,
  phone_reception TEXT NOT NULL,
  phone_guard TEXT NOT NULL,
  test_interval_days INTEGER NOT NULL,
  ring1 TEXT NOT NULL,
  ring2 TEXT NOT NULL,
  ring2_after_s INTEGER NOT NULL,
  call_112_after_s INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX alarm_sites_unit ON alarm_sites (unit_id);

CREATE TABLE alarm_rooms (
  id {{id_pk}},
  site_id BIGINT NOT NULL REFERENCES alarm_sites(id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX alarm_rooms_site ON alarm_rooms (site_id, id);

-- token_hash: the SHA-256 (hex) of the device's token; the token is not stored.
CREATE TABLE alarm_devices (
  id {{id_pk}},
  room_id BIGINT NOT NULL REFERENCES alarm_rooms(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked INTEGER NOT NULL CHECK (revoked IN (0, 1))
);
CREATE UNIQUE INDEX alarm_devices_token_uq ON alarm_devices (token_hash);
CREATE INDEX alarm_devices_room ON alarm_devices (room_id, id);

-- One row per user on duty (a user is on duty at one site at a time).
CREATE TABLE alarm_duty (
  user_id BIGINT PRIMARY KEY REFERENCES users(id),
  site_id BIGINT NOT NULL REFERENCES alarm_sites(id),
  room_id BIGINT REFERENCES alarm_rooms(id),
  duty_function TEXT NOT NULL,
  since_at BIGINT NOT NULL,
  until_at BIGINT NOT NULL
);
CREATE INDEX alarm_duty_site ON alarm_duty (site_id, until_at);

CREATE TABLE alarms (
  id {{id_pk}},
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  site_id BIGINT NOT NULL REFERENCES alarm_sites(id),
  room_id BIGINT REFERENCES alarm_rooms(id),
  unit_id BIGINT NOT NULL REFERENCES org_units(id),
  raised_by BIGINT REFERENCES users(id),
  device_id BIGINT REFERENCES alarm_devices(id),
  raised_at BIGINT NOT NULL,
  ring INTEGER NOT NULL CHECK (ring IN (1, 2)),
  call_112 INTEGER NOT NULL CHECK (call_112 IN (0, 1)),
  ended_at BIGINT,
  ended_by BIGINT REFERENCES users(id),
  outcome TEXT,
  outcome_note TEXT NOT NULL,
  incident_id BIGINT REFERENCES incidents(id),
  version BIGINT NOT NULL
);
CREATE INDEX alarms_status ON alarms (status, raised_at);
CREATE INDEX alarms_site ON alarms (site_id, raised_at);
CREATE INDEX alarms_raised ON alarms (raised_at, id);
CREATE INDEX alarms_raised_by ON alarms (raised_by);
CREATE INDEX alarms_room_kind ON alarms (room_id, kind);

CREATE TABLE alarm_receivers (
  alarm_id BIGINT NOT NULL REFERENCES alarms(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  ring INTEGER NOT NULL CHECK (ring IN (1, 2)),
  added_at BIGINT NOT NULL,
  delivered_at BIGINT,
  responded_at BIGINT,
  PRIMARY KEY (alarm_id, user_id)
);
CREATE INDEX alarm_receivers_user ON alarm_receivers (user_id, alarm_id);

CREATE TABLE alarm_events (
  seq {{seq_pk}},
  alarm_id BIGINT NOT NULL REFERENCES alarms(id),
  kind TEXT NOT NULL,
  at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users(id),
  detail TEXT NOT NULL
);
CREATE INDEX alarm_events_alarm ON alarm_events (alarm_id, seq);
)sql";

// ENGINE-SPECIFIC: what {{id_pk}} means. AUTOINCREMENT keeps SQLite from
// reusing the ids of deleted rows, as a PostgreSQL identity column does.
constexpr std::string_view kIdPkSqlite = "INTEGER PRIMARY KEY AUTOINCREMENT";
constexpr std::string_view kIdPkPostgresql = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY";
// ENGINE-SPECIFIC: what {{seq_pk}} means: a 64-bit primary key the writer
// assigns. In SQLite an INTEGER PRIMARY KEY is the rowid (64-bit), so rows are
// stored in key order.
constexpr std::string_view kSeqPkSqlite = "INTEGER PRIMARY KEY";
constexpr std::string_view kSeqPkPostgresql = "BIGINT PRIMARY KEY";

void ReplaceAll(std::string& text, std::string_view from, std::string_view to) {
  for (size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
}

}  // namespace

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kAll = {
      {1, "initial", kV1Sql, kV1Sqlite, kV1Postgresql},
      {2, "org_generation", kV2Sql, {}, {}},
      {3, "followup", kV3Sql, {}, {}},
      {4, "risk", kV4Sql, {}, {}},
      {5, "stats", kV5Sql, {}, {}},
      {6, "alarms", kV6Sql, {}, {}},
  };
  return kAll;
}

std::string MigrationSql(const Migration& migration, SqlDialect dialect) {
  std::string sql(migration.sql);
  const bool sqlite = dialect == SqlDialect::kSqlite;
  ReplaceAll(sql, "{{id_pk}}", sqlite ? kIdPkSqlite : kIdPkPostgresql);
  ReplaceAll(sql, "{{seq_pk}}", sqlite ? kSeqPkSqlite : kSeqPkPostgresql);
  sql += sqlite ? migration.sqlite_sql : migration.postgresql_sql;
  return sql;
}

}  // namespace trygg
