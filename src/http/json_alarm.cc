// Panic alarm JSON (see json_alarm.h).
#include "http/json_alarm.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "core/time.h"
#include "http/json_fields.h"
#include "http/json_mapping.h"

namespace trygg {
namespace {

using nlohmann::json;

constexpr Presence kReq = Presence::kRequired;
constexpr Presence kOpt = Presence::kOptional;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxInt = std::numeric_limits<int32_t>::max();
// Generous text bounds: the domain checks the real lengths ("alarm.invalid").
constexpr size_t kMaxText = 1000;

json OptTime(const std::optional<TimeMs>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

std::string NameIn(const std::unordered_map<UserId, std::string>& names, UserId id) {
  auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

json OptPerson(const std::unordered_map<UserId, std::string>& names,
               const std::optional<UserId>& id) {
  return id ? PersonRefJson(*id, NameIn(names, *id)) : json(nullptr);
}

json FunctionsJson(const std::vector<DutyFunction>& functions) {
  json out = json::array();
  for (DutyFunction f : functions) out.push_back(DutyFunctionCode(f));
  return out;
}

// Member `name` as a list of duty function codes (at most one of each), when present.
std::optional<std::vector<DutyFunction>> Functions(const json& body, FieldReader& r,
                                                   const char* name) {
  if (!r.ok() || !body.contains(name)) return std::nullopt;
  const json& v = body.at(name);
  if (!v.is_array() || v.size() > 4) {
    r.Fail(v.is_array() ? "validation.range" : "validation.type", name);
    return std::nullopt;
  }
  std::vector<DutyFunction> out;
  for (const json& item : v) {
    if (!item.is_string()) {
      r.Fail("validation.type", name);
      return std::nullopt;
    }
    std::optional<DutyFunction> f = ParseDutyFunction(item.get<std::string>());
    if (!f) {
      r.Fail("validation.enum", name);
      return std::nullopt;
    }
    if (std::find(out.begin(), out.end(), *f) == out.end()) out.push_back(*f);
  }
  return out;
}

// An optional request body: empty means {}.
Result<json> OptionalBody(std::string_view body) {
  if (body.empty()) return json::object();
  return ParseJsonObject(body);
}

std::optional<int64_t> ToNonNegative(std::string_view s) {
  int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || v < 0) return std::nullopt;
  return v;
}

}  // namespace

json AlarmDeviceJson(const AlarmDevice& d) {
  return {{"id", d.id},
          {"room_id", d.room_id},
          {"name", d.name},
          {"created_at", FormatIso8601(d.created_at)},
          {"last_used_at", OptTime(d.last_used_at)},
          {"revoked", d.revoked}};
}

json AlarmRoomJson(const RoomView& v, bool with_devices) {
  json j = {{"id", v.room.id},
            {"site_id", v.room.site_id},
            {"name", v.room.name},
            {"kind", RoomKindCode(v.room.kind)},
            {"last_test_at", OptTime(v.last_test_at)},
            {"test_overdue", v.test_overdue}};
  if (with_devices) {
    json devices = json::array();
    for (const AlarmDevice& d : v.devices) devices.push_back(AlarmDeviceJson(d));
    j["devices"] = std::move(devices);
  }
  return j;
}

json AlarmSiteJson(const SiteView& v) {
  const AlarmSite& s = v.site;
  json rooms = json::array();
  for (const RoomView& r : v.rooms) rooms.push_back(AlarmRoomJson(r, v.may_manage));
  return {{"id", s.id},
          {"unit_id", s.unit_id},
          {"unit_name", v.unit_name},
          {"name", s.name},
          {"address", s.address},
          {"phone_reception", s.phone_reception},
          {"phone_guard", s.phone_guard},
          {"test_interval_days", s.test_interval_days},
          {"ring1", FunctionsJson(s.ring1)},
          {"ring2", FunctionsJson(s.ring2)},
          {"ring2_after_s", s.ring2_after_s},
          {"call_112_after_s", s.call_112_after_s},
          {"rooms", std::move(rooms)},
          {"may_manage", v.may_manage}};
}

json DutyJson(const DutyView& v) {
  return {{"site_id", v.duty.site_id},
          {"site_name", v.site_name},
          {"room_id", v.duty.room_id ? json(*v.duty.room_id) : json(nullptr)},
          {"function", DutyFunctionCode(v.duty.function)},
          {"until", FormatIso8601(v.duty.until)}};
}

json AlarmViewJson(const AlarmView& v, bool with_events) {
  const Alarm& a = v.alarm;
  json responders = json::array();
  for (const AlarmResponder& r : v.responders) {
    responders.push_back({{"user", PersonRefJson(r.user_id, NameIn(v.names, r.user_id))},
                          {"at", FormatIso8601(r.at)},
                          {"seconds", r.seconds}});
  }
  json room = nullptr;
  if (v.room) {
    room = {{"id", v.room->id}, {"name", v.room->name}, {"kind", RoomKindCode(v.room->kind)}};
  }
  json device = nullptr;
  if (a.device_id) device = {{"id", *a.device_id}, {"name", v.device_name.value_or("")}};
  json j = {{"id", a.id},
            {"kind", AlarmKindCode(a.kind)},
            {"status", AlarmStatusCode(a.status)},
            {"site", {{"id", a.site_id}, {"name", v.site_name}}},
            {"room", std::move(room)},
            {"unit_id", a.unit_id},
            {"raised_by", OptPerson(v.names, a.raised_by)},
            {"device", std::move(device)},
            {"raised_at", FormatIso8601(a.raised_at)},
            {"ring", a.ring},
            {"call_112", a.call_112},
            {"receivers", v.receivers},
            {"delivered", v.delivered},
            {"responders", std::move(responders)},
            {"ended_at", OptTime(a.ended_at)},
            {"ended_by", OptPerson(v.names, a.ended_by)},
            {"outcome", a.outcome ? json(AlarmOutcomeCode(*a.outcome)) : json(nullptr)},
            {"outcome_note", a.outcome_note.empty() ? json(nullptr) : json(a.outcome_note)},
            {"incident_id", a.incident_id ? json(*a.incident_id) : json(nullptr)},
            {"phones",
             {{"reception", v.phone_reception}, {"guard", v.phone_guard}, {"emergency", "112"}}}};
  if (with_events) {
    json events = json::array();
    for (const AlarmEvent& e : v.events) {
      events.push_back({{"seq", e.seq},
                        {"at", FormatIso8601(e.at)},
                        {"kind", AlarmEventKindCode(e.kind)},
                        {"user", OptPerson(v.names, e.user_id)},
                        {"detail", e.detail}});
    }
    j["events"] = std::move(events);
  }
  return j;
}

json AlarmReportDraftJson(const AlarmReportDraft& d) {
  return {{"unit_id", d.unit_id},
          {"occurred_at", FormatIso8601(d.occurred_at)},
          {"place_type", PlaceTypeCode(d.place_type)},
          {"category", CategoryCode(Category::kHot)},
          {"outside_workplace", false},
          {"tied_to_role", true},
          {"description", d.description}};
}

std::string AlarmSseMessage(const AlarmMessage& m) {
  const json data = {{"kind", AlarmEventKindCode(m.kind)}, {"alarm", AlarmViewJson(m.view)}};
  // DumpJson writes one line: newlines inside strings are escaped.
  return "id: " + std::to_string(m.seq) + "\nevent: alarm\ndata: " + DumpJson(data) + "\n\n";
}

std::string AlarmSseHello(TimeMs server_time, int64_t seq) {
  const json data = {{"server_time", FormatIso8601(server_time)}, {"seq", seq}};
  return "retry: 2000\n\nevent: hello\ndata: " + DumpJson(data) + "\n\n";
}

Result<NewSite> ParseNewAlarmSite(const json& body) {
  FieldReader r(body);
  NewSite in;
  AlarmSite& s = in.site;
  auto unit = r.Int("unit_id", kReq, 1, kMaxId);
  auto name = r.String("name", kReq, kMaxText);
  auto address = r.String("address", kOpt, kMaxText);
  auto reception = r.String("phone_reception", kOpt, kMaxText);
  auto guard = r.String("phone_guard", kOpt, kMaxText);
  auto interval = r.Int("test_interval_days", kOpt, 0, kMaxInt);
  auto ring2_after = r.Int("ring2_after_s", kOpt, 0, kMaxInt);
  auto call_after = r.Int("call_112_after_s", kOpt, 0, kMaxInt);
  auto ring1 = Functions(body, r, "ring1");
  auto ring2 = Functions(body, r, "ring2");
  if (!r.ok()) return r.status();
  s.unit_id = *unit;
  s.name = *name;
  if (address) s.address = *address;
  if (reception) s.phone_reception = *reception;
  if (guard) s.phone_guard = *guard;
  if (interval) s.test_interval_days = static_cast<int>(*interval);
  if (ring2_after) s.ring2_after_s = static_cast<int>(*ring2_after);
  if (call_after) s.call_112_after_s = static_cast<int>(*call_after);
  if (ring1) s.ring1 = *ring1;
  if (ring2) s.ring2 = *ring2;
  return in;
}

Result<SitePatch> ParseAlarmSitePatch(const json& body) {
  FieldReader r(body);
  SitePatch p;
  p.name = r.String("name", kOpt, kMaxText);
  p.address = r.String("address", kOpt, kMaxText);
  p.phone_reception = r.String("phone_reception", kOpt, kMaxText);
  p.phone_guard = r.String("phone_guard", kOpt, kMaxText);
  if (auto v = r.Int("test_interval_days", kOpt, 0, kMaxInt)) {
    p.test_interval_days = static_cast<int>(*v);
  }
  if (auto v = r.Int("ring2_after_s", kOpt, 0, kMaxInt)) p.ring2_after_s = static_cast<int>(*v);
  if (auto v = r.Int("call_112_after_s", kOpt, 0, kMaxInt)) {
    p.call_112_after_s = static_cast<int>(*v);
  }
  p.ring1 = Functions(body, r, "ring1");
  p.ring2 = Functions(body, r, "ring2");
  if (!r.ok()) return r.status();
  return p;
}

Result<AlarmRoom> ParseNewAlarmRoom(const json& body) {
  FieldReader r(body);
  auto name = r.String("name", kReq, kMaxText);
  auto kind = r.Enum("kind", kReq, ParseRoomKind);
  if (!r.ok()) return r.status();
  AlarmRoom room;
  room.name = *name;
  room.kind = *kind;
  return room;
}

Result<AlarmRoomPatch> ParseAlarmRoomPatch(const json& body) {
  FieldReader r(body);
  AlarmRoomPatch p;
  p.name = r.String("name", kOpt, kMaxText);
  p.kind = r.Enum("kind", kOpt, ParseRoomKind);
  if (!r.ok()) return r.status();
  return p;
}

Result<std::string> ParseAlarmDeviceName(const json& body) {
  FieldReader r(body);
  auto name = r.String("name", kReq, kMaxText);
  if (!r.ok()) return r.status();
  return *name;
}

Result<DutyRequest> ParseDutyRequest(const json& body) {
  FieldReader r(body);
  DutyRequest d;
  auto site = r.Int("site_id", kReq, 1, kMaxId);
  auto function = r.Enum("function", kReq, ParseDutyFunction);
  std::optional<int64_t> room;
  if (!r.IsNull("room_id")) room = r.Int("room_id", kOpt, 1, kMaxId);
  std::optional<TimeMs> until;
  if (!r.IsNull("until")) until = r.Time("until", kOpt);
  if (!r.ok()) return r.status();
  d.site_id = *site;
  d.function = *function;
  d.room_id = room;
  d.until = until;
  return d;
}

Result<RaiseAlarm> ParseRaiseAlarm(std::string_view text) {
  TRYGG_ASSIGN_OR_RETURN(json body, OptionalBody(text));
  FieldReader r(body);
  RaiseAlarm in;
  std::optional<int64_t> room, site;
  if (!r.IsNull("room_id")) room = r.Int("room_id", kOpt, 1, kMaxId);
  if (!r.IsNull("site_id")) site = r.Int("site_id", kOpt, 1, kMaxId);
  auto kind = r.Enum("kind", kOpt, ParseAlarmKind);
  if (!r.ok()) return r.status();
  in.room_id = room;
  in.site_id = site;
  if (kind) in.kind = *kind;
  return in;
}

Result<DeviceAlarmRequest> ParseDeviceAlarm(std::string_view text) {
  TRYGG_ASSIGN_OR_RETURN(json body, OptionalBody(text));
  FieldReader r(body);
  DeviceAlarmRequest in;
  auto kind = r.Enum("kind", kOpt, ParseAlarmKind);
  std::optional<int64_t> room;
  if (!r.IsNull("room_id")) room = r.Int("room_id", kOpt, 1, kMaxId);
  if (!r.ok()) return r.status();
  // A device raises real alarms and larmtest; drills are raised from the app.
  if (kind == AlarmKind::kDrill) return Status::InvalidArgument("validation.enum", "kind");
  if (kind) in.kind = *kind;
  in.room_id = room;
  return in;
}

Result<AlarmEndRequest> ParseAlarmEnd(const json& body) {
  FieldReader r(body);
  AlarmEndRequest in;
  auto outcome = r.Enum("outcome", kReq, ParseAlarmOutcome);
  auto note = r.String("note", kOpt, 500);
  if (!r.ok()) return r.status();
  in.outcome = *outcome;
  if (note) in.note = *note;
  return in;
}

Result<AlarmListQuery> ParseAlarmListQuery(const QueryParams& q) {
  AlarmListQuery out;
  if (auto it = q.find("status"); it != q.end() && !it->second.empty()) {
    if (it->second == "active") {
      out.status = AlarmStatus::kActive;
    } else if (it->second == "ended") {
      out.status = AlarmStatus::kEnded;
    } else {
      return Status::InvalidArgument("validation.enum", "status");
    }
  }
  std::optional<int64_t> site, limit;
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "site_id", 1, kMaxId, &site));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "limit", 1, 500, &limit));
  out.site_id = site;
  if (limit) out.limit = static_cast<int>(*limit);
  return out;
}

Result<std::optional<int64_t>> ParseLastEventId(std::optional<std::string_view> header,
                                                const QueryParams& query) {
  std::optional<std::string_view> text = header;
  if (!text) {
    if (auto it = query.find("last_event_id"); it != query.end()) text = it->second;
  }
  if (!text || text->empty()) return std::optional<int64_t>();
  std::optional<int64_t> seq = ToNonNegative(*text);
  if (!seq) return Status::InvalidArgument("validation.type", "last_event_id");
  return seq;
}

}  // namespace trygg
