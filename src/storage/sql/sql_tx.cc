#include "storage/sql/sql_tx.h"

#include <utility>

namespace trygg::sql {

Status SqlTx::Commit() {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  (void)conn;
  // On failure the lease stays, and rolls back when this transaction is destroyed.
  TRYGG_RETURN_IF_ERROR(lease_->Commit());
  lease_.reset();
  return Status::Ok();
}

Result<Connection*> SqlTx::Conn() {
  if (lease_ == nullptr) return Status::Internal("storage: transaction used after Commit");
  return &lease_->conn();
}

Result<Statement> SqlTx::Prepare(const std::string& sql) {
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  return conn->Prepare(sql);
}

Status SqlTx::RunExpectingOneRow(Statement& st, std::string_view not_found_reason) {
  TRYGG_RETURN_IF_ERROR(st.Run());
  if (st.Changes() == 0) return Status::NotFound(std::string(not_found_reason));
  return Status::Ok();
}

Status SqlTx::MissingOrStale(std::string_view table, int64_t id, std::string_view not_found_reason,
                             std::string_view stale_reason) {
  TRYGG_ASSIGN_OR_RETURN(Statement exists,
                         Prepare("SELECT 1 FROM " + std::string(table) + " WHERE id = ?"));
  exists.BindInt(id);
  TRYGG_ASSIGN_OR_RETURN(bool found, exists.Step());
  if (!found) return Status::NotFound(std::string(not_found_reason));
  return Status::Conflict(std::string(stale_reason));
}

}  // namespace trygg::sql
