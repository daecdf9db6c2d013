// Panic alarm JSON: the request parsers (types, enums, optional bodies, the
// stream's resume point), AlarmView as docs/alarms.md shapes it, and the SSE
// text (one line of JSON per message, whatever the text holds).
#include "http/json_alarm.h"

#include <gtest/gtest.h>

#include "core/time.h"

namespace trygg {
namespace {

using nlohmann::json;

TEST(JsonAlarmTest, ReadsASiteWithRings) {
  Result<NewSite> s = ParseNewAlarmSite(json::parse(
      R"({"unit_id":7,"name":"Storgatan 1","ring1":["reception","reception"],"ring2":[],
          "ring2_after_s":20,"call_112_after_s":40,"phone_guard":"010-1"})"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->site.unit_id, 7);
  EXPECT_EQ(s->site.name, "Storgatan 1");
  EXPECT_EQ(s->site.ring1, std::vector<DutyFunction>{DutyFunction::kReception});  // once each
  EXPECT_TRUE(s->site.ring2.empty());
  EXPECT_EQ(s->site.ring2_after_s, 20);
  EXPECT_EQ(s->site.call_112_after_s, 40);
  EXPECT_EQ(s->site.test_interval_days, 30);  // the default stays
  EXPECT_EQ(s->site.phone_guard, "010-1");

  Result<NewSite> bad =
      ParseNewAlarmSite(json::parse(R"({"unit_id":7,"name":"X","ring1":["boss"]})"));
  EXPECT_EQ(bad.status().reason(), "validation.enum");
  EXPECT_EQ(bad.status().detail(), "ring1");
  bad = ParseNewAlarmSite(json::parse(R"({"unit_id":7,"name":"X","ring2":"vakt"})"));
  EXPECT_EQ(bad.status().reason(), "validation.type");
  EXPECT_EQ(bad.status().detail(), "ring2");
  bad = ParseNewAlarmSite(json::parse(R"({"name":"X"})"));
  EXPECT_EQ(bad.status().detail(), "unit_id");

  Result<SitePatch> p = ParseAlarmSitePatch(json::parse(R"({"ring2":["chef"],"address":""})"));
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ring2, std::vector<DutyFunction>{DutyFunction::kChef});
  EXPECT_EQ(p->address, "");
  EXPECT_FALSE(p->name.has_value());
  EXPECT_FALSE(p->ring1.has_value());
}

TEST(JsonAlarmTest, RaiseBodiesMayBeEmptyButNotMalformed) {
  Result<RaiseAlarm> empty = ParseRaiseAlarm("");
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->room_id || empty->site_id);
  EXPECT_EQ(empty->kind, AlarmKind::kReal);
  Result<RaiseAlarm> room = ParseRaiseAlarm(R"({"room_id":3,"kind":"drill","site_id":null})");
  ASSERT_TRUE(room.ok());
  EXPECT_EQ(room->room_id, 3);
  EXPECT_EQ(room->kind, AlarmKind::kDrill);
  EXPECT_EQ(ParseRaiseAlarm("[1]").status().reason(), "validation.body");
  EXPECT_EQ(ParseRaiseAlarm(R"({"room_id":"3"})").status().reason(), "validation.type");

  Result<DeviceAlarmRequest> d = ParseDeviceAlarm(R"({"kind":"test","room_id":4})");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->kind, AlarmKind::kTest);
  EXPECT_EQ(d->room_id, 4);
  EXPECT_EQ(ParseDeviceAlarm(R"({"kind":"drill"})").status().reason(), "validation.enum");
  EXPECT_TRUE(ParseDeviceAlarm("").ok());

  Result<AlarmEndRequest> end = ParseAlarmEnd(json::parse(R"({"outcome":"false_alarm"})"));
  ASSERT_TRUE(end.ok());
  EXPECT_EQ(end->outcome, AlarmOutcome::kFalseAlarm);
  EXPECT_EQ(ParseAlarmEnd(json::parse(R"({"outcome":"ok"})")).status().reason(), "validation.enum");
  EXPECT_EQ(ParseAlarmEnd(
                json::parse("{\"outcome\":\"other\",\"note\":\"" + std::string(501, 'a') + "\"}"))
                .status()
                .reason(),
            "validation.length");
}

TEST(JsonAlarmTest, DutyListAndResumePoint) {
  Result<DutyRequest> d = ParseDutyRequest(json::parse(
      R"({"site_id":2,"function":"vakt","room_id":null,"until":"2026-11-20T18:00:00+01:00"})"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->function, DutyFunction::kVakt);
  EXPECT_FALSE(d->room_id.has_value());
  EXPECT_EQ(d->until, *ParseIso8601("2026-11-20T17:00:00Z"));
  EXPECT_EQ(ParseDutyRequest(json::parse(R"({"site_id":2,"function":"boss"})")).status().detail(),
            "function");

  Result<AlarmListQuery> q = ParseAlarmListQuery({{"status", "ended"}, {"limit", "5"}});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->status, AlarmStatus::kEnded);
  EXPECT_EQ(q->limit, 5);
  EXPECT_EQ(ParseAlarmListQuery({{"status", "open"}}).status().reason(), "validation.enum");
  EXPECT_EQ(ParseAlarmListQuery({{"limit", "501"}}).status().reason(), "validation.range");

  EXPECT_EQ(*ParseLastEventId(std::nullopt, {}), std::nullopt);
  EXPECT_EQ(*ParseLastEventId("42", {{"last_event_id", "7"}}), 42);  // the header wins
  EXPECT_EQ(*ParseLastEventId(std::nullopt, {{"last_event_id", "7"}}), 7);
  EXPECT_EQ(ParseLastEventId("-1", {}).status().detail(), "last_event_id");
  EXPECT_EQ(ParseLastEventId("12a", {}).status().reason(), "validation.type");
}

AlarmView SampleView() {
  AlarmView v;
  v.alarm.id = 9;
  v.alarm.kind = AlarmKind::kTest;
  v.alarm.site_id = 2;
  v.alarm.room_id = 5;
  v.alarm.unit_id = 4;
  v.alarm.raised_by = 11;
  v.alarm.raised_at = *ParseIso8601("2026-11-20T15:00:00Z");
  v.site_name = "Storgatan 1";
  v.room = AlarmRoom{5, 2, "Besöksrum\n1", RoomKind::kBesoksrum};
  v.phone_reception = "010-1";
  v.receivers = 3;
  v.responders = {{12, *ParseIso8601("2026-11-20T15:00:20Z"), 20}};
  v.names = {{11, "Anna"}, {12, "Bo"}};
  return v;
}

TEST(JsonAlarmTest, AlarmViewAsTheContractShapesIt) {
  AlarmView v = SampleView();
  json j = AlarmViewJson(v);
  EXPECT_EQ(j["kind"], "test");
  EXPECT_EQ(j["status"], "active");
  EXPECT_EQ(j["site"], (json{{"id", 2}, {"name", "Storgatan 1"}}));
  EXPECT_EQ(j["room"]["kind"], "besoksrum");
  EXPECT_EQ(j["raised_by"], (json{{"id", 11}, {"display_name", "Anna"}}));
  EXPECT_TRUE(j["device"].is_null());
  EXPECT_EQ(j["responders"][0]["user"]["display_name"], "Bo");
  EXPECT_EQ(j["responders"][0]["seconds"], 20);
  EXPECT_TRUE(j["ended_at"].is_null());
  EXPECT_TRUE(j["outcome"].is_null());
  EXPECT_TRUE(j["outcome_note"].is_null());
  EXPECT_EQ(j["phones"], (json{{"reception", "010-1"}, {"guard", ""}, {"emergency", "112"}}));
  EXPECT_FALSE(j.contains("events"));
  v.events = {AlarmEvent{17, 9, AlarmEventKind::kResponding, v.alarm.raised_at, 12, ""}};
  json with = AlarmViewJson(v, true);
  EXPECT_EQ(with["events"][0]["kind"], "responding");
  EXPECT_EQ(with["events"][0]["user"]["id"], 12);
}

TEST(JsonAlarmTest, SseTextIsOneLineOfJsonPerMessage) {
  AlarmMessage m{17, AlarmEventKind::kRaised, SampleView()};
  const std::string text = AlarmSseMessage(m);
  ASSERT_EQ(text.rfind("id: 17\nevent: alarm\ndata: {", 0), 0u) << text;
  ASSERT_EQ(text.substr(text.size() - 2), "\n\n");
  const std::string data =
      text.substr(text.find("data: ") + 6, text.size() - 2 - (text.find("data: ") + 6));
  EXPECT_EQ(data.find('\n'), std::string::npos) << "the room name's newline is escaped";
  json j = json::parse(data);
  EXPECT_EQ(j["kind"], "raised");
  EXPECT_EQ(j["alarm"]["room"]["name"], "Besöksrum\n1");

  const std::string hello = AlarmSseHello(*ParseIso8601("2026-11-20T15:00:00Z"), 16);
  EXPECT_EQ(hello,
            "retry: 2000\n\nevent: hello\ndata: "
            "{\"seq\":16,\"server_time\":\"2026-11-20T15:00:00Z\"}\n\n");
}

}  // namespace
}  // namespace trygg
