// Panic alarm use cases: sites, rooms and devices; duty; raising, responding to and ending alarms;
// escalation by ring; history and the report an alarm becomes.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "domain/alarm.h"

namespace trygg {

struct RoomView {
  AlarmRoom room;
  std::optional<TimeMs> last_test_at;  // the last test alarm someone responded to
  bool test_overdue = false;
  std::vector<AlarmDevice> devices;  // managers only (token hashes never leave the app)
};

struct SiteView {
  AlarmSite site;
  std::string unit_name;  // path
  std::vector<RoomView> rooms;
  bool may_manage = false;  // chef/säkerhetssamordnare/admin covering the site's unit
};

struct DutyView {
  Duty duty;
  std::string site_name;
};

struct AlarmResponder {
  UserId user_id = 0;
  TimeMs at = 0;
  int64_t seconds = 0;  // from raised_at
};

// An alarm as a receiver or reader sees it: the whole current state.
struct AlarmView {
  Alarm alarm;
  std::string site_name;
  std::optional<AlarmRoom> room;
  std::optional<std::string> device_name;
  std::string phone_reception;
  std::string phone_guard;
  int receivers = 0;
  int delivered = 0;
  std::vector<AlarmResponder> responders;         // by time
  std::vector<AlarmEvent> events;                 // filled by Get only (the history)
  std::unordered_map<UserId, std::string> names;  // display names of every user referred to
};

struct NewSite {
  AlarmSite site;  // id, created_at, version ignored
};
struct SitePatch {
  std::optional<std::string> name, address, phone_reception, phone_guard;
  std::optional<int> test_interval_days, ring2_after_s, call_112_after_s;
  std::optional<std::vector<DutyFunction>> ring1, ring2;
};

struct RaiseAlarm {
  std::optional<RoomId> room_id;  // one of room and site; neither: the caller's duty room/site
  std::optional<SiteId> site_id;
  AlarmKind kind = AlarmKind::kReal;
};

struct RaiseResult {
  AlarmView view;
  bool created = false;  // false: the caller's alarm already active in that room
};

struct AlarmListQuery {
  std::optional<AlarmStatus> status;
  std::optional<SiteId> site_id;
  int limit = 50;  // 1–500
};

// The fields of the incident report an ended real alarm becomes.
struct AlarmReportDraft {
  UnitId unit_id = 0;
  TimeMs occurred_at = 0;
  PlaceType place_type = PlaceType::kAnnat;
  std::string description;
};

class AlarmService {
 public:
  explicit AlarmService(AppContext& ctx) : ctx_(ctx) {}

  // Called after every committed alarm event (the hub wakes its tail). Set once
  // at wiring time, before any use.
  void SetOnEvent(std::function<void()> on_event) { on_event_ = std::move(on_event); }

  // --- Configuration (chef, säkerhetssamordnare or admin covering the unit).
  // PermissionDenied("alarm.forbidden"); InvalidArgument("alarm.invalid", field).
  Result<SiteView> CreateSite(const Principal& who, const NewSite& in);
  Result<SiteView> UpdateSite(const Principal& who, SiteId id, const SitePatch& patch);
  Result<RoomView> AddRoom(const Principal& who, SiteId site, const AlarmRoom& room);
  Result<RoomView> UpdateRoom(const Principal& who, RoomId id, std::optional<std::string> name,
                              std::optional<RoomKind> kind);
  // Registers a device; returns it and its token (shown once).
  Result<std::pair<AlarmDevice, std::string>> RegisterDevice(const Principal& who, RoomId room,
                                                             const std::string& name);
  Status RevokeDevice(const Principal& who, DeviceId id);
  // Sites the caller may go on duty at or manages, by name, with rooms.
  Result<std::vector<SiteView>> ListSites(const Principal& who);

  // --- Duty. PermissionDenied("alarm.not_on_duty") for a site the caller may
  // not use; InvalidArgument("alarm.invalid", "until"|"room_id").
  Result<DutyView> PutDuty(const Principal& who, SiteId site, DutyFunction function,
                           std::optional<RoomId> room, std::optional<TimeMs> until);
  Result<std::optional<DutyView>> GetDuty(const Principal& who);  // nullopt: off duty
  Status EndDuty(const Principal& who);

  // --- Alarms. Raise writes the alarm, its ring-1 receivers (users on duty
  // there in a ring-1 function, and the raiser) and the event in one
  // transaction. PermissionDenied("alarm.not_on_duty").
  Result<RaiseResult> Raise(const Principal& who, const RaiseAlarm& in);
  // A device raises for its room. Unauthenticated("alarm.device_token") for an
  // unknown or revoked token; PermissionDenied("alarm.device_room") when
  // room_id is given and is not the device's room.
  Result<RaiseResult> RaiseFromDevice(const std::string& token, AlarmKind kind,
                                      std::optional<RoomId> room_id);
  // Receivers only: NotFound("alarm.not_found") otherwise; FailedPrecondition
  // ("alarm.ended") once ended. Idempotent.
  Result<AlarmView> Delivered(const Principal& who, AlarmId id);
  Result<AlarmView> Respond(const Principal& who, AlarmId id);
  // The raiser, a responder, or a chef/säkerhetssamordnare covering the site.
  Result<AlarmView> End(const Principal& who, AlarmId id, AlarmOutcome outcome,
                        const std::string& note);
  // Readers (raiser, receivers, chef/säk/admin covering the site): the alarm
  // with its events; audited. NotFound("alarm.not_found") for anyone else.
  Result<AlarmView> Get(const Principal& who, AlarmId id);
  Result<std::vector<AlarmView>> List(const Principal& who, const AlarmListQuery& q);
  // The raiser of an ended real alarm: PermissionDenied("alarm.not_raiser"),
  // FailedPrecondition("alarm.active") while active.
  Result<AlarmReportDraft> ReportDraft(const Principal& who, AlarmId id);
  // Links the incident `incident_id` (just reported by `who`, the raiser) to
  // the alarm, inside the caller's transaction. FailedPrecondition
  // ("alarm.reported") when already linked.
  Status LinkReport(StoreTx& tx, const Principal& who, AlarmId id, int64_t incident_id);
  // Tells the hub that a caller's transaction with LinkReport in it committed.
  void Committed() const;

  // Escalation of every active alarm at the clock's now: ring 2, the 112
  // prompt. Returns how many alarms changed. Run every second by serve.
  Result<int> Tick();

  // --- Fan-out support (AlarmHub). The alarm as its receivers see it, with no
  // caller check; and who receives it.
  Result<AlarmView> ViewForFanout(StoreTx& tx, AlarmId id);

 private:
  AppContext& ctx_;
  std::function<void()> on_event_;
};

}  // namespace trygg
