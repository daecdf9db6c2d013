#include "storage/sqlite/connection.h"

namespace trygg::sqlite {
namespace {

constexpr int kBusyTimeoutMs = 5000;
// Statements cached per connection; beyond this, statements are one-off.
constexpr size_t kMaxCachedStatements = 128;

sql::Statement Wrap(sqlite3* db, sqlite3_stmt* stmt, bool* in_use) {
  return sql::Statement(std::make_unique<SqliteCursor>(db, stmt, in_use));
}

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::string& path, Mode mode) {
  sqlite3* db = nullptr;
  // NOMUTEX: each connection is used by one thread at a time (see class comment).
  const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = StatusFromSqlite(rc, db);
    sqlite3_close_v2(db);
    return status;
  }
  std::unique_ptr<Connection> conn(new Connection(db));
  sqlite3_extended_result_codes(db, 1);
  sqlite3_busy_timeout(db, kBusyTimeoutMs);
  TRYGG_RETURN_IF_ERROR(conn->Exec("PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;"));
  if (mode == Mode::kRead) {
    TRYGG_RETURN_IF_ERROR(conn->Exec("PRAGMA query_only = ON;"));
    return conn;
  }
  // The journal mode is stored in the file; setting it once per writer suffices.
  TRYGG_ASSIGN_OR_RETURN(sql::Statement wal, conn->Prepare("PRAGMA journal_mode = WAL"));
  TRYGG_ASSIGN_OR_RETURN(bool row, wal.Step());
  if (!row || wal.Text(0) != "wal") {
    return Status::Internal("sqlite: could not switch " + path + " to WAL");
  }
  return conn;
}

Connection::~Connection() {
  for (auto& [sql, cached] : cache_) sqlite3_finalize(cached.stmt);
  sqlite3_close_v2(db_);
}

Status Connection::Exec(const std::string& sql) {
  int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return StatusFromSqlite(rc, db_);
  return Status::Ok();
}

Result<sql::Statement> Connection::Prepare(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end() && !it->second.in_use) {
    it->second.in_use = true;
    return Wrap(db_, it->second.stmt, &it->second.in_use);
  }
  const bool cache = it == cache_.end() && cache_.size() < kMaxCachedStatements;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              cache ? SQLITE_PREPARE_PERSISTENT : 0, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    sqlite3_finalize(stmt);
    return StatusFromSqlite(rc, db_);
  }
  if (!cache) return Wrap(db_, stmt, nullptr);  // in use elsewhere, or cache full
  Cached& cached = cache_[sql];
  cached.stmt = stmt;
  cached.in_use = true;
  return Wrap(db_, stmt, &cached.in_use);
}

bool Connection::InTransaction() const { return sqlite3_get_autocommit(db_) == 0; }

}  // namespace trygg::sqlite
