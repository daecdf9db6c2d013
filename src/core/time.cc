#include "core/time.h"

#include <chrono>
#include <cstdio>

namespace trygg {
namespace {

using namespace std::chrono;

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

bool ParseYmd(std::string_view s, sys_days* out) {
  int y, m, d;
  if (s.size() < 10 || !Digits(s, 0, 4, &y) || s[4] != '-' || !Digits(s, 5, 2, &m) ||
      s[7] != '-' || !Digits(s, 8, 2, &d)) {
    return false;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return false;
  *out = sys_days{ymd};
  return true;
}

}  // namespace

std::string FormatIso8601(TimeMs t) {
  sys_time<milliseconds> tp{milliseconds{t}};
  auto days = floor<std::chrono::days>(tp);
  year_month_day ymd{days};
  hh_mm_ss hms{floor<seconds>(tp - days)};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

std::string FormatDate(TimeMs t) { return FormatIso8601(t).substr(0, 10); }

Result<TimeMs> ParseIso8601(std::string_view s) {
  const Status bad = Status::InvalidArgument("time.invalid");
  sys_days day;
  if (!ParseYmd(s, &day) || s.size() < 16 || (s[10] != 'T' && s[10] != ' ')) return bad;
  int hh, mm, ss = 0, ms = 0;
  if (!Digits(s, 11, 2, &hh) || s[13] != ':' || !Digits(s, 14, 2, &mm)) return bad;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!Digits(s, pos + 1, 2, &ss)) return bad;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      int frac = 0, n = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        if (n < 3) frac = frac * 10 + (s[pos] - '0'), ++n;
        ++pos;
      }
      if (pos == start) return bad;
      while (n < 3) frac *= 10, ++n;
      ms = frac;
    }
  }
  if (hh > 23 || mm > 59 || ss > 59) return bad;
  int offset_min = 0;
  if (pos >= s.size()) return bad;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh, om;
    if (!Digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, &om) || oh > 23 || om > 59) {
      return bad;
    }
    offset_min = (oh * 60 + om) * (s[pos] == '+' ? 1 : -1);
    pos += 6;
  } else {
    return bad;
  }
  if (pos != s.size()) return bad;
  TimeMs t = duration_cast<milliseconds>(day.time_since_epoch()).count() + hh * kMsPerHour +
             mm * kMsPerMinute + ss * kMsPerSecond + ms - offset_min * kMsPerMinute;
  return t;
}

Result<TimeMs> ParseDate(std::string_view s) {
  sys_days day;
  if (s.size() != 10 || !ParseYmd(s, &day)) return Status::InvalidArgument("date.invalid");
  return static_cast<TimeMs>(duration_cast<milliseconds>(day.time_since_epoch()).count());
}

}  // namespace trygg
