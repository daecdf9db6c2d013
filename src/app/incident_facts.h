// Keeps an incident's statistics facts current: every use case that changes an incident, its police report, notices or measures calls RecordFacts in the same transaction.
#pragma once

#include "app/context.h"

namespace trygg {

// Recomputes the incident's facts (FactsOf under its förvaltning's effective
// rules, at the clock's now) and stores them (PutFacts). Errors: the store's.
Status RecordFacts(AppContext& ctx, StoreTx& tx, IncidentId incident);

// Writes facts for every incident stored without them (a database from before
// schema 5), in batches of write transactions. Returns how many were written.
Result<int64_t> BackfillFacts(AppContext& ctx);

}  // namespace trygg
