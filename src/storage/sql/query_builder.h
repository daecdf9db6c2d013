// QueryBuilder: assembles SQL from constant fragments while collecting the
// values to bind, so optional filters never put a value into the SQL text.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/result.h"
#include "domain/visibility.h"
#include "storage/sql/connection.h"

namespace trygg::sql {

class QueryBuilder {
 public:
  explicit QueryBuilder(SqlDialect dialect) : dialect_(dialect) {}

  // Appends constant SQL text. Never pass anything derived from input.
  QueryBuilder& Sql(std::string_view fragment);
  // Appends `fragment`, which holds exactly one '?', and the value it binds.
  QueryBuilder& Sql(std::string_view fragment, int64_t value);
  QueryBuilder& Sql(std::string_view fragment, std::string value);
  // Appends "`column` is one of `ids`" (see InIds).
  QueryBuilder& InIds(std::string_view column, const std::vector<int64_t>& ids);
  // Appends " WHERE " before the first condition and " AND " before the others.
  QueryBuilder& And();

  // Prepares the SQL on `conn` and binds every collected value.
  Result<Statement> Prepare(Connection& conn) const;

  const std::string& sql() const { return sql_; }

 private:
  SqlDialect dialect_;
  std::string sql_;
  std::vector<std::variant<int64_t, std::string>> params_;
  bool has_where_ = false;
};

// Appends, as one parenthesised condition, whether the incident aliased `i`
// passes `filter` (see domain/visibility.h): its unit is in all_units, or it is
// not sensitive and its unit is in nonsensitive_units, or it involves
// `involving` as reporter or exposed. An empty filter passes nothing.
void AppendVisibility(QueryBuilder& q, const VisibilityFilter& filter);

// Appends, as one condition after q.And(), whether a record passes `scope`
// (see RecordScope in store.h): `unit_column` is one of scope.units, or
// `involving` (called with scope.involving) appends its own parenthesised
// condition. Appends nothing when both are unset; a set but empty unit list
// with no `involving` passes nothing.
void AppendRecordScope(QueryBuilder& q, const std::optional<std::vector<int64_t>>& units,
                       const std::optional<int64_t>& involving, std::string_view unit_column,
                       const std::function<void(QueryBuilder&, int64_t)>& involving_condition);

}  // namespace trygg::sql
