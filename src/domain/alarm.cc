#include "domain/alarm.h"

#include "core/text.h"
#include "core/time.h"
#include "domain/calendar.h"
#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<RoomKind, 5> kRoomKinds{{{
    {RoomKind::kBesoksrum, "besoksrum"},
    {RoomKind::kReception, "reception"},
    {RoomKind::kSamtalsrum, "samtalsrum"},
    {RoomKind::kKontor, "kontor"},
    {RoomKind::kAnnat, "annat"},
}}};

constexpr CodeTable<DutyFunction, 4> kDutyFunctions{{{
    {DutyFunction::kKollega, "kollega"},
    {DutyFunction::kReception, "reception"},
    {DutyFunction::kVakt, "vakt"},
    {DutyFunction::kChef, "chef"},
}}};

constexpr CodeTable<AlarmKind, 3> kAlarmKinds{{{
    {AlarmKind::kReal, "real"},
    {AlarmKind::kTest, "test"},
    {AlarmKind::kDrill, "drill"},
}}};

constexpr CodeTable<AlarmStatus, 2> kAlarmStatuses{{{
    {AlarmStatus::kActive, "active"},
    {AlarmStatus::kEnded, "ended"},
}}};

constexpr CodeTable<AlarmOutcome, 4> kAlarmOutcomes{{{
    {AlarmOutcome::kResolved, "resolved"},
    {AlarmOutcome::kFalseAlarm, "false_alarm"},
    {AlarmOutcome::kTestOk, "test_ok"},
    {AlarmOutcome::kOther, "other"},
}}};

constexpr CodeTable<AlarmEventKind, 7> kAlarmEventKinds{{{
    {AlarmEventKind::kRaised, "raised"},
    {AlarmEventKind::kRing2, "ring2"},
    {AlarmEventKind::kCall112, "call_112"},
    {AlarmEventKind::kDelivered, "delivered"},
    {AlarmEventKind::kResponding, "responding"},
    {AlarmEventKind::kEnded, "ended"},
    {AlarmEventKind::kReported, "reported"},
}}};

constexpr size_t kMaxNameChars = 200;
constexpr size_t kMaxAddressChars = 300;
constexpr size_t kMaxPhoneChars = 40;

Status Invalid(std::string_view field) {
  return Status::InvalidArgument("alarm.invalid", std::string(field));
}

// Empty, or at most 40 characters of digits, spaces, '+' and '-' with at least one digit.
bool ValidPhone(std::string_view phone) {
  if (phone.empty()) return true;
  if (phone.size() > kMaxPhoneChars) return false;
  bool digit = false;
  for (char c : phone) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != ' ' && c != '+' && c != '-') {
      return false;
    }
  }
  return digit;
}

// A ring lists each function at most once.
bool ValidRing(const std::vector<DutyFunction>& ring) {
  for (size_t i = 0; i < ring.size(); ++i) {
    for (size_t j = i + 1; j < ring.size(); ++j) {
      if (ring[i] == ring[j]) return false;
    }
  }
  return true;
}

}  // namespace

std::string_view RoomKindCode(RoomKind v) { return kRoomKinds.Code(v); }
std::optional<RoomKind> ParseRoomKind(std::string_view code) { return kRoomKinds.Parse(code); }

PlaceType PlaceTypeOfRoom(RoomKind kind) {
  switch (kind) {
    case RoomKind::kReception:
      return PlaceType::kReception;
    case RoomKind::kBesoksrum:
    case RoomKind::kSamtalsrum:
      return PlaceType::kBesoksrum;
    case RoomKind::kKontor:
    case RoomKind::kAnnat:
      break;
  }
  return PlaceType::kAnnat;
}

std::string_view DutyFunctionCode(DutyFunction v) { return kDutyFunctions.Code(v); }
std::optional<DutyFunction> ParseDutyFunction(std::string_view code) {
  return kDutyFunctions.Parse(code);
}

std::string_view AlarmKindCode(AlarmKind v) { return kAlarmKinds.Code(v); }
std::optional<AlarmKind> ParseAlarmKind(std::string_view code) { return kAlarmKinds.Parse(code); }

std::string_view AlarmStatusCode(AlarmStatus v) { return kAlarmStatuses.Code(v); }

std::string_view AlarmOutcomeCode(AlarmOutcome v) { return kAlarmOutcomes.Code(v); }
std::optional<AlarmOutcome> ParseAlarmOutcome(std::string_view code) {
  return kAlarmOutcomes.Parse(code);
}

std::string_view AlarmEventKindCode(AlarmEventKind v) { return kAlarmEventKinds.Code(v); }

Status ValidateSite(const AlarmSite& site) {
  if (site.unit_id <= 0) return Invalid("unit_id");
  if (!FitsText(site.name, kMaxNameChars)) return Invalid("name");
  if (Utf8Length(site.address) > kMaxAddressChars) return Invalid("address");
  if (!ValidPhone(site.phone_reception)) return Invalid("phone_reception");
  if (!ValidPhone(site.phone_guard)) return Invalid("phone_guard");
  if (site.test_interval_days < 1 || site.test_interval_days > 366) {
    return Invalid("test_interval_days");
  }
  if (!ValidRing(site.ring1)) return Invalid("ring1");
  if (!ValidRing(site.ring2)) return Invalid("ring2");
  if (site.ring2_after_s < 5 || site.ring2_after_s > 600) return Invalid("ring2_after_s");
  if (site.call_112_after_s < site.ring2_after_s || site.call_112_after_s > 1800) {
    return Invalid("call_112_after_s");
  }
  return Status::Ok();
}

Status ValidateRoom(const AlarmRoom& room) {
  if (!FitsText(room.name, kMaxNameChars)) return Invalid("name");
  return Status::Ok();
}

const std::vector<DutyFunction>& RingFunctions(const AlarmSite& site, int ring) {
  return ring >= 2 ? site.ring2 : site.ring1;
}

Escalation EscalationAt(const Alarm& alarm, const AlarmSite& site, bool any_responder, TimeMs now) {
  Escalation e;
  if (alarm.status != AlarmStatus::kActive || any_responder) return e;
  const TimeMs elapsed = now - alarm.raised_at;
  e.ring2 = alarm.ring < 2 && elapsed >= site.ring2_after_s * kMsPerSecond;
  e.call_112 = !alarm.call_112 && elapsed >= site.call_112_after_s * kMsPerSecond;
  return e;
}

TimeMs EndOfStockholmDay(TimeMs t) { return StockholmMidnight(NextDay(StockholmDate(t))); }

bool TestOverdue(const AlarmSite& site, std::optional<TimeMs> last_test_at, TimeMs now) {
  if (!last_test_at.has_value()) return true;
  return now - *last_test_at > site.test_interval_days * kMsPerDay;
}

}  // namespace trygg
