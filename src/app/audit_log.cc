#include "app/audit_log.h"

#include "domain/audit_chain.h"

namespace trygg {

Status AppendAudit(StoreTx& tx, const Clock& clock, std::optional<UserId> actor, std::string action,
                   std::string target_type, int64_t target_id, std::string detail) {
  TRYGG_ASSIGN_OR_RETURN(std::optional<AuditRecord> last, tx.LastAudit());
  AuditRecord r;
  r.seq = last ? last->seq + 1 : 1;
  r.at = clock.NowMs();
  r.actor_id = actor;
  r.action = std::move(action);
  r.target_type = std::move(target_type);
  r.target_id = target_id;
  r.detail = std::move(detail);
  r.prev_hash = last ? last->hash : kAuditGenesisHash;
  r.hash = AuditHash(r);
  return tx.AppendAudit(r);
}

}  // namespace trygg
