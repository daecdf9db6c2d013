// Applying the fields a PATCH body set, naming each one that changed for the audit record.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace trygg {

// When the patch has a `value` that differs from `field`, sets `field` to it and
// appends `name` to `changed`; returns whether it did. An absent value leaves
// the field as it is.
template <typename T, typename V>
bool SetIfChanged(T& field, const std::optional<V>& value, const char* name,
                  std::vector<std::string>* changed) {
  if (!value || *value == field) return false;
  field = *value;
  changed->push_back(name);
  return true;
}

}  // namespace trygg
