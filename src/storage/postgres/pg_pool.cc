#include "storage/postgres/pg_pool.h"

namespace trygg::postgres {

Result<std::unique_ptr<PgConnection>> PgPool::Acquire(std::chrono::milliseconds wait) {
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (!cv_.wait_for(lock, wait, [&] { return !idle_.empty() || open_ < size_; })) {
      return Status::Unavailable("all " + std::to_string(size_) + " database sessions are busy");
    }
    if (!idle_.empty()) {
      std::unique_ptr<PgConnection> conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;  // reserve a slot, then connect without holding the lock
  }
  Result<std::unique_ptr<PgConnection>> conn = PgConnection::Open(url_);
  if (!conn.ok()) {
    std::lock_guard<std::mutex> guard(mu_);
    --open_;
    cv_.notify_one();
  }
  return conn;
}

void PgPool::Release(std::unique_ptr<PgConnection> conn) {
  std::lock_guard<std::mutex> guard(mu_);
  if (conn != nullptr && conn->Idle()) {
    conn->set_statement_savepoints(false);
    idle_.push_back(std::move(conn));
  } else {
    --open_;  // closed as it goes out of scope
  }
  cv_.notify_one();
}

}  // namespace trygg::postgres
