// FieldReader: strict, field-by-field reading of a JSON request object.
//
// Each getter reads one member. A missing member yields nullopt (or, when
// required, the error "validation.required"); a member of the wrong JSON type
// "validation.type"; an unknown enum code "validation.enum"; a number outside
// its range "validation.range"; a bad time/date "validation.time" /
// "validation.date"; an over-long string "validation.length". The first error
// is kept (with the member name as its detail) and later getters return
// nullopt. Unknown members are ignored.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace trygg {

enum class Presence { kOptional, kRequired };

class FieldReader {
 public:
  // `object` must be a JSON object and outlive the reader.
  explicit FieldReader(const nlohmann::json& object) : object_(object) {}

  // A string of at most `max_chars` Unicode characters.
  std::optional<std::string> String(std::string_view name, Presence presence,
                                    size_t max_chars = 20000);
  // An integer (no fraction, no string) within [min, max].
  std::optional<int64_t> Int(std::string_view name, Presence presence, int64_t min, int64_t max);
  std::optional<bool> Bool(std::string_view name, Presence presence);
  // An ISO 8601 time with an offset (core/time.h).
  std::optional<TimeMs> Time(std::string_view name, Presence presence);
  // A calendar date "YYYY-MM-DD".
  std::optional<TimeMs> Date(std::string_view name, Presence presence);
  // An array of at most `max_items` positive integer ids.
  std::optional<std::vector<int64_t>> IdList(std::string_view name, Presence presence,
                                             size_t max_items);
  // An enum code parsed by `parse` (returning std::optional<E>).
  template <typename Parse>
  auto Enum(std::string_view name, Presence presence, Parse parse)
      -> std::optional<typename decltype(parse(std::string_view()))::value_type> {
    auto code = String(name, presence, 64);
    if (!code) return std::nullopt;
    auto value = parse(*code);
    if (!value) Fail("validation.enum", name);
    return value;
  }

  // True when the member is present (whatever its value).
  bool Has(std::string_view name) const;
  // True when the member is present and JSON null.
  bool IsNull(std::string_view name) const;

  bool ok() const { return status_.ok(); }
  // The first error, or OK.
  const Status& status() const { return status_; }
  void Fail(std::string reason, std::string_view field);

 private:
  // The member, or nullptr when absent (records "validation.required" if required).
  const nlohmann::json* Member(std::string_view name, Presence presence);

  const nlohmann::json& object_;
  Status status_;
};

}  // namespace trygg
