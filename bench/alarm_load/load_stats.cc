// Latency percentiles and /proc sampling (see load_stats.h).
#include "load_stats.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>

namespace trygg::bench {
namespace {

std::optional<int64_t> StatusField(const std::string& text, const std::string& name) {
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.compare(0, name.size() + 1, name + ":") != 0) continue;
    std::istringstream value(line.substr(name.size() + 1));
    int64_t v = 0;
    if (value >> v) return v;
    return std::nullopt;
  }
  return std::nullopt;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace

int64_t PercentileUs(const std::vector<int64_t>& sorted_us, double p) {
  const double n = static_cast<double>(sorted_us.size());
  size_t rank = static_cast<size_t>(std::ceil(p / 100.0 * n));
  rank = std::clamp<size_t>(rank, 1, sorted_us.size());
  return sorted_us[rank - 1];
}

LatencySummary Summarise(std::vector<int64_t> us) {
  LatencySummary s;
  if (us.empty()) return s;
  std::sort(us.begin(), us.end());
  s.count = static_cast<int64_t>(us.size());
  s.p50_ms = static_cast<double>(PercentileUs(us, 50)) / 1000.0;
  s.p90_ms = static_cast<double>(PercentileUs(us, 90)) / 1000.0;
  s.p99_ms = static_cast<double>(PercentileUs(us, 99)) / 1000.0;
  s.max_ms = static_cast<double>(us.back()) / 1000.0;
  s.mean_ms = static_cast<double>(std::accumulate(us.begin(), us.end(), int64_t{0})) /
              static_cast<double>(us.size()) / 1000.0;
  return s;
}

std::optional<ProcSample> ParseProc(const std::string& status_text, const std::string& stat_text) {
  ProcSample s;
  std::optional<int64_t> rss = StatusField(status_text, "VmRSS");
  std::optional<int64_t> threads = StatusField(status_text, "Threads");
  const size_t close = stat_text.rfind(')');
  if (!rss || !threads || close == std::string::npos) return std::nullopt;
  // After "pid (comm)": field 3 (state) is the first; utime and stime are 14 and 15.
  std::istringstream rest(stat_text.substr(close + 1));
  std::string field;
  int64_t utime = 0, stime = 0;
  for (int n = 3; n <= 15; ++n) {
    if (!(rest >> field)) return std::nullopt;
    if (n == 14 || n == 15) {
      char* end = nullptr;
      const long long v = std::strtoll(field.c_str(), &end, 10);
      if (end == field.c_str() || *end != '\0') return std::nullopt;
      (n == 14 ? utime : stime) = v;
    }
  }
  s.rss_kib = *rss;
  s.threads = *threads;
  s.cpu_ticks = utime + stime;
  s.user_ticks = utime;
  return s;
}

std::optional<ProcSample> ReadProc(int pid) {
  const std::string base = "/proc/" + std::to_string(pid) + "/";
  return ParseProc(ReadAll(base + "status"), ReadAll(base + "stat"));
}

int64_t RunNs(int pid) {
  const std::filesystem::path tasks = "/proc/" + std::to_string(pid) + "/task";
  std::error_code ec;
  int64_t total = 0;
  for (const auto& entry : std::filesystem::directory_iterator(tasks, ec)) {
    std::ifstream in(entry.path() / "schedstat");
    int64_t ns = 0;
    if (in >> ns) total += ns;
  }
  return total;
}

double SecondsPerTick() { return 1.0 / static_cast<double>(sysconf(_SC_CLK_TCK)); }

}  // namespace trygg::bench
