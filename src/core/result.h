// Result<T>: a value or a non-OK Status.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "core/status.h"

namespace trygg {

template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result from an OK Status has no value");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace trygg

#define TRYGG_CONCAT_INNER_(a, b) a##b
#define TRYGG_CONCAT_(a, b) TRYGG_CONCAT_INNER_(a, b)
// Declares `lhs` from a Result expression, or returns its Status early.
#define TRYGG_ASSIGN_OR_RETURN(lhs, expr)                              \
  auto TRYGG_CONCAT_(trygg_result_, __LINE__) = (expr);                \
  if (!TRYGG_CONCAT_(trygg_result_, __LINE__).ok())                    \
    return TRYGG_CONCAT_(trygg_result_, __LINE__).status();            \
  lhs = std::move(TRYGG_CONCAT_(trygg_result_, __LINE__)).value()
