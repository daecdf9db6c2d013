// Chunk framing and one non-blocking gather write of a frame: exact bytes, partial writes, a
// closed peer.
#include "http/chunk_writer.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <vector>

#include "http/batch_sender.h"

namespace trygg {
namespace {

StreamPiece Piece(std::string s) { return std::make_shared<const std::string>(std::move(s)); }

// Frames `pieces` and writes them to `fd` now, as a drainer does (one write).
ChunkWrite WriteChunkNow(int fd, const std::vector<StreamPiece>& pieces, std::string* rest) {
  ChunkFrame frame;
  if (!frame.Prepare(pieces)) return ChunkWrite::kDone;
  return frame.Finish(SendNow(fd, frame.message()), rest);
}

// A connected pair of stream sockets; [0] is written, [1] read.
class SocketPair {
 public:
  SocketPair() { EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fd_), 0); }
  ~SocketPair() {
    for (int fd : fd_) {
      if (fd >= 0) ::close(fd);
    }
  }
  int writer() const { return fd_[0]; }
  void CloseReader() {
    ::close(fd_[1]);
    fd_[1] = -1;
  }
  // Everything readable now, without waiting.
  std::string ReadAvailable() {
    std::string out;
    char buf[65536];
    for (;;) {
      ssize_t n = ::recv(fd_[1], buf, sizeof buf, MSG_DONTWAIT);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_[2] = {-1, -1};
};

TEST(FrameChunk, SizeInHexThenBytesThenCrlf) {
  EXPECT_EQ(FrameChunk({Piece("data: a\n\n")}), "9\r\ndata: a\n\n\r\n");
  EXPECT_EQ(FrameChunk({Piece(std::string(26, 'x')), Piece("yz")}),
            "1c\r\n" + std::string(26, 'x') + "yz\r\n");
}

TEST(FrameChunk, NoBytesIsNoChunk) {
  EXPECT_EQ(FrameChunk({}), "");
  EXPECT_EQ(FrameChunk({Piece(""), Piece("")}), "");
}

TEST(ChunkFrame, WritesTheFramedPiecesInOrder) {
  SocketPair pair;
  std::string rest = "untouched";
  EXPECT_EQ(WriteChunkNow(pair.writer(), {Piece("ab"), Piece(""), Piece("cde")}, &rest),
            ChunkWrite::kDone);
  EXPECT_EQ(pair.ReadAvailable(), "5\r\nabcde\r\n");
  EXPECT_EQ(rest, "untouched");
}

TEST(ChunkFrame, NothingToWriteIsDoneAndSendsNothing) {
  SocketPair pair;
  std::string rest;
  EXPECT_EQ(WriteChunkNow(pair.writer(), {Piece("")}, &rest), ChunkWrite::kDone);
  EXPECT_EQ(pair.ReadAvailable(), "");
}

TEST(ChunkFrame, ManyPiecesAreOneChunk) {
  SocketPair pair;
  std::vector<StreamPiece> pieces;
  std::string expected_body;
  for (int i = 0; i < 600; ++i) {  // more than one sendmsg takes as separate buffers
    pieces.push_back(Piece(std::to_string(i) + ","));
    expected_body += std::to_string(i) + ",";
  }
  std::string rest;
  ASSERT_EQ(WriteChunkNow(pair.writer(), pieces, &rest), ChunkWrite::kDone);
  EXPECT_EQ(pair.ReadAvailable(), FrameChunk(pieces));
  EXPECT_EQ(FrameChunk(pieces), FrameChunk({Piece(expected_body)}));
}

TEST(ChunkFrame, AFullSocketLeavesTheRestInOrder) {
  SocketPair pair;
  int small = 4096;
  ASSERT_EQ(::setsockopt(pair.writer(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  std::vector<StreamPiece> pieces;
  for (int i = 0; i < 64; ++i)
    pieces.push_back(Piece(std::string(4096, static_cast<char>('a' + i % 26))));
  std::string rest;
  ASSERT_EQ(WriteChunkNow(pair.writer(), pieces, &rest), ChunkWrite::kBlocked);
  const std::string sent = pair.ReadAvailable();
  ASSERT_FALSE(rest.empty());
  EXPECT_EQ(sent + rest, FrameChunk(pieces));  // nothing lost, nothing doubled

  // A socket that takes nothing at all: the whole framed chunk is the rest.
  SocketPair full;
  ASSERT_EQ(::setsockopt(full.writer(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small), 0);
  std::string first_rest;
  ASSERT_EQ(WriteChunkNow(full.writer(), pieces, &first_rest), ChunkWrite::kBlocked);
  std::string second_rest;
  ASSERT_EQ(WriteChunkNow(full.writer(), {Piece("next")}, &second_rest), ChunkWrite::kBlocked);
  EXPECT_EQ(second_rest, "4\r\nnext\r\n");
}

TEST(ChunkFrame, AClosedPeerFailsWithoutSignal) {
  SocketPair pair;
  pair.CloseReader();
  std::string rest = "untouched";
  EXPECT_EQ(WriteChunkNow(pair.writer(), {Piece("data: x\n\n")}, &rest), ChunkWrite::kFailed);
  EXPECT_EQ(rest, "untouched");  // reaching here at all means no SIGPIPE
}

}  // namespace
}  // namespace trygg
