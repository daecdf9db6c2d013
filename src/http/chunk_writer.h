// HTTP/1.1 chunks of shared stream pieces, framed and written to a non-blocking socket without
// copying the pieces (the fan-out path of event streams).
#pragma once

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

// Writes `pieces` as one chunk (see FrameChunk) to socket `fd`, as much as it
// takes now, without blocking and without SIGPIPE. On kBlocked, `*rest` is set
// to the framed bytes not yet written, to be written in order before anything
// else once the socket is writable. Does not modify `*rest` otherwise.
ChunkWrite WriteChunkNow(int fd, const std::vector<StreamPiece>& pieces, std::string* rest);

}  // namespace trygg
