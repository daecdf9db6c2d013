#include "storage/sqlite/cursor.h"

namespace trygg::sqlite {

Status StatusFromSqlite(int rc, sqlite3* db) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::AlreadyExists("storage.duplicate", message);
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return Status::InvalidArgument("storage.foreign_key", message);
    case SQLITE_CONSTRAINT_TRIGGER:
      return Status::FailedPrecondition("storage.append_only", message);
    case SQLITE_NOTADB:
      return Status::FailedPrecondition("storage.not_a_database", message);
    default:
      break;
  }
  switch (rc & 0xff) {  // the primary result code
    case SQLITE_CONSTRAINT:
      return Status::InvalidArgument("storage.constraint", message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_CANTOPEN:
      return Status::Unavailable(message);
    default:
      return Status::Internal("sqlite: " + message);
  }
}

SqliteCursor::~SqliteCursor() {
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

void SqliteCursor::Bound(int rc) {
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
}

void SqliteCursor::BindInt(int64_t value) {
  Bound(sqlite3_bind_int64(stmt_, next_param_++, value));
}

void SqliteCursor::BindText(std::string_view value) {
  Bound(sqlite3_bind_text64(stmt_, next_param_++, value.data(), value.size(), SQLITE_TRANSIENT,
                            SQLITE_UTF8));
}

void SqliteCursor::BindNull() { Bound(sqlite3_bind_null(stmt_, next_param_++)); }

Result<bool> SqliteCursor::Step() {
  if (bind_rc_ != SQLITE_OK) return StatusFromSqlite(bind_rc_, db_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) {
    changes_ = sqlite3_changes64(db_);
    return false;
  }
  return StatusFromSqlite(rc, db_);
}

int64_t SqliteCursor::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

std::string SqliteCursor::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool SqliteCursor::IsNull(int col) const {
  return sqlite3_column_type(stmt_, col) == SQLITE_NULL;
}

}  // namespace trygg::sqlite
