// The server log: one line per event on stderr. Never log personal data here.
#pragma once

#include <string_view>

namespace trygg {

// Writes "<UTC time> <line>\n" to stderr atomically with respect to other calls.
void LogLine(std::string_view line);

// Turns LogLine into a no-op (tests) or back on.
void SetLogEnabled(bool enabled);

}  // namespace trygg
