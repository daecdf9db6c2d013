// trygg audit verify: check the audit log's hash chain; exit 1 naming the first bad record.
#include <iostream>

#include "app/app.h"
#include "cli/common.h"
#include "core/clock.h"

namespace trygg::cli {

int RunAuditVerify(const Args& args) {
  Flags flags;
  if (auto exit = ParseFlags(args, {DbFlag()}, "audit verify [--db PATH]",
                             "Recomputes the audit log's hash chain. Prints ok, the record count "
                             "and the head hash; exits 1 with the first bad sequence number when "
                             "a record was edited, removed or reordered.",
                             &flags)) {
    return *exit;
  }
  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("audit verify", store.status());
  SystemClock clock;
  App app(**store, clock);
  Result<AuditVerification> v = app.audit().Verify(nullptr);
  if (!v.ok()) return Fail("audit verify", v.status());
  if (!v->ok) {
    std::cout << "BROKEN: audit chain fails at seq " << v->first_bad_seq << " (" << v->problem
              << "); " << v->records << " records checked\n";
    return 1;
  }
  std::string head = kAuditGenesisHash;
  if (auto tx = (*store)->BeginRead(); tx.ok()) {
    if (auto last = (*tx)->LastAudit(); last.ok() && last->has_value()) head = (*last)->hash;
  }
  std::cout << "ok: " << v->records << " records, head " << head << "\n";
  return 0;
}

}  // namespace trygg::cli
