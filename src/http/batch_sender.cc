// Batched non-blocking socket writes: an io_uring driven with raw system calls (no liburing in
// Debian 12's base), with sendmsg one by one as the fallback.
#include "http/batch_sender.h"

#include <linux/io_uring.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "http/log.h"

namespace trygg {
namespace {

constexpr unsigned kRingEntries = 64;  // writes a submission carries at most

int RingSetup(unsigned entries, io_uring_params* params) {
  return static_cast<int>(::syscall(__NR_io_uring_setup, entries, params));
}

int RingEnter(int fd, unsigned to_submit, unsigned min_complete) {
  return static_cast<int>(::syscall(__NR_io_uring_enter, fd, to_submit, min_complete,
                                    IORING_ENTER_GETEVENTS, nullptr, 0));
}

unsigned LoadAcquire(unsigned* p) {
  return std::atomic_ref<unsigned>(*p).load(std::memory_order_acquire);
}
void StoreRelease(unsigned* p, unsigned v) {
  std::atomic_ref<unsigned>(*p).store(v, std::memory_order_release);
}

}  // namespace

ssize_t SendNow(int fd, const msghdr& message) {
  for (;;) {
    const ssize_t sent = ::sendmsg(fd, &message, MSG_DONTWAIT | MSG_NOSIGNAL);
    if (sent >= 0) return sent;
    if (errno != EINTR) return errno == EWOULDBLOCK ? -EAGAIN : -errno;
  }
}

// An io_uring's mapped queues. The kernel issues each write at once in the
// submitting call (MSG_DONTWAIT makes a full socket complete as -EAGAIN), so
// one io_uring_enter submits a batch and reaps all of it.
class BatchSender::Ring {
 public:
  // A ring that passed the full-socket check, or null.
  static std::unique_ptr<Ring> Open() {
    std::unique_ptr<Ring> ring(new Ring());
    if (!ring->Map()) return nullptr;
    if (!ring->CompletesFullSocketAtOnce()) return nullptr;
    return ring;
  }

  ~Ring() {
    if (sqes_ != nullptr) ::munmap(sqes_, sqes_len_);
    if (cq_map_ != nullptr && cq_map_ != sq_map_) ::munmap(cq_map_, cq_len_);
    if (sq_map_ != nullptr) ::munmap(sq_map_, sq_len_);
    if (fd_ >= 0) ::close(fd_);
  }

  // Sends every entry of `sends` (any number) and sets the results.
  void SendAll(std::span<SocketSend> sends) {
    while (!sends.empty()) {
      const size_t n = std::min<size_t>(sends.size(), entries_);
      SendBatch(sends.first(n));
      sends = sends.subspan(n);
    }
  }

 private:
  Ring() = default;

  bool Map() {
    io_uring_params p{};
    p.flags = IORING_SETUP_COOP_TASKRUN;  // no interrupt to run completion work
    fd_ = RingSetup(kRingEntries, &p);
    if (fd_ < 0 && errno == EINVAL) {  // a kernel before 5.19
      p = {};
      fd_ = RingSetup(kRingEntries, &p);
    }
    if (fd_ < 0) return false;
    entries_ = p.sq_entries;
    sq_len_ = p.sq_off.array + p.sq_entries * sizeof(unsigned);
    cq_len_ = p.cq_off.cqes + p.cq_entries * sizeof(io_uring_cqe);
    const bool single = (p.features & IORING_FEAT_SINGLE_MMAP) != 0;
    if (single) sq_len_ = cq_len_ = std::max(sq_len_, cq_len_);
    sq_map_ = Mmap(sq_len_, IORING_OFF_SQ_RING);
    if (sq_map_ == nullptr) return false;
    cq_map_ = single ? sq_map_ : Mmap(cq_len_, IORING_OFF_CQ_RING);
    if (cq_map_ == nullptr) return false;
    sqes_len_ = p.sq_entries * sizeof(io_uring_sqe);
    sqes_ = static_cast<io_uring_sqe*>(Mmap(sqes_len_, IORING_OFF_SQES));
    if (sqes_ == nullptr) return false;
    char* sq = static_cast<char*>(sq_map_);
    char* cq = static_cast<char*>(cq_map_);
    sq_head_ = reinterpret_cast<unsigned*>(sq + p.sq_off.head);
    sq_tail_ = reinterpret_cast<unsigned*>(sq + p.sq_off.tail);
    sq_mask_ = *reinterpret_cast<unsigned*>(sq + p.sq_off.ring_mask);
    sq_array_ = reinterpret_cast<unsigned*>(sq + p.sq_off.array);
    cq_head_ = reinterpret_cast<unsigned*>(cq + p.cq_off.head);
    cq_tail_ = reinterpret_cast<unsigned*>(cq + p.cq_off.tail);
    cq_mask_ = *reinterpret_cast<unsigned*>(cq + p.cq_off.ring_mask);
    cqes_ = reinterpret_cast<io_uring_cqe*>(cq + p.cq_off.cqes);
    return true;
  }

  void* Mmap(size_t len, off_t offset) {
    void* p = ::mmap(nullptr, len, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_POPULATE, fd_, offset);
    return p == MAP_FAILED ? nullptr : p;
  }

  // Older kernels park a write to a full socket until it drains, whatever the
  // flags; a drainer waiting for it would stall every other stream. Such a
  // kernel gets the fallback.
  bool CompletesFullSocketAtOnce() {
    int pair[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return false;
    const int small = 4096;
    ::setsockopt(pair[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
    std::string filler(4096, 'x');
    iovec iov{filler.data(), filler.size()};
    msghdr msg{};
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    while (SendNow(pair[0], msg) > 0) {
    }
    SocketSend send{pair[0], &msg, 0};
    Queue(std::span<SocketSend>(&send, 1));
    int r;
    do {
      r = RingEnter(fd_, 1, 0);  // submit, do not wait
    } while (r < 0 && errno == EINTR);
    bool at_once = r == 1 && Reap(std::span<SocketSend>(&send, 1)) == 1;
    at_once = at_once && send.result == -EAGAIN;
    ::close(pair[1]);  // a parked write now fails; wait for it before `msg` goes
    if (r == 1 && !at_once) WaitFor(std::span<SocketSend>(&send, 1), 0);
    ::close(pair[0]);
    return at_once;
  }

  // Puts `sends` (at most entries_) on the submission queue.
  void Queue(std::span<SocketSend> sends) {
    const unsigned tail = *sq_tail_;  // only this thread writes it
    for (size_t i = 0; i < sends.size(); ++i) {
      const unsigned index = (tail + static_cast<unsigned>(i)) & sq_mask_;
      io_uring_sqe* sqe = &sqes_[index];
      std::memset(sqe, 0, sizeof *sqe);
      sqe->opcode = IORING_OP_SENDMSG;
      sqe->fd = sends[i].fd;
      sqe->addr = reinterpret_cast<uint64_t>(sends[i].message);
      sqe->msg_flags = MSG_DONTWAIT | MSG_NOSIGNAL;
      sqe->user_data = i;
      sq_array_[index] = index;
    }
    StoreRelease(sq_tail_, tail + static_cast<unsigned>(sends.size()));
  }

  // Takes the completions there are; returns how many.
  size_t Reap(std::span<SocketSend> sends) {
    unsigned head = *cq_head_;
    const unsigned tail = LoadAcquire(cq_tail_);
    size_t n = 0;
    for (; head != tail; ++head, ++n) {
      const io_uring_cqe& cqe = cqes_[head & cq_mask_];
      sends[cqe.user_data].result = cqe.res;
    }
    StoreRelease(cq_head_, head);
    return n;
  }

  // Waits until `sends`, queued and submitted, have all completed; `done` of
  // them already have. The kernel holds pointers into them until then, so a
  // ring that cannot wait leaves nothing safe to do.
  void WaitFor(std::span<SocketSend> sends, size_t done) {
    while (done < sends.size()) {
      const int r = RingEnter(fd_, 0, static_cast<unsigned>(sends.size() - done));
      if (r < 0 && errno != EINTR && errno != EAGAIN && errno != EBUSY) {
        LogLine(std::string("io_uring wait failed: ") + std::strerror(errno));
        std::abort();
      }
      done += Reap(sends);
    }
  }

  void SendBatch(std::span<SocketSend> sends) {
    const unsigned first = *sq_tail_;
    Queue(sends);
    const unsigned count = static_cast<unsigned>(sends.size());
    size_t done = 0;
    for (;;) {
      const unsigned unsubmitted = first + count - LoadAcquire(sq_head_);
      if (unsubmitted == 0) break;
      const int r = RingEnter(fd_, unsubmitted, count - static_cast<unsigned>(done));
      if (r < 0 && errno != EINTR && errno != EAGAIN && errno != EBUSY) {
        // The kernel took only part: the rest goes one by one.
        const unsigned taken = LoadAcquire(sq_head_) - first;
        StoreRelease(sq_tail_, first + taken);
        for (size_t i = taken; i < sends.size(); ++i) {
          sends[i].result = SendNow(sends[i].fd, *sends[i].message);
        }
        done += Reap(sends);
        WaitFor(sends.first(taken), done);
        return;
      }
      done += Reap(sends);
    }
    WaitFor(sends, done);
  }

  int fd_ = -1;
  unsigned entries_ = 0;
  void* sq_map_ = nullptr;
  void* cq_map_ = nullptr;
  size_t sq_len_ = 0, cq_len_ = 0, sqes_len_ = 0;
  io_uring_sqe* sqes_ = nullptr;
  unsigned* sq_head_ = nullptr;
  unsigned* sq_tail_ = nullptr;
  unsigned* sq_array_ = nullptr;
  unsigned sq_mask_ = 0;
  unsigned* cq_head_ = nullptr;
  unsigned* cq_tail_ = nullptr;
  unsigned cq_mask_ = 0;
  io_uring_cqe* cqes_ = nullptr;
};

BatchSender::BatchSender(Mode mode) {
  if (mode == Mode::kBatched) ring_ = Ring::Open();
}

BatchSender::~BatchSender() = default;

void BatchSender::SendAll(std::span<SocketSend> sends) {
  if (ring_) {
    ring_->SendAll(sends);
    return;
  }
  for (SocketSend& s : sends) s.result = SendNow(s.fd, *s.message);
}

}  // namespace trygg
