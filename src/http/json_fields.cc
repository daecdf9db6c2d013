// Strict JSON member readers.
#include "http/json_fields.h"

#include "core/text.h"
#include "core/time.h"

namespace trygg {

void FieldReader::Fail(std::string reason, std::string_view field) {
  if (!status_.ok()) return;
  status_ = Status::InvalidArgument(std::move(reason), std::string(field));
}

bool FieldReader::Has(std::string_view name) const { return object_.find(name) != object_.end(); }

bool FieldReader::IsNull(std::string_view name) const {
  auto it = object_.find(name);
  return it != object_.end() && it->is_null();
}

const nlohmann::json* FieldReader::Member(std::string_view name, Presence presence) {
  if (!status_.ok()) return nullptr;
  auto it = object_.find(name);
  if (it == object_.end()) {
    if (presence == Presence::kRequired) Fail("validation.required", name);
    return nullptr;
  }
  return &*it;
}

std::optional<std::string> FieldReader::String(std::string_view name, Presence presence,
                                               size_t max_chars) {
  const nlohmann::json* v = Member(name, presence);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    Fail("validation.type", name);
    return std::nullopt;
  }
  const std::string& s = v->get_ref<const std::string&>();
  if (Utf8Length(s) > max_chars) {
    Fail("validation.length", name);
    return std::nullopt;
  }
  // NUL is never text a person typed, and PostgreSQL cannot store it: refused
  // the same way on every engine.
  if (s.find('\0') != std::string::npos) {
    Fail("validation.nul", name);
    return std::nullopt;
  }
  return s;
}

std::optional<int64_t> FieldReader::Int(std::string_view name, Presence presence, int64_t min,
                                        int64_t max) {
  const nlohmann::json* v = Member(name, presence);
  if (!v) return std::nullopt;
  if (v->is_number_unsigned()) {
    const uint64_t u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(max) || static_cast<int64_t>(u) < min) {
      Fail("validation.range", name);
      return std::nullopt;
    }
    return static_cast<int64_t>(u);
  }
  if (!v->is_number_integer()) {
    Fail("validation.type", name);
    return std::nullopt;
  }
  const int64_t i = v->get<int64_t>();
  if (i < min || i > max) {
    Fail("validation.range", name);
    return std::nullopt;
  }
  return i;
}

std::optional<bool> FieldReader::Bool(std::string_view name, Presence presence) {
  const nlohmann::json* v = Member(name, presence);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    Fail("validation.type", name);
    return std::nullopt;
  }
  return v->get<bool>();
}

std::optional<TimeMs> FieldReader::Time(std::string_view name, Presence presence) {
  auto text = String(name, presence, 64);
  if (!text) return std::nullopt;
  Result<TimeMs> t = ParseIso8601(*text);
  if (!t.ok()) {
    Fail("validation.time", name);
    return std::nullopt;
  }
  return *t;
}

std::optional<TimeMs> FieldReader::Date(std::string_view name, Presence presence) {
  auto text = String(name, presence, 16);
  if (!text) return std::nullopt;
  Result<TimeMs> t = ParseDate(*text);
  if (!t.ok()) {
    Fail("validation.date", name);
    return std::nullopt;
  }
  return *t;
}

std::optional<std::vector<int64_t>> FieldReader::IdList(std::string_view name, Presence presence,
                                                        size_t max_items) {
  const nlohmann::json* v = Member(name, presence);
  if (!v) return std::nullopt;
  if (!v->is_array()) {
    Fail("validation.type", name);
    return std::nullopt;
  }
  if (v->size() > max_items) {
    Fail("validation.range", name);
    return std::nullopt;
  }
  std::vector<int64_t> out;
  for (const nlohmann::json& item : *v) {
    if (!item.is_number_integer()) {
      Fail("validation.type", name);
      return std::nullopt;
    }
    const int64_t id = item.get<int64_t>();
    if (id <= 0) {
      Fail("validation.range", name);
      return std::nullopt;
    }
    out.push_back(id);
  }
  return out;
}

}  // namespace trygg
