#include "domain/alarm.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "core/time.h"

namespace trygg {
namespace {

TimeMs At(std::string_view iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}

AlarmSite MakeSite() {
  AlarmSite s;
  s.id = 1;
  s.unit_id = 4;
  s.name = "Storgatan 1, plan 2";
  s.address = "Storgatan 1, 111 22 Stockholm";
  s.phone_reception = "08-123 456 78";
  s.phone_guard = "+46 70 123 45 67";
  return s;
}

// The field an invalid site or room is refused for ("" when valid).
std::string BadField(const Status& s) {
  if (s.ok()) return "";
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.reason(), "alarm.invalid");
  return s.detail();
}

TEST(AlarmTest, CodesRoundTrip) {
  for (RoomKind k : {RoomKind::kBesoksrum, RoomKind::kReception, RoomKind::kSamtalsrum,
                     RoomKind::kKontor, RoomKind::kAnnat}) {
    EXPECT_EQ(ParseRoomKind(RoomKindCode(k)), k);
  }
  EXPECT_EQ(RoomKindCode(RoomKind::kSamtalsrum), "samtalsrum");
  EXPECT_FALSE(ParseRoomKind("Besoksrum").has_value());
  for (DutyFunction f : {DutyFunction::kKollega, DutyFunction::kReception, DutyFunction::kVakt,
                         DutyFunction::kChef}) {
    EXPECT_EQ(ParseDutyFunction(DutyFunctionCode(f)), f);
  }
  EXPECT_EQ(DutyFunctionCode(DutyFunction::kVakt), "vakt");
  EXPECT_FALSE(ParseDutyFunction("guard").has_value());
  EXPECT_EQ(ParseAlarmKind("drill"), AlarmKind::kDrill);
  EXPECT_EQ(AlarmKindCode(AlarmKind::kTest), "test");
  EXPECT_FALSE(ParseAlarmKind("").has_value());
  EXPECT_EQ(AlarmStatusCode(AlarmStatus::kEnded), "ended");
  EXPECT_EQ(ParseAlarmOutcome("false_alarm"), AlarmOutcome::kFalseAlarm);
  EXPECT_EQ(AlarmOutcomeCode(AlarmOutcome::kTestOk), "test_ok");
  EXPECT_FALSE(ParseAlarmOutcome("ok").has_value());
  EXPECT_EQ(AlarmEventKindCode(AlarmEventKind::kCall112), "call_112");
  EXPECT_EQ(AlarmEventKindCode(AlarmEventKind::kReported), "reported");
}

TEST(AlarmTest, PlaceTypeOfRoom) {
  EXPECT_EQ(PlaceTypeOfRoom(RoomKind::kReception), PlaceType::kReception);
  EXPECT_EQ(PlaceTypeOfRoom(RoomKind::kBesoksrum), PlaceType::kBesoksrum);
  EXPECT_EQ(PlaceTypeOfRoom(RoomKind::kSamtalsrum), PlaceType::kBesoksrum);
  EXPECT_EQ(PlaceTypeOfRoom(RoomKind::kKontor), PlaceType::kAnnat);
  EXPECT_EQ(PlaceTypeOfRoom(RoomKind::kAnnat), PlaceType::kAnnat);
}

TEST(AlarmTest, ValidateSiteAcceptsDefaultsAndNamesTheFirstBadField) {
  EXPECT_EQ(BadField(ValidateSite(MakeSite())), "");
  AlarmSite minimal;
  minimal.unit_id = 1;
  minimal.name = "Å";
  EXPECT_EQ(BadField(ValidateSite(minimal)), "");  // empty address and phones are fine

  auto bad = [](auto change) {
    AlarmSite s = MakeSite();
    change(s);
    return BadField(ValidateSite(s));
  };
  EXPECT_EQ(bad([](AlarmSite& s) { s.unit_id = 0; }), "unit_id");
  EXPECT_EQ(bad([](AlarmSite& s) { s.name = "   "; }), "name");
  EXPECT_EQ(bad([](AlarmSite& s) { s.name = std::string(201, 'a'); }), "name");
  EXPECT_EQ(bad([](AlarmSite& s) { s.name.clear(); }), "name");
  // 200 characters of two bytes each is still 200 characters.
  std::string long_swedish;
  for (int i = 0; i < 200; ++i) long_swedish += "ö";
  EXPECT_EQ(bad([&](AlarmSite& s) { s.name = long_swedish; }), "");
  EXPECT_EQ(bad([](AlarmSite& s) { s.address = std::string(301, 'a'); }), "address");
  EXPECT_EQ(bad([](AlarmSite& s) { s.phone_reception = "08-12 34 ext"; }), "phone_reception");
  EXPECT_EQ(bad([](AlarmSite& s) { s.phone_reception = "+ -"; }), "phone_reception");
  EXPECT_EQ(bad([](AlarmSite& s) { s.phone_guard = std::string(41, '1'); }), "phone_guard");
  EXPECT_EQ(bad([](AlarmSite& s) { s.phone_guard = std::string(40, '1'); }), "");
  EXPECT_EQ(bad([](AlarmSite& s) { s.test_interval_days = 0; }), "test_interval_days");
  EXPECT_EQ(bad([](AlarmSite& s) { s.test_interval_days = 367; }), "test_interval_days");
  EXPECT_EQ(bad([](AlarmSite& s) { s.test_interval_days = 366; }), "");
  EXPECT_EQ(bad([](AlarmSite& s) {
              s.ring1 = {DutyFunction::kVakt, DutyFunction::kVakt};
            }),
            "ring1");
  EXPECT_EQ(bad([](AlarmSite& s) {
              s.ring2 = {DutyFunction::kChef, DutyFunction::kChef};
            }),
            "ring2");
  EXPECT_EQ(bad([](AlarmSite& s) { s.ring2.clear(); }), "");
  EXPECT_EQ(bad([](AlarmSite& s) { s.ring2_after_s = 4; }), "ring2_after_s");
  EXPECT_EQ(bad([](AlarmSite& s) {
              s.ring2_after_s = 601;
              s.call_112_after_s = 700;
            }),
            "ring2_after_s");
  EXPECT_EQ(bad([](AlarmSite& s) {
              s.ring2_after_s = 5;
              s.call_112_after_s = 5;
            }),
            "");
  EXPECT_EQ(bad([](AlarmSite& s) { s.call_112_after_s = 29; }), "call_112_after_s");
  EXPECT_EQ(bad([](AlarmSite& s) { s.call_112_after_s = 1801; }), "call_112_after_s");
  EXPECT_EQ(bad([](AlarmSite& s) { s.call_112_after_s = 1800; }), "");
}

TEST(AlarmTest, ValidateRoom) {
  AlarmRoom room{1, 2, "Besöksrum 3", RoomKind::kBesoksrum};
  EXPECT_EQ(BadField(ValidateRoom(room)), "");
  room.name = "";
  EXPECT_EQ(BadField(ValidateRoom(room)), "name");
  room.name = std::string(201, 'x');
  EXPECT_EQ(BadField(ValidateRoom(room)), "name");
}

TEST(AlarmTest, RingFunctions) {
  AlarmSite s = MakeSite();
  s.ring1 = {DutyFunction::kReception};
  s.ring2 = {DutyFunction::kVakt, DutyFunction::kChef, DutyFunction::kKollega};
  EXPECT_EQ(RingFunctions(s, 1), s.ring1);
  EXPECT_EQ(RingFunctions(s, 2), s.ring2);
}

TEST(AlarmTest, EscalationBoundaries) {
  const AlarmSite site = MakeSite();  // ring 2 after 30 s, 112 after 60 s
  Alarm a;
  a.raised_at = At("2026-05-04T10:00:00Z");
  auto at = [&](TimeMs after_ms, bool responder = false) {
    return EscalationAt(a, site, responder, a.raised_at + after_ms);
  };
  EXPECT_FALSE(at(0).ring2);
  EXPECT_FALSE(at(29'999).ring2);
  EXPECT_TRUE(at(30'000).ring2);
  EXPECT_FALSE(at(30'000).call_112);
  EXPECT_FALSE(at(59'999).call_112);
  EXPECT_TRUE(at(60'000).call_112);
  EXPECT_TRUE(at(60'000).ring2);  // a tick that missed ring 2 does both at once
  // Someone is coming: nothing more.
  EXPECT_FALSE(at(90'000, true).ring2);
  EXPECT_FALSE(at(90'000, true).call_112);
  // Already done: not asked again.
  a.ring = 2;
  EXPECT_FALSE(at(45'000).ring2);
  EXPECT_FALSE(at(45'000).call_112);
  EXPECT_TRUE(at(60'000).call_112);
  a.call_112 = true;
  EXPECT_FALSE(at(120'000).call_112);
  // An ended alarm does not escalate.
  a.ring = 1;
  a.call_112 = false;
  a.status = AlarmStatus::kEnded;
  EXPECT_FALSE(at(120'000).ring2);
  EXPECT_FALSE(at(120'000).call_112);
}

TEST(AlarmTest, EscalationFollowsTheSitesSettings) {
  AlarmSite site = MakeSite();
  site.ring2_after_s = 5;
  site.call_112_after_s = 5;
  Alarm a;
  a.raised_at = 1'000'000;
  EXPECT_FALSE(EscalationAt(a, site, false, a.raised_at + 4'999).ring2);
  const Escalation e = EscalationAt(a, site, false, a.raised_at + 5'000);
  EXPECT_TRUE(e.ring2);
  EXPECT_TRUE(e.call_112);
}

TEST(AlarmTest, EndOfStockholmDay) {
  // Winter (UTC+1) and summer (UTC+2).
  EXPECT_EQ(EndOfStockholmDay(At("2026-01-15T08:00:00Z")), At("2026-01-16T00:00:00+01:00"));
  EXPECT_EQ(EndOfStockholmDay(At("2026-07-15T08:00:00Z")), At("2026-07-16T00:00:00+02:00"));
  // Already tomorrow in Stockholm, still today in UTC.
  EXPECT_EQ(EndOfStockholmDay(At("2026-07-15T22:30:00Z")), At("2026-07-17T00:00:00+02:00"));
  // Midnight belongs to the day it starts; the last millisecond to the day before.
  EXPECT_EQ(EndOfStockholmDay(At("2026-01-16T00:00:00+01:00")), At("2026-01-17T00:00:00+01:00"));
  EXPECT_EQ(EndOfStockholmDay(At("2026-01-16T00:00:00+01:00") - 1),
            At("2026-01-16T00:00:00+01:00"));
  // The 23-hour day (clocks forward on 29 March 2026) and the 25-hour day (back on 25 October).
  EXPECT_EQ(EndOfStockholmDay(At("2026-03-29T00:30:00+01:00")), At("2026-03-30T00:00:00+02:00"));
  EXPECT_EQ(EndOfStockholmDay(At("2026-03-29T00:30:00+01:00")) - At("2026-03-29T00:00:00+01:00"),
            23 * kMsPerHour);
  EXPECT_EQ(EndOfStockholmDay(At("2026-03-28T23:59:00+01:00")), At("2026-03-29T00:00:00+01:00"));
  EXPECT_EQ(EndOfStockholmDay(At("2026-10-25T02:30:00+01:00")), At("2026-10-26T00:00:00+01:00"));
  EXPECT_EQ(EndOfStockholmDay(At("2026-10-25T12:00:00Z")) - At("2026-10-25T00:00:00+02:00"),
            25 * kMsPerHour);
  // New Year's Eve.
  EXPECT_EQ(EndOfStockholmDay(At("2026-12-31T20:00:00Z")), At("2027-01-01T00:00:00+01:00"));
}

TEST(AlarmTest, TestOverdue) {
  AlarmSite site = MakeSite();  // every 30 days
  const TimeMs now = At("2026-05-04T10:00:00Z");
  EXPECT_TRUE(TestOverdue(site, std::nullopt, now));  // never tested
  EXPECT_FALSE(TestOverdue(site, now, now));
  EXPECT_FALSE(TestOverdue(site, now - 30 * kMsPerDay, now));
  EXPECT_TRUE(TestOverdue(site, now - 30 * kMsPerDay - 1, now));
  site.test_interval_days = 7;
  EXPECT_TRUE(TestOverdue(site, now - 8 * kMsPerDay, now));
  EXPECT_FALSE(TestOverdue(site, now - 6 * kMsPerDay, now));
}

}  // namespace
}  // namespace trygg
