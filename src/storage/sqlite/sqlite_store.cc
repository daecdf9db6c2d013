#include "storage/sqlite/sqlite_store.h"

#include "core/clock.h"
#include "storage/migrations.h"
#include "storage/sqlite/sqlite_tx.h"

namespace trygg::sqlite {
namespace {

// The highest applied migration, 0 when none (or no meta table yet).
Result<int> ReadVersion(Connection& conn) {
  {
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        conn.Prepare("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"));
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

Status TooNew(int version) {
  return Status::FailedPrecondition("storage.schema_too_new",
                                    "database schema " + std::to_string(version) +
                                        ", this binary knows " + std::to_string(kSchemaVersion));
}

}  // namespace

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  TRYGG_ASSIGN_OR_RETURN(std::shared_ptr<SqliteDb> db, SqliteDb::Open(path));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

Status SqliteStore::Migrate() {
  WriterLease lease(*db_);
  if (!lease.conn().ok()) return lease.conn().status();
  Connection& conn = *lease.conn().value();
  TRYGG_RETURN_IF_ERROR(conn.Exec(std::string(kCreateMetaTableSql)));
  TRYGG_ASSIGN_OR_RETURN(int current, ReadVersion(conn));
  if (current > kSchemaVersion) return TooNew(current);
  for (const Migration& migration : Migrations()) {
    if (migration.version <= current) continue;
    TRYGG_RETURN_IF_ERROR(Apply(conn, migration));
  }
  return Status::Ok();
}

Status SqliteStore::Apply(Connection& conn, const Migration& migration) {
  TRYGG_RETURN_IF_ERROR(conn.Exec("BEGIN IMMEDIATE"));
  // Another process may have migrated since we looked; check under the lock.
  Status status = [&]() -> Status {
    TRYGG_ASSIGN_OR_RETURN(int current, ReadVersion(conn));
    if (current > kSchemaVersion) return TooNew(current);
    if (current >= migration.version) return Status::Ok();
    TRYGG_RETURN_IF_ERROR(conn.Exec(MigrationSql(migration, SqlDialect::kSqlite)));
    TRYGG_ASSIGN_OR_RETURN(
        Statement st,
        conn.Prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
    st.BindInt(migration.version).BindText(migration.name).BindInt(SystemClock().NowMs());
    return st.Run();
  }();
  if (!status.ok()) {
    (void)conn.Exec("ROLLBACK");
    return status;
  }
  return conn.Exec("COMMIT");  // on failure AcquireWriter rolls back later
}

Result<int> SqliteStore::SchemaVersion() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, db_->AcquireReader());
  Result<int> version = ReadVersion(*reader);
  db_->ReleaseReader(std::move(reader));
  return version;
}

Result<std::unique_ptr<StoreTx>> SqliteStore::BeginRead() { return SqliteTx::BeginRead(db_); }

Result<std::unique_ptr<StoreTx>> SqliteStore::BeginWrite() { return SqliteTx::BeginWrite(db_); }

}  // namespace trygg::sqlite
