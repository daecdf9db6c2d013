// Panic alarms: sites, rooms, devices, duty, rings, the alarm and its events, and the rules that
// decide who is alerted when.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/incident.h"
#include "domain/org.h"

namespace trygg {

using AlarmId = int64_t;
using SiteId = int64_t;
using RoomId = int64_t;
using DeviceId = int64_t;

enum class RoomKind { kBesoksrum, kReception, kSamtalsrum, kKontor, kAnnat };
std::string_view RoomKindCode(
    RoomKind v);  // "besoksrum", "reception", "samtalsrum", "kontor", "annat"
std::optional<RoomKind> ParseRoomKind(std::string_view code);
// The incident place type a room kind reports as (reception → reception, besöksrum and
// samtalsrum → besoksrum, else annat).
PlaceType PlaceTypeOfRoom(RoomKind kind);

// What a user on duty does at a site; rings are lists of functions.
enum class DutyFunction { kKollega, kReception, kVakt, kChef };
std::string_view DutyFunctionCode(DutyFunction v);  // "kollega", "reception", "vakt", "chef"
std::optional<DutyFunction> ParseDutyFunction(std::string_view code);

struct AlarmSite {
  SiteId id = 0;
  UnitId unit_id = 0;
  std::string name;             // 1–200 characters
  std::string address;          // 0–300
  std::string phone_reception;  // 0–40, digits, spaces, +, -
  std::string phone_guard;      // 0–40
  int test_interval_days = 30;  // 1–366
  std::vector<DutyFunction> ring1 = {DutyFunction::kKollega, DutyFunction::kReception};
  std::vector<DutyFunction> ring2 = {DutyFunction::kVakt, DutyFunction::kChef};
  int ring2_after_s = 30;     // 5–600
  int call_112_after_s = 60;  // ≥ ring2_after_s, ≤ 1800
  TimeMs created_at = 0;
  int64_t version = 1;
};
// InvalidArgument("alarm.invalid", field) naming the first bad field.
Status ValidateSite(const AlarmSite& site);

struct AlarmRoom {
  RoomId id = 0;
  SiteId site_id = 0;
  std::string name;  // 1–200
  RoomKind kind = RoomKind::kBesoksrum;
};
Status ValidateRoom(const AlarmRoom& room);  // InvalidArgument("alarm.invalid", field)

// A physical button or reception system. Only the SHA-256 (hex) of its token is stored.
struct AlarmDevice {
  DeviceId id = 0;
  RoomId room_id = 0;
  std::string name;  // 1–200
  std::string token_hash;
  TimeMs created_at = 0;
  std::optional<TimeMs> last_used_at;
  bool revoked = false;
};

// A user on duty at one site until a time.
struct Duty {
  UserId user_id = 0;
  SiteId site_id = 0;
  std::optional<RoomId> room_id;
  DutyFunction function = DutyFunction::kKollega;
  TimeMs since = 0;
  TimeMs until = 0;
};

enum class AlarmKind { kReal, kTest, kDrill };
std::string_view AlarmKindCode(AlarmKind v);  // "real", "test", "drill"
std::optional<AlarmKind> ParseAlarmKind(std::string_view code);

enum class AlarmStatus { kActive, kEnded };
std::string_view AlarmStatusCode(AlarmStatus v);  // "active", "ended"

enum class AlarmOutcome { kResolved, kFalseAlarm, kTestOk, kOther };
std::string_view AlarmOutcomeCode(AlarmOutcome v);  // "resolved", "false_alarm", "test_ok", "other"
std::optional<AlarmOutcome> ParseAlarmOutcome(std::string_view code);

struct Alarm {
  AlarmId id = 0;
  AlarmKind kind = AlarmKind::kReal;
  AlarmStatus status = AlarmStatus::kActive;
  SiteId site_id = 0;
  std::optional<RoomId> room_id;
  UnitId unit_id = 0;  // the site's unit when raised
  std::optional<UserId> raised_by;
  std::optional<DeviceId> device_id;
  TimeMs raised_at = 0;
  int ring = 1;           // the ring reached: 1 or 2
  bool call_112 = false;  // receivers were prompted to call 112
  std::optional<TimeMs> ended_at;
  std::optional<UserId> ended_by;
  std::optional<AlarmOutcome> outcome;
  std::string outcome_note;  // 0–500
  std::optional<int64_t> incident_id;
  int64_t version = 1;
};

// Who receives an alarm (one row per user), from which ring, and whether and
// when their screen showed it and they responded.
struct AlarmReceiver {
  AlarmId alarm_id = 0;
  UserId user_id = 0;
  int ring = 1;
  TimeMs added_at = 0;
  std::optional<TimeMs> delivered_at;
  std::optional<TimeMs> responded_at;
};

enum class AlarmEventKind { kRaised, kRing2, kCall112, kDelivered, kResponding, kEnded, kReported };
std::string_view AlarmEventKindCode(AlarmEventKind v);
// "raised", "ring2", "call_112", "delivered", "responding", "ended", "reported"

// One entry of an alarm's history. seq is global and increasing: the order in
// which every process fans events out.
struct AlarmEvent {
  int64_t seq = 0;
  AlarmId alarm_id = 0;
  AlarmEventKind kind = AlarmEventKind::kRaised;
  TimeMs at = 0;
  std::optional<UserId> user_id;
  std::string detail;  // e.g. the number of receivers added, the outcome
};

// The functions of `site`'s ring `ring` (1 or 2).
const std::vector<DutyFunction>& RingFunctions(const AlarmSite& site, int ring);

// What the escalation rule asks of an active alarm at `now` given whether anyone
// has responded: reach ring 2 after ring2_after_s without a responder, prompt
// 112 after call_112_after_s without one. Both false once someone responds or
// when already done.
struct Escalation {
  bool ring2 = false;
  bool call_112 = false;
};
Escalation EscalationAt(const Alarm& alarm, const AlarmSite& site, bool any_responder, TimeMs now);

// The end of the Stockholm calendar day of `t` (the default end of a duty).
TimeMs EndOfStockholmDay(TimeMs t);

// A room is overdue for its test when its last responded test is older than
// the site's interval, or it was never tested.
bool TestOverdue(const AlarmSite& site, std::optional<TimeMs> last_test_at, TimeMs now);

}  // namespace trygg
