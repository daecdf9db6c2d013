#include "storage/sqlite/sqlite_db.h"

#include <filesystem>
#include <map>
#include <utility>

namespace trygg::sqlite {
namespace {

// How long BeginWrite waits for another writer of this process.
constexpr std::chrono::milliseconds kWriterWait{30000};
// Idle reader connections kept open; more are opened on demand and closed after use.
constexpr size_t kMaxIdleReaders = 4;

}  // namespace

std::shared_ptr<WriterLock> WriterLock::ForFile(const std::string& key) {
  static std::mutex registry_mu;
  static std::map<std::string, std::weak_ptr<WriterLock>> registry;
  std::lock_guard<std::mutex> guard(registry_mu);
  std::weak_ptr<WriterLock>& slot = registry[key];
  std::shared_ptr<WriterLock> lock = slot.lock();
  if (lock == nullptr) {
    lock = std::make_shared<WriterLock>();
    slot = lock;
  }
  // Forget files no store has open any more.
  for (auto it = registry.begin(); it != registry.end();) {
    it = it->second.expired() ? registry.erase(it) : std::next(it);
  }
  return lock;
}

bool WriterLock::Acquire(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> guard(mu_);
  if (!cv_.wait_for(guard, timeout, [this] { return !held_; })) return false;
  held_ = true;
  return true;
}

void WriterLock::Release() {
  {
    std::lock_guard<std::mutex> guard(mu_);
    held_ = false;
  }
  cv_.notify_one();
}

Result<std::shared_ptr<SqliteDb>> SqliteDb::Open(const std::string& path) {
  if (path.empty() || path == ":memory:" || path.starts_with("file:")) {
    return Status::InvalidArgument("storage.bad_url", "a file path is required");
  }
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> writer,
                         Connection::Open(path, Connection::Mode::kWrite));
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::weakly_canonical(path, ec);
  std::string key = ec ? path : canonical.string();
  return std::shared_ptr<SqliteDb>(new SqliteDb(path, std::move(writer), WriterLock::ForFile(key)));
}

Result<Connection*> SqliteDb::AcquireWriter() {
  if (!lock_->Acquire(kWriterWait)) {
    return Status::Unavailable("timed out waiting for the database writer");
  }
  // A previous holder that could not roll back leaves its transaction open.
  if (writer_->InTransaction()) {
    Status rollback = writer_->Exec("ROLLBACK");
    if (!rollback.ok()) {
      lock_->Release();
      return rollback;
    }
  }
  return writer_.get();
}

void SqliteDb::ReleaseWriter() { lock_->Release(); }

Result<std::unique_ptr<Connection>> SqliteDb::AcquireReader() {
  {
    std::lock_guard<std::mutex> guard(pool_mu_);
    if (!idle_readers_.empty()) {
      std::unique_ptr<Connection> conn = std::move(idle_readers_.back());
      idle_readers_.pop_back();
      return conn;
    }
  }
  return Connection::Open(path_, Connection::Mode::kRead);
}

void SqliteDb::ReleaseReader(std::unique_ptr<Connection> conn) {
  if (conn == nullptr || conn->InTransaction()) return;  // closed here
  std::lock_guard<std::mutex> guard(pool_mu_);
  if (idle_readers_.size() < kMaxIdleReaders) idle_readers_.push_back(std::move(conn));
}

}  // namespace trygg::sqlite
