// A batch of ready event streams written to their sockets with one BatchSender call.
#include "http/stream_batch_writer.h"

namespace trygg {
namespace {

constexpr size_t kSlots = 64;  // streams written per system call
constexpr size_t kAhead = 4;   // streams prefetched ahead of the one being prepared

}  // namespace

StreamBatchWriter::StreamBatchWriter(BatchSender::Mode mode) : sender_(mode), slots_(kSlots) {
  sends_.reserve(kSlots);
}

void StreamBatchWriter::Write(std::span<StreamWriteState* const> streams,
                              std::chrono::steady_clock::time_point now,
                              std::vector<size_t>* wake) {
  size_t i = 0;
  while (i < streams.size()) {
    size_t used = 0;
    sends_.clear();
    for (; i < streams.size() && used < slots_.size(); ++i) {
      if (i + kAhead < streams.size()) {  // cold memory: start loading a few ahead
        const char* next = reinterpret_cast<const char*>(streams[i + kAhead]);
        __builtin_prefetch(next);
        __builtin_prefetch(next + 64);
      }
      StreamWriteState* s = streams[i];
      bool held = false;  // listed twice: already locked (and taken) by this batch
      for (size_t k = 0; k < used && !held; ++k) held = slots_[k].state == s;
      if (held) continue;
      std::unique_lock lock(s->mu, std::try_to_lock);
      if (!lock.owns_lock()) {  // the coroutine, or another drainer, has it
        wake->push_back(i);
        continue;
      }
      if (!s->open) continue;
      if (s->writing || !s->backlog.empty()) {
        s->woken = true;
        wake->push_back(i);
        continue;
      }
      Slot& slot = slots_[used];
      slot.pieces.clear();
      s->stream->Take(&slot.pieces);
      if (!slot.frame.Prepare(slot.pieces)) continue;
      slot.state = s;
      slot.lock = std::move(lock);
      slot.index = i;
      sends_.push_back({s->fd, &slot.frame.message(), 0});
      ++used;
    }
    sender_.SendAll(sends_);
    for (size_t k = 0; k < used; ++k) {
      Slot& slot = slots_[k];
      StreamWriteState& s = *slot.state;
      switch (slot.frame.Finish(sends_[k].result, &s.backlog)) {
        case ChunkWrite::kDone:
          s.last_write = now;
          break;
        case ChunkWrite::kBlocked:
          s.woken = true;
          wake->push_back(slot.index);
          break;
        case ChunkWrite::kFailed:
          s.failed = true;
          wake->push_back(slot.index);
          break;
      }
      slot.lock.unlock();
      slot.pieces.clear();
      slot.state = nullptr;
    }
  }
}

}  // namespace trygg
