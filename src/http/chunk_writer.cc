// Chunk framing, as bytes and as a gather write of an event stream's pieces.
#include "http/chunk_writer.h"

#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>

#include "core/text.h"

namespace trygg {
namespace {

constexpr size_t kMaxIov = 256;  // pieces written in one sendmsg (IOV_MAX is 1024)

size_t TotalSize(const std::vector<StreamPiece>& pieces) {
  size_t size = 0;
  for (const StreamPiece& p : pieces) size += p->size();
  return size;
}

// "<hex>\r\n" into `buf`; returns its length. (Not snprintf: this runs once
// per stream and message.)
int ChunkHead(size_t size, char (&buf)[24]) {
  char digits[16];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[size & 0xf];
    size >>= 4;
  } while (size != 0);
  int len = 0;
  while (n > 0) buf[len++] = digits[--n];
  buf[len++] = '\r';
  buf[len++] = '\n';
  return len;
}

}  // namespace

std::string FrameChunk(const std::vector<StreamPiece>& pieces) {
  const size_t size = TotalSize(pieces);
  if (size == 0) return "";
  char head[24];
  std::string out(head, static_cast<size_t>(ChunkHead(size, head)));
  out.reserve(out.size() + size + 2);
  for (const StreamPiece& p : pieces) out += *p;
  out += "\r\n";
  return out;
}

bool ChunkFrame::Prepare(const std::vector<StreamPiece>& pieces) {
  const size_t size = TotalSize(pieces);
  framed_ = 0;
  joined_.reset();
  iov_.clear();
  msg_ = {};
  if (size == 0) return false;
  const size_t head_len = static_cast<size_t>(ChunkHead(size, head_));
  framed_ = head_len + size + 2;
  iov_.push_back({head_, head_len});
  if (pieces.size() + 2 > kMaxIov) {  // rare: one piece instead
    joined_ = std::make_shared<const std::string>(ConcatShared(pieces));
    iov_.push_back({const_cast<char*>(joined_->data()), joined_->size()});
  } else {
    for (const StreamPiece& p : pieces) {
      if (!p->empty()) iov_.push_back({const_cast<char*>(p->data()), p->size()});
    }
  }
  iov_.push_back({const_cast<char*>("\r\n"), 2});
  msg_.msg_iov = iov_.data();
  msg_.msg_iovlen = iov_.size();
  return true;
}

ChunkWrite ChunkFrame::Finish(ssize_t result, std::string* rest) const {
  if (result < 0 && result != -EAGAIN && result != -EWOULDBLOCK) return ChunkWrite::kFailed;
  size_t skip = result < 0 ? 0 : static_cast<size_t>(result);
  if (skip >= framed_) return ChunkWrite::kDone;
  rest->clear();
  rest->reserve(framed_ - skip);
  for (const iovec& v : iov_) {
    if (skip >= v.iov_len) {
      skip -= v.iov_len;
      continue;
    }
    rest->append(static_cast<const char*>(v.iov_base) + skip, v.iov_len - skip);
    skip = 0;
  }
  return ChunkWrite::kBlocked;
}

}  // namespace trygg
