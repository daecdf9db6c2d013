// Connection: one sqlite3 database handle with our PRAGMAs and a cache of
// prepared statements. Not thread-safe: one transaction uses it at a time.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "core/result.h"
#include "storage/sqlite/statement.h"

namespace trygg::sqlite {

class Connection {
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
  ~Connection();  // finalizes cached statements and closes the handle

  // Runs parameterless SQL, possibly several statements: PRAGMAs, BEGIN/COMMIT
  // and migration DDL. Never for SQL that carries values.
  Status Exec(const std::string& sql);

  // A prepared statement for `sql`. Statements are cached by their text, so
  // `sql` should come from constant fragments; values are always bound.
  Result<Statement> Prepare(const std::string& sql);

  // Rows changed by the last INSERT/UPDATE/DELETE.
  int64_t Changes() const;
  int64_t LastInsertRowid() const;
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
