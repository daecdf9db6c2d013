// SqlTx: the append-only audit log.
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr char kSelectAudit[] =
    "SELECT seq, at, actor_id, action, target_type, target_id, detail, prev_hash, hash"
    " FROM audit_log";

Result<AuditRecord> ReadAudit(const Statement& row) {
  AuditRecord r;
  r.seq = row.Int(0);
  r.at = row.Int(1);
  r.actor_id = row.OptInt(2);
  r.action = row.Text(3);
  r.target_type = row.Text(4);
  r.target_id = row.Int(5);
  r.detail = row.Text(6);
  r.prev_hash = row.Text(7);
  r.hash = row.Text(8);
  return r;
}

}  // namespace

Result<std::optional<AuditRecord>> SqlTx::LastAudit() {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectAudit) + " ORDER BY seq DESC LIMIT 1"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<AuditRecord>();
  TRYGG_ASSIGN_OR_RETURN(AuditRecord record, ReadAudit(st));
  return std::optional<AuditRecord>(std::move(record));
}

Status SqlTx::AppendAudit(const AuditRecord& record) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO audit_log (seq, at, actor_id, action, target_type, target_id, detail,"
              " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  st.BindInt(record.seq).BindInt(record.at).BindOptInt(record.actor_id);
  st.BindText(record.action).BindText(record.target_type).BindInt(record.target_id);
  st.BindText(record.detail).BindText(record.prev_hash).BindText(record.hash);
  st.OnDuplicate("audit.duplicate_seq");
  return st.Run();
}

Result<std::vector<AuditRecord>> SqlTx::ListAudit(int64_t after_seq, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string(kSelectAudit) + " WHERE seq > ? ORDER BY seq LIMIT ?"));
  st.BindInt(after_seq).BindInt(limit);
  return ReadAll<AuditRecord>(st, ReadAudit);
}

}  // namespace trygg::sql
