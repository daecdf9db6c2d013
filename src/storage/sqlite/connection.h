// Connection: one sqlite3 database handle with our PRAGMAs and a cache of
// prepared statements; the SQLite sql::Connection. Not thread-safe: one
// transaction uses it at a time.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "storage/sql/connection.h"
#include "storage/sqlite/cursor.h"

namespace trygg::sqlite {

class Connection final : public sql::Connection {
 public:
  enum class Mode {
    kWrite,  // read-write; creates the file and switches it to WAL
    kRead,   // PRAGMA query_only: any write fails
  };

  // Opens `path` with journal_mode=WAL, synchronous=FULL, foreign_keys=ON and
  // busy_timeout=5000. Errors: Unavailable (cannot open, busy),
  // FailedPrecondition("storage.not_a_database"), Internal.
  static Result<std::unique_ptr<Connection>> Open(const std::string& path, Mode mode);

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() override;  // finalizes cached statements and closes the handle

  SqlDialect dialect() const override { return SqlDialect::kSqlite; }
  Status Exec(const std::string& sql) override;
  // Statements are cached by their text (up to a bound).
  Result<sql::Statement> Prepare(const std::string& sql) override;

  // True inside an explicit transaction (BEGIN … not yet COMMIT/ROLLBACK).
  bool InTransaction() const;

  sqlite3* handle() { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}

  struct Cached {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };

  sqlite3* db_;
  // Node-based: a Cached's address (lent to a Statement) survives rehashing.
  std::unordered_map<std::string, Cached> cache_;
};

}  // namespace trygg::sqlite
