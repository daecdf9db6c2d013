// The fan-out's direct writes: the state an event stream shares between its coroutine and the
// drainers, and the write of a batch of ready streams to their sockets in one system call.
#pragma once

#include <chrono>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "http/batch_sender.h"
#include "http/chunk_writer.h"
#include "http/http_types.h"

namespace trygg {

// What a streaming response's coroutine (on the connection's strand) and the
// drainers (any io thread) share. A drainer writes to an idle stream's socket
// itself; the coroutine writes the head, a backlog, the pings and the end.
struct StreamWriteState {
  StreamWriteState(int socket_fd, ResponseStream* s) : fd(socket_fd), stream(s) {}
  const int fd;

  std::mutex mu;        // guards the rest
  bool open = true;     // false once the coroutine ends: `stream` and `fd` are gone
  bool writing = true;  // the coroutine has a write in flight (the head first)
  bool woken = false;   // the coroutine should Take again before it sleeps
  bool failed = false;  // a direct write found the peer gone
  std::string backlog;  // framed bytes a direct write left unsent; written first
  std::chrono::steady_clock::time_point last_write;
  ResponseStream* stream;  // owned by the coroutine; null once closed
};

// Writes ready streams' pieces straight to their sockets, a batch at a time.
// Not thread-safe: one per thread (it owns a BatchSender).
class StreamBatchWriter {
 public:
  explicit StreamBatchWriter(BatchSender::Mode mode = BatchSender::Mode::kBatched);

  // For each stream of `streams` whose coroutine is idle: takes what its
  // stream yields and writes it as one chunk, without blocking, all in one
  // BatchSender call. Appends to `*wake` the index of each stream whose
  // coroutine must run instead: busy or holding a backlog (marked woken), the
  // socket full (the rest in its backlog), the peer gone (marked failed), or
  // its state held by another thread. A stream listed twice is written once.
  // Holds the written streams' locks until the batch is written.
  void Write(std::span<StreamWriteState* const> streams, std::chrono::steady_clock::time_point now,
             std::vector<size_t>* wake);

  bool batched() const { return sender_.batched(); }

 private:
  struct Slot {
    StreamWriteState* state = nullptr;
    std::unique_lock<std::mutex> lock;
    std::vector<StreamPiece> pieces;
    ChunkFrame frame;
    size_t index = 0;  // in the caller's span
  };

  BatchSender sender_;
  std::vector<Slot> slots_;  // never resized after construction: frames must not move
  std::vector<SocketSend> sends_;
};

}  // namespace trygg
