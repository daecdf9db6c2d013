// SqliteDb: the connections of one SQLite database file, shared by a
// SqliteStore and the transactions it hands out: one writer connection behind a
// process-wide per-file lock, and a pool of reader connections.
#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/result.h"
#include "storage/sqlite/connection.h"

namespace trygg::sqlite {

// The single-writer lock of one database file, shared by every SqliteDb of
// this process that opens that file. Unlike std::mutex it may be released from
// another thread than the one that acquired it (a transaction may be handed on).
class WriterLock {
 public:
  // The lock for the file whose canonical path is `key`.
  static std::shared_ptr<WriterLock> ForFile(const std::string& key);

  // Waits up to `timeout`; false when the lock was not obtained.
  bool Acquire(std::chrono::milliseconds timeout);
  void Release();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;
};

class SqliteDb {
 public:
  // Opens (creating if needed) the database file at `path` and its writer
  // connection. Errors: InvalidArgument("storage.bad_url") for an empty path or
  // ":memory:", Unavailable, FailedPrecondition("storage.not_a_database"), Internal.
  static Result<std::shared_ptr<SqliteDb>> Open(const std::string& path);

  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Waits for the writer lock and lends the writer connection until
  // ReleaseWriter(). Unavailable when another writer holds it for too long.
  Result<Connection*> AcquireWriter();
  void ReleaseWriter();

  // A reader connection from the pool, opened when none is idle. Hand it back
  // with ReleaseReader(), or drop it when it is in a bad state.
  Result<std::unique_ptr<Connection>> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> conn);

 private:
  SqliteDb(std::string path, std::unique_ptr<Connection> writer, std::shared_ptr<WriterLock> lock)
      : path_(std::move(path)), writer_(std::move(writer)), lock_(std::move(lock)) {}

  const std::string path_;
  const std::unique_ptr<Connection> writer_;  // used only by the holder of lock_
  const std::shared_ptr<WriterLock> lock_;
  std::mutex pool_mu_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;  // guarded by pool_mu_
};

// RAII holder of the writer lock for code that runs its own SQL (migrations).
class WriterLease {
 public:
  explicit WriterLease(SqliteDb& db) : db_(db), conn_(db.AcquireWriter()) {}
  ~WriterLease() {
    if (conn_.ok()) db_.ReleaseWriter();
  }
  WriterLease(const WriterLease&) = delete;
  WriterLease& operator=(const WriterLease&) = delete;

  // The writer connection, or why it could not be had.
  const Result<Connection*>& conn() const { return conn_; }

 private:
  SqliteDb& db_;
  Result<Connection*> conn_;
};

}  // namespace trygg::sqlite
