// Issue 6 objects → JSON.
#include "http/json_stats.h"

#include "core/time.h"
#include "http/json_mapping.h"

namespace trygg {
namespace {

using nlohmann::json;

template <typename T>
json Opt(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

json OptTime(const std::optional<TimeMs>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

json OptDate(const std::optional<TimeMs>& t) { return t ? json(FormatDate(*t)) : json(nullptr); }

std::string NameIn(const std::unordered_map<UserId, std::string>& names, UserId id) {
  auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

json OptPerson(const std::unordered_map<UserId, std::string>& names,
               const std::optional<UserId>& id) {
  return id ? PersonRefJson(*id, NameIn(names, *id)) : json(nullptr);
}

json Line(const std::vector<std::optional<int64_t>>& figures, size_t from, size_t count) {
  json out = json::array();
  for (size_t i = from; i < from + count && i < figures.size(); ++i) out.push_back(Opt(figures[i]));
  return out;
}

json KeysJson(const std::vector<StatsKey>& keys, bool with_unit) {
  json out = json::array();
  for (const StatsKey& k : keys) {
    json j = {{"key", k.key}, {"label", k.label}};
    if (with_unit && k.unit_id) j["unit_id"] = *k.unit_id;
    out.push_back(std::move(j));
  }
  return out;
}

json StandardJson(const EquivalenceStandard& s) {
  return {{"coordinator_full_time", s.coordinator_full_time},
          {"routines_current", s.routines_current},
          {"ack_share", s.ack_share},
          {"exercises_12m", s.exercises_12m},
          {"secure_rooms", s.secure_rooms},
          {"alarm_tested_1m", s.alarm_tested_1m},
          {"police_rate", s.police_rate},
          {"support_on_time", s.support_on_time}};
}

json FindingJson(const ExerciseFinding& f, const std::unordered_map<UserId, std::string>& names) {
  return {{"id", f.id},
          {"text", f.text},
          {"owner", OptPerson(names, f.owner_user_id)},
          {"due_date", OptDate(f.due_date)},
          {"status", FindingStatusCode(f.status)},
          {"done_at", OptTime(f.done_at)}};
}

}  // namespace

json ProtectedTableJson(const ProtectedTable& t) {
  json cells = json::array();
  const size_t cols = t.cols > 0 ? static_cast<size_t>(t.cols) : 0;
  for (int r = 0; r < t.rows; ++r) cells.push_back(Line(t.cells, r * cols, cols));
  return {{"cells", std::move(cells)},
          {"row_totals", Line(t.row_totals, 0, t.row_totals.size())},
          {"col_totals", Line(t.col_totals, 0, t.col_totals.size())},
          {"total", Opt(t.total)}};
}

json StatsFiguresJson(const StatsFigures& f) {
  return {{"headcount", Opt(f.headcount)},
          {"per_100", Opt(f.per_100)},
          {"police_rate", Opt(f.police_rate)},
          {"outside_share", Opt(f.outside_share)},
          {"tied_share", Opt(f.tied_share)},
          {"notice_on_time_share", Opt(f.notice_on_time_share)},
          {"support_on_time_share", Opt(f.support_on_time_share)},
          {"median_ack_hours", Opt(f.median_ack_hours)},
          {"median_close_days", Opt(f.median_close_days)}};
}

json StatsTableJson(const StatsTable& t) {
  json measures = json::object();
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    if (!HasMeasure(t.measure_set, m)) continue;
    measures[std::string(StatsMeasureCode(static_cast<StatsMeasure>(m)))] =
        ProtectedTableJson(t.measures[m]);
  }
  json row_figures = json::array();
  for (const StatsFigures& f : t.row_figures) row_figures.push_back(StatsFiguresJson(f));
  return {{"rows_dim", StatsDimCode(t.row_dim)},
          {"cols_dim", StatsDimCode(t.col_dim)},
          {"exact", t.exact},
          {"threshold", t.threshold},
          {"rows", KeysJson(t.rows, true)},
          {"cols", KeysJson(t.cols, false)},
          {"measures", std::move(measures)},
          {"row_figures", std::move(row_figures)},
          {"total_figures", StatsFiguresJson(t.total_figures)}};
}

json EquivalenceJson(const EquivalenceMatrix& m) {
  json columns = json::array();
  for (EquivalenceColumn c : AllEquivalenceColumns()) columns.push_back(EquivalenceColumnCode(c));
  json rows = json::array();
  for (const EquivalenceRow& r : m.rows) {
    json cells = json::array();
    for (const EquivalenceCell& c : r.cells) {
      cells.push_back({{"column", EquivalenceColumnCode(c.column)},
                       {"value", Opt(c.value)},
                       {"short", c.short_of_standard}});
    }
    rows.push_back(
        {{"forvaltning_id", r.forvaltning_id}, {"name", r.name}, {"cells", std::move(cells)}});
  }
  return {{"as_of", FormatIso8601(m.as_of)},
          {"exact", m.exact},
          {"standard", StandardJson(m.standard)},
          {"columns", std::move(columns)},
          {"rows", std::move(rows)}};
}

json RoutineJson(const RoutineView& v) {
  const Routine& r = v.routine;
  json j = {{"id", r.id},
            {"unit_id", r.unit_id},
            {"unit_name", v.unit_name},
            {"title", r.title},
            {"summary", r.summary},
            {"document_url", r.document_url},
            {"owner", PersonRefJson(r.owner_user_id, v.owner_name)},
            {"version", r.version},
            {"published_at", FormatIso8601(r.published_at)},
            {"revision_date", FormatDate(r.revision_date)},
            {"status", RoutineStatusCode(r.status)},
            {"current", v.current},
            {"in_my_scope", v.in_my_scope},
            {"my_ack_at", OptTime(v.my_ack_at)},
            {"may_edit", v.may_edit}};
  if (v.staff_in_scope) j["staff_in_scope"] = *v.staff_in_scope;
  if (v.acknowledged) j["acknowledged"] = *v.acknowledged;
  if (v.staff_in_scope || v.acknowledged || !v.missing.empty()) {
    json missing = json::array();
    for (UserId id : v.missing) missing.push_back(PersonRefJson(id, NameIn(v.names, id)));
    j["missing"] = std::move(missing);
  }
  return j;
}

json ExerciseJson(const ExerciseView& v) {
  const Exercise& e = v.exercise;
  json findings = json::array();
  for (const ExerciseFinding& f : v.findings) findings.push_back(FindingJson(f, v.names));
  return {{"id", e.id},
          {"unit_id", e.unit_id},
          {"unit_name", v.unit_name},
          {"kind", ExerciseKindCode(e.kind)},
          {"held_on", FormatDate(e.held_on)},
          {"scenario", e.scenario},
          {"participants", e.participants},
          {"notes", e.notes},
          {"created_by", PersonRefJson(e.created_by, NameIn(v.names, e.created_by))},
          {"created_at", FormatIso8601(e.created_at)},
          {"may_edit", v.may_edit},
          {"findings", std::move(findings)}};
}

json KpiJson(const KpiValue& v, const std::string& forvaltning_name) {
  return {{"forvaltning_id", v.forvaltning_id},
          {"forvaltning_name", forvaltning_name},
          {"kind", KpiKindCode(v.kind)},
          {"group", KpiGroupCode(v.group)},
          {"year", v.year},
          {"period", KpiPeriodCode(v.period)},
          {"value", v.value}};
}

json UnitProfileJson(const UnitProfile& p) {
  return {{"unit_id", p.unit_id},
          {"headcount", p.headcount},
          {"secure_rooms", p.secure_rooms},
          {"coordinator_full_time", p.coordinator_full_time},
          {"alarm_tested_at", OptTime(p.alarm_tested_at)},
          {"updated_at", p.updated_at != 0 ? json(FormatIso8601(p.updated_at)) : json(nullptr)}};
}

json KpiImportErrorJson(const std::vector<KpiLineError>& errors, Lang lang) {
  json lines = json::array();
  for (const KpiLineError& e : errors) {
    lines.push_back({{"line", e.line},
                     {"code", e.code},
                     {"column", e.column},
                     {"message", LocalisedMessage(e.code, StatusCode::kInvalidArgument, lang)}});
  }
  return {{"error",
           {{"code", "kpi.invalid_csv"},
            {"message", LocalisedMessage("kpi.invalid_csv", StatusCode::kInvalidArgument, lang)},
            {"lines", std::move(lines)}}}};
}

}  // namespace trygg
