// Issue 6 objects → JSON: protected statistics tables, the equivalence matrix,
// routines, exercises, KPIs and unit profiles (docs/api-contract.md,
// "Statistics, equivalence, routines, exercises and KPIs"). A hidden figure is
// null; nothing here names a person beyond a PersonRef.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/exercise_service.h"
#include "app/kpi_service.h"
#include "app/routine_service.h"
#include "app/stats_service.h"
#include "http/messages.h"

namespace trygg {

// {"cells":[[n|null]],"row_totals":[n|null],"col_totals":[n|null],"total":n|null}
nlohmann::json ProtectedTableJson(const ProtectedTable& t);
// {"headcount","per_100","police_rate","outside_share","tied_share",
//  "notice_on_time_share","support_on_time_share","median_ack_hours","median_close_days"}
nlohmann::json StatsFiguresJson(const StatsFigures& f);
// StatsTable: {"rows_dim","cols_dim","exact","threshold","rows":[{"key","label","unit_id"?}],
// "cols":[{"key","label"}],"measures":{code: ProtectedTable},"row_figures","total_figures"}
nlohmann::json StatsTableJson(const StatsTable& t);
// {"as_of","exact","standard":{…},"columns":[code],"rows":[{"forvaltning_id","name",
// "cells":[{"column","value","short"}]}]}
nlohmann::json EquivalenceJson(const EquivalenceMatrix& m);

// Routine; "staff_in_scope", "acknowledged" and "missing" only when the view has them.
nlohmann::json RoutineJson(const RoutineView& v);
// Exercise with its findings.
nlohmann::json ExerciseJson(const ExerciseView& v);

// {"forvaltning_id","forvaltning_name","kind","group","year","period","value"}
nlohmann::json KpiJson(const KpiValue& v, const std::string& forvaltning_name);
// {"unit_id","headcount","secure_rooms","coordinator_full_time","alarm_tested_at"|null,"updated_at"}
nlohmann::json UnitProfileJson(const UnitProfile& p);

// The 400 body of a refused import: {"error":{"code":"kpi.invalid_csv","message",
// "lines":[{"line","code","column","message"}]}}, messages in `lang`.
nlohmann::json KpiImportErrorJson(const std::vector<KpiLineError>& errors, Lang lang);

}  // namespace trygg
