#include "storage/sql/connection.h"

namespace trygg::sql {

std::string InIds(SqlDialect dialect, std::string_view column) {
  std::string sql(column);
  // SQLite has no arrays: the list travels as JSON. PostgreSQL takes an array literal.
  sql += dialect == SqlDialect::kSqlite ? " IN (SELECT value FROM json_each(?))"
                                        : " = ANY(CAST(? AS BIGINT[]))";
  return sql;
}

std::string EncodeIds(SqlDialect dialect, const std::vector<int64_t>& ids) {
  const bool sqlite = dialect == SqlDialect::kSqlite;
  std::string out = sqlite ? "[" : "{";
  for (size_t k = 0; k < ids.size(); ++k) {
    if (k > 0) out += ',';
    out += std::to_string(ids[k]);
  }
  out += sqlite ? "]" : "}";
  return out;
}

}  // namespace trygg::sql
