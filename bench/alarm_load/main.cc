// trygg_alarm_load: opens N authenticated Server-Sent-Events streams to a running `trygg serve`,
// raises K alarms one at a time and measures, for every stream, how long after the press its
// `raised` message arrived; also the server's memory per stream and its CPU time (bench/alarms.sh).
//
// One thread runs every stream on epoll (plain non-blocking sockets); a second thread presses
// the alarms with ordinary blocking HTTP requests, so a press never delays a receipt timestamp.
//
// Two receipt times per stream and alarm: when the kernel had the bytes on the stream's socket
// (SO_TIMESTAMPNS, the time a screen's machine would have them) and when this program read them.
// The second includes this program's own queueing: it shares the two cores with the server and
// reads in batches (it naps a millisecond when few streams are ready, so that it does not take a
// core and a wakeup per message from the server it measures).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "load_stats.h"
#include "sse_client.h"

namespace trygg::bench {
namespace {

using Json = nlohmann::json;

int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// CLOCK_REALTIME, the clock of the kernel's receive timestamps.
int64_t RealNowNs() {
  timespec ts{};
  clock_gettime(CLOCK_REALTIME, &ts);
  return int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
}

struct Options {
  std::string host = "127.0.0.1";
  int port = 8080;
  std::vector<std::string> users;       // on duty at the site: their streams receive
  std::vector<std::string> idle_users;  // logged in, not on duty: their streams only wait
  int receivers = -1;                   // streams of on-duty users; −1: all
  std::string password = "trygg-demo";
  int connections = 10000;
  int alarms = 10;
  std::string site;  // a substring of the site's name or address; empty: the first site
  std::string kind = "test";
  int server_pid = 0;
  int max_pending = 256;        // connections opened but without hello yet
  int connect_timeout_s = 300;  // for all streams to say hello
  int alarm_timeout_ms = 10000;
  int pause_ms = 500;  // between one alarm's end and the next press
  std::string json_out;
  std::string latencies_out;  // every socket latency, a line per alarm
  std::string label;
  bool deliver = false;   // each on-duty user confirms delivery, as the web app's screens do
  int read_delay_ms = 0;  // after a press, read nothing for this long (see Usage)
};

void Usage() {
  std::cerr
      << "usage: trygg_alarm_load --port P --users u1,u2,... [--connections N (10000)]\n"
         "  [--receivers R (N) --idle-users v1,v2,...]\n"
         "  [--alarms K (10)] [--site TEXT] [--kind test|real|drill] [--server-pid PID]\n"
         "  [--password PW (trygg-demo)] [--host 127.0.0.1] [--max-pending 256]\n"
         "  [--connect-timeout-s 300] [--alarm-timeout-ms 10000] [--pause-ms 500]\n"
         "  [--json FILE] [--label TEXT] [--deliver 1] [--read-delay-ms D (0)]\n"
         "  [--latencies FILE: appends a line per alarm: its id, then each stream's press →\n"
         "   on-the-socket time in µs, in stream order]\n"
         "Every user logs in once and goes on duty (PUT /duty, kollega) at the site; the N\n"
         "streams are spread over their sessions. With --receivers R < N, only R streams\n"
         "belong to them and the other N - R to the idle users (logged in, never on duty):\n"
         "held connections that must receive nothing. The first user raises the alarms in the\n"
         "site's first besöksrum and ends each one once every stream has seen it end.\n"
         "With --read-delay-ms D, the streams leave the generator's epoll set just before each\n"
         "press and are not read for D ms after it: the messages wait on the sockets with\n"
         "their kernel arrival times, and neither the generator's reading (a recv and a JSON\n"
         "parse per message) nor its wakeups (a wait-queue wakeup per message, which loopback\n"
         "charges to the sending server) take the cores while the server fans out, as screens\n"
         "on other machines would not.\n"
         "Prints a markdown table on stdout, progress on stderr.\n";
}

std::optional<Options> ParseArgs(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--help" || a == "-h") return std::nullopt;
    if (i + 1 >= argc) {
      std::cerr << "missing value for " << a << "\n";
      return std::nullopt;
    }
    const std::string v = argv[++i];
    auto as_int = [&](int* out) {
      char* end = nullptr;
      const long n = std::strtol(v.c_str(), &end, 10);
      if (end == v.c_str() || *end != '\0' || n < 0 || n > 100000000) return false;
      *out = static_cast<int>(n);
      return true;
    };
    bool ok = true;
    if (a == "--host") {
      o.host = v;
    } else if (a == "--port") {
      ok = as_int(&o.port);
    } else if (a == "--users" || a == "--idle-users") {
      std::stringstream in(v);
      std::string u;
      while (std::getline(in, u, ',')) {
        if (!u.empty()) (a == "--users" ? o.users : o.idle_users).push_back(u);
      }
    } else if (a == "--receivers") {
      ok = as_int(&o.receivers);
    } else if (a == "--password") {
      o.password = v;
    } else if (a == "--connections") {
      ok = as_int(&o.connections);
    } else if (a == "--alarms") {
      ok = as_int(&o.alarms);
    } else if (a == "--site") {
      o.site = v;
    } else if (a == "--kind") {
      o.kind = v;
    } else if (a == "--server-pid") {
      ok = as_int(&o.server_pid);
    } else if (a == "--max-pending") {
      ok = as_int(&o.max_pending) && o.max_pending > 0;
    } else if (a == "--connect-timeout-s") {
      ok = as_int(&o.connect_timeout_s);
    } else if (a == "--alarm-timeout-ms") {
      ok = as_int(&o.alarm_timeout_ms);
    } else if (a == "--pause-ms") {
      ok = as_int(&o.pause_ms);
    } else if (a == "--json") {
      o.json_out = v;
    } else if (a == "--latencies") {
      o.latencies_out = v;
    } else if (a == "--label") {
      o.label = v;
    } else if (a == "--read-delay-ms") {
      ok = as_int(&o.read_delay_ms);
    } else if (a == "--deliver") {
      o.deliver = v == "1" || v == "true";
    } else {
      std::cerr << "unknown flag " << a << "\n";
      return std::nullopt;
    }
    if (!ok) {
      std::cerr << "bad value for " << a << ": " << v << "\n";
      return std::nullopt;
    }
  }
  if (o.receivers < 0 || o.receivers > o.connections) o.receivers = o.connections;
  if (o.users.empty() || o.port <= 0 || o.connections <= 0 ||
      (o.receivers < o.connections && o.idle_users.empty())) {
    return std::nullopt;
  }
  return o;
}

sockaddr_in Address(const Options& o) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(o.port));
  if (inet_pton(AF_INET, o.host.c_str(), &addr.sin_addr) != 1) {
    std::cerr << "--host must be an IPv4 address\n";
    std::exit(2);
  }
  return addr;
}

// recv with the kernel's receive time of the last segment read (SO_TIMESTAMPNS
// must be on; realtime ns, 0 when the kernel gave none) in `*kernel_at`.
ssize_t RecvStamped(int fd, char* buf, size_t size, int64_t* kernel_at) {
  iovec iov{buf, size};
  alignas(cmsghdr) char control[CMSG_SPACE(sizeof(timespec))];
  msghdr msg{};
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;
  msg.msg_control = control;
  msg.msg_controllen = sizeof control;
  const ssize_t n = recvmsg(fd, &msg, 0);
  *kernel_at = 0;
  if (n <= 0) return n;
  for (cmsghdr* cm = CMSG_FIRSTHDR(&msg); cm != nullptr; cm = CMSG_NXTHDR(&msg, cm)) {
    if (cm->cmsg_level == SOL_SOCKET && cm->cmsg_type == SCM_TIMESTAMPNS) {
      timespec ts{};
      std::memcpy(&ts, CMSG_DATA(cm), sizeof ts);
      *kernel_at = int64_t{ts.tv_sec} * 1000000000 + ts.tv_nsec;
    }
  }
  return n;
}

// --- Blocking requests (login, duty, press, end).

struct Session {
  std::string username;
  std::string cookie;  // "trygg_session=…"
  std::string csrf;
};

struct HttpAnswer {
  int status = 0;  // 0: no answer (see body)
  std::string body;
  std::string set_cookie;
  int64_t first_kernel_ns = 0;  // the first bytes' kernel receive time (realtime); 0: unknown
};

HttpAnswer Call(const Options& o, const std::string& method, const std::string& path,
                const std::string& body, const Session* session) {
  HttpAnswer out;
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  timeval tv{30, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  const int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
  const sockaddr_in addr = Address(o);
  if (connect(fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0) {
    out.body = std::string("connect: ") + std::strerror(errno);
    close(fd);
    return out;
  }
  std::string req = method + " " + path + " HTTP/1.1\r\nHost: " + o.host + ":" +
                    std::to_string(o.port) + "\r\nConnection: close\r\n";
  if (session) {
    req += "Cookie: " + session->cookie + "\r\n";
    if (method != "GET") req += "X-CSRF-Token: " + session->csrf + "\r\n";
  }
  if (!body.empty() || method != "GET") {
    req +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  req += "\r\n" + body;
  for (size_t sent = 0; sent < req.size();) {
    const ssize_t n = send(fd, req.data() + sent, req.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      out.body = std::string("send: ") + std::strerror(errno);
      close(fd);
      return out;
    }
    sent += static_cast<size_t>(n);
  }
  HttpStreamReader reader;
  char buf[16384];
  while (true) {
    int64_t kernel_at = 0;
    const ssize_t n = RecvStamped(fd, buf, sizeof buf, &kernel_at);
    if (n <= 0) break;
    if (out.first_kernel_ns == 0) out.first_kernel_ns = kernel_at;
    if (reader.Feed(std::string_view(buf, static_cast<size_t>(n)), &out.body) ==
        HttpStreamReader::State::kError) {
      break;
    }
    // Content-Length: stop once the body is complete (no need to wait for the close).
    if (reader.state() == HttpStreamReader::State::kBody) {
      if (std::optional<std::string> len = reader.Header("content-length")) {
        if (out.body.size() >= std::strtoull(len->c_str(), nullptr, 10)) break;
      }
    }
  }
  close(fd);
  if (reader.state() == HttpStreamReader::State::kBody) {
    out.status = reader.status();
    out.set_cookie = reader.Header("set-cookie").value_or("");
  } else {
    out.body = "no complete response: " + reader.error();
  }
  return out;
}

[[noreturn]] void Die(const std::string& what, const HttpAnswer& a) {
  std::cerr << "trygg_alarm_load: " << what << ": HTTP " << a.status << " " << a.body.substr(0, 300)
            << "\n";
  std::exit(1);
}

Session Login(const Options& o, const std::string& username) {
  const Json body = {{"username", username}, {"password", o.password}};
  HttpAnswer a = Call(o, "POST", "/api/v1/auth/login", body.dump(), nullptr);
  if (a.status != 200) Die("login " + username, a);
  Session s;
  s.username = username;
  s.cookie = a.set_cookie.substr(0, a.set_cookie.find(';'));
  s.csrf = Json::parse(a.body).value("csrf_token", "");
  if (s.cookie.empty() || s.csrf.empty()) Die("login " + username + " gave no session", a);
  return s;
}

// The list in an answer that is a bare array or has one under "items" or "sites".
Json ListOf(const Json& j) {
  if (j.is_array()) return j;
  for (const char* k : {"items", "sites"}) {
    if (j.contains(k) && j[k].is_array()) return j[k];
  }
  return Json::array();
}

// --- The streams.

enum class ConnState { kIdle, kConnecting, kOpen, kClosed };

struct Conn {
  int fd = -1;
  int session = 0;
  ConnState state = ConnState::kIdle;
  bool hello = false;
  int attempts = 0;
  std::string out;  // the request still to send
  HttpStreamReader http;
  SseParser sse;
  std::string body;
};

struct AlarmTrack {
  std::vector<int64_t> raised_ns;         // per connection, read (steady clock); 0: not yet
  std::vector<int64_t> raised_kernel_ns;  // per connection, on the socket (realtime); 0: unknown
  int raised = 0;
  int ended = 0;
};

// What the press thread and the stream thread share.
struct Shared {
  std::mutex mu;
  std::condition_variable cv;
  std::map<int64_t, AlarmTrack> tracks;  // by alarm id
  int open_streams = 0;                  // receiving streams with hello and not closed
  int dropped_after_hello = 0;
  int64_t unexpected = 0;  // `raised` messages on idle streams (must be 0)
  // --read-delay-ms: the presser asks for quiet (1), the stream thread takes
  // the streams out of epoll and says so (2), the presser presses and sets
  // hold_until_ns; after it the stream thread puts them back (0).
  std::atomic<int> quiet{0};
  std::atomic<int64_t> hold_until_ns{INT64_MAX};  // steady clock
};

class StreamRunner {
 public:
  // `sessions`: the on-duty users' first (`on_duty` of them), then the idle
  // users'. Streams below o.receivers use the former, the rest the latter.
  StreamRunner(const Options& o, const std::vector<Session>& sessions, size_t on_duty,
               Shared& shared)
      : o_(o), sessions_(sessions), shared_(shared), conns_(static_cast<size_t>(o.connections)) {
    epfd_ = epoll_create1(EPOLL_CLOEXEC);
    const size_t receivers = static_cast<size_t>(o.receivers), idle = sessions.size() - on_duty;
    for (size_t i = 0; i < conns_.size(); ++i) {
      conns_[i].session =
          static_cast<int>(i < receivers ? i % on_duty : on_duty + (i - receivers) % idle);
    }
  }
  ~StreamRunner() {
    for (Conn& c : conns_) {
      if (c.fd >= 0) close(c.fd);
    }
    close(epfd_);
  }

  // Opens every stream, at most max_pending at a time, until all said hello
  // or the timeout passed. Returns how many said hello.
  int OpenAll() {
    const int64_t deadline = NowNs() + int64_t{o_.connect_timeout_s} * 1000000000;
    size_t next = 0;
    int64_t last_print = NowNs();
    while (hellos_ < o_.connections && NowNs() < deadline) {
      while (next < conns_.size() && pending_ < o_.max_pending) Open(next++);
      std::vector<size_t> retry;
      retry.swap(retry_);
      for (size_t i : retry) Open(i);
      Poll(50);
      if (NowNs() - last_print > 2000000000) {
        last_print = NowNs();
        std::cerr << "  streams with hello: " << hellos_ << "/" << o_.connections << " (failed "
                  << failed_ << ")\n";
      }
      if (next >= conns_.size() && pending_ == 0 && retry_.empty()) break;
    }
    return hellos_;
  }

  // Runs the streams until `stop` is set. When few streams were ready it naps
  // a millisecond, so that messages gather on the sockets (with their kernel
  // timestamps) and are read in batches. Quiet phases: see Shared::quiet.
  void Run(const std::atomic<bool>& stop) {
    while (!stop.load()) {
      if (shared_.quiet.load() == 1) {
        Watch(false);
        shared_.quiet = 2;
      }
      if (shared_.quiet.load() == 2) {
        const int64_t until = shared_.hold_until_ns.load();
        if (NowNs() < until) {
          // One sleep to the end of the pause once the press set it, so that
          // this thread does not wake during the fan-out it measures.
          const int64_t left = until == INT64_MAX ? 1000000 : until - NowNs();
          std::this_thread::sleep_for(std::chrono::nanoseconds(std::max<int64_t>(left, 0)));
          continue;
        }
        Watch(true);
        shared_.quiet = 0;
      }
      if (Poll(5) < 64) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }

  int failed() const { return failed_; }

  // Takes every open stream out of the epoll set, or puts it back (level
  // triggered: what arrived meanwhile is reported at once).
  void Watch(bool on) {
    for (size_t i = 0; i < conns_.size(); ++i) {
      Conn& c = conns_[i];
      if (c.fd < 0 || c.state != ConnState::kOpen || !c.out.empty()) continue;
      if (!on) {
        epoll_ctl(epfd_, EPOLL_CTL_DEL, c.fd, nullptr);
        continue;
      }
      epoll_event ev{};
      ev.events = EPOLLIN | EPOLLRDHUP;
      ev.data.u64 = i;
      epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev);
    }
  }
  bool Receiving(size_t i) const { return i < static_cast<size_t>(o_.receivers); }
  int errors_logged() const { return errors_logged_; }

 private:
  void Open(size_t i) {
    Conn& c = conns_[i];
    Conn fresh;
    fresh.session = c.session;
    fresh.attempts = c.attempts + 1;
    fresh.state = ConnState::kConnecting;
    c = std::move(fresh);
    ++pending_;
    c.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (c.fd < 0) {
      Fail(i, std::string("socket: ") + std::strerror(errno));
      return;
    }
    const int one = 1;
    setsockopt(c.fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one);
    const sockaddr_in addr = Address(o_);
    if (connect(c.fd, reinterpret_cast<const sockaddr*>(&addr), sizeof addr) != 0 &&
        errno != EINPROGRESS) {
      Fail(i, std::string("connect: ") + std::strerror(errno));
      return;
    }
    c.out = "GET /api/v1/alarms/stream HTTP/1.1\r\nHost: " + o_.host + ":" +
            std::to_string(o_.port) + "\r\nAccept: text/event-stream\r\nCookie: " +
            sessions_[static_cast<size_t>(c.session)].cookie + "\r\n\r\n";
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
    ev.data.u64 = i;
    epoll_ctl(epfd_, EPOLL_CTL_ADD, c.fd, &ev);
  }

  // Closes stream i; before its hello it is retried (at most 3 attempts).
  void Fail(size_t i, const std::string& why) {
    Conn& c = conns_[i];
    if (c.fd >= 0) {
      epoll_ctl(epfd_, EPOLL_CTL_DEL, c.fd, nullptr);
      close(c.fd);
      c.fd = -1;
    }
    if (errors_logged_ < 10) {
      ++errors_logged_;
      std::cerr << "  stream " << i << ": " << why << "\n";
    }
    const ConnState was = c.state;
    c.state = ConnState::kClosed;
    if (c.hello) {
      std::lock_guard<std::mutex> lock(shared_.mu);
      if (Receiving(i)) --shared_.open_streams;
      ++shared_.dropped_after_hello;
      shared_.cv.notify_all();
      return;
    }
    if (was == ConnState::kConnecting || was == ConnState::kOpen) --pending_;
    if (c.attempts < 3) {
      retry_.push_back(i);
    } else {
      ++failed_;
    }
  }

  // Handles what is ready within `timeout_ms`; returns how many streams were.
  int Poll(int timeout_ms) {
    epoll_event events[1024];
    const int n = epoll_wait(epfd_, events, 1024, timeout_ms);
    for (int k = 0; k < n; ++k) {
      const size_t i = events[k].data.u64;
      Conn& c = conns_[i];
      if (c.fd < 0) continue;
      if (events[k].events & EPOLLOUT) {
        if (c.state == ConnState::kConnecting) {
          int err = 0;
          socklen_t len = sizeof err;
          getsockopt(c.fd, SOL_SOCKET, SO_ERROR, &err, &len);
          if (err != 0) {
            Fail(i, std::string("connect: ") + std::strerror(err));
            continue;
          }
          c.state = ConnState::kOpen;
        }
        while (!c.out.empty()) {
          const ssize_t w = send(c.fd, c.out.data(), c.out.size(), MSG_NOSIGNAL);
          if (w < 0) break;
          c.out.erase(0, static_cast<size_t>(w));
        }
        if (c.out.empty()) {
          epoll_event ev{};
          ev.events = EPOLLIN | EPOLLRDHUP;
          ev.data.u64 = i;
          epoll_ctl(epfd_, EPOLL_CTL_MOD, c.fd, &ev);
        }
      }
      if (events[k].events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) Read(i);
    }
    return n;
  }

  void Read(size_t i) {
    Conn& c = conns_[i];
    static char buf[65536];
    while (c.fd >= 0) {
      int64_t kernel_at = 0;  // of the last segment read (TCP reports that one)
      const ssize_t n = RecvStamped(c.fd, buf, sizeof buf, &kernel_at);
      if (n == 0) {
        Fail(i, "closed by the server");
        return;
      }
      if (n < 0) {
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        Fail(i, std::string("recv: ") + std::strerror(errno));
        return;
      }
      const int64_t at = NowNs();
      c.body.clear();
      if (c.http.Feed(std::string_view(buf, static_cast<size_t>(n)), &c.body) ==
          HttpStreamReader::State::kError) {
        Fail(i, "bad response: " + c.http.error());
        return;
      }
      if (c.http.state() != HttpStreamReader::State::kBody) continue;
      if (c.http.status() != 200) {
        Fail(i, "HTTP " + std::to_string(c.http.status()));
        return;
      }
      events_.clear();
      c.sse.Feed(c.body, &events_);
      for (const SseEvent& e : events_) OnEvent(i, e, at, kernel_at);
    }
  }

  void OnEvent(size_t i, const SseEvent& e, int64_t at, int64_t kernel_at) {
    Conn& c = conns_[i];
    if (e.event == "hello") {
      if (!c.hello) {
        c.hello = true;
        ++hellos_;
        --pending_;
        std::lock_guard<std::mutex> lock(shared_.mu);
        if (Receiving(i)) ++shared_.open_streams;
      }
      return;
    }
    if (e.event != "alarm") return;
    std::optional<AlarmMessage> m = ParseAlarmMessage(e.data);
    if (!m) {
      if (errors_logged_ < 10) {
        ++errors_logged_;
        std::cerr << "  stream " << i
                  << ": an alarm message without kind and id: " << e.data.substr(0, 200) << "\n";
      }
      return;
    }
    std::lock_guard<std::mutex> lock(shared_.mu);
    if (!Receiving(i)) {
      if (m->kind == "raised") ++shared_.unexpected;
      return;
    }
    AlarmTrack& t = shared_.tracks[m->alarm_id];
    if (t.raised_ns.empty()) {
      t.raised_ns.assign(conns_.size(), 0);
      t.raised_kernel_ns.assign(conns_.size(), 0);
    }
    // The presser waits for everyone: wake it only then (a notify per message
    // would cost a context switch each on the cores the server needs).
    if (m->kind == "raised") {
      if (t.raised_ns[i] == 0) {
        t.raised_ns[i] = at;
        t.raised_kernel_ns[i] = kernel_at;
        if (++t.raised >= shared_.open_streams) shared_.cv.notify_all();
      }
    } else if (m->kind == "ended") {
      if (++t.ended >= shared_.open_streams) shared_.cv.notify_all();
    }
  }

  const Options& o_;
  const std::vector<Session>& sessions_;
  Shared& shared_;
  std::vector<Conn> conns_;
  int epfd_ = -1;
  int pending_ = 0;
  int hellos_ = 0;
  int failed_ = 0;
  int errors_logged_ = 0;
  std::vector<size_t> retry_;
  std::vector<SseEvent> events_;
};

// --- The presses.

struct PressResult {
  int64_t alarm_id = 0;
  int64_t press_ns = 0;          // steady clock
  int64_t press_real_ns = 0;     // realtime, for the kernel timestamps
  int64_t answer_ns = 0;         // the POST's answer, read
  int64_t answer_kernel_ns = 0;  // press → the answer on the socket; 0: unknown
  int expected = 0;              // streams open at the press
  int received = 0;
  int64_t last_ns = 0;                       // the last stream's receipt
  std::vector<int64_t> latencies_us;         // press → read by this program
  std::vector<int64_t> kernel_latencies_us;  // press → on the stream's socket
  int64_t kernel_last_ns = 0;
  double raised_cpu_s = -1;  // server CPU from the press to the end of the read pause; -1: none
};

// The server's figures; zeros without a pid or when /proc has no such process.
ProcSample Sample(int pid) { return pid > 0 ? ReadProc(pid).value_or(ProcSample{}) : ProcSample{}; }

double Ms(int64_t ns) { return static_cast<double>(ns) / 1e6; }

std::string Fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

std::string Thousands(int64_t v) {
  std::string s = std::to_string(v), out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i > 0 && (s.size() - i) % 3 == 0) out += ',';
    out += s[i];
  }
  return out;
}

}  // namespace

int Main(int argc, char** argv) {
  std::optional<Options> parsed = ParseArgs(argc, argv);
  if (!parsed) {
    Usage();
    return 2;
  }
  const Options o = *parsed;
  rlimit lim{};
  getrlimit(RLIMIT_NOFILE, &lim);
  lim.rlim_cur = lim.rlim_max;
  setrlimit(RLIMIT_NOFILE, &lim);
  if (lim.rlim_cur < static_cast<rlim_t>(o.connections) + 64) {
    std::cerr << "trygg_alarm_load: ulimit -n is " << lim.rlim_cur << "; raise the hard limit\n";
    return 1;
  }

  // Log in, find the site and its first besöksrum, go on duty.
  std::vector<Session> sessions;
  for (const std::string& u : o.users) sessions.push_back(Login(o, u));
  HttpAnswer sites_answer = Call(o, "GET", "/api/v1/alarm-sites", "", &sessions[0]);
  if (sites_answer.status != 200) Die("GET /alarm-sites", sites_answer);
  Json site;
  for (const Json& s : ListOf(Json::parse(sites_answer.body))) {
    const std::string text = s.value("name", "") + " " + s.value("address", "");
    if (o.site.empty() || text.find(o.site) != std::string::npos) {
      site = s;
      break;
    }
  }
  if (site.is_null()) Die("no site matching '" + o.site + "'", sites_answer);
  const int64_t site_id = site.at("id").get<int64_t>();
  int64_t room_id = 0;
  std::string room_name;
  for (const Json& r : site.value("rooms", Json::array())) {
    if (room_id == 0 || r.value("kind", "") == "besoksrum") {
      room_id = r.at("id").get<int64_t>();
      room_name = r.value("name", "");
      if (r.value("kind", "") == "besoksrum") break;
    }
  }
  if (room_id == 0) Die("site " + std::to_string(site_id) + " has no rooms", sites_answer);
  std::vector<Session> on_duty;
  for (const Session& s : sessions) {
    const Json duty = {{"site_id", site_id}, {"function", "kollega"}, {"room_id", room_id}};
    HttpAnswer a = Call(o, "PUT", "/api/v1/duty", duty.dump(), &s);
    if (a.status == 200 || a.status == 201) {
      on_duty.push_back(s);
    } else {
      std::cerr << "  " << s.username << " may not go on duty there (HTTP " << a.status
                << "); left out\n";
      if (on_duty.empty()) Die("the raiser " + s.username + " cannot go on duty", a);
    }
  }
  const size_t on_duty_count = on_duty.size();
  for (const std::string& u : o.idle_users) on_duty.push_back(Login(o, u));
  std::cerr << "Site " << site_id << " '" << site.value("name", "") << "', room '" << room_name
            << "'; " << on_duty_count << " users on duty, " << o.idle_users.size()
            << " idle; opening " << o.connections << " streams, " << o.receivers
            << " of them receiving…\n";

  Shared shared;
  StreamRunner runner(o, on_duty, on_duty_count, shared);
  const bool proc = o.server_pid > 0;
  const double tick = SecondsPerTick();
  auto cpu_s = [&](const ProcSample& a, const ProcSample& b) {
    return static_cast<double>(b.cpu_ticks - a.cpu_ticks) * tick;
  };
  const ProcSample before = Sample(o.server_pid);
  rusage self_start{};
  getrusage(RUSAGE_SELF, &self_start);
  const int64_t open_start = NowNs();
  const int hellos = runner.OpenAll();
  const int64_t open_ns = NowNs() - open_start;
  std::cerr << "  " << hellos << " streams said hello in " << Fixed(Ms(open_ns) / 1000, 1) << " s; "
            << runner.failed() << " failed\n";
  std::this_thread::sleep_for(std::chrono::seconds(1));  // let the server settle
  const ProcSample connected = Sample(o.server_pid);

  // Presses in their own thread while this one reads the streams.
  std::atomic<bool> stop{false};
  std::vector<PressResult> presses;
  ProcSample alarms_start, alarms_end;
  std::thread presser([&] {
    const Session& raiser = on_duty[0];
    alarms_start = Sample(o.server_pid);
    for (int k = 0; k < o.alarms; ++k) {
      std::this_thread::sleep_for(std::chrono::milliseconds(o.pause_ms));
      PressResult p;
      {
        std::lock_guard<std::mutex> lock(shared.mu);
        p.expected = shared.open_streams;
      }
      const Json raise = {{"room_id", room_id}, {"kind", o.kind}};
      if (o.read_delay_ms > 0) {
        shared.hold_until_ns = INT64_MAX;
        shared.quiet = 1;
        while (shared.quiet.load() != 2) std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
      const int64_t run_before_press = proc ? RunNs(o.server_pid) : 0;
      p.press_real_ns = RealNowNs();
      p.press_ns = NowNs();
      shared.hold_until_ns = p.press_ns + int64_t{o.read_delay_ms} * 1000000;
      HttpAnswer a = Call(o, "POST", "/api/v1/alarms", raise.dump(), &raiser);
      p.answer_ns = NowNs();
      if (a.first_kernel_ns != 0) p.answer_kernel_ns = a.first_kernel_ns - p.press_real_ns;
      if (a.status != 201) Die("POST /alarms", a);
      p.alarm_id = Json::parse(a.body).at("id").get<int64_t>();
      if (o.read_delay_ms >= 100 && proc && !o.deliver) {
        // Nothing but this press and its fan-out runs on the machine until
        // the pause ends: the server's CPU over it is what one alarm costs.
        const int64_t sample_at = p.press_ns + (int64_t{o.read_delay_ms} - 20) * 1000000;
        std::this_thread::sleep_for(
            std::chrono::nanoseconds(std::max<int64_t>(0, sample_at - NowNs())));
        p.raised_cpu_s = static_cast<double>(RunNs(o.server_pid) - run_before_press) / 1e9;
      }
      if (o.deliver) {
        // As each user's screen would, right after the alarm shows (the web app
        // posts once per alarm and tab); every one is an event fanned out too.
        for (size_t u = 0; u < on_duty_count; ++u) {
          HttpAnswer d =
              Call(o, "POST", "/api/v1/alarms/" + std::to_string(p.alarm_id) + "/delivered", "",
                   &on_duty[u]);
          if (d.status != 200) Die("POST /alarms/" + std::to_string(p.alarm_id) + "/delivered", d);
        }
      }
      const auto deadline =
          std::chrono::steady_clock::now() + std::chrono::milliseconds(o.alarm_timeout_ms);
      {
        std::unique_lock<std::mutex> lock(shared.mu);
        shared.cv.wait_until(lock, deadline, [&] {
          return shared.tracks[p.alarm_id].raised >= shared.open_streams;
        });
        AlarmTrack& t = shared.tracks[p.alarm_id];
        for (size_t i = 0; i < t.raised_ns.size(); ++i) {
          const int64_t at = t.raised_ns[i], kernel_at = t.raised_kernel_ns[i];
          if (at == 0) continue;
          p.latencies_us.push_back((at - p.press_ns) / 1000);
          p.last_ns = std::max(p.last_ns, at - p.press_ns);
          if (kernel_at == 0) continue;
          p.kernel_latencies_us.push_back((kernel_at - p.press_real_ns) / 1000);
          p.kernel_last_ns = std::max(p.kernel_last_ns, kernel_at - p.press_real_ns);
        }
        p.received = t.raised;
        if (!o.latencies_out.empty()) {
          std::ofstream f(o.latencies_out, std::ios::app);
          f << p.alarm_id;
          for (int64_t v : p.kernel_latencies_us) f << ' ' << v;
          f << '\n';
        }
      }
      const Json end = {{"outcome", o.kind == "real" ? "false_alarm" : "test_ok"}};
      HttpAnswer e = Call(o, "POST", "/api/v1/alarms/" + std::to_string(p.alarm_id) + "/end",
                          end.dump(), &raiser);
      if (e.status != 200) Die("POST /alarms/" + std::to_string(p.alarm_id) + "/end", e);
      {
        std::unique_lock<std::mutex> lock(shared.mu);
        shared.cv.wait_until(lock, deadline + std::chrono::milliseconds(o.alarm_timeout_ms), [&] {
          return shared.tracks[p.alarm_id].ended >= shared.open_streams;
        });
      }
      const LatencySummary s = Summarise(p.latencies_us);
      const LatencySummary ks = Summarise(p.kernel_latencies_us);
      std::cerr << "  alarm " << p.alarm_id << ": " << p.received << "/" << p.expected
                << " streams, answer on the socket " << Fixed(Ms(p.answer_kernel_ns), 1)
                << " ms, read " << Fixed(Ms(p.answer_ns - p.press_ns), 1)
                << " ms; on the socket p50 " << Fixed(ks.p50_ms, 1) << " ms, p99 "
                << Fixed(ks.p99_ms, 1) << " ms, last " << Fixed(Ms(p.kernel_last_ns), 1)
                << " ms; read p50 " << Fixed(s.p50_ms, 1) << " ms, p99 " << Fixed(s.p99_ms, 1)
                << " ms, last " << Fixed(Ms(p.last_ns), 1) << " ms\n";
      presses.push_back(std::move(p));
    }
    alarms_end = Sample(o.server_pid);
    stop = true;
  });
  runner.Run(stop);
  presser.join();
  rusage self_end{};
  getrusage(RUSAGE_SELF, &self_end);

  // Figures.
  std::vector<int64_t> all_us, answers_us, answers_kernel_us, last_us, kernel_us, kernel_last_us;
  int64_t expected = 0, received = 0;
  for (const PressResult& p : presses) {
    all_us.insert(all_us.end(), p.latencies_us.begin(), p.latencies_us.end());
    answers_us.push_back((p.answer_ns - p.press_ns) / 1000);
    if (p.answer_kernel_ns != 0) answers_kernel_us.push_back(p.answer_kernel_ns / 1000);
    last_us.push_back(p.last_ns / 1000);
    kernel_us.insert(kernel_us.end(), p.kernel_latencies_us.begin(), p.kernel_latencies_us.end());
    kernel_last_us.push_back(p.kernel_last_ns / 1000);
    expected += p.expected;
    received += p.received;
  }
  const LatencySummary lat = Summarise(all_us);
  const LatencySummary answer = Summarise(answers_us);
  const LatencySummary answer_kernel = Summarise(answers_kernel_us);
  const LatencySummary last = Summarise(last_us);
  const LatencySummary kernel = Summarise(kernel_us);
  const LatencySummary kernel_last = Summarise(kernel_last_us);
  const int64_t missed = expected - received;
  const double self_cpu =
      static_cast<double>((self_end.ru_utime.tv_sec - self_start.ru_utime.tv_sec) +
                          (self_end.ru_stime.tv_sec - self_start.ru_stime.tv_sec)) +
      static_cast<double>((self_end.ru_utime.tv_usec - self_start.ru_utime.tv_usec) +
                          (self_end.ru_stime.tv_usec - self_start.ru_stime.tv_usec)) /
          1e6;

  std::ostringstream md;
  md << "| measure | value |\n|---|---|\n";
  md << "| streams (`GET /alarms/stream`) said hello | " << Thousands(hellos) << " of "
     << Thousands(o.connections) << " (" << runner.failed() << " failed to open) |\n";
  md << "| streams that receive the alarms | " << Thousands(o.receivers) << " (" << on_duty_count
     << " users on duty at the site)";
  if (o.receivers < o.connections) {
    md << "; the other " << Thousands(o.connections - o.receivers) << " belong to "
       << o.idle_users.size() << " users not on duty there";
  }
  md << " |\n";
  md << "| time to open them all | " << Fixed(Ms(open_ns) / 1000, 1) << " s (at most "
     << o.max_pending << " opening at once) |\n";
  md << "| alarms raised (`POST /alarms`, kind " << o.kind << ") | " << presses.size()
     << ", one at a time"
     << (o.deliver ? "; after each press every on-duty user posts `delivered`" : "") << " |\n";
  if (o.read_delay_ms > 0) {
    md << "| generator reading paused after each press (--read-delay-ms) | " << o.read_delay_ms
       << " ms (the socket times are the kernel's; the read times include this wait) |\n";
  }
  md << "| press → `raised` on the stream's socket (kernel timestamp): p50 / p90 / p99 / max | "
     << Fixed(kernel.p50_ms, 1) << " / " << Fixed(kernel.p90_ms, 1) << " / "
     << Fixed(kernel.p99_ms, 1) << " / " << Fixed(kernel.max_ms, 1) << " ms ("
     << Thousands(kernel.count) << " receipts) |\n";
  md << "| press → `raised` read by the generator: p50 / p90 / p99 / max | " << Fixed(lat.p50_ms, 1)
     << " / " << Fixed(lat.p90_ms, 1) << " / " << Fixed(lat.p99_ms, 1) << " / "
     << Fixed(lat.max_ms, 1) << " ms (" << Thousands(lat.count) << " receipts) |\n";
  md << "| press → the last stream has it (per alarm), socket / read: median / max | "
     << Fixed(kernel_last.p50_ms, 1) << " / " << Fixed(kernel_last.max_ms, 1) << " ms; "
     << Fixed(last.p50_ms, 1) << " / " << Fixed(last.max_ms, 1) << " ms |\n";
  md << "| `POST /alarms` answer on the presser's socket / read by it: median / max | "
     << Fixed(answer_kernel.p50_ms, 1) << " / " << Fixed(answer_kernel.max_ms, 1) << " ms; "
     << Fixed(answer.p50_ms, 1) << " / " << Fixed(answer.max_ms, 1) << " ms |\n";
  md << "| missed (stream × alarm without `raised` within " << o.alarm_timeout_ms / 1000 << " s) | "
     << missed << " |\n";
  {
    std::lock_guard<std::mutex> lock(shared.mu);
    md << "| streams closed after hello | " << shared.dropped_after_hello << " |\n";
    if (o.receivers < o.connections) {
      md << "| `raised` on a stream that should get nothing | " << shared.unexpected << " |\n";
    }
  }
  if (proc) {
    const double per_conn = hellos > 0 ? static_cast<double>(connected.rss_kib - before.rss_kib) *
                                             1024.0 / static_cast<double>(hellos)
                                       : 0;
    md << "| server RSS before / with the streams | " << Fixed(before.rss_kib / 1024.0, 1) << " / "
       << Fixed(connected.rss_kib / 1024.0, 1) << " MiB → "
       << Thousands(static_cast<int64_t>(per_conn)) << " B per stream (" << connected.threads
       << " threads) |\n";
    md << "| server CPU to open the streams | " << Fixed(cpu_s(before, connected), 2) << " s ("
       << Fixed(cpu_s(before, connected) / std::max(1, hellos) * 1e6, 0) << " µs per stream) |\n";
  }
  if (proc && !presses.empty()) {
    const double c = cpu_s(alarms_start, alarms_end);
    const double user = static_cast<double>(alarms_end.user_ticks - alarms_start.user_ticks) * tick;
    md << "| server CPU during the alarms (raise, fan-out of raised and ended, end) | "
       << Fixed(c, 2) << " s (user " << Fixed(user, 2) << ", kernel " << Fixed(c - user, 2) << "), "
       << Fixed(c / static_cast<double>(presses.size()) * 1000, 0) << " ms per alarm |\n";
  }
  std::vector<int64_t> raised_cpu_us;
  for (const PressResult& p : presses) {
    if (p.raised_cpu_s >= 0) raised_cpu_us.push_back(static_cast<int64_t>(p.raised_cpu_s * 1e6));
  }
  if (!raised_cpu_us.empty()) {
    std::sort(raised_cpu_us.begin(), raised_cpu_us.end());
    const double median_ms = static_cast<double>(raised_cpu_us[raised_cpu_us.size() / 2]) / 1000;
    const double per_stream_us = median_ms * 1000 / std::max(1, presses.front().expected);
    md << "| server CPU for one press and its fan-out of `raised` (over the read pause), median | "
       << Fixed(median_ms, 0) << " ms, " << Fixed(per_stream_us, 1)
       << " µs per receiving stream |\n";
  }
  const double self_user =
      static_cast<double>(self_end.ru_utime.tv_sec - self_start.ru_utime.tv_sec) +
      static_cast<double>(self_end.ru_utime.tv_usec - self_start.ru_utime.tv_usec) / 1e6;
  md << "| load generator CPU (same machine, whole run) | " << Fixed(self_cpu, 2) << " s (user "
     << Fixed(self_user, 2) << ", kernel " << Fixed(self_cpu - self_user, 2) << ") |\n";
  std::cout << md.str();

  if (!o.json_out.empty()) {
    Json j = {{"label", o.label},
              {"connections", o.connections},
              {"hello", hellos},
              {"users", on_duty.size()},
              {"open_s", Ms(open_ns) / 1000},
              {"alarms", presses.size()},
              {"socket_p50_ms", kernel.p50_ms},
              {"socket_p99_ms", kernel.p99_ms},
              {"socket_max_ms", kernel.max_ms},
              {"p50_ms", lat.p50_ms},
              {"p90_ms", lat.p90_ms},
              {"p99_ms", lat.p99_ms},
              {"max_ms", lat.max_ms},
              {"last_median_ms", last.p50_ms},
              {"answer_median_ms", answer.p50_ms},
              {"missed", missed}};
    if (proc) {
      j["rss_before_kib"] = before.rss_kib;
      j["rss_connected_kib"] = connected.rss_kib;
    }
    std::ofstream(o.json_out) << j.dump(2) << "\n";
  }
  const bool ok =
      hellos == o.connections && missed == 0 && !presses.empty() && shared.unexpected == 0;
  return ok ? 0 : 1;
}

}  // namespace trygg::bench

int main(int argc, char** argv) { return trygg::bench::Main(argc, argv); }
