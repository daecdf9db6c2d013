// Conversions between TimeMs and ISO 8601 text; all times are UTC.
#pragma once

#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/result.h"

namespace trygg {

// Formats as "2026-11-23T08:30:00Z" (seconds precision).
std::string FormatIso8601(TimeMs t);

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+hh:mm"/"-hh:mm".
// A time without an offset is rejected: the caller must say which zone it means.
// Error: InvalidArgument("time.invalid").
Result<TimeMs> ParseIso8601(std::string_view text);

// Parses a calendar date "YYYY-MM-DD" as midnight UTC of that day.
// Error: InvalidArgument("date.invalid").
Result<TimeMs> ParseDate(std::string_view text);

// Formats the UTC calendar date of `t` as "YYYY-MM-DD".
std::string FormatDate(TimeMs t);

constexpr TimeMs kMsPerSecond = 1000;
constexpr TimeMs kMsPerMinute = 60 * kMsPerSecond;
constexpr TimeMs kMsPerHour = 60 * kMsPerMinute;
constexpr TimeMs kMsPerDay = 24 * kMsPerHour;

}  // namespace trygg
