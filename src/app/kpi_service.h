// Follow-up figures: KPIs per förvaltning (by API or CSV import) and unit profiles (headcount, secure rooms, coordinator, alarm test).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/context.h"
#include "domain/equivalence.h"
#include "domain/kpi.h"

namespace trygg {

struct KpiImportResult {
  int imported = 0;                   // values written (inserted or replaced)
  std::vector<KpiLineError> errors;   // non-empty: nothing was written
};

class KpiService {
 public:
  explicit KpiService(AppContext& ctx) : ctx_(ctx) {}

  // Readers: the roles that may read statistics (see StatsService::Table),
  // limited to förvaltningar their scope touches. PermissionDenied("kpi.forbidden").
  Result<std::vector<KpiValue>> List(const Principal& who, std::optional<UnitId> forvaltning);
  // Writers: analytiker and admin; each value's förvaltning in their scope.
  // All or nothing: InvalidArgument("kpi.<field>", "<index>") names the first
  // bad value; nothing is written then.
  Result<int> Put(const Principal& who, const std::vector<KpiValue>& values);
  // Parses the CSV (see ParseKpiCsv; förvaltningar by name or id, in the
  // writer's scope) and writes every value in one transaction, or nothing.
  Result<KpiImportResult> Import(const Principal& who, std::string_view csv);

  // Profiles: readable by stats readers; written by admins and by
  // säkerhetssamordnare covering the unit. PermissionDenied("profile.forbidden").
  Result<std::vector<UnitProfile>> ListProfiles(const Principal& who);
  Result<UnitProfile> PutProfile(const Principal& who, const UnitProfile& profile);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
