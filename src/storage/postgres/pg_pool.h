// PgPool: a bounded pool of PostgreSQL sessions shared by a PgStore's transactions.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/postgres/pg_connection.h"

namespace trygg::postgres {

class PgPool {
 public:
  // At most `size` sessions to `url` are open at once (size >= 1).
  PgPool(std::string url, int size) : url_(std::move(url)), size_(size) {}

  // An idle session, a new one while fewer than `size` exist, or else the
  // first one handed back within `wait`. Errors: Unavailable (the pool stayed
  // exhausted, or the server cannot be reached), InvalidArgument (bad URL).
  Result<std::unique_ptr<PgConnection>> Acquire(std::chrono::milliseconds wait);
  // Hands a session back; one that is broken or still inside a transaction is closed.
  void Release(std::unique_ptr<PgConnection> conn);

  int size() const { return size_; }

 private:
  const std::string url_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;  // guarded by mu_
  int open_ = 0;                                      // guarded by mu_
};

}  // namespace trygg::postgres
