// HTTP/1.1 chunks of shared stream pieces: framed as bytes, or as a gather write that does not copy
// the pieces, and what is left when a socket takes only part (the fan-out path of event streams).
#pragma once

#include <sys/socket.h>
#include <sys/types.h>
#include <sys/uio.h>

#include <string>
#include <vector>

#include "http/http_types.h"

namespace trygg {

// The pieces as one chunk: "<size in hex>\r\n", the bytes, "\r\n"; "" when the
// pieces hold no bytes (an empty chunk would end the body).
std::string FrameChunk(const std::vector<StreamPiece>& pieces);

// The last chunk, which ends a chunked body.
inline constexpr char kLastChunk[] = "0\r\n\r\n";

enum class ChunkWrite {
  kDone,     // every byte was written (or there were none)
  kBlocked,  // the socket took only part, maybe nothing: the rest is in `*rest`
  kFailed,   // the peer is gone or the socket failed: nothing more can be sent
};

// One chunk of shared pieces, framed for a gather write (see FrameChunk)
// without copying them. Prepare, write message() once, then Finish with what
// the write returned. The pieces must outlive the write, and the frame must
// not move in between (message() points into it).
class ChunkFrame {
 public:
  ChunkFrame() = default;
  ChunkFrame(const ChunkFrame&) = delete;
  ChunkFrame& operator=(const ChunkFrame&) = delete;

  // Frames `pieces` as one chunk. False when they hold no bytes: there is
  // nothing to write.
  bool Prepare(const std::vector<StreamPiece>& pieces);
  // The whole framed chunk.
  const msghdr& message() const { return msg_; }
  // The outcome of writing message(), given the write's result (the bytes
  // written, or -errno; -EAGAIN when the socket took nothing). On kBlocked,
  // `*rest` is set to the framed bytes not written, to be written in order
  // before anything else once the socket is writable. Does not modify `*rest`
  // otherwise.
  ChunkWrite Finish(ssize_t result, std::string* rest) const;

 private:
  char head_[24];
  size_t framed_ = 0;   // bytes in message()
  StreamPiece joined_;  // the pieces as one, when too many for one write
  std::vector<iovec> iov_;
  msghdr msg_{};
};

}  // namespace trygg
