// Beast/Asio server: acceptor loop, per-connection session coroutine, graceful stop.
// The only file in Trygg that includes Boost.Asio/Beast.
#include "http/server.h"

#include <atomic>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <deque>
#include <iostream>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "http/chunk_writer.h"
#include "http/log.h"
#include "http/security.h"
#include "http/stream_batch_writer.h"

namespace trygg {
namespace {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using namespace std::chrono_literals;

constexpr auto kUseTuple = net::as_tuple(net::use_awaitable);
constexpr auto kIoTimeout = 30s;
constexpr auto kStopGrace = 10s;
constexpr auto kStreamPing = 15s;  // a comment line on an idle event stream
// An event stream's kernel send buffer, fixed instead of autotuned (up to 4 MB
// a socket): 100–200 alarm messages; beyond that a client that does not read
// holds only the shared pieces queued for it, until the write times out.
constexpr int kStreamSendBuffer = 64 * 1024;
constexpr size_t kDrainBatch = 64;  // ready streams a drainer takes at a time
const StreamPiece kPing = std::make_shared<const std::string>(": ping\n\n");

// The state of one streaming response: what its coroutine and the fan-out's
// drainers share (see StreamWriteState), and the coroutine's own.
struct StreamWaiter : StreamWriteState {
  StreamWaiter(net::any_io_executor ex, int socket_fd, ResponseStream* s)
      : StreamWriteState(socket_fd, s), timer(ex) {}
  // Touched only on the strand.
  net::steady_timer timer;   // the coroutine's wait; cancelled to wake it
  bool peer_closed = false;  // the client went away (or sent something)
  bool stop = false;         // the server is stopping
  char scratch[16];          // where the peer-close watch reads to
};

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool reading = false;  // waiting for a request; touched only on the connection's strand
  std::shared_ptr<StreamWaiter> waiter;  // while streaming; on the strand too
};

using BeastRequest = bhttp::request<bhttp::string_body>;
using BeastResponse = bhttp::response<bhttp::string_body>;

HttpRequest ToPlain(const BeastRequest& req, const std::string& remote) {
  HttpRequest out;
  out.method = std::string(req.method_string());
  SplitTarget(req.target(), &out.path, &out.query, &out.query_pairs);
  for (const auto& field : req) {
    out.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  out.body = req.body();
  out.remote_address = remote;
  return out;
}

BeastResponse ToBeast(HttpResponse res, unsigned version, bool keep_alive, bool head) {
  BeastResponse out{static_cast<bhttp::status>(res.status), version};
  for (auto& [name, value] : res.headers) out.insert(name, value);
  out.set(bhttp::field::server, "Trygg");
  out.keep_alive(keep_alive);
  out.body() = std::move(res.body);
  out.prepare_payload();
  if (head) out.body().clear();  // Content-Length stays that of the GET
  return out;
}

// A co_spawn completion handler that logs an escaped exception.
auto Report(const char* what) {
  return [what](std::exception_ptr e) {
    if (!e) return;
    try {
      std::rethrow_exception(e);
    } catch (const std::exception& ex) {
      LogLine(std::string(what) + " failed: " + ex.what());
    }
  };
}

class Server {
 public:
  Server(const HttpApi& api, int threads)
      : api_(api),
        threads_(threads),
        ioc_(threads),
        acceptor_(ioc_),
        signals_(ioc_, SIGINT, SIGTERM),
        hard_stop_(ioc_) {}

  ~Server() {
    std::deque<std::shared_ptr<StreamWaiter>> dropped;
    std::lock_guard lock(ready_mu_);
    ready_closed_ = true;
    dropped.swap(ready_);
  }

  Status Listen(const std::string& host, uint16_t port) {
    boost::system::error_code ec;
    tcp::resolver resolver(ioc_);
    auto results = resolver.resolve(host, std::to_string(port), ec);
    if (ec || results.empty()) return Status::Unavailable("cannot resolve " + host);
    const tcp::endpoint endpoint = results.begin()->endpoint();
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    if (ec) return Status::Unavailable("cannot listen on " + host + ": " + ec.message());
    const uint16_t bound = acceptor_.local_endpoint().port();
    const std::string shown = endpoint.address().is_v6() ? "[" + host + "]" : host;
    std::cout << "Trygg listening on http://" << shown << ":" << bound << std::endl;
    return Status::Ok();
  }

  void Run(int threads) {
    signals_.async_wait([this](const boost::system::error_code& ec, int) {
      if (!ec) Stop();
    });
    net::co_spawn(ioc_, Accept(), Report("acceptor"));
    std::vector<std::thread> pool;
    for (int i = 1; i < threads; ++i) pool.emplace_back([this] { ioc_.run(); });
    ioc_.run();
    for (std::thread& t : pool) t.join();
  }

 private:
  net::awaitable<void> Accept() {
    while (!stopping_) {
      auto [ec, socket] = co_await acceptor_.async_accept(net::make_strand(ioc_), kUseTuple);
      if (ec) {
        if (stopping_ || ec == net::error::operation_aborted) break;
        continue;  // e.g. too many open files: keep serving the others
      }
      // Responses go out as header and body writes; without this, Nagle's
      // algorithm holds the second until the client's delayed ACK (~40 ms).
      socket.set_option(tcp::no_delay(true), ec);
      auto conn = std::make_shared<Connection>(std::move(socket));
      {
        std::lock_guard lock(mu_);
        conns_.insert(conn);
      }
      net::co_spawn(conn->stream.get_executor(), Session(conn), Report("session"));
    }
  }

  net::awaitable<void> Session(std::shared_ptr<Connection> conn) {
    boost::system::error_code ignored;
    const std::string remote =
        conn->stream.socket().remote_endpoint(ignored).address().to_string(ignored);
    beast::flat_buffer buffer;
    try {
      while (!stopping_) {
        if (!co_await ServeOne(conn, buffer, remote)) break;
      }
    } catch (const std::exception& e) {
      LogLine(std::string("connection failed: ") + e.what());
    }
    conn->stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->stream.close();
    Forget(conn);
  }

  // Reads one request and writes its response; false when the connection
  // should close.
  net::awaitable<bool> ServeOne(const std::shared_ptr<Connection>& conn_ptr,
                                beast::flat_buffer& buffer, const std::string& remote) {
    Connection& conn = *conn_ptr;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(kMaxCsvBodyBytes);  // the most any route takes; narrowed below
    conn.stream.expires_after(kIoTimeout);
    conn.reading = true;
    auto [hec, hn] = co_await bhttp::async_read_header(conn.stream, buffer, parser, kUseTuple);
    conn.reading = false;
    if (hec == bhttp::error::body_limit) co_return co_await TooLarge(conn, parser.get());
    if (hec) co_return co_await MaybeBadRequest(conn, hec);
    // The route's own limit (a CSV import takes more than a JSON body).
    const std::string_view target(parser.get().target().data(), parser.get().target().size());
    const size_t limit =
        api_.MaxBodyBytes(parser.get().method_string(), target.substr(0, target.find('?')));
    if (parser.content_length() && *parser.content_length() > limit) {
      co_return co_await TooLarge(conn, parser.get());
    }
    parser.body_limit(limit);
    if (parser.get()[bhttp::field::expect] == "100-continue") {
      BeastResponse cont{bhttp::status::continue_, parser.get().version()};
      auto [cec, cn] = co_await bhttp::async_write(conn.stream, cont, kUseTuple);
      if (cec) co_return false;
    }
    conn.stream.expires_after(kIoTimeout);
    auto [ec, n] = co_await bhttp::async_read(conn.stream, buffer, parser, kUseTuple);
    if (ec == bhttp::error::body_limit) co_return co_await TooLarge(conn, parser.get());
    if (ec) co_return co_await MaybeBadRequest(conn, ec);

    BeastRequest req = parser.release();
    const bool head = req.method() == bhttp::verb::head;
    const bool keep_alive = req.keep_alive() && !stopping_;
    HttpResponse res = api_.Handle(ToPlain(req, remote));
    if (res.stream && !head) {
      co_await Stream(conn_ptr, std::move(res), req.version());
      co_return false;
    }
    res.stream.reset();  // HEAD of a stream: the head only
    conn.stream.expires_after(kIoTimeout);
    auto [wec, wn] = co_await beast::async_write(
        conn.stream,
        bhttp::message_generator(ToBeast(std::move(res), req.version(), keep_alive, head)),
        kUseTuple);
    co_return !wec && keep_alive;
  }

  // Writes a streaming response: the head (chunked, no Content-Length), then
  // what the stream yields, a ping when idle for kStreamPing; until the stream
  // is done, the peer closes, a write fails or the server stops. The
  // connection closes afterwards. While the coroutine sleeps, a wake is
  // written by a drainer straight from the stream (see Ready); the coroutine
  // writes only what a drainer cannot: the head, a backlog the socket did not
  // take at once, pings and the end.
  net::awaitable<void> Stream(const std::shared_ptr<Connection>& conn_ptr, HttpResponse res,
                              unsigned version) {
    Connection& conn = *conn_ptr;
    std::unique_ptr<ResponseStream> stream = std::move(res.stream);
    auto waiter = std::make_shared<StreamWaiter>(
        conn.stream.get_executor(), conn.stream.socket().native_handle(), stream.get());
    // Closes the waiter however this coroutine ends (also when the io_context
    // is destroyed with it suspended), before the stream and the socket go.
    struct Closer {
      StreamWaiter* w;
      std::shared_ptr<Connection> c;
      ~Closer() {
        std::lock_guard lock(w->mu);
        w->open = false;
        w->stream = nullptr;
        c->waiter.reset();
      }
    };
    conn.waiter = waiter;
    Closer closer{waiter.get(), conn_ptr};
    std::weak_ptr<StreamWaiter> weak = waiter;
    stream->SetWake([this, weak] {
      if (std::shared_ptr<StreamWaiter> w = weak.lock()) Ready(std::move(w));
    });
    if (stopping_) co_return;  // Stop() ran before the waiter was visible
    // A size that cannot be set only costs memory.
    boost::system::error_code ignored;
    conn.stream.socket().set_option(net::socket_base::send_buffer_size(kStreamSendBuffer), ignored);

    bhttp::response<bhttp::empty_body> head{static_cast<bhttp::status>(res.status), version};
    for (auto& [name, value] : res.headers) head.insert(name, value);
    head.set(bhttp::field::server, "Trygg");
    head.keep_alive(false);
    head.chunked(true);
    bhttp::response_serializer<bhttp::empty_body> serializer{head};
    conn.stream.expires_after(kIoTimeout);
    auto [hec, hn] = co_await bhttp::async_write_header(conn.stream, serializer, kUseTuple);
    if (hec) co_return;

    // The client sends nothing more; a completed read means it closed (or
    // misbehaves): either way the stream ends.
    conn.stream.socket().async_read_some(
        net::buffer(waiter->scratch),
        [waiter, keep = conn_ptr](const boost::system::error_code&, size_t) {
          waiter->peer_closed = true;
          waiter->timer.cancel();
        });

    // Writes framed bytes; the caller set `writing`, which this clears.
    auto write = [&](std::string text) -> net::awaitable<bool> {
      conn.stream.expires_after(kIoTimeout);
      auto [ec, n] = co_await net::async_write(conn.stream, net::buffer(text), kUseTuple);
      std::lock_guard lock(waiter->mu);
      waiter->writing = false;
      waiter->last_write = std::chrono::steady_clock::now();
      co_return !ec;
    };
    {
      std::lock_guard lock(waiter->mu);
      waiter->writing = false;
      waiter->last_write = std::chrono::steady_clock::now();
    }
    std::vector<StreamPiece> pieces;
    while (!stopping_ && !waiter->stop && !waiter->peer_closed) {
      std::string text;
      auto ping_at = std::chrono::steady_clock::time_point::max();
      {
        std::lock_guard lock(waiter->mu);
        if (waiter->failed) co_return;
        waiter->woken = false;
        text = std::move(waiter->backlog);
        waiter->backlog.clear();
        pieces.clear();
        stream->Take(&pieces);
        text += FrameChunk(pieces);
        pieces.clear();
        waiter->writing = !text.empty();
        ping_at = waiter->last_write + kStreamPing;
      }
      if (!text.empty() && !co_await write(std::move(text))) co_return;
      if (stream->Done()) {
        {
          std::lock_guard lock(waiter->mu);
          if (waiter->writing || !waiter->backlog.empty()) continue;  // a drainer's rest first
          waiter->writing = true;
        }
        co_await write(std::string(kLastChunk));
        co_return;
      }
      if (!text.empty()) continue;  // more may have come while writing
      {
        std::lock_guard lock(waiter->mu);
        if (waiter->woken || waiter->failed || !waiter->backlog.empty()) continue;
      }
      if (std::chrono::steady_clock::now() >= ping_at) {
        {
          std::lock_guard lock(waiter->mu);
          waiter->writing = true;
        }
        pieces.assign(1, kPing);
        std::string ping = FrameChunk(pieces);
        pieces.clear();
        if (!co_await write(std::move(ping))) co_return;
        continue;
      }
      waiter->timer.expires_at(ping_at);
      co_await waiter->timer.async_wait(kUseTuple);
    }
  }

  // A stream has something to send: queues it for the drainers, starting
  // one per io thread as needed. Called from any thread (the hub's wake).
  void Ready(std::shared_ptr<StreamWaiter> waiter) {
    std::lock_guard lock(ready_mu_);
    if (ready_closed_) return;
    ready_.push_back(std::move(waiter));
    // Every thread drains: a drainer that found the queue empty a moment ago
    // (the hub is still pushing) is replaced, or one core would do the rest.
    for (; drainers_ < threads_; ++drainers_) net::post(ioc_, [this] { Drain(); });
  }

  // Runs on an io thread until the ready queue is empty: writes ready streams
  // whose coroutine is idle straight to their sockets, a batch per system
  // call, and wakes the other streams' coroutines to do it.
  void Drain() {
    thread_local StreamBatchWriter writer;
    std::vector<std::shared_ptr<StreamWaiter>> batch;
    std::vector<StreamWriteState*> states;
    std::vector<size_t> wake;
    for (;;) {
      {
        std::lock_guard lock(ready_mu_);
        if (ready_.empty()) {
          --drainers_;
          return;
        }
        const auto end = ready_.begin() + static_cast<long>(std::min(ready_.size(), kDrainBatch));
        batch.assign(std::make_move_iterator(ready_.begin()), std::make_move_iterator(end));
        ready_.erase(ready_.begin(), end);
      }
      states.assign(batch.size(), nullptr);
      for (size_t i = 0; i < batch.size(); ++i) states[i] = batch[i].get();
      // One clock read per batch (for the pings' idle time; reads cost on a VM).
      writer.Write(states, std::chrono::steady_clock::now(), &wake);
      for (size_t i : wake) WakeCoroutine(std::move(batch[i]));
      wake.clear();
      batch.clear();
    }
  }

  static void WakeCoroutine(std::shared_ptr<StreamWaiter> w) {
    auto ex = w->timer.get_executor();
    net::post(ex, [w = std::move(w)] { w->timer.cancel(); });
  }

  net::awaitable<bool> TooLarge(Connection& conn, const BeastRequest& header) {
    HttpRequest plain;
    for (const auto& field : header) {
      plain.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    LogLine(std::string(header.method_string()) + " body-too-large 413");
    conn.stream.expires_after(kIoTimeout);
    co_await beast::async_write(
        conn.stream,
        bhttp::message_generator(ToBeast(HttpApi::TooLarge(plain), header.version(), false, false)),
        kUseTuple);
    co_return false;
  }

  // A malformed request gets 400; a closed, timed-out or cancelled one nothing.
  net::awaitable<bool> MaybeBadRequest(Connection& conn, const boost::system::error_code& ec) {
    const bool quiet = ec == bhttp::error::end_of_stream || ec == beast::error::timeout ||
                       ec == net::error::operation_aborted || ec == net::error::eof ||
                       ec == net::error::connection_reset || ec == bhttp::error::partial_message;
    if (quiet) co_return false;
    HttpResponse res;
    res.status = 400;
    res.SetHeader("Content-Type", "text/plain; charset=utf-8");
    res.body = "Bad Request\n";
    AddSecurityHeaders(res);
    conn.stream.expires_after(kIoTimeout);
    co_await beast::async_write(conn.stream,
                                bhttp::message_generator(ToBeast(std::move(res), 11, false, false)),
                                kUseTuple);
    co_return false;
  }

  void Forget(const std::shared_ptr<Connection>& conn) {
    std::lock_guard lock(mu_);
    conns_.erase(conn);
    if (stopping_ && conns_.empty()) hard_stop_.cancel();
  }

  void Stop() {
    LogLine("stopping");
    stopping_ = true;
    boost::system::error_code ignored;
    acceptor_.close(ignored);
    std::lock_guard lock(mu_);
    for (const auto& conn : conns_) {
      net::post(conn->stream.get_executor(), [conn] {
        if (conn->reading) conn->stream.cancel();
        if (conn->waiter) {  // an event stream: ends at once
          conn->waiter->stop = true;
          conn->waiter->timer.cancel();
          conn->stream.cancel();
        }
      });
    }
    if (conns_.empty()) return;
    hard_stop_.expires_after(kStopGrace);
    hard_stop_.async_wait([this](const boost::system::error_code& ec) {
      if (!ec) ioc_.stop();
    });
  }

  const HttpApi& api_;
  const int threads_;
  // Streams with something to send (see Ready); declared before ioc_, whose
  // handlers may still call Ready while it is destroyed.
  std::mutex ready_mu_;
  std::deque<std::shared_ptr<StreamWaiter>> ready_;
  int drainers_ = 0;  // Drain tasks posted and not finished
  bool ready_closed_ = false;
  net::io_context ioc_;
  tcp::acceptor acceptor_;
  net::signal_set signals_;
  net::steady_timer hard_stop_;
  std::atomic<bool> stopping_{false};
  std::mutex mu_;
  std::set<std::shared_ptr<Connection>> conns_;
};

}  // namespace

Status RunServer(const HttpApi& api, const ServerConfig& config) {
  const int threads = config.threads < 1 ? 1 : config.threads;
  Server server(api, threads);
  TRYGG_RETURN_IF_ERROR(server.Listen(config.host, config.port));
  LogLine(BatchSender().batched() ? "event streams: batched writes (io_uring)"
                                  : "event streams: one write per stream (no io_uring)");
  server.Run(threads);
  LogLine("stopped");
  return Status::Ok();
}

}  // namespace trygg
