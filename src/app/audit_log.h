// Appends records to the hash-chained audit log inside a write transaction.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "storage/store.h"

namespace trygg {

// Appends one record chained to the last one. Must run in a write
// transaction; the record is durable when that transaction commits. `detail`
// must carry no personal data (ids and codes only).
Status AppendAudit(StoreTx& tx, const Clock& clock, std::optional<UserId> actor, std::string action,
                   std::string target_type, int64_t target_id, std::string detail = {});

}  // namespace trygg
