// Tests of the load generator's parsing and figures: HTTP heads and chunked bodies split at every
// byte, SSE framing, the alarm message fields, percentiles and /proc parsing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "load_stats.h"
#include "sse_client.h"

namespace trygg::bench {
namespace {

// Feeds `wire` to a reader and an SSE parser in pieces of `step` bytes.
std::vector<SseEvent> ReadStream(const std::string& wire, size_t step, HttpStreamReader* http) {
  SseParser sse;
  std::vector<SseEvent> events;
  for (size_t i = 0; i < wire.size(); i += step) {
    std::string body;
    if (http->Feed(std::string_view(wire).substr(i, step), &body) ==
        HttpStreamReader::State::kError) {
      break;
    }
    sse.Feed(body, &events);
  }
  return events;
}

const char kHead[] =
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n"
    "Cache-Control: no-cache\r\n\r\n";

std::string Chunk(const std::string& data) {
  char size[32];
  std::snprintf(size, sizeof size, "%zx", data.size());
  return std::string(size) + "\r\n" + data + "\r\n";
}

TEST(AlarmLoadHttp, ChunkedStreamSplitAnywhereGivesTheSameEvents) {
  const std::string wire = std::string(kHead) + Chunk("retry: 2000\n\nevent: hello\n") +
                           Chunk("data: {\"server_time\":\"x\",\"seq\":7}\n\n") +
                           Chunk(": ping\n\nid: 8\nevent: alarm\ndata: {\"kind\":\"raised\",") +
                           Chunk("\"alarm\":{\"id\":42}}\n\n");
  for (size_t step : {size_t{1}, size_t{2}, size_t{7}, size_t{64}, wire.size()}) {
    HttpStreamReader http;
    std::vector<SseEvent> events = ReadStream(wire, step, &http);
    ASSERT_EQ(http.state(), HttpStreamReader::State::kBody) << step << " " << http.error();
    EXPECT_EQ(http.status(), 200);
    EXPECT_EQ(http.Header("content-type").value_or(""), "text/event-stream");
    ASSERT_EQ(events.size(), 2u) << "step " << step;
    EXPECT_EQ(events[0].event, "hello");
    EXPECT_EQ(events[0].data, "{\"server_time\":\"x\",\"seq\":7}");
    EXPECT_EQ(events[1].event, "alarm");
    EXPECT_EQ(events[1].id, "8");
    EXPECT_EQ(events[1].data, "{\"kind\":\"raised\",\"alarm\":{\"id\":42}}");
  }
}

TEST(AlarmLoadHttp, PlainBodyAndChunkExtensionsAndErrors) {
  HttpStreamReader plain;
  std::vector<SseEvent> events = ReadStream(
      "HTTP/1.1 200 OK\r\ncontent-type: text/event-stream\r\n\r\nevent: hello\r\ndata: {}\r\n\r\n",
      5, &plain);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "{}");

  HttpStreamReader ext;
  events = ReadStream(std::string(kHead) + "b;name=value\r\ndata: xyz\n\n\r\n", 3, &ext);
  EXPECT_EQ(ext.state(), HttpStreamReader::State::kBody) << ext.error();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].event, "message");
  EXPECT_EQ(events[0].data, "xyz");

  HttpStreamReader bad_size;
  std::string body;
  EXPECT_EQ(bad_size.Feed(std::string(kHead) + "zz\r\n", &body), HttpStreamReader::State::kError);
  HttpStreamReader no_crlf;
  EXPECT_EQ(no_crlf.Feed(std::string(kHead) + "2\r\nabXY", &body), HttpStreamReader::State::kError);
  HttpStreamReader not_http;
  EXPECT_EQ(not_http.Feed("SSH-2.0-OpenSSH\r\n\r\n", &body), HttpStreamReader::State::kError);

  HttpStreamReader unauthorised;
  EXPECT_EQ(unauthorised.Feed("HTTP/1.1 401 Unauthorized\r\nContent-Length: 2\r\n\r\n{}", &body),
            HttpStreamReader::State::kBody);
  EXPECT_EQ(unauthorised.status(), 401);
}

TEST(AlarmLoadSse, LineEndingsMultilineDataAndComments) {
  SseParser p;
  std::vector<SseEvent> events;
  p.Feed("data: a\rdata:b\r\n: comment\nid: 3\nevent: alarm\r", &events);
  EXPECT_TRUE(events.empty());
  p.Feed("\n", &events);  // completes the "\r\n" — not a second, empty line
  EXPECT_TRUE(events.empty());
  p.Feed("\r\n", &events);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].data, "a\nb");
  EXPECT_EQ(events[0].id, "3");
  EXPECT_EQ(events[0].event, "alarm");
  p.Feed("event: ignored\n\n", &events);  // no data: nothing dispatched
  EXPECT_EQ(events.size(), 1u);
}

TEST(AlarmLoadJson, AlarmMessageFieldsWhateverTheKeyOrder) {
  // nlohmann orders keys alphabetically: "alarm" comes before "kind", and the
  // alarm has a "kind" of its own.
  std::optional<AlarmMessage> m = ParseAlarmMessage(
      R"({"alarm":{"device":null,"id":1234,"kind":"test","note":"a \"kind\": {x}",)"
      R"("responders":[{"user":{"id":5}}]},"kind":"raised"})");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, "raised");
  EXPECT_EQ(m->alarm_id, 1234);

  m = ParseAlarmMessage(R"( { "kind" : "ended" , "alarm" : { "site" : {"id": 9}, "id" : 77 } } )");
  ASSERT_TRUE(m.has_value());
  EXPECT_EQ(m->kind, "ended");
  EXPECT_EQ(m->alarm_id, 77);

  EXPECT_FALSE(ParseAlarmMessage(R"({"kind":"raised"})"));
  EXPECT_FALSE(ParseAlarmMessage(R"({"kind":"raised","alarm":{"site":{"id":3}}})"));
  EXPECT_FALSE(ParseAlarmMessage(R"({"kind":"raised","alarm":{"id":"12"}})"));
  EXPECT_FALSE(ParseAlarmMessage("not json"));
  EXPECT_EQ(TopLevelMember(R"({"a":[1,{"b":2}],"b":3})", "b").value_or(""), "3");
}

TEST(AlarmLoadStats, NearestRankPercentiles) {
  std::vector<int64_t> us;
  for (int i = 100; i >= 1; --i) us.push_back(i * 1000);  // 1..100 ms, unsorted
  LatencySummary s = Summarise(us);
  EXPECT_EQ(s.count, 100);
  EXPECT_DOUBLE_EQ(s.p50_ms, 50);
  EXPECT_DOUBLE_EQ(s.p90_ms, 90);
  EXPECT_DOUBLE_EQ(s.p99_ms, 99);
  EXPECT_DOUBLE_EQ(s.max_ms, 100);
  EXPECT_DOUBLE_EQ(s.mean_ms, 50.5);

  s = Summarise({3000, 1000});  // p50 of two is the lower, p99 the higher
  EXPECT_DOUBLE_EQ(s.p50_ms, 1);
  EXPECT_DOUBLE_EQ(s.p99_ms, 3);
  EXPECT_EQ(Summarise({}).count, 0);
}

TEST(AlarmLoadStats, ProcFields) {
  const std::string status = "Name:\ttrygg\nThreads:\t3\nVmRSS:\t  20480 kB\n";
  // A command name with spaces and a parenthesis; utime 150, stime 50.
  const std::string stat =
      "4242 (tr) ygg x) S 1 4242 4242 0 -1 4194560 100 0 0 0 150 50 0 0 20 0 3 0 1 2 3";
  std::optional<ProcSample> s = ParseProc(status, stat);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->rss_kib, 20480);
  EXPECT_EQ(s->threads, 3);
  EXPECT_EQ(s->cpu_ticks, 200);
  EXPECT_EQ(s->user_ticks, 150);
  EXPECT_FALSE(ParseProc("Name:\tx\n", stat));
  EXPECT_FALSE(ParseProc(status, "4242 (trygg) S 1 2"));
  // This process: a real /proc read.
  std::optional<ProcSample> self = ReadProc(static_cast<int>(getpid()));
  ASSERT_TRUE(self.has_value());
  EXPECT_GT(self->rss_kib, 0);
}

TEST(RunNs, GrowsWhileThisProcessWorks) {
  const int64_t before = RunNs(static_cast<int>(getpid()));
  volatile uint64_t x = 0;
  for (int i = 0; i < 20000000; ++i) x = x + static_cast<uint64_t>(i);
  const int64_t after = RunNs(static_cast<int>(getpid()));
  EXPECT_GT(before, 0);
  EXPECT_GT(after, before);
  EXPECT_EQ(RunNs(-1), 0);
}

}  // namespace
}  // namespace trygg::bench
