// SqlTx: panic alarms — sites, rooms, devices, duty, alarms, receivers and their event sequence.
#include <string>
#include <utility>
#include <vector>

#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr int kMaxAlarmLimit = 1000;

// A ring as stored: its function codes, comma-separated ("kollega,reception").
std::string EncodeRing(const std::vector<DutyFunction>& ring) {
  std::string out;
  for (DutyFunction f : ring) {
    if (!out.empty()) out += ',';
    out += DutyFunctionCode(f);
  }
  return out;
}

Result<std::vector<DutyFunction>> DecodeRing(const std::string& text, std::string_view column) {
  std::vector<DutyFunction> ring;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    TRYGG_ASSIGN_OR_RETURN(DutyFunction f,
                           Decode(ParseDutyFunction, text.substr(start, end - start), column));
    ring.push_back(f);
    start = end + 1;
  }
  return ring;
}

// Statuses have no parser in the domain (they are never input); the store decodes its own.
std::optional<AlarmStatus> ParseStoredAlarmStatus(std::string_view code) {
  for (AlarmStatus s : {AlarmStatus::kActive, AlarmStatus::kEnded}) {
    if (AlarmStatusCode(s) == code) return s;
  }
  return std::nullopt;
}

std::optional<AlarmEventKind> ParseStoredEventKind(std::string_view code) {
  for (AlarmEventKind k :
       {AlarmEventKind::kRaised, AlarmEventKind::kRing2, AlarmEventKind::kCall112,
        AlarmEventKind::kDelivered, AlarmEventKind::kResponding, AlarmEventKind::kEnded,
        AlarmEventKind::kReported}) {
    if (AlarmEventKindCode(k) == code) return k;
  }
  return std::nullopt;
}

// --- Sites ------------------------------------------------------------------------

constexpr char kSelectSite[] =
    "SELECT id, unit_id, name, address, phone_reception, phone_guard, test_interval_days, ring1,"
    " ring2, ring2_after_s, call_112_after_s, created_at, version FROM alarm_sites";

// Every column but id and version, in kSelectSite's order.
void BindSiteFields(Statement& st, const AlarmSite& s) {
  st.BindInt(s.unit_id).BindText(s.name).BindText(s.address).BindText(s.phone_reception);
  st.BindText(s.phone_guard).BindInt(s.test_interval_days).BindText(EncodeRing(s.ring1));
  st.BindText(EncodeRing(s.ring2)).BindInt(s.ring2_after_s).BindInt(s.call_112_after_s);
  st.BindInt(s.created_at);
}

Result<AlarmSite> ReadSite(const Statement& row) {
  AlarmSite s;
  s.id = row.Int(0);
  s.unit_id = row.Int(1);
  s.name = row.Text(2);
  s.address = row.Text(3);
  s.phone_reception = row.Text(4);
  s.phone_guard = row.Text(5);
  s.test_interval_days = static_cast<int>(row.Int(6));
  TRYGG_ASSIGN_OR_RETURN(s.ring1, DecodeRing(row.Text(7), "alarm_sites.ring1"));
  TRYGG_ASSIGN_OR_RETURN(s.ring2, DecodeRing(row.Text(8), "alarm_sites.ring2"));
  s.ring2_after_s = static_cast<int>(row.Int(9));
  s.call_112_after_s = static_cast<int>(row.Int(10));
  s.created_at = row.Int(11);
  s.version = row.Int(12);
  return s;
}

// --- Rooms and devices -------------------------------------------------------------

constexpr char kSelectRoom[] = "SELECT id, site_id, name, kind FROM alarm_rooms";

Result<AlarmRoom> ReadRoom(const Statement& row) {
  AlarmRoom r;
  r.id = row.Int(0);
  r.site_id = row.Int(1);
  r.name = row.Text(2);
  TRYGG_ASSIGN_OR_RETURN(r.kind, Decode(ParseRoomKind, row.Text(3), "alarm_rooms.kind"));
  return r;
}

constexpr char kSelectDevice[] =
    "SELECT id, room_id, name, token_hash, created_at, last_used_at, revoked FROM alarm_devices";

Result<AlarmDevice> ReadDevice(const Statement& row) {
  AlarmDevice d;
  d.id = row.Int(0);
  d.room_id = row.Int(1);
  d.name = row.Text(2);
  d.token_hash = row.Text(3);
  d.created_at = row.Int(4);
  d.last_used_at = row.OptInt(5);
  d.revoked = row.Bool(6);
  return d;
}

// --- Duty ---------------------------------------------------------------------------

constexpr char kSelectDuty[] =
    "SELECT user_id, site_id, room_id, duty_function, since_at, until_at FROM alarm_duty";

Result<Duty> ReadDuty(const Statement& row) {
  Duty d;
  d.user_id = row.Int(0);
  d.site_id = row.Int(1);
  d.room_id = row.OptInt(2);
  TRYGG_ASSIGN_OR_RETURN(d.function,
                         Decode(ParseDutyFunction, row.Text(3), "alarm_duty.duty_function"));
  d.since = row.Int(4);
  d.until = row.Int(5);
  return d;
}

// --- Alarms -------------------------------------------------------------------------

constexpr char kSelectAlarm[] =
    "SELECT a.id, a.kind, a.status, a.site_id, a.room_id, a.unit_id, a.raised_by, a.device_id,"
    " a.raised_at, a.ring, a.call_112, a.ended_at, a.ended_by, a.outcome, a.outcome_note,"
    " a.incident_id, a.version FROM alarms a";

// Every column but id and version, in kSelectAlarm's order.
void BindAlarmFields(Statement& st, const Alarm& a) {
  st.BindText(AlarmKindCode(a.kind)).BindText(AlarmStatusCode(a.status)).BindInt(a.site_id);
  st.BindOptInt(a.room_id).BindInt(a.unit_id).BindOptInt(a.raised_by).BindOptInt(a.device_id);
  st.BindInt(a.raised_at).BindInt(a.ring).BindBool(a.call_112).BindOptInt(a.ended_at);
  st.BindOptInt(a.ended_by);
  if (a.outcome.has_value()) {
    st.BindText(AlarmOutcomeCode(*a.outcome));
  } else {
    st.BindNull();
  }
  st.BindText(a.outcome_note).BindOptInt(a.incident_id);
}

Result<Alarm> ReadAlarm(const Statement& row) {
  Alarm a;
  a.id = row.Int(0);
  TRYGG_ASSIGN_OR_RETURN(a.kind, Decode(ParseAlarmKind, row.Text(1), "alarms.kind"));
  TRYGG_ASSIGN_OR_RETURN(a.status, Decode(ParseStoredAlarmStatus, row.Text(2), "alarms.status"));
  a.site_id = row.Int(3);
  a.room_id = row.OptInt(4);
  a.unit_id = row.Int(5);
  a.raised_by = row.OptInt(6);
  a.device_id = row.OptInt(7);
  a.raised_at = row.Int(8);
  a.ring = static_cast<int>(row.Int(9));
  a.call_112 = row.Bool(10);
  a.ended_at = row.OptInt(11);
  a.ended_by = row.OptInt(12);
  if (!row.IsNull(13)) {
    TRYGG_ASSIGN_OR_RETURN(a.outcome, Decode(ParseAlarmOutcome, row.Text(13), "alarms.outcome"));
  }
  a.outcome_note = row.Text(14);
  a.incident_id = row.OptInt(15);
  a.version = row.Int(16);
  return a;
}

constexpr char kSelectReceiver[] =
    "SELECT alarm_id, user_id, ring, added_at, delivered_at, responded_at FROM alarm_receivers";

Result<AlarmReceiver> ReadReceiver(const Statement& row) {
  AlarmReceiver r;
  r.alarm_id = row.Int(0);
  r.user_id = row.Int(1);
  r.ring = static_cast<int>(row.Int(2));
  r.added_at = row.Int(3);
  r.delivered_at = row.OptInt(4);
  r.responded_at = row.OptInt(5);
  return r;
}

constexpr char kSelectEvent[] = "SELECT seq, alarm_id, kind, at, user_id, detail FROM alarm_events";

Result<AlarmEvent> ReadEvent(const Statement& row) {
  AlarmEvent e;
  e.seq = row.Int(0);
  e.alarm_id = row.Int(1);
  TRYGG_ASSIGN_OR_RETURN(e.kind, Decode(ParseStoredEventKind, row.Text(2), "alarm_events.kind"));
  e.at = row.Int(3);
  e.user_id = row.OptInt(4);
  e.detail = row.Text(5);
  return e;
}

}  // namespace

// --- Sites --------------------------------------------------------------------------

Result<SiteId> SqlTx::InsertAlarmSite(const AlarmSite& s) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_sites (unit_id, name, address, phone_reception, phone_guard,"
              " test_interval_days, ring1, ring2, ring2_after_s, call_112_after_s, created_at,"
              " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  BindSiteFields(st, s);
  st.BindInt(s.version);
  return st.RunReturningId();
}

Result<AlarmSite> SqlTx::GetAlarmSite(SiteId id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectSite) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<AlarmSite>(st, ReadSite, "alarm.site_not_found");
}

Status SqlTx::UpdateAlarmSite(const AlarmSite& s, int64_t expected_version) {
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare("UPDATE alarm_sites SET unit_id = ?, name = ?, address = ?, phone_reception = ?,"
                " phone_guard = ?, test_interval_days = ?, ring1 = ?, ring2 = ?,"
                " ring2_after_s = ?, call_112_after_s = ?, created_at = ?, version = ?"
                " WHERE id = ? AND version = ?"));
    BindSiteFields(st, s);
    st.BindInt(expected_version + 1).BindInt(s.id).BindInt(expected_version);
    TRYGG_RETURN_IF_ERROR(st.Run());
    if (st.Changes() > 0) return Status::Ok();
  }
  return MissingOrStale("alarm_sites", s.id, "alarm.site_not_found", "storage.stale");
}

Result<std::vector<AlarmSite>> SqlTx::ListAlarmSites() {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectSite) + " ORDER BY id"));
  return ReadAll<AlarmSite>(st, ReadSite);
}

// --- Rooms --------------------------------------------------------------------------

Result<RoomId> SqlTx::InsertAlarmRoom(const AlarmRoom& r) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_rooms (site_id, name, kind) VALUES (?, ?, ?) RETURNING id"));
  st.BindInt(r.site_id).BindText(r.name).BindText(RoomKindCode(r.kind));
  return st.RunReturningId();
}

Result<AlarmRoom> SqlTx::GetAlarmRoom(RoomId id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectRoom) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<AlarmRoom>(st, ReadRoom, "alarm.room_not_found");
}

Status SqlTx::UpdateAlarmRoom(const AlarmRoom& r) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("UPDATE alarm_rooms SET site_id = ?, name = ?, kind = ? WHERE id = ?"));
  st.BindInt(r.site_id).BindText(r.name).BindText(RoomKindCode(r.kind)).BindInt(r.id);
  return RunExpectingOneRow(st, "alarm.room_not_found");
}

Result<std::vector<AlarmRoom>> SqlTx::ListAlarmRooms(std::optional<SiteId> site) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectRoom) +
                                               (site.has_value() ? " WHERE site_id = ? ORDER BY id"
                                                                 : " ORDER BY id")));
  if (site.has_value()) st.BindInt(*site);
  return ReadAll<AlarmRoom>(st, ReadRoom);
}

// --- Devices ------------------------------------------------------------------------

Result<DeviceId> SqlTx::InsertAlarmDevice(const AlarmDevice& d) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_devices (room_id, name, token_hash, created_at, last_used_at,"
              " revoked) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(d.room_id).BindText(d.name).BindText(d.token_hash).BindInt(d.created_at);
  st.BindOptInt(d.last_used_at).BindBool(d.revoked);
  return st.RunReturningId();
}

Result<AlarmDevice> SqlTx::GetAlarmDevice(DeviceId id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectDevice) + " WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<AlarmDevice>(st, ReadDevice, "alarm.device_not_found");
}

Result<AlarmDevice> SqlTx::GetAlarmDeviceByToken(const std::string& token_hash) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectDevice) + " WHERE token_hash = ?"));
  st.BindText(token_hash);
  return ReadOne<AlarmDevice>(st, ReadDevice, "alarm.device_token");
}

Status SqlTx::UpdateAlarmDevice(const AlarmDevice& d) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE alarm_devices SET room_id = ?, name = ?, token_hash = ?, created_at = ?,"
              " last_used_at = ?, revoked = ? WHERE id = ?"));
  st.BindInt(d.room_id).BindText(d.name).BindText(d.token_hash).BindInt(d.created_at);
  st.BindOptInt(d.last_used_at).BindBool(d.revoked).BindInt(d.id);
  return RunExpectingOneRow(st, "alarm.device_not_found");
}

Result<std::vector<AlarmDevice>> SqlTx::ListAlarmDevices(std::optional<RoomId> room) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectDevice) +
                                               (room.has_value() ? " WHERE room_id = ? ORDER BY id"
                                                                 : " ORDER BY id")));
  if (room.has_value()) st.BindInt(*room);
  return ReadAll<AlarmDevice>(st, ReadDevice);
}

// --- Duty ---------------------------------------------------------------------------

Status SqlTx::PutDuty(const Duty& d) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_duty (user_id, site_id, room_id, duty_function, since_at,"
              " until_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET"
              " site_id = excluded.site_id, room_id = excluded.room_id,"
              " duty_function = excluded.duty_function, since_at = excluded.since_at,"
              " until_at = excluded.until_at"));
  st.BindInt(d.user_id).BindInt(d.site_id).BindOptInt(d.room_id);
  st.BindText(DutyFunctionCode(d.function)).BindInt(d.since).BindInt(d.until);
  return st.Run();
}

Status SqlTx::DeleteDuty(UserId user) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("DELETE FROM alarm_duty WHERE user_id = ?"));
  st.BindInt(user);
  return st.Run();
}

Result<std::optional<Duty>> SqlTx::GetDuty(UserId user) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectDuty) + " WHERE user_id = ?"));
  st.BindInt(user);
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<Duty>();
  TRYGG_ASSIGN_OR_RETURN(Duty d, ReadDuty(st));
  return std::optional<Duty>(std::move(d));
}

Result<std::vector<Duty>> SqlTx::ListDutyAt(SiteId site, TimeMs now) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare(std::string(kSelectDuty) +
              " WHERE site_id = ? AND since_at <= ? AND until_at > ? ORDER BY user_id"));
  st.BindInt(site).BindInt(now).BindInt(now);
  return ReadAll<Duty>(st, ReadDuty);
}

// --- Alarms -------------------------------------------------------------------------

Result<AlarmId> SqlTx::InsertAlarm(const Alarm& a) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarms (kind, status, site_id, room_id, unit_id, raised_by, device_id,"
              " raised_at, ring, call_112, ended_at, ended_by, outcome, outcome_note, incident_id,"
              " version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  BindAlarmFields(st, a);
  st.BindInt(a.version);
  return st.RunReturningId();
}

Result<Alarm> SqlTx::GetAlarm(AlarmId id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectAlarm) + " WHERE a.id = ?"));
  st.BindInt(id);
  return ReadOne<Alarm>(st, ReadAlarm, "alarm.not_found");
}

Status SqlTx::UpdateAlarm(const Alarm& a, int64_t expected_version) {
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        Prepare("UPDATE alarms SET kind = ?, status = ?, site_id = ?, room_id = ?, unit_id = ?,"
                " raised_by = ?, device_id = ?, raised_at = ?, ring = ?, call_112 = ?,"
                " ended_at = ?, ended_by = ?, outcome = ?, outcome_note = ?, incident_id = ?,"
                " version = ? WHERE id = ? AND version = ?"));
    BindAlarmFields(st, a);
    st.BindInt(expected_version + 1).BindInt(a.id).BindInt(expected_version);
    TRYGG_RETURN_IF_ERROR(st.Run());
    if (st.Changes() > 0) return Status::Ok();
  }
  return MissingOrStale("alarms", a.id, "alarm.not_found", "storage.stale");
}

// Every set field of the query narrows (they are ANDed); room_id unset means any room or none.
Result<std::vector<Alarm>> SqlTx::ListAlarms(const AlarmQuery& query) {
  if (query.limit < 1 || query.limit > kMaxAlarmLimit) {
    return Status::InvalidArgument("storage.bad_page", "limit 1..1000");
  }
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectAlarm);
  if (query.status.has_value()) {
    q.And().Sql("a.status = ?", std::string(AlarmStatusCode(*query.status)));
  }
  if (query.site_id.has_value()) q.And().Sql("a.site_id = ?", *query.site_id);
  if (query.site_ids.has_value()) {
    if (query.site_ids->empty()) return std::vector<Alarm>();
    q.And().InIds("a.site_id", *query.site_ids);
  }
  if (query.involving.has_value()) {
    q.And().Sql("(a.raised_by = ?", *query.involving);
    q.Sql(" OR EXISTS (SELECT 1 FROM alarm_receivers r WHERE r.alarm_id = a.id AND r.user_id = ?))",
          *query.involving);
  }
  if (query.kind.has_value()) {
    q.And().Sql("a.kind = ?", std::string(AlarmKindCode(*query.kind)));
  }
  if (query.room_id.has_value()) q.And().Sql("a.room_id = ?", *query.room_id);
  q.Sql(" ORDER BY a.raised_at DESC, a.id DESC LIMIT ?", query.limit);
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  return ReadAll<Alarm>(st, ReadAlarm);
}

// --- Receivers ----------------------------------------------------------------------

Result<bool> SqlTx::AddAlarmReceiver(const AlarmReceiver& r) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_receivers (alarm_id, user_id, ring, added_at, delivered_at,"
              " responded_at) VALUES (?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (alarm_id, user_id) DO NOTHING"));
  st.BindInt(r.alarm_id).BindInt(r.user_id).BindInt(r.ring).BindInt(r.added_at);
  st.BindOptInt(r.delivered_at).BindOptInt(r.responded_at);
  TRYGG_RETURN_IF_ERROR(st.Run());
  return st.Changes() > 0;
}

Status SqlTx::UpdateAlarmReceiver(const AlarmReceiver& r) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("UPDATE alarm_receivers SET ring = ?, added_at = ?, delivered_at = ?,"
                            " responded_at = ? WHERE alarm_id = ? AND user_id = ?"));
  st.BindInt(r.ring).BindInt(r.added_at).BindOptInt(r.delivered_at).BindOptInt(r.responded_at);
  st.BindInt(r.alarm_id).BindInt(r.user_id);
  return RunExpectingOneRow(st, "alarm.receiver_not_found");
}

Result<std::vector<AlarmReceiver>> SqlTx::ListAlarmReceivers(AlarmId alarm) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string(kSelectReceiver) + " WHERE alarm_id = ? ORDER BY user_id"));
  st.BindInt(alarm);
  return ReadAll<AlarmReceiver>(st, ReadReceiver);
}

// --- Events -------------------------------------------------------------------------

Result<int64_t> SqlTx::AppendAlarmEvent(const AlarmEvent& e) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  // As PutFacts: the next seq is read under the writer's exclusive lock, so no
  // other writer takes the same number, and seqs become visible in order.
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO alarm_events (seq, alarm_id, kind, at, user_id, detail)"
              " VALUES ((SELECT COALESCE(MAX(seq), 0) + 1 FROM alarm_events), ?, ?, ?, ?, ?)"
              " RETURNING seq"));
  st.BindInt(e.alarm_id).BindText(AlarmEventKindCode(e.kind)).BindInt(e.at);
  st.BindOptInt(e.user_id).BindText(e.detail);
  TRYGG_ASSIGN_OR_RETURN(int64_t seq, st.RunReturningId());
  // ENGINE-SPECIFIC: PostgreSQL queues the notification with the transaction
  // and delivers it to every listener at commit (once per transaction and
  // channel); a rollback drops it. SQLite has no such signal: other processes
  // poll (see Store::WaitForAlarmSignal).
  if (conn->dialect() == SqlDialect::kPostgresql) {
    TRYGG_RETURN_IF_ERROR(conn->Exec("NOTIFY trygg_alarm"));
  }
  return seq;
}

Result<std::vector<AlarmEvent>> SqlTx::ListAlarmEventsAfter(int64_t after_seq, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string(kSelectEvent) + " WHERE seq > ? ORDER BY seq LIMIT ?"));
  st.BindInt(after_seq).BindInt(limit);
  return ReadAll<AlarmEvent>(st, ReadEvent);
}

Result<std::vector<AlarmEvent>> SqlTx::ListAlarmEvents(AlarmId alarm) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectEvent) + " WHERE alarm_id = ? ORDER BY seq"));
  st.BindInt(alarm);
  return ReadAll<AlarmEvent>(st, ReadEvent);
}

Result<int64_t> SqlTx::LastAlarmEventSeq() {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("SELECT COALESCE(MAX(seq), 0) FROM alarm_events"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: MAX returned no row");
  return st.Int(0);
}

Result<std::vector<std::pair<RoomId, TimeMs>>> SqlTx::ListLastRoomTests() {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT a.room_id, MAX(a.raised_at) FROM alarms a"
              " WHERE a.kind = ? AND a.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM"
              " alarm_receivers r WHERE r.alarm_id = a.id AND r.responded_at IS NOT NULL)"
              " GROUP BY a.room_id ORDER BY a.room_id"));
  st.BindText(AlarmKindCode(AlarmKind::kTest));
  using RoomTest = std::pair<RoomId, TimeMs>;
  return ReadAll<RoomTest>(st, [](const Statement& r) -> Result<RoomTest> {
    return RoomTest{r.Int(0), r.Int(1)};
  });
}

}  // namespace trygg::sql
