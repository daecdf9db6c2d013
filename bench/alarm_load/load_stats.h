// Figures for the alarm load generator: latency percentiles, and a process's memory and CPU time
// read from /proc.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace trygg::bench {

// Nearest-rank summary of latencies in microseconds.
struct LatencySummary {
  int64_t count = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
};
// The nearest-rank percentile `p` (0 < p ≤ 100) of `sorted_us` (ascending,
// non-empty), in microseconds: the smallest value with at least p % of the
// values at or below it.
int64_t PercentileUs(const std::vector<int64_t>& sorted_us, double p);
// Sorts `us` and summarises it; an empty input gives count 0 and zeros.
LatencySummary Summarise(std::vector<int64_t> us);

// What /proc says about a process.
struct ProcSample {
  int64_t rss_kib = 0;     // VmRSS
  int64_t cpu_ticks = 0;   // utime + stime
  int64_t user_ticks = 0;  // utime alone (the rest is the kernel, loopback TCP included)
  int64_t threads = 0;     // Threads
};
// Parses the text of /proc/<pid>/status (VmRSS, Threads) and /proc/<pid>/stat
// (utime, stime: fields 14 and 15, counted after the parenthesised command
// name, which may itself contain spaces and parentheses). nullopt when a field
// is missing.
std::optional<ProcSample> ParseProc(const std::string& status_text, const std::string& stat_text);
// Reads and parses /proc/<pid>/status and /proc/<pid>/stat.
std::optional<ProcSample> ReadProc(int pid);
// Nanoseconds the live threads of process `pid` have run (the first field of
// each /proc/<pid>/task/<tid>/schedstat, summed): finer than the ticks. 0 when
// there is no such process.
int64_t RunNs(int pid);
// Seconds per CPU tick (sysconf(_SC_CLK_TCK)).
double SecondsPerTick();

}  // namespace trygg::bench
