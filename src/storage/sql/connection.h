// sql::Connection: one session with an SQL engine, the seam between the
// engine-neutral SQL code (storage/sql) and an engine (storage/sqlite, storage/postgres).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "storage/migrations.h"
#include "storage/sql/statement.h"

namespace trygg::sql {

class Connection {
 public:
  virtual ~Connection() = default;

  virtual SqlDialect dialect() const = 0;

  // Runs parameterless SQL, possibly several statements: BEGIN/COMMIT and
  // migration DDL. Never for SQL that carries values.
  virtual Status Exec(const std::string& sql) = 0;

  // A prepared statement for `sql` ('?' placeholders). Engines may cache
  // statements by their text, so `sql` should come from constant fragments.
  virtual Result<Statement> Prepare(const std::string& sql) = 0;
};

// The dialect's condition "`column` is one of a list bound as one parameter",
// e.g. "i.unit_id IN (SELECT value FROM json_each(?))"; bind EncodeIds(ids).
std::string InIds(SqlDialect dialect, std::string_view column);
// `ids` as the single parameter InIds() expects.
std::string EncodeIds(SqlDialect dialect, const std::vector<int64_t>& ids);

}  // namespace trygg::sql
