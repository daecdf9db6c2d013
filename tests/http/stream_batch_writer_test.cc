// The fan-out's batch of direct writes: which streams are written, which wake their coroutine,
// and that nothing is lost or doubled on a full socket, with an io_uring and without.
#include "http/stream_batch_writer.h"

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "sender_modes.h"

namespace trygg {
namespace {

StreamPiece Piece(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

// A stream whose pieces are queued by the test.
class QueueStream : public ResponseStream {
 public:
  void SetWake(std::function<void()>) override {}
  void Take(std::vector<StreamPiece>* out) override {
    out->insert(out->end(), queued.begin(), queued.end());
    queued.clear();
  }
  bool Done() override { return false; }
  std::vector<StreamPiece> queued;
};

// One stream: its socket pair, its queue and the state the writer shares.
struct Fixture {
  Fixture() {
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds.data()), 0);
    state = std::make_unique<StreamWriteState>(fds[0], &stream);
    state->writing = false;  // idle: the head is written
  }
  ~Fixture() {
    for (int fd : fds) {
      if (fd >= 0) ::close(fd);
    }
  }
  std::string ReadAvailable() {
    std::string out;
    char buf[65536];
    for (;;) {
      const ssize_t n = ::recv(fds[1], buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }
  std::array<int, 2> fds{-1, -1};
  QueueStream stream;
  std::unique_ptr<StreamWriteState> state;
};

class StreamBatchWriterTest : public ::testing::TestWithParam<BatchSender::Mode> {
 protected:
  static std::vector<StreamWriteState*> States(std::vector<std::unique_ptr<Fixture>>& fs) {
    std::vector<StreamWriteState*> out;
    for (auto& f : fs) out.push_back(f->state.get());
    return out;
  }
  StreamBatchWriter writer_{GetParam()};
  const std::chrono::steady_clock::time_point now_ = std::chrono::steady_clock::now();
};

TEST_P(StreamBatchWriterTest, IdleStreamsGetTheirPiecesAsOneChunkEach) {
  std::vector<std::unique_ptr<Fixture>> fs;
  for (int i = 0; i < 150; ++i) {  // more than one system call's batch
    fs.push_back(std::make_unique<Fixture>());
    fs.back()->stream.queued = {Piece("data: " + std::to_string(i) + "\n\n"), Piece(": x\n\n")};
  }
  std::vector<size_t> wake;
  writer_.Write(States(fs), now_, &wake);
  EXPECT_TRUE(wake.empty());
  for (size_t i = 0; i < fs.size(); ++i) {
    const std::string body = "data: " + std::to_string(i) + "\n\n: x\n\n";
    EXPECT_EQ(fs[i]->ReadAvailable(), FrameChunk({Piece(body)})) << i;
    EXPECT_TRUE(fs[i]->stream.queued.empty());
    EXPECT_EQ(fs[i]->state->last_write, now_);
    EXPECT_TRUE(fs[i]->state->backlog.empty());
  }
}

TEST_P(StreamBatchWriterTest, ABusyCoroutineIsWokenAndItsPiecesWait) {
  std::vector<std::unique_ptr<Fixture>> fs;
  for (int i = 0; i < 3; ++i) {
    fs.push_back(std::make_unique<Fixture>());
    fs.back()->stream.queued = {Piece("m" + std::to_string(i))};
  }
  fs[0]->state->writing = true;            // the coroutine writes
  fs[1]->state->backlog = "3\r\nold\r\n";  // older bytes go first
  std::vector<size_t> wake;
  writer_.Write(States(fs), now_, &wake);
  EXPECT_EQ(wake, (std::vector<size_t>{0, 1}));
  for (int i : {0, 1}) {
    EXPECT_TRUE(fs[i]->state->woken);
    EXPECT_EQ(fs[i]->stream.queued.size(), 1u);  // left for the coroutine
    EXPECT_EQ(fs[i]->ReadAvailable(), "");
  }
  EXPECT_EQ(fs[1]->state->backlog, "3\r\nold\r\n");
  EXPECT_EQ(fs[2]->ReadAvailable(), "2\r\nm2\r\n");
}

TEST_P(StreamBatchWriterTest, AFullSocketKeepsTheRestInOrderAndWakes) {
  std::vector<std::unique_ptr<Fixture>> fs;
  fs.push_back(std::make_unique<Fixture>());
  const int small = 4096;
  ASSERT_EQ(::setsockopt(fs[0]->fds[0], SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  std::vector<StreamPiece> pieces;
  for (int i = 0; i < 64; ++i)
    pieces.push_back(Piece(std::string(4096, static_cast<char>('a' + i % 26))));
  fs[0]->stream.queued = pieces;
  std::vector<size_t> wake;
  writer_.Write(States(fs), now_, &wake);
  EXPECT_EQ(wake, (std::vector<size_t>{0}));
  EXPECT_TRUE(fs[0]->state->woken);
  ASSERT_FALSE(fs[0]->state->backlog.empty());
  EXPECT_EQ(fs[0]->ReadAvailable() + fs[0]->state->backlog, FrameChunk(pieces));
}

TEST_P(StreamBatchWriterTest, AGonePeerMarksTheStreamFailed) {
  std::vector<std::unique_ptr<Fixture>> fs;
  fs.push_back(std::make_unique<Fixture>());
  ::close(fs[0]->fds[1]);
  fs[0]->fds[1] = -1;
  fs[0]->stream.queued = {Piece("x")};
  std::vector<size_t> wake;
  writer_.Write(States(fs), now_, &wake);
  EXPECT_EQ(wake, (std::vector<size_t>{0}));
  EXPECT_TRUE(fs[0]->state->failed);
}

TEST_P(StreamBatchWriterTest, AClosedStreamIsSkipped) {
  std::vector<std::unique_ptr<Fixture>> fs;
  fs.push_back(std::make_unique<Fixture>());
  fs[0]->state->open = false;
  fs[0]->state->stream = nullptr;  // gone: touching it would crash
  std::vector<size_t> wake;
  writer_.Write(States(fs), now_, &wake);
  EXPECT_TRUE(wake.empty());
  EXPECT_EQ(fs[0]->ReadAvailable(), "");
}

TEST_P(StreamBatchWriterTest, AStreamListedTwiceIsWrittenOnce) {
  std::vector<std::unique_ptr<Fixture>> fs;
  fs.push_back(std::make_unique<Fixture>());
  fs.push_back(std::make_unique<Fixture>());
  fs[0]->stream.queued = {Piece("a")};
  fs[1]->stream.queued = {Piece("b")};
  std::vector<StreamWriteState*> states = {fs[0]->state.get(), fs[1]->state.get(),
                                           fs[0]->state.get()};
  std::vector<size_t> wake;
  writer_.Write(states, now_, &wake);
  EXPECT_TRUE(wake.empty());
  EXPECT_EQ(fs[0]->ReadAvailable(), "1\r\na\r\n");
  EXPECT_EQ(fs[1]->ReadAvailable(), "1\r\nb\r\n");
}

TEST_P(StreamBatchWriterTest, AStreamHeldByAnotherThreadWakesItsCoroutine) {
  std::vector<std::unique_ptr<Fixture>> fs;
  fs.push_back(std::make_unique<Fixture>());
  fs[0]->stream.queued = {Piece("a")};
  std::vector<size_t> wake;
  {
    std::unique_lock held(fs[0]->state->mu);
    std::thread other([&] { writer_.Write(States(fs), now_, &wake); });
    other.join();
  }
  EXPECT_EQ(wake, (std::vector<size_t>{0}));
  EXPECT_EQ(fs[0]->stream.queued.size(), 1u);
  EXPECT_EQ(fs[0]->ReadAvailable(), "");
}

INSTANTIATE_TEST_SUITE_P(Modes, StreamBatchWriterTest, SenderModes(), SenderModeName);

}  // namespace
}  // namespace trygg
