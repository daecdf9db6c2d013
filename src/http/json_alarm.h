// Panic alarm objects ↔ JSON (docs/alarms.md, "API"): sites, rooms, devices,
// duty, alarms and their events, the report draft, the stream's messages; and
// the alarm request bodies and queries, strictly validated.
//
// Times are ISO 8601 UTC with "Z". Parsers return InvalidArgument with a
// "validation.*" reason and the field as detail (json_fields.h); the service
// checks the business rules ("alarm.invalid").
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "app/alarm_hub.h"
#include "app/alarm_service.h"
#include "http/json_requests.h"

namespace trygg {

// {"id","room_id","name","created_at","last_used_at"|null,"revoked"} (never the token hash).
nlohmann::json AlarmDeviceJson(const AlarmDevice& d);
// {"id","site_id","name","kind","last_test_at"|null,"test_overdue"}, and
// "devices":[Device] when `with_devices` (managers only).
nlohmann::json AlarmRoomJson(const RoomView& v, bool with_devices);
// {"id","unit_id","unit_name","name","address","phone_reception","phone_guard",
//  "test_interval_days","ring1","ring2","ring2_after_s","call_112_after_s",
//  "rooms":[AlarmRoom],"may_manage"}; rooms carry devices when may_manage.
nlohmann::json AlarmSiteJson(const SiteView& v);
// {"site_id","site_name","room_id"|null,"function","until"}
nlohmann::json DutyJson(const DutyView& v);
// AlarmView (the whole current state); with `with_events` also
// "events":[{"seq","at","kind","user":PersonRef|null,"detail"}].
nlohmann::json AlarmViewJson(const AlarmView& v, bool with_events = false);
// {"unit_id","occurred_at","place_type","category":"hot","outside_workplace":false,
//  "tied_to_role":true,"description"}
nlohmann::json AlarmReportDraftJson(const AlarmReportDraft& d);

// The stream's text for one message: "id: <seq>\nevent: alarm\ndata: {"kind","alarm"}\n\n"
// (the JSON on one line).
std::string AlarmSseMessage(const AlarmMessage& m);
// The first text of a stream: "retry: 2000\n\nevent: hello\ndata: {"server_time","seq"}\n\n".
std::string AlarmSseHello(TimeMs server_time, int64_t seq);

// POST /alarm-sites: {unit_id, name, address?, phone_reception?, phone_guard?,
// test_interval_days?, ring1?, ring2?, ring2_after_s?, call_112_after_s?}.
Result<NewSite> ParseNewAlarmSite(const nlohmann::json& body);
// PATCH /alarm-sites/{id}: the same fields but unit_id, each optional.
Result<SitePatch> ParseAlarmSitePatch(const nlohmann::json& body);
// POST /alarm-sites/{id}/rooms: {name, kind}.
Result<AlarmRoom> ParseNewAlarmRoom(const nlohmann::json& body);
struct AlarmRoomPatch {
  std::optional<std::string> name;
  std::optional<RoomKind> kind;
};
// PATCH /alarm-rooms/{id}: {name?, kind?}.
Result<AlarmRoomPatch> ParseAlarmRoomPatch(const nlohmann::json& body);
// POST /alarm-rooms/{id}/devices: {name}.
Result<std::string> ParseAlarmDeviceName(const nlohmann::json& body);

struct DutyRequest {
  SiteId site_id = 0;
  DutyFunction function = DutyFunction::kKollega;
  std::optional<RoomId> room_id;
  std::optional<TimeMs> until;
};
// PUT /duty: {site_id, function, room_id?|null, until?}.
Result<DutyRequest> ParseDutyRequest(const nlohmann::json& body);

// POST /alarms: {room_id?, site_id?, kind?}; an empty body is the duty room.
Result<RaiseAlarm> ParseRaiseAlarm(std::string_view body);
struct DeviceAlarmRequest {
  AlarmKind kind = AlarmKind::kReal;
  std::optional<RoomId> room_id;
};
// POST /device/alarm: {kind?: "real"|"test", room_id?}; an empty body is allowed.
Result<DeviceAlarmRequest> ParseDeviceAlarm(std::string_view body);
struct AlarmEndRequest {
  AlarmOutcome outcome = AlarmOutcome::kResolved;
  std::string note;
};
// POST /alarms/{id}/end: {outcome, note?}.
Result<AlarmEndRequest> ParseAlarmEnd(const nlohmann::json& body);
// GET /alarms: status=active|ended, site_id, limit (1–500, default 50).
Result<AlarmListQuery> ParseAlarmListQuery(const QueryParams& query);
// The stream's resume point: the Last-Event-ID header, else ?last_event_id=;
// nullopt when neither. InvalidArgument("validation.type", "last_event_id")
// when not a non-negative integer.
Result<std::optional<int64_t>> ParseLastEventId(std::optional<std::string_view> header,
                                                const QueryParams& query);

}  // namespace trygg
