// Text helpers: character counts and blankness of UTF-8 strings.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trygg {

// The number of Unicode code points in valid UTF-8 `s` (continuation bytes are
// not counted), so "å" counts as one character, as users count it.
size_t Utf8Length(std::string_view s);

// True when `s` has no characters other than ASCII white space.
bool IsBlank(std::string_view s);

// True when `s` is not blank and has at most `max_chars` characters.
inline bool FitsText(std::string_view s, size_t max_chars) {
  return !IsBlank(s) && Utf8Length(s) <= max_chars;
}

// Orders names as a Swedish reader expects: case-insensitive, with å, ä, ö
// after z (in that order) and é/è/ü sorted as e/e/y. Ties fall back to bytes.
bool SwedishLess(std::string_view a, std::string_view b);

// The shared strings' bytes, concatenated (streamed messages shared between streams).
std::string ConcatShared(const std::vector<std::shared_ptr<const std::string>>& pieces);

// `parts` (strings or string_views) with `separator` between them; "" for none.
template <typename Strings>
std::string JoinText(const Strings& parts, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& part : parts) {
    if (!first) out += separator;
    out += part;
    first = false;
  }
  return out;
}

}  // namespace trygg
