// Clock: the one source of "now", injected so deadline rules are testable.
#pragma once

#include <atomic>
#include <cstdint>

namespace trygg {

// Milliseconds since the Unix epoch, UTC.
using TimeMs = int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimeMs NowMs() const = 0;
};

// Wall-clock time.
class SystemClock final : public Clock {
 public:
  TimeMs NowMs() const override;
};

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(TimeMs start) : now_(start) {}
  TimeMs NowMs() const override { return now_.load(); }
  void Set(TimeMs t) { now_.store(t); }
  void Advance(TimeMs delta) { now_.fetch_add(delta); }

 private:
  std::atomic<TimeMs> now_;
};

}  // namespace trygg
