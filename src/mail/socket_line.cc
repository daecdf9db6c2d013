#include "mail/socket_line.h"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>

namespace trygg {

namespace {

using SteadyClock = std::chrono::steady_clock;

int MsLeft(SteadyClock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
  return left.count() > 0 ? static_cast<int>(left.count()) : 0;
}

std::string ErrnoText(int err) { return std::strerror(err); }

}  // namespace

Status MailUnavailable(std::string detail) {
  return Status(StatusCode::kUnavailable, "mail.unavailable", std::move(detail));
}

SocketLine::~SocketLine() { Close(); }

void SocketLine::Close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  buffer_.clear();
}

Status SocketLine::Connect(const std::string& host, int port) {
  Close();
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout_ms_);
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  // getaddrinfo has no timeout of its own; a numeric host never waits on DNS.
  int rc = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (rc != 0) return MailUnavailable("resolve " + where + ": " + ::gai_strerror(rc));

  std::string last_error = "no address";
  for (addrinfo* ai = found; ai != nullptr; ai = ai->ai_next) {
    int fd =
        ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      last_error = ErrnoText(errno);
      continue;
    }
    fd_ = fd;
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
    if (errno != EINPROGRESS) {
      last_error = ErrnoText(errno);
      Close();
      continue;
    }
    Status ready = Wait(POLLOUT, MsLeft(deadline), "connect");
    int err = 0;
    socklen_t len = sizeof(err);
    if (ready.ok() && ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) break;
    last_error = ready.ok() ? ErrnoText(err) : "timed out";
    Close();
    if (MsLeft(deadline) == 0) break;
  }
  ::freeaddrinfo(found);
  if (fd_ < 0) return MailUnavailable("connect " + where + ": " + last_error);
  return Status::Ok();
}

Status SocketLine::Wait(short events, int timeout_ms, const char* what) {
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    pollfd p{fd_, events, 0};
    int rc = ::poll(&p, 1, MsLeft(deadline));
    if (rc > 0) return Status::Ok();  // ready, or an error the next call reports
    if (rc == 0) return MailUnavailable(std::string(what) + ": timed out");
    if (errno != EINTR) return MailUnavailable(std::string(what) + ": " + ErrnoText(errno));
  }
}

Status SocketLine::Write(std::string_view data) {
  if (fd_ < 0) return MailUnavailable("write: not connected");
  while (!data.empty()) {
    ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n > 0) {
      data.remove_prefix(static_cast<size_t>(n));
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      TRYGG_RETURN_IF_ERROR(Wait(POLLOUT, timeout_ms_, "write"));
    } else if (n < 0 && errno != EINTR) {
      return MailUnavailable("write: " + ErrnoText(errno));
    }
  }
  return Status::Ok();
}

Status SocketLine::ReadLine(std::string* line) {
  if (fd_ < 0) return MailUnavailable("read: not connected");
  while (true) {
    size_t eol = buffer_.find('\n');
    if (eol != std::string::npos) {
      size_t end = (eol > 0 && buffer_[eol - 1] == '\r') ? eol - 1 : eol;
      if (end > kMaxLine) return MailUnavailable("read: reply line too long");
      line->assign(buffer_, 0, end);
      buffer_.erase(0, eol + 1);
      return Status::Ok();
    }
    if (buffer_.size() > kMaxLine) return MailUnavailable("read: reply line too long");
    char chunk[1024];
    ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n > 0) {
      buffer_.append(chunk, static_cast<size_t>(n));
    } else if (n == 0) {
      return MailUnavailable("read: connection closed by server");
    } else if (errno == EAGAIN || errno == EWOULDBLOCK) {
      TRYGG_RETURN_IF_ERROR(Wait(POLLIN, timeout_ms_, "read"));
    } else if (errno != EINTR) {
      return MailUnavailable("read: " + ErrnoText(errno));
    }
  }
}

}  // namespace trygg
