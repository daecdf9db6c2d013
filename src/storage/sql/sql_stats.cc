// PLACEHOLDER (storage helper replaces): statistics projection, unit profiles, KPIs.
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {
Status Todo() { return Status::Internal("storage.todo"); }
}  // namespace
Result<int64_t> SqlTx::PutFacts(const FactsRow&) { return Todo(); }
Result<std::vector<FactsRow>> SqlTx::ListFacts(int64_t, int) { return Todo(); }
Result<int64_t> SqlTx::LastFactsSeq() { return Todo(); }
Result<std::vector<IncidentId>> SqlTx::ListIncidentsWithoutFacts(int) { return Todo(); }
Status SqlTx::PutUnitProfile(const UnitProfile&) { return Todo(); }
Result<std::vector<UnitProfile>> SqlTx::ListUnitProfiles() { return Todo(); }
Status SqlTx::PutKpi(const KpiValue&) { return Todo(); }
Result<std::vector<KpiValue>> SqlTx::ListKpis(std::optional<UnitId>) { return Todo(); }
}  // namespace trygg::sql
