// PgConnection: one libpq session to PostgreSQL; the PostgreSQL sql::Connection,
// with '?' placeholders rewritten to $n and statements prepared once per session.
// Not thread-safe: one transaction uses it at a time.
#pragma once

#include <libpq-fe.h>

#include <memory>
#include <string>
#include <unordered_map>

#include "storage/sql/connection.h"

namespace trygg::postgres {

// Maps a failed PGresult (or, when `result` is null, the connection's last
// error) to a Status as sql::Cursor describes, by SQLSTATE:
//   23505 → AlreadyExists, 23503 → InvalidArgument("storage.foreign_key"),
//   other class 23 → InvalidArgument("storage.constraint"),
//   P0001 (the append-only trigger) → FailedPrecondition("storage.append_only"),
//   40001/40P01 (serialization failure, deadlock) → Unavailable("storage.retry"),
//   55P03/57014 (lock or statement timeout), class 08 and 57P0x (connection
//   lost, server shutting down) → Unavailable, anything else → Internal.
// Only the server's primary message is kept: its DETAIL may quote stored values.
Status StatusFromPg(PGconn* conn, const PGresult* result);

// "SELECT … WHERE a = ? AND b = ?" → "SELECT … WHERE a = $1 AND b = $2";
// '?' inside quoted literals or identifiers is left alone.
std::string NumberPlaceholders(const std::string& sql);

class PgConnection final : public sql::Connection {
 public:
  // Connects to `url` (a libpq URI or key=value string) with UTF-8 as the
  // client encoding. Errors: Unavailable (server unreachable, refused,
  // authentication failed), InvalidArgument("storage.bad_url").
  static Result<std::unique_ptr<PgConnection>> Open(const std::string& url);

  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;
  ~PgConnection() override;

  SqlDialect dialect() const override { return SqlDialect::kPostgresql; }
  Status Exec(const std::string& sql) override;
  Result<sql::Statement> Prepare(const std::string& sql) override;

  // When on, every INSERT/UPDATE/DELETE runs inside its own savepoint, so a
  // failed statement leaves the transaction usable, as on SQLite (PostgreSQL
  // otherwise aborts the whole transaction on the first error). On for write
  // transactions; off for bulk loads.
  void set_statement_savepoints(bool on) { statement_savepoints_ = on; }
  bool statement_savepoints() const { return statement_savepoints_; }

  // True when the session is usable and outside any transaction: fit to pool.
  bool Idle() const;

  PGconn* handle() { return conn_; }

 private:
  explicit PgConnection(PGconn* conn) : conn_(conn) {}

  PGconn* conn_;
  bool statement_savepoints_ = false;
  // SQL text → name of the statement prepared for it on this session.
  std::unordered_map<std::string, std::string> prepared_;
};

}  // namespace trygg::postgres
