// SqliteCursor: an sql::Cursor over one sqlite3 prepared statement, with
// SQLite result codes mapped to Status.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"
#include "storage/sql/statement.h"

namespace trygg::sqlite {

// Maps an SQLite result code (extended codes enabled) to a Status as
// sql::Cursor describes; also NOTADB → FailedPrecondition("storage.not_a_database"),
// CANTOPEN → Unavailable. The detail carries SQLite's message when `db` is set.
Status StatusFromSqlite(int rc, sqlite3* db);

class SqliteCursor final : public sql::Cursor {
 public:
  // Takes `stmt`. When `in_use` is set the statement is borrowed from a cache:
  // destruction resets and unbinds it and clears *in_use instead of finalizing.
  SqliteCursor(sqlite3* db, sqlite3_stmt* stmt, bool* in_use)
      : db_(db), stmt_(stmt), in_use_(in_use) {}
  SqliteCursor(const SqliteCursor&) = delete;
  SqliteCursor& operator=(const SqliteCursor&) = delete;
  ~SqliteCursor() override;

  void BindInt(int64_t value) override;
  void BindText(std::string_view value) override;
  void BindNull() override;
  Result<bool> Step() override;
  int64_t Changes() const override { return changes_; }
  int64_t Int(int col) const override;
  std::string Text(int col) const override;
  bool IsNull(int col) const override;

 private:
  void Bound(int rc);

  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* in_use_;
  int next_param_ = 1;
  int bind_rc_ = SQLITE_OK;
  int64_t changes_ = 0;
};

}  // namespace trygg::sqlite
