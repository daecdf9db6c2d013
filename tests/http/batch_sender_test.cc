// Batched socket writes, through an io_uring and one by one: results per socket, a full socket,
// a closed peer, more writes than a ring holds.
#include "http/batch_sender.h"

#include <gtest/gtest.h>
#include <linux/io_uring.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "sender_modes.h"

namespace trygg {
namespace {

// Connected stream socket pairs; [i][0] is written, [i][1] read.
class Pairs {
 public:
  explicit Pairs(size_t n) : fds_(n) {
    for (auto& p : fds_) EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, p.data()), 0);
  }
  ~Pairs() {
    for (auto& p : fds_) {
      for (int fd : p) {
        if (fd >= 0) ::close(fd);
      }
    }
  }
  int writer(size_t i) const { return fds_[i][0]; }
  void CloseReader(size_t i) {
    ::close(fds_[i][1]);
    fds_[i][1] = -1;
  }
  // Fills socket i's buffers until it takes nothing more.
  void Fill(size_t i) {
    const int small = 4096;
    ASSERT_EQ(::setsockopt(fds_[i][0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
    const std::string block(4096, 'f');
    while (::send(fds_[i][0], block.data(), block.size(), MSG_DONTWAIT) > 0) {
    }
  }
  std::string ReadAvailable(size_t i) {
    std::string out;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::recv(fds_[i][1], buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  std::vector<std::array<int, 2>> fds_;
};

// A message of two buffers, "<prefix>" and "<body>".
struct TwoPart {
  TwoPart(std::string a, std::string b) : prefix(std::move(a)), body(std::move(b)) {
    iov[0] = {prefix.data(), prefix.size()};
    iov[1] = {body.data(), body.size()};
    msg.msg_iov = iov;
    msg.msg_iovlen = 2;
  }
  std::string prefix, body;
  iovec iov[2];
  msghdr msg{};
};

class BatchSenderTest : public ::testing::TestWithParam<BatchSender::Mode> {};

TEST_P(BatchSenderTest, WritesEachMessageToItsSocket) {
  BatchSender sender(GetParam());
  if (GetParam() == BatchSender::Mode::kOneByOne) {
    EXPECT_FALSE(sender.batched());
  }
  constexpr size_t kN = 150;  // more than one ring's worth
  Pairs pairs(kN);
  std::vector<std::unique_ptr<TwoPart>> msgs;
  std::vector<SocketSend> sends;
  for (size_t i = 0; i < kN; ++i) {
    msgs.push_back(std::make_unique<TwoPart>("id " + std::to_string(i) + ": ", "hello"));
    sends.push_back({pairs.writer(i), &msgs.back()->msg, -1});
  }
  sender.SendAll(sends);
  for (size_t i = 0; i < kN; ++i) {
    const std::string expected = "id " + std::to_string(i) + ": hello";
    EXPECT_EQ(sends[i].result, static_cast<ssize_t>(expected.size())) << i;
    EXPECT_EQ(pairs.ReadAvailable(i), expected) << i;
  }
}

TEST_P(BatchSenderTest, AFullSocketOrAGonePeerDoesNotHoldUpTheOthers) {
  BatchSender sender(GetParam());
  Pairs pairs(3);
  pairs.Fill(0);
  pairs.CloseReader(1);
  TwoPart a("a", "1"), b("b", "2"), c("c", "3");
  std::vector<SocketSend> sends = {
      {pairs.writer(0), &a.msg, 0}, {pairs.writer(1), &b.msg, 0}, {pairs.writer(2), &c.msg, 0}};
  sender.SendAll(sends);  // returning at all: nothing waited for the full socket
  EXPECT_EQ(sends[0].result, -EAGAIN);
  EXPECT_TRUE(sends[1].result == -EPIPE || sends[1].result == -ECONNRESET) << sends[1].result;
  EXPECT_EQ(sends[2].result, 2);
  EXPECT_EQ(pairs.ReadAvailable(2), "c3");
}

TEST_P(BatchSenderTest, ASocketWithRoomForPartTakesPart) {
  BatchSender sender(GetParam());
  Pairs pairs(1);
  const int small = 4096;
  ASSERT_EQ(::setsockopt(pairs.writer(0), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  TwoPart big("start:", std::string(1 << 20, 'x'));
  std::vector<SocketSend> sends = {{pairs.writer(0), &big.msg, 0}};
  sender.SendAll(sends);
  ASSERT_GT(sends[0].result, 0);
  EXPECT_LT(sends[0].result, static_cast<ssize_t>(big.prefix.size() + big.body.size()));
  const std::string got = pairs.ReadAvailable(0);
  EXPECT_EQ(got.size(), static_cast<size_t>(sends[0].result));
  EXPECT_EQ(got.substr(0, 6), "start:");
}

TEST_P(BatchSenderTest, NothingToSendIsFine) {
  BatchSender sender(GetParam());
  sender.SendAll({});
}

INSTANTIATE_TEST_SUITE_P(Modes, BatchSenderTest, SenderModes(), SenderModeName);

TEST(BatchSender, UsesAnIoUringWhereTheKernelAllowsOne) {
  // Where the kernel refuses a ring (seccomp, kernel.io_uring_disabled) the
  // fallback above is what runs; where it allows one, the sender must use it.
  io_uring_params params{};
  const int fd = static_cast<int>(::syscall(__NR_io_uring_setup, 4, &params));
  if (fd < 0) GTEST_SKIP() << "no io_uring here: " << std::strerror(errno);
  ::close(fd);
  EXPECT_TRUE(BatchSender(BatchSender::Mode::kBatched).batched());
}

TEST(SendNow, ReportsErrnoNegated) {
  Pairs pairs(1);
  pairs.CloseReader(0);
  TwoPart m("x", "y");
  const ssize_t r = SendNow(pairs.writer(0), m.msg);  // no SIGPIPE, or the test dies
  EXPECT_TRUE(r == -EPIPE || r == -ECONNRESET) << r;
}

}  // namespace
}  // namespace trygg
