// Chunk framing and the non-blocking gather write of an event stream's pieces.
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

// The framed bytes from offset `from` on (head, pieces, CRLF).
std::string FramedFrom(const char* head, size_t head_len, const std::vector<StreamPiece>& pieces,
                       size_t from) {
  std::string all(head, head_len);
  for (const StreamPiece& p : pieces) all += *p;
  all += "\r\n";
  return all.substr(from);
}

}  // namespace

std::string FrameChunk(const std::vector<StreamPiece>& pieces) {
  const size_t size = TotalSize(pieces);
  if (size == 0) return "";
  char head[24];
  const int head_len = ChunkHead(size, head);
  return FramedFrom(head, static_cast<size_t>(head_len), pieces, 0);
}

ChunkWrite WriteChunkNow(int fd, const std::vector<StreamPiece>& pieces, std::string* rest) {
  const size_t size = TotalSize(pieces);
  if (size == 0) return ChunkWrite::kDone;
  char head[24];
  const size_t head_len = static_cast<size_t>(ChunkHead(size, head));
  const size_t framed = head_len + size + 2;
  if (pieces.size() + 2 > kMaxIov) {  // rare: one piece instead
    return WriteChunkNow(fd, {std::make_shared<const std::string>(ConcatShared(pieces))}, rest);
  }
  iovec iov[kMaxIov];
  size_t n = 0;
  iov[n++] = {head, head_len};
  for (const StreamPiece& p : pieces) {
    if (!p->empty()) iov[n++] = {const_cast<char*>(p->data()), p->size()};
  }
  iov[n++] = {const_cast<char*>("\r\n"), 2};
  msghdr msg{};
  msg.msg_iov = iov;
  msg.msg_iovlen = n;
  ssize_t sent;
  do {
    sent = ::sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
  } while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    if (errno != EAGAIN && errno != EWOULDBLOCK) return ChunkWrite::kFailed;
    sent = 0;
  }
  if (static_cast<size_t>(sent) == framed) return ChunkWrite::kDone;
  *rest = FramedFrom(head, head_len, pieces, static_cast<size_t>(sent));
  return ChunkWrite::kBlocked;
}

}  // namespace trygg
