// Retry: runs a use case again when the database aborted its transaction as
// a serialization failure or deadlock (Unavailable "storage.retry").
#pragma once

#include <type_traits>

#include "core/result.h"

namespace trygg {

// True for a Status that means "nothing was committed; the same call may
// succeed when run again".
inline bool IsRetryable(const Status& status) {
  return status.code() == StatusCode::kUnavailable && status.reason() == "storage.retry";
}

// Calls `fn` (returning Status or Result<T>) until it returns something other
// than a retryable error, at most `attempts` times; returns the last outcome.
template <typename Fn>
auto RetryTransient(int attempts, Fn fn) -> decltype(fn()) {
  auto outcome = fn();
  for (int attempt = 1; attempt < attempts; ++attempt) {
    if constexpr (std::is_same_v<decltype(outcome), Status>) {
      if (!IsRetryable(outcome)) break;
    } else {
      if (outcome.ok() || !IsRetryable(outcome.status())) break;
    }
    outcome = fn();
  }
  return outcome;
}

}  // namespace trygg
