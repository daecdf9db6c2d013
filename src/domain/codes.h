// CodeTable: the stable text codes of an enum, as used in the API and the database.
#pragma once

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace trygg {

template <typename E, size_t N>
struct CodeTable {
  std::array<std::pair<E, std::string_view>, N> entries;

  std::string_view Code(E value) const {
    for (const auto& [e, code] : entries) {
      if (e == value) return code;
    }
    return entries[0].second;
  }
  std::optional<E> Parse(std::string_view code) const {
    for (const auto& [e, c] : entries) {
      if (c == code) return e;
    }
    return std::nullopt;
  }
  std::vector<E> Values() const {
    std::vector<E> out;
    for (const auto& [e, c] : entries) out.push_back(e);
    return out;
  }
};

}  // namespace trygg
