#include "core/text.h"

#include <string>

namespace trygg {

size_t Utf8Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

bool IsBlank(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

namespace {

// A sort key: one int per character. ASCII letters fold to lowercase; the
// Swedish letters and common accented ones get their place in the alphabet.
std::basic_string<int> SwedishKey(std::string_view s) {
  std::basic_string<int> key;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      key.push_back(c >= 'A' && c <= 'Z' ? c + 32 : c);
      continue;
    }
    // Decode a two-byte sequence (Latin-1 supplement); others keep their bytes.
    if ((c & 0xE0) == 0xC0 && i + 1 < s.size()) {
      int cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
      ++i;
      switch (cp) {
        case 0xE5:
        case 0xC5:
          key.push_back('z' + 1);
          continue;  // å Å
        case 0xE4:
        case 0xC4:
        case 0xE6:
        case 0xC6:
          key.push_back('z' + 2);
          continue;  // ä Ä æ Æ
        case 0xF6:
        case 0xD6:
        case 0xF8:
        case 0xD8:
          key.push_back('z' + 3);
          continue;  // ö Ö ø Ø
        case 0xE9:
        case 0xC9:
        case 0xE8:
        case 0xC8:
          key.push_back('e');
          continue;
        case 0xFC:
        case 0xDC:
          key.push_back('y');
          continue;
        default:
          key.push_back(0x100 + cp);
          continue;
      }
    }
    key.push_back(0x10000 + c);
  }
  return key;
}

}  // namespace

bool SwedishLess(std::string_view a, std::string_view b) {
  auto ka = SwedishKey(a), kb = SwedishKey(b);
  if (ka != kb) return ka < kb;
  return a < b;
}

std::string ConcatShared(const std::vector<std::shared_ptr<const std::string>>& pieces) {
  size_t size = 0;
  for (const auto& p : pieces) size += p->size();
  std::string out;
  out.reserve(size);
  for (const auto& p : pieces) out += *p;
  return out;
}

}  // namespace trygg
