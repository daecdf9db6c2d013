// Tables: the catalogue of stored tables and their columns, for moving a whole
// installation between engines (trygg copy) without knowing each record type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trygg {

enum class ColumnKind { kInt, kText };

struct ColumnInfo {
  std::string_view name;
  ColumnKind kind;
};

struct TableInfo {
  std::string_view name;
  std::vector<ColumnInfo> columns;  // every column, in schema order
  std::vector<std::string_view> key;  // the primary key's (integer) columns
  bool id_sequence = false;           // `id` is assigned by the engine
  std::string_view parent_column;     // a reference to this same table, if any
};

// A row: the table's columns as text ("42", "hot"), NULL as nullopt.
using TableRow = std::vector<std::optional<std::string>>;

// The tables an installation consists of, parents before children. Sessions
// are left out: they are short-lived, and users sign in again after a move.
// A test checks this list against the schema the migrations create.
const std::vector<TableInfo>& CopiedTables();

// Tables deliberately not copied (besides the migrations' own meta table):
// sessions, and the org generation counter (a cache key each database keeps).
inline constexpr std::string_view kUncopiedTables[] = {"sessions", "store_counters"};

}  // namespace trygg
