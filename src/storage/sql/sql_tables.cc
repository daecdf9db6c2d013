// SqlTx: whole tables, row by row, for moving an installation (trygg copy).
// Table and column names come only from the catalogue (storage/tables.h).
#include <algorithm>
#include <charconv>

#include "core/text.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

std::string ColumnList(const TableInfo& table) {
  std::vector<std::string_view> names;
  for (const ColumnInfo& c : table.columns) names.push_back(c.name);
  return JoinText(names, ", ");
}

// "?, ?, ?" for `n` values.
std::string Marks(size_t n) {
  std::string out;
  for (size_t k = 0; k < n; ++k) out += k == 0 ? "?" : ", ?";
  return out;
}

bool ParseInt(const std::string& text, int64_t* out) {
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, *out);
  return ec == std::errc() && ptr == end;
}

}  // namespace

Result<std::vector<TableRow>> SqlTx::ReadRows(const TableInfo& table,
                                              const std::vector<int64_t>& after, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  if (!after.empty() && after.size() != table.key.size()) {
    return Status::InvalidArgument("storage.bad_row", "key width");
  }
  std::string sql = "SELECT " + ColumnList(table) + " FROM " + std::string(table.name);
  const std::string key = "(" + JoinText(table.key, ", ") + ")";
  if (!after.empty()) sql += " WHERE " + key + " > (" + Marks(after.size()) + ")";
  sql += " ORDER BY " + JoinText(table.key, ", ") + " LIMIT ?";
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(sql));
  for (int64_t k : after) st.BindInt(k);
  st.BindInt(limit);
  std::vector<TableRow> rows;
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool more, st.Step());
    if (!more) return rows;
    TableRow row;
    row.reserve(table.columns.size());
    for (int col = 0; col < static_cast<int>(table.columns.size()); ++col) {
      row.push_back(st.OptText(col));
    }
    rows.push_back(std::move(row));
  }
}

Status SqlTx::WriteRows(const TableInfo& table, const std::vector<TableRow>& rows) {
  // Many rows per statement: one round trip per chunk instead of per row.
  constexpr size_t kRowsPerStatement = 100;
  const std::string head =
      "INSERT INTO " + std::string(table.name) + " (" + ColumnList(table) + ") VALUES ";
  const std::string one = "(" + Marks(table.columns.size()) + ")";
  for (size_t first = 0; first < rows.size(); first += kRowsPerStatement) {
    const size_t n = std::min(kRowsPerStatement, rows.size() - first);
    std::string sql = head;
    for (size_t k = 0; k < n; ++k) sql += k == 0 ? one : ", " + one;
    TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(sql));
    for (size_t r = first; r < first + n; ++r) {
      const TableRow& row = rows[r];
      if (row.size() != table.columns.size()) {
        return Status::InvalidArgument("storage.bad_row", std::string(table.name));
      }
      for (size_t k = 0; k < row.size(); ++k) {
        if (!row[k].has_value()) {
          st.BindNull();
        } else if (table.columns[k].kind == ColumnKind::kText) {
          st.BindText(*row[k]);
        } else {
          int64_t value = 0;
          if (!ParseInt(*row[k], &value)) {
            return Status::InvalidArgument("storage.bad_row", std::string(table.columns[k].name));
          }
          st.BindInt(value);
        }
      }
    }
    TRYGG_RETURN_IF_ERROR(st.Run());
  }
  return Status::Ok();
}

Result<int64_t> SqlTx::CountRows(const TableInfo& table) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("SELECT COUNT(*) FROM " + std::string(table.name)));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: COUNT returned no row");
  return st.Int(0);
}

Result<std::vector<int64_t>> SqlTx::LastKey(const TableInfo& table) {
  std::string desc;
  for (std::string_view k : table.key)
    desc += std::string(desc.empty() ? "" : ", ") + std::string(k) + " DESC";
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT " + JoinText(table.key, ", ") + " FROM " +
                                 std::string(table.name) + " ORDER BY " + desc + " LIMIT 1"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  std::vector<int64_t> key;
  if (!row) return key;
  for (int col = 0; col < static_cast<int>(table.key.size()); ++col) key.push_back(st.Int(col));
  return key;
}

Status SqlTx::ResetIdSequence(const TableInfo& table) {
  if (!table.id_sequence) return Status::Ok();
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  // SQLite's AUTOINCREMENT counter already follows explicitly inserted ids.
  if (conn->dialect() == SqlDialect::kSqlite) return Status::Ok();
  const std::string name(table.name);
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("SELECT setval(pg_get_serial_sequence('" + name +
                                               "', 'id'), (SELECT COALESCE(MAX(id), 0) + 1 FROM " +
                                               name + "), false)"));
  return st.Run();
}

}  // namespace trygg::sql
