// The audit hash chain: how a record's hash is computed and how a chain is checked.
#pragma once

#include <string>
#include <vector>

#include "domain/user.h"

namespace trygg {

// The hash of the chain before the first record.
inline constexpr const char* kAuditGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// SHA-256 (hex) over the record's fields (seq, at, actor, action, target,
// detail) and `record.prev_hash`, in a fixed unambiguous encoding.
std::string AuditHash(const AuditRecord& record);

// The outcome of checking a chain.
struct AuditVerification {
  bool ok = true;
  int64_t records = 0;
  int64_t first_bad_seq = 0;  // 0 when ok
  std::string problem{};      // "hash_mismatch", "broken_link", "gap"
};

// Checks `records` (ascending seq) as a continuation of a chain whose last
// verified record had sequence `prev_seq` and hash `prev_hash` (0 and the
// genesis hash at the start). Detects edited, deleted and reordered records.
AuditVerification VerifyAuditChain(const std::vector<AuditRecord>& records, int64_t prev_seq,
                                   const std::string& prev_hash);

}  // namespace trygg
