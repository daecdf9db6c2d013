// Non-blocking gather writes to many sockets at once: one system call a batch through an io_uring,
// or one sendmsg each where the kernel does not allow io_uring (the event streams' fan-out).
#pragma once

#include <sys/socket.h>
#include <sys/types.h>

#include <memory>
#include <span>

namespace trygg {

// One write of a batch.
struct SocketSend {
  int fd = -1;
  const msghdr* message = nullptr;  // the bytes; must stay valid until SendAll returns
  ssize_t result = 0;               // set by SendAll: bytes written, or -errno (-EAGAIN: full)
};

// Writes `message` to socket `fd`, as much as it takes now, without blocking
// and without SIGPIPE. Returns the bytes written, or -errno (-EAGAIN when the
// socket takes nothing now, -EPIPE or -ECONNRESET when the peer is gone).
ssize_t SendNow(int fd, const msghdr& message);

// Not thread-safe: one sender per thread (an io_uring has one submitter).
class BatchSender {
 public:
  enum class Mode {
    kBatched,   // an io_uring when the kernel allows one, else one sendmsg each
    kOneByOne,  // one sendmsg each
  };

  // Never fails. kBatched opens a small io_uring and checks that it completes
  // a write to a full socket at once (as -EAGAIN) instead of waiting; when the
  // kernel refuses the ring (no io_uring, seccomp, kernel.io_uring_disabled)
  // or fails that check, the sender writes one by one.
  explicit BatchSender(Mode mode = Mode::kBatched);
  ~BatchSender();
  BatchSender(const BatchSender&) = delete;
  BatchSender& operator=(const BatchSender&) = delete;

  // Writes each send as SendNow would and sets its result. Each socket may
  // appear at most once in `sends` (two writes to one socket could land out of
  // order when the first finds it full).
  void SendAll(std::span<SocketSend> sends);

  // True when writes go through an io_uring.
  bool batched() const { return ring_ != nullptr; }

 private:
  class Ring;
  std::unique_ptr<Ring> ring_;
};

}  // namespace trygg
