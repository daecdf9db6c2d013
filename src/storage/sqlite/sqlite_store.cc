#include "storage/sqlite/sqlite_store.h"

#include "storage/sql/migrator.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sqlite {
namespace {

// The writer connection in a BEGIN IMMEDIATE transaction, holding the writer lock.
class WriteLease final : public sql::TxLease {
 public:
  WriteLease(std::shared_ptr<SqliteDb> db, Connection* conn) : db_(std::move(db)), conn_(conn) {}
  ~WriteLease() override {
    // On failure the connection stays in its transaction, and the next
    // AcquireWriter rolls it back.
    if (conn_->InTransaction()) (void)conn_->Exec("ROLLBACK");
    db_->ReleaseWriter();
  }
  sql::Connection& conn() override { return *conn_; }
  Status Commit() override { return conn_->Exec("COMMIT"); }

 private:
  std::shared_ptr<SqliteDb> db_;
  Connection* conn_;
};

// A pooled reader connection in a deferred transaction: a WAL snapshot.
class ReadLease final : public sql::TxLease {
 public:
  ReadLease(std::shared_ptr<SqliteDb> db, std::unique_ptr<Connection> conn)
      : db_(std::move(db)), conn_(std::move(conn)) {}
  ~ReadLease() override {
    // A reader still in a transaction after this is dropped by ReleaseReader.
    if (conn_->InTransaction()) (void)conn_->Exec("ROLLBACK");
    db_->ReleaseReader(std::move(conn_));
  }
  sql::Connection& conn() override { return *conn_; }
  Status Commit() override { return conn_->Exec("COMMIT"); }

 private:
  std::shared_ptr<SqliteDb> db_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace

Result<std::unique_ptr<Store>> SqliteStore::Open(const std::string& path) {
  TRYGG_ASSIGN_OR_RETURN(std::shared_ptr<SqliteDb> db, SqliteDb::Open(path));
  return std::unique_ptr<Store>(new SqliteStore(std::move(db)));
}

Status SqliteStore::Migrate() {
  WriterLease lease(*db_);
  if (!lease.conn().ok()) return lease.conn().status();
  return sql::RunMigrations(*lease.conn().value(), "BEGIN IMMEDIATE");
}

Result<int> SqliteStore::SchemaVersion() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, db_->AcquireReader());
  Result<int> version = sql::ReadSchemaVersion(*reader);
  db_->ReleaseReader(std::move(reader));
  return version;
}

Result<std::unique_ptr<StoreTx>> SqliteStore::BeginWrite() {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, db_->AcquireWriter());
  auto lease = std::make_unique<WriteLease>(db_, conn);
  TRYGG_RETURN_IF_ERROR(conn->Exec("BEGIN IMMEDIATE"));
  return std::unique_ptr<StoreTx>(new sql::SqlTx(std::move(lease)));
}

Result<std::unique_ptr<StoreTx>> SqliteStore::BeginRead() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, db_->AcquireReader());
  Connection* conn = reader.get();
  auto lease = std::make_unique<ReadLease>(db_, std::move(reader));
  TRYGG_RETURN_IF_ERROR(conn->Exec("BEGIN"));
  // A deferred transaction takes its snapshot at the first read: read now, so
  // the snapshot is that of BeginRead.
  TRYGG_ASSIGN_OR_RETURN(sql::Statement first_read,
                         conn->Prepare("SELECT COUNT(*) FROM sqlite_master"));
  TRYGG_RETURN_IF_ERROR(first_read.Run());
  return std::unique_ptr<StoreTx>(new sql::SqlTx(std::move(lease)));
}

}  // namespace trygg::sqlite
