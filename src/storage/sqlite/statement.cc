#include "storage/sqlite/statement.h"

#include <utility>

namespace trygg::sqlite {

Status StatusFromSqlite(int rc, sqlite3* db, std::string_view duplicate_reason) {
  std::string message = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc) {
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return Status::AlreadyExists(
          duplicate_reason.empty() ? "storage.duplicate" : std::string(duplicate_reason), message);
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

Statement::Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use)
    : db_(db), stmt_(stmt), in_use_(in_use) {}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)),
      next_param_(other.next_param_),
      bind_rc_(other.bind_rc_),
      duplicate_reason_(std::move(other.duplicate_reason_)) {}

Statement::~Statement() {
  if (stmt_ == nullptr) return;
  if (in_use_ == nullptr) {
    sqlite3_finalize(stmt_);
    return;
  }
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  *in_use_ = false;
}

Statement& Statement::BindInt(int64_t value) {
  int rc = sqlite3_bind_int64(stmt_, next_param_++, value);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindBool(bool value) { return BindInt(value ? 1 : 0); }

Statement& Statement::BindText(std::string_view value) {
  int rc = sqlite3_bind_text64(stmt_, next_param_++, value.data(), value.size(), SQLITE_TRANSIENT,
                               SQLITE_UTF8);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindNull() {
  int rc = sqlite3_bind_null(stmt_, next_param_++);
  if (bind_rc_ == SQLITE_OK) bind_rc_ = rc;
  return *this;
}

Statement& Statement::BindOptInt(const std::optional<int64_t>& value) {
  return value.has_value() ? BindInt(*value) : BindNull();
}

Statement& Statement::BindOptText(const std::optional<std::string_view>& value) {
  return value.has_value() ? BindText(*value) : BindNull();
}

Statement& Statement::OnDuplicate(std::string_view reason) {
  duplicate_reason_ = reason;
  return *this;
}

Status Statement::Error(int rc) const { return StatusFromSqlite(rc, db_, duplicate_reason_); }

Result<bool> Statement::Step() {
  if (bind_rc_ != SQLITE_OK) return Error(bind_rc_);
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Error(rc);
}

Status Statement::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

int64_t Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

bool Statement::Bool(int col) const { return sqlite3_column_int64(stmt_, col) != 0; }

std::string Statement::Text(int col) const {
  const unsigned char* text = sqlite3_column_text(stmt_, col);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

bool Statement::IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

std::optional<int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

}  // namespace trygg::sqlite
