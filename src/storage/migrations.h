// Migrations: the versioned database schema, the one source of truth every engine applies.
//
// Each migration is plain SQL written to run on both SQLite and PostgreSQL. The
// few things the two dialects cannot share are kept apart and clearly marked:
//   - the placeholder {{id_pk}} in `sql` stands for an auto-assigned 64-bit
//     primary key, {{seq_pk}} for a 64-bit primary key the writer assigns;
//     both are expanded per dialect by MigrationSql();
//   - `sqlite_sql` / `postgresql_sql` hold engine-only statements (triggers),
//     run after `sql` in the same transaction.
// Conventions of the neutral part: times are BIGINT milliseconds since the
// epoch (UTC), booleans INTEGER 0/1, enums their text codes (domain/*.cc).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace trygg {

enum class SqlDialect { kSqlite, kPostgresql };

struct Migration {
  int version = 0;                  // 1, 2, 3, … without gaps
  std::string_view name;            // short, for the meta table and logs
  std::string_view sql;             // dialect-neutral, may contain {{id_pk}}, {{seq_pk}}
  std::string_view sqlite_sql;      // SQLite-only statements; may be empty
  std::string_view postgresql_sql;  // PostgreSQL-only statements; may be empty
};

// Every migration, ascending by version. The last one's version is kSchemaVersion
// (store.h); a test checks this.
const std::vector<Migration>& Migrations();

// The complete SQL of `migration` for `dialect`: the neutral part with its
// placeholders expanded, followed by the dialect's own statements.
std::string MigrationSql(const Migration& migration, SqlDialect dialect);

// Creates the meta table that records applied migrations, if absent. Neutral SQL.
// schema_migrations(version INTEGER PRIMARY KEY, name TEXT, applied_at BIGINT);
// the schema version is MAX(version), 0 when the table is empty or absent.
inline constexpr std::string_view kCreateMetaTableSql =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " version INTEGER PRIMARY KEY,"
    " name TEXT NOT NULL,"
    " applied_at BIGINT NOT NULL)";

}  // namespace trygg
