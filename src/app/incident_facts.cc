// Keeps an incident's statistics facts current: recomputed from the stored incident and its
// follow-up in the writer's transaction.
#include "app/incident_facts.h"

#include "app/rule_checks.h"

namespace trygg {
namespace {

constexpr int kBackfillBatch = 500;

// Recomputes and stores the facts of incident `id` as `tx` sees it, under the
// rules `book` gives for its unit.
Status PutFactsOf(StoreTx& tx, RuleBook& book, IncidentId id, TimeMs now) {
  TRYGG_ASSIGN_OR_RETURN(Incident incident, tx.GetIncident(id));
  TRYGG_ASSIGN_OR_RETURN(std::vector<PolicyRule> rules, book.For(incident.unit_id));
  TRYGG_ASSIGN_OR_RETURN(Followup followup, LoadFollowup(tx, id));
  IncidentRecord record;
  record.incident = &incident;
  record.police = followup.police ? &*followup.police : nullptr;
  record.notices = &followup.notices;
  record.measures = &followup.measures;
  return tx.PutFacts(EncodeFacts(FactsOf(record, rules, now))).status();
}

}  // namespace

Status RecordFacts(AppContext& ctx, StoreTx& tx, IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx.org.Get(tx));
  RuleBook book(tx, *tree);
  return PutFactsOf(tx, book, incident, ctx.clock.NowMs());
}

Result<int64_t> BackfillFacts(AppContext& ctx) {
  int64_t written = 0;
  {
    // Looking costs a scan of every incident (seconds at 10M): do it in a
    // read snapshot, so writers are not held up when nothing is missing.
    TRYGG_ASSIGN_OR_RETURN(auto read, ctx.store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<IncidentId> any, read->ListIncidentsWithoutFacts(1));
    if (any.empty()) return written;
  }
  for (;;) {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx.store.BeginWrite());
    TRYGG_ASSIGN_OR_RETURN(std::vector<IncidentId> missing,
                           tx->ListIncidentsWithoutFacts(kBackfillBatch));
    if (missing.empty()) return written;
    TRYGG_ASSIGN_OR_RETURN(auto tree, ctx.org.Get(*tx));
    RuleBook book(*tx, *tree);
    const TimeMs now = ctx.clock.NowMs();
    for (IncidentId id : missing) {
      TRYGG_RETURN_IF_ERROR(PutFactsOf(*tx, book, id, now));
    }
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    written += static_cast<int64_t>(missing.size());
    if (static_cast<int>(missing.size()) < kBackfillBatch) return written;
  }
}

}  // namespace trygg
