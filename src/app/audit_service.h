// Reading and verifying the audit log.
#pragma once

#include <vector>

#include "app/context.h"
#include "domain/audit_chain.h"

namespace trygg {

class AuditService {
 public:
  explicit AuditService(AppContext& ctx) : ctx_(ctx) {}

  // Records after `after_seq`. Admins see every record; a säkerhetssamordnare
  // sees records about incidents in their scope; others: PermissionDenied.
  Result<std::vector<AuditRecord>> List(const Principal& who, int64_t after_seq, int limit);

  // Checks the whole chain (`who == nullptr`: the CLI; else admin only).
  Result<AuditVerification> Verify(const Principal* who);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
