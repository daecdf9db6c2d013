// Plain HTTP request/response types: what the handler pipeline sees, free of socket code.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trygg {

// Header names compared case-insensitively (ASCII).
bool HeaderNameEquals(std::string_view a, std::string_view b);

struct HttpRequest {
  std::string method;                        // "GET", "POST", … as received (upper case)
  std::string path;                          // the target's path, percent-decoding NOT applied
  std::map<std::string, std::string> query;  // decoded; the last of repeated keys wins
  // Every decoded pair in order, repeated keys too (for repeatable parameters;
  // may be empty when the request was built without it — then use `query`).
  std::vector<std::pair<std::string, std::string>> query_pairs;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // The first header named `name` (any case), if present.
  std::optional<std::string_view> Header(std::string_view name) const;
};

// A piece of a streamed response body. One formatted message is one piece,
// shared by every stream that sends it (no copy per stream).
using StreamPiece = std::shared_ptr<const std::string>;

// A response body produced over time (Server-Sent Events), free of socket code.
// The server writes the head (no Content-Length), then, each time it is woken,
// whatever Take() yields, and a ping when idle for 15 s, until Done() or the
// peer goes away or the server stops.
//
// Threads: Take may be called on any of the server's threads, never two at
// once; Done only on the connection's own executor, possibly while a Take runs
// on another thread. Destroying the stream ends it.
class ResponseStream {
 public:
  virtual ~ResponseStream() = default;
  // The server calls this once, before the first Take. `wake` asks for a Take
  // soon; it may be called from any thread, any number of times, also after
  // the connection is gone, and does not block. It must not be called while
  // holding a lock that the stream's destructor takes.
  virtual void SetWake(std::function<void()> wake) = 0;
  // Appends everything ready to send to `out`, in order; nothing when nothing.
  virtual void Take(std::vector<StreamPiece>* out) = 0;
  // True once the stream has nothing more to send (after a last Take).
  virtual bool Done() = 0;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  // When set, the response is a stream: `body` is ignored and the server
  // writes what the stream yields (see ResponseStream). Makes the response
  // move-only.
  std::unique_ptr<ResponseStream> stream;

  // Replaces any header named `name` (any case) with one value.
  void SetHeader(std::string name, std::string value);
  // Adds a header even if one with that name exists (Set-Cookie).
  void AddHeader(std::string name, std::string value);
  std::optional<std::string_view> Header(std::string_view name) const;
};

// Splits a request target "/a/b?x=1&y=%C3%A5" into `path` and decoded `query`.
// '+' in the query decodes to a space. `pairs`, when given, gets every pair in
// order (repeated keys too).
void SplitTarget(std::string_view target, std::string* path,
                 std::map<std::string, std::string>* query,
                 std::vector<std::pair<std::string, std::string>>* pairs = nullptr);

// The values of query parameter `name`, every one when `req.query_pairs` is
// filled, else the one in `req.query` (if any).
std::vector<std::string> QueryValues(const HttpRequest& req, std::string_view name);

// Percent-decodes `in`; nullopt on a malformed escape. With `plus_is_space`,
// '+' becomes ' ' (query strings).
std::optional<std::string> PercentDecode(std::string_view in, bool plus_is_space);

}  // namespace trygg
