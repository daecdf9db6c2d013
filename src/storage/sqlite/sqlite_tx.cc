#include "storage/sqlite/sqlite_tx.h"

#include <utility>

namespace trygg::sqlite {

Result<std::unique_ptr<StoreTx>> SqliteTx::BeginWrite(std::shared_ptr<SqliteDb> db) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, db->AcquireWriter());
  Status begin = conn->Exec("BEGIN IMMEDIATE");
  if (!begin.ok()) {
    db->ReleaseWriter();
    return begin;
  }
  return std::unique_ptr<StoreTx>(new SqliteTx(std::move(db), conn, nullptr));
}

Result<std::unique_ptr<StoreTx>> SqliteTx::BeginRead(std::shared_ptr<SqliteDb> db) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Connection> reader, db->AcquireReader());
  Connection* conn = reader.get();
  // From here on the destructor rolls back and returns the reader to the pool.
  std::unique_ptr<SqliteTx> tx(new SqliteTx(std::move(db), conn, std::move(reader)));
  TRYGG_RETURN_IF_ERROR(conn->Exec("BEGIN"));
  // A deferred transaction takes its snapshot at the first read: read now, so
  // the snapshot is that of BeginRead.
  TRYGG_ASSIGN_OR_RETURN(Statement first_read, conn->Prepare("SELECT COUNT(*) FROM sqlite_master"));
  TRYGG_RETURN_IF_ERROR(first_read.Run());
  return std::unique_ptr<StoreTx>(std::move(tx));
}

SqliteTx::~SqliteTx() {
  if (finished_) return;
  if (conn_->InTransaction()) {
    // On failure the connection stays in a transaction: a reader is then
    // dropped by ReleaseReader, the writer rolled back by the next AcquireWriter.
    (void)conn_->Exec("ROLLBACK");
  }
  Finish();
}

void SqliteTx::Finish() {
  finished_ = true;
  if (reader_ != nullptr) {
    db_->ReleaseReader(std::move(reader_));
  } else {
    db_->ReleaseWriter();
  }
  conn_ = nullptr;
}

Status SqliteTx::Commit() {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  TRYGG_RETURN_IF_ERROR(conn->Exec("COMMIT"));  // on failure the destructor rolls back
  Finish();
  return Status::Ok();
}

Result<Connection*> SqliteTx::Conn() {
  if (finished_) return Status::Internal("storage: transaction used after Commit");
  return conn_;
}

Result<Statement> SqliteTx::Prepare(const std::string& sql) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return conn->Prepare(sql);
}

Status SqliteTx::RunExpectingOneRow(Statement& st, std::string_view not_found_reason) {
  TRYGG_RETURN_IF_ERROR(st.Run());
  if (conn_->Changes() == 0) return Status::NotFound(std::string(not_found_reason));
  return Status::Ok();
}

}  // namespace trygg::sqlite
