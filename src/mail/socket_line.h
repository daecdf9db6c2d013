// SocketLine: a blocking TCP client connection read line by line, where every
// connect, read and write waits at most a fixed time (POSIX sockets + poll).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace trygg {

class SocketLine {
 public:
  // `timeout_ms` bounds the connect as a whole and each single wait for the
  // socket to become readable or writable afterwards.
  explicit SocketLine(int timeout_ms) : timeout_ms_(timeout_ms) {}
  ~SocketLine();
  SocketLine(const SocketLine&) = delete;
  SocketLine& operator=(const SocketLine&) = delete;

  // Resolves `host` and connects to the first address that answers. Errors:
  // Unavailable("mail.unavailable") with what failed (refused, timeout, ...).
  Status Connect(const std::string& host, int port);

  // Sends all of `data`. Errors: Unavailable("mail.unavailable").
  Status Write(std::string_view data);

  // Reads one line, without its "\r\n" (or bare "\n"), into `*line`. Errors:
  // Unavailable("mail.unavailable") on timeout, a closed connection or a line
  // longer than `kMaxLine` bytes.
  Status ReadLine(std::string* line);

  void Close();

  static constexpr size_t kMaxLine = 4096;

 private:
  // Waits until the socket is ready for `events` (POLLIN/POLLOUT).
  Status Wait(short events, int timeout_ms, const char* what);

  int timeout_ms_;
  int fd_ = -1;
  std::string buffer_;  // received bytes not yet returned as a line
};

// Unavailable("mail.unavailable", detail): the one status for "try again later".
Status MailUnavailable(std::string detail);

}  // namespace trygg
