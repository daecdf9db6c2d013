#include "storage/sql/migrator.h"

#include "core/clock.h"
#include "storage/store.h"

namespace trygg::sql {
namespace {

Status TooNew(int version) {
  return Status::FailedPrecondition("storage.schema_too_new",
                                    "database schema " + std::to_string(version) +
                                        ", this binary knows " + std::to_string(kSchemaVersion));
}

// Inside the migration's transaction: re-reads the version (another process
// may have migrated meanwhile) and applies `migration` when still due.
Status ApplyLocked(Connection& conn, const Migration& migration) {
  TRYGG_RETURN_IF_ERROR(conn.Exec(std::string(kCreateMetaTableSql)));
  TRYGG_ASSIGN_OR_RETURN(int current, ReadSchemaVersion(conn));
  if (current > kSchemaVersion) return TooNew(current);
  if (current >= migration.version) return Status::Ok();
  TRYGG_RETURN_IF_ERROR(conn.Exec(MigrationSql(migration, conn.dialect())));
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      conn.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
  st.BindInt(migration.version).BindText(migration.name).BindInt(SystemClock().NowMs());
  return st.Run();
}

}  // namespace

Result<int> ReadSchemaVersion(Connection& conn) {
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        conn.Prepare(conn.dialect() == SqlDialect::kSqlite
                         ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
                         : "SELECT COUNT(*) FROM pg_catalog.pg_tables"
                           " WHERE schemaname = current_schema() AND tablename = ?"));
    st.BindText("schema_migrations");
    TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row || st.Int(0) == 0) return 0;
  }
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         conn.Prepare("SELECT COALESCE(MAX(version), 0) FROM schema_migrations"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return 0;
  return static_cast<int>(st.Int(0));
}

Status RunMigrations(Connection& conn, const std::string& begin_write_sql) {
  TRYGG_ASSIGN_OR_RETURN(int current, ReadSchemaVersion(conn));
  if (current > kSchemaVersion) return TooNew(current);
  for (const Migration& migration : Migrations()) {
    if (migration.version <= current) continue;
    TRYGG_RETURN_IF_ERROR(conn.Exec(begin_write_sql));
    Status status = ApplyLocked(conn, migration);
    if (!status.ok()) {
      (void)conn.Exec("ROLLBACK");
      return status;
    }
    TRYGG_RETURN_IF_ERROR(conn.Exec("COMMIT"));
  }
  return Status::Ok();
}

}  // namespace trygg::sql
