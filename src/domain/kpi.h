// Follow-up KPIs (staff turnover, consultants, student placements) and their CSV import format.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "domain/org.h"

namespace trygg {

enum class KpiKind {
  kPersonalrorlighet,  // staff turnover, percent of staff per year
  kKonsulter,          // consultants (socionomkonsulter) on a count day
  kVfu,                // student placements (VFU-platser) per year
};
std::string_view KpiKindCode(KpiKind v);  // "personalrorlighet", "konsulter", "vfu"
std::optional<KpiKind> ParseKpiKind(std::string_view code);

enum class KpiGroup { kAlla, kSocialsekreterare, kBistandshandlaggare };
std::string_view KpiGroupCode(KpiGroup v);  // "alla", "socialsekreterare", "bistandshandlaggare"
std::optional<KpiGroup> ParseKpiGroup(std::string_view code);

// The count day of a consultant figure; other kinds have kAr (the year).
enum class KpiPeriod { kAr, kApril, kNovember };
std::string_view KpiPeriodCode(KpiPeriod v);  // "ar", "april", "november"
std::optional<KpiPeriod> ParseKpiPeriod(std::string_view code);

// One figure. Its key is (forvaltning_id, kind, group, year, period).
struct KpiValue {
  UnitId forvaltning_id = 0;
  KpiKind kind = KpiKind::kPersonalrorlighet;
  KpiGroup group = KpiGroup::kAlla;
  int year = 2026;  // 2000–2100
  KpiPeriod period = KpiPeriod::kAr;
  double value = 0;  // personalrorlighet 0–100 (percent); the others whole numbers 0–100000
  UserId updated_by = 0;
  TimeMs updated_at = 0;
};
// InvalidArgument("kpi.year"|"kpi.value"|"kpi.period"): konsulter needs april
// or november; the others need ar.
Status ValidateKpi(const KpiValue& v);

// One bad line of an import: 1-based line number (0: the file as a whole),
// an error code and the column at fault ("" when none).
struct KpiLineError {
  int line = 0;
  std::string code;  // kpi.encoding, kpi.header, kpi.columns, kpi.forvaltning, kpi.kind,
                     // kpi.group, kpi.year, kpi.period, kpi.value, kpi.duplicate, kpi.empty
  std::string column;
};

// The CSV format (UTF-8, optional BOM, ';' or ',' separated, header required,
// columns in any order): forvaltning;kpi;yrkesgrupp;ar;period;varde
// - forvaltning: a förvaltning's name or id; kpi, yrkesgrupp, period: codes
//   (yrkesgrupp empty → alla; period empty → ar); varde: a number, decimal
//   comma or point. Header names are case-insensitive and may be spelt in
//   Swedish ("År", "Värde", "Förvaltning"); the yrkesgrupp and period columns
//   may be left out; an unknown or repeated column is kpi.header. Fields may
//   be quoted ("…", "" for a quote). Blank lines are skipped; LF, CRLF or CR.
// `forvaltning_by_name` resolves names and ids (nullopt: unknown).
// Returns every value, or every bad line (never both): a file with any error
// yields no values. Duplicate keys within the file are errors.
struct KpiParse {
  std::vector<KpiValue> values;
  std::vector<KpiLineError> errors;
};
KpiParse ParseKpiCsv(std::string_view text,
                     const std::function<std::optional<UnitId>(std::string_view)>& resolve_forvaltning);

}  // namespace trygg
