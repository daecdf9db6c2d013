// Serialised stderr logging with a UTC timestamp.
#include "http/log.h"

#include <atomic>
#include <cstdio>
#include <mutex>
#include <string>

#include "core/clock.h"
#include "core/time.h"

namespace trygg {
namespace {

std::mutex& Mutex() {
  static std::mutex mu;
  return mu;
}
std::atomic<bool> g_enabled{true};

}  // namespace

void LogLine(std::string_view line) {
  if (!g_enabled.load()) return;
  std::string out = FormatIso8601(SystemClock().NowMs());
  out += ' ';
  out += line;
  out += '\n';
  std::lock_guard lock(Mutex());
  std::fwrite(out.data(), 1, out.size(), stderr);
  std::fflush(stderr);
}

void SetLogEnabled(bool enabled) { g_enabled.store(enabled); }

}  // namespace trygg
