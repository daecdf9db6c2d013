// Statement: an RAII prepared statement over the sqlite3 C API, with parameters
// bound in order and SQLite result codes mapped to Status.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace trygg::sqlite {

// Maps an SQLite result code (extended codes enabled) to a Status:
//   unique/primary key violation → AlreadyExists(duplicate_reason or "storage.duplicate"),
//   foreign key violation → InvalidArgument("storage.foreign_key"),
//   other constraints (NOT NULL, CHECK) → InvalidArgument("storage.constraint"),
//   a trigger's RAISE → FailedPrecondition("storage.append_only"),
//   BUSY/LOCKED → Unavailable, CANTOPEN → Unavailable, NOTADB → FailedPrecondition,
//   anything else → Internal. The detail carries SQLite's message when `db` is set.
Status StatusFromSqlite(int rc, sqlite3* db, std::string_view duplicate_reason = {});

// A prepared statement. Parameters are bound left to right with the Bind*
// calls; a bind failure is reported by the next Step()/Run(). Destruction
// resets the statement (releasing its read snapshot) and, when the statement
// is owned, finalizes it; a borrowed (cached) statement is handed back.
class Statement {
 public:
  // Takes `stmt`. When `in_use` is set the statement is borrowed from a cache:
  // it is reset and unbound on destruction and *in_use cleared, not finalized.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use);
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  ~Statement();

  Statement& BindInt(int64_t value);
  Statement& BindBool(bool value);
  Statement& BindText(std::string_view value);
  Statement& BindNull();
  Statement& BindOptInt(const std::optional<int64_t>& value);
  Statement& BindOptText(const std::optional<std::string_view>& value);

  // The AlreadyExists reason to report when this statement violates a unique key.
  Statement& OnDuplicate(std::string_view reason);

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps until done, discarding any rows (use for INSERT/UPDATE/DELETE).
  Status Run();

  int64_t Int(int col) const;
  bool Bool(int col) const;
  std::string Text(int col) const;
  bool IsNull(int col) const;
  std::optional<int64_t> OptInt(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  Status Error(int rc) const;

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  int next_param_ = 1;
  int bind_rc_ = SQLITE_OK;
  std::string duplicate_reason_;
};

}  // namespace trygg::sqlite
