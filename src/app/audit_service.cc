#include "app/audit_service.h"

namespace trygg {

Result<std::vector<AuditRecord>> AuditService::List(const Principal& who, int64_t after_seq,
                                                    int limit) {
  if (limit < 1 || limit > 1000) return Status::InvalidArgument("query.limit", "limit");
  const bool admin = who.actor.Has(Role::kAdmin);
  if (!admin && !who.actor.Has(Role::kSakerhetssamordnare)) {
    return Status::PermissionDenied("audit.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  std::vector<AuditRecord> out;
  // A säkerhetssamordnare sees only records about incidents in their scope:
  // scan forward in batches until the page is full or the log ends.
  while (static_cast<int>(out.size()) < limit) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<AuditRecord> batch, tx->ListAudit(after_seq, limit));
    if (batch.empty()) break;
    for (AuditRecord& r : batch) {
      after_seq = r.seq;
      bool visible = admin;
      if (!visible && r.target_type == "incident") {
        Result<Incident> inc = tx->GetIncident(r.target_id);
        visible = inc.ok() && who.actor.HasOn(Role::kSakerhetssamordnare, inc->unit_id, *tree);
      }
      if (visible) out.push_back(std::move(r));
      if (static_cast<int>(out.size()) == limit) break;
    }
  }
  return out;
}

Result<AuditVerification> AuditService::Verify(const Principal* who) {
  if (who != nullptr && !who->actor.Has(Role::kAdmin)) {
    return Status::PermissionDenied("audit.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  AuditVerification total;
  int64_t prev_seq = 0;
  std::string prev_hash = kAuditGenesisHash;
  for (;;) {
    TRYGG_ASSIGN_OR_RETURN(std::vector<AuditRecord> batch, tx->ListAudit(prev_seq, 5000));
    if (batch.empty()) break;
    AuditVerification part = VerifyAuditChain(batch, prev_seq, prev_hash);
    total.records += part.records;
    if (!part.ok) {
      part.records = total.records;
      return part;
    }
    prev_seq = batch.back().seq;
    prev_hash = batch.back().hash;
  }
  return total;
}

}  // namespace trygg
