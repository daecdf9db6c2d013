// Incremental parsing for the alarm load generator: an HTTP/1.1 response head and body (plain or
// chunked) read off a socket in arbitrary pieces, the Server-Sent Events in that body, and the
// two fields of an alarm message the benchmark needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trygg::bench {

// One dispatched SSE event (WHATWG rules: "event:", "data:" lines joined by
// "\n", "id:"; comment lines and "retry:" are skipped).
struct SseEvent {
  std::string event;  // "message" when the stream gave no "event:" line
  std::string data;
  std::string id;
};

// Feeds bytes of a text/event-stream and dispatches events at blank lines.
// Lines may end with "\n", "\r\n" or "\r" and may be split anywhere.
class SseParser {
 public:
  // Appends the events completed by `bytes` to `out`.
  void Feed(std::string_view bytes, std::vector<SseEvent>* out);

 private:
  void Line(std::string_view line, std::vector<SseEvent>* out);

  std::string line_;
  bool after_cr_ = false;  // the previous byte was "\r" (a following "\n" belongs to it)
  SseEvent pending_;
  bool has_data_ = false;
};

// Reads an HTTP/1.1 response: the status line and headers, then the body,
// de-chunked when Transfer-Encoding is chunked, otherwise as it comes (a
// stream has no Content-Length).
class HttpStreamReader {
 public:
  enum class State { kHead, kBody, kError };

  // Consumes `bytes`; body bytes are appended to `body`. Returns the state
  // after them; kError when the head or the chunk framing is malformed (see
  // error()).
  State Feed(std::string_view bytes, std::string* body);

  State state() const { return state_; }
  int status() const { return status_; }
  const std::string& error() const { return error_; }
  // The value of header `name` (case-insensitive), if the head had it.
  std::optional<std::string> Header(std::string_view name) const;

 private:
  bool ParseHead(std::string_view head);
  bool FeedChunked(std::string_view bytes, std::string* body);

  State state_ = State::kHead;
  std::string head_;
  int status_ = 0;
  std::vector<std::pair<std::string, std::string>> headers_;  // names lower-cased
  bool chunked_ = false;
  std::string error_;
  // Chunked framing: the size line being read, or the bytes left of a chunk
  // and then its CRLF.
  enum class Chunk { kSize, kData, kDataEnd, kTrailer } chunk_ = Chunk::kSize;
  std::string size_line_;
  uint64_t chunk_left_ = 0;
  int crlf_left_ = 0;
};

// The raw text of top-level member `key` of the JSON object `json` (a string
// value keeps its quotes), or nullopt when there is none or `json` is not an
// object. Strings with escapes are skipped correctly; values are not checked.
std::optional<std::string_view> TopLevelMember(std::string_view json, std::string_view key);

// The fields of a stream message `{"kind": <event kind>, "alarm": {"id": n, …}}`.
struct AlarmMessage {
  std::string kind;  // "raised", "ended", …
  int64_t alarm_id = 0;
};
// nullopt when `data` lacks either field.
std::optional<AlarmMessage> ParseAlarmMessage(std::string_view data);

}  // namespace trygg::bench
