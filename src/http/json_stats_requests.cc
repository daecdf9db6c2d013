// Issue 6 request parsing.
#include "http/json_stats_requests.h"

#include <charconv>
#include <limits>
#include <string>

#include "core/time.h"
#include "http/json_fields.h"

namespace trygg {
namespace {

using nlohmann::json;

constexpr Presence kReq = Presence::kRequired;
constexpr Presence kOpt = Presence::kOptional;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
// Generous bounds: the services check the real sizes with their own reasons.
constexpr size_t kMaxItems = 500;
constexpr size_t kMaxKpiItems = 10000;
constexpr size_t kMaxFilterValues = 300;

std::optional<int64_t> ToInt(std::string_view s) {
  int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// A Stockholm calendar day "YYYY-MM-DD" as a StatsDay; nullopt when malformed.
std::optional<StatsDay> DayOf(std::string_view text) {
  if (!ParseDate(text).ok() || text.size() != 10) return std::nullopt;
  auto y = ToInt(text.substr(0, 4));
  auto m = ToInt(text.substr(5, 2));
  auto d = ToInt(text.substr(8, 2));
  if (!y || !m || !d || *y < 2000 || *y > 2179) return std::nullopt;
  return StatsDayOf(LocalDate{static_cast<int>(*y), static_cast<int>(*m), static_cast<int>(*d)});
}

// The single value of `name` (the last when repeated), if present and non-empty.
std::optional<std::string> One(const HttpRequest& req, std::string_view name) {
  std::vector<std::string> values = QueryValues(req, name);
  if (values.empty() || values.back().empty()) return std::nullopt;
  return values.back();
}

Status Bad(std::string_view param) {
  return Status::InvalidArgument("stats." + std::string(param), std::string(param));
}

// "true"/"false" → *out; absent leaves it. InvalidArgument("stats.<name>").
Status QueryBool(const HttpRequest& req, std::string_view name, std::optional<bool>* out) {
  auto v = One(req, name);
  if (!v) return Status::Ok();
  if (*v == "true") {
    *out = true;
  } else if (*v == "false") {
    *out = false;
  } else {
    return Bad(name);
  }
  return Status::Ok();
}

// Every non-empty value of `name` parsed by `parse`; a bad one: stats.<name>.
template <typename T, typename Parse>
Status QueryList(const HttpRequest& req, std::string_view name, Parse parse, std::vector<T>* out) {
  std::vector<std::string> values = QueryValues(req, name);
  if (values.size() > kMaxFilterValues) return Bad(name);
  for (const std::string& s : values) {
    if (s.empty()) continue;
    std::optional<T> v = parse(s);
    if (!v) return Bad(name);
    out->push_back(*v);
  }
  return Status::Ok();
}

// Member `name` as an array of objects, each read by `each(reader, index)`.
// Errors of an item name "name[i].member".
template <typename Each>
Status ObjectArray(const json& body, const std::string& name, size_t max_items, Each each) {
  auto it = body.find(name);
  if (it == body.end()) return Status::Ok();
  if (!it->is_array()) return Status::InvalidArgument("validation.type", name);
  if (it->size() > max_items) return Status::InvalidArgument("validation.range", name);
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string prefix = name + "[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    if (!item.is_object()) return Status::InvalidArgument("validation.type", prefix);
    FieldReader r(item);
    each(r, item, i);
    if (!r.ok()) {
      std::string field = prefix;
      if (!r.status().detail().empty()) field += "." + r.status().detail();
      return Status(r.status().code(), r.status().reason(), field);
    }
  }
  return Status::Ok();
}

// A time with offset, or a date (midnight UTC). nullopt (and an error in `r`)
// when neither.
std::optional<TimeMs> TimeOrDate(FieldReader& r, const json& body, std::string_view name) {
  auto it = body.find(std::string(name));
  if (it == body.end()) return std::nullopt;
  if (it->is_string() && it->get_ref<const std::string&>().size() == 10) {
    return r.Date(name, kOpt);
  }
  return r.Time(name, kOpt);
}

Status KpiItemError(std::string_view field, size_t index) {
  return Status::InvalidArgument("kpi." + std::string(field), std::to_string(index));
}

}  // namespace

Result<StatsQuery> ParseStatsQuery(const HttpRequest& req) {
  StatsQuery q;
  auto rows = One(req, "rows");
  if (!rows) return Bad("rows");
  auto row_dim = ParseStatsDim(*rows);
  if (!row_dim) return Bad("rows");
  q.rows = *row_dim;
  if (auto cols = One(req, "cols")) {
    auto col_dim = ParseStatsDim(*cols);
    if (!col_dim) return Bad("cols");
    q.cols = *col_dim;
  }
  if (auto from = One(req, "from")) {
    q.filter.from = DayOf(*from);
    if (!q.filter.from) return Bad("from");
  }
  if (auto to = One(req, "to")) {
    q.filter.to = DayOf(*to);
    if (!q.filter.to) return Bad("to");
  }
  TRYGG_RETURN_IF_ERROR(QueryList<UnitId>(
      req, "unit_id",
      [](std::string_view s) -> std::optional<UnitId> {
        auto v = ToInt(s);
        if (!v || *v <= 0) return std::nullopt;
        return *v;
      },
      &q.filter.units));
  TRYGG_RETURN_IF_ERROR(QueryList<Category>(req, "category", ParseCategory, &q.filter.categories));
  TRYGG_RETURN_IF_ERROR(QueryList<PlaceType>(req, "place", ParsePlaceType, &q.filter.places));
  if (auto sev = One(req, "min_severity")) {
    auto v = ToInt(*sev);
    if (!v || *v < 1 || *v > 4) return Bad("min_severity");
    q.filter.min_severity = static_cast<int>(*v);
  }
  TRYGG_RETURN_IF_ERROR(QueryBool(req, "outside", &q.filter.outside_workplace));
  TRYGG_RETURN_IF_ERROR(QueryBool(req, "tied", &q.filter.tied_to_role));
  std::optional<bool> medians;
  TRYGG_RETURN_IF_ERROR(QueryBool(req, "medians", &medians));
  q.medians = medians.value_or(false);
  std::vector<StatsMeasure> measures;
  TRYGG_RETURN_IF_ERROR(QueryList<StatsMeasure>(req, "measures", ParseStatsMeasure, &measures));
  if (!measures.empty()) {
    q.measures = 0;
    for (StatsMeasure m : measures) q.measures |= MeasureBit(m);
  }
  return q;
}

Result<std::vector<KpiValue>> ParseKpiPut(const json& body) {
  auto it = body.find("items");
  if (it == body.end()) return Status::InvalidArgument("validation.required", "items");
  if (!it->is_array()) return Status::InvalidArgument("validation.type", "items");
  if (it->size() > kMaxKpiItems) return Status::InvalidArgument("validation.range", "items");
  std::vector<KpiValue> out;
  out.reserve(it->size());
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    if (!item.is_object()) return KpiItemError("item", i);
    KpiValue v;
    FieldReader r(item);
    auto fid = r.Int("forvaltning_id", kReq, 1, kMaxId);
    if (!r.ok()) return KpiItemError("forvaltning_id", i);
    auto kind = r.Enum("kind", kReq, ParseKpiKind);
    if (!r.ok()) return KpiItemError("kind", i);
    auto group = r.Enum("group", kOpt, ParseKpiGroup);
    if (!r.ok()) return KpiItemError("group", i);
    auto year = r.Int("year", kReq, std::numeric_limits<int32_t>::min(),
                      std::numeric_limits<int32_t>::max());
    if (!r.ok()) return KpiItemError("year", i);
    auto period = r.Enum("period", kOpt, ParseKpiPeriod);
    if (!r.ok()) return KpiItemError("period", i);
    auto value = item.find("value");
    if (value == item.end() || !value->is_number()) return KpiItemError("value", i);
    v.forvaltning_id = *fid;
    v.kind = *kind;
    v.group = group.value_or(KpiGroup::kAlla);
    v.year = static_cast<int>(*year);
    v.period = period.value_or(KpiPeriod::kAr);
    v.value = value->get<double>();
    out.push_back(v);
  }
  return out;
}

Result<UnitProfile> ParseUnitProfile(const json& body, UnitProfile current) {
  FieldReader r(body);
  auto headcount = r.Int("headcount", kReq, 0, std::numeric_limits<int32_t>::max());
  auto rooms = r.Int("secure_rooms", kOpt, 0, std::numeric_limits<int32_t>::max());
  auto coordinator = r.Bool("coordinator_full_time", kOpt);
  std::optional<TimeMs> alarm;
  const bool alarm_null = r.IsNull("alarm_tested_at");
  if (!alarm_null) alarm = TimeOrDate(r, body, "alarm_tested_at");
  if (!r.ok()) return r.status();
  current.headcount = static_cast<int>(*headcount);
  if (rooms) current.secure_rooms = static_cast<int>(*rooms);
  if (coordinator) current.coordinator_full_time = *coordinator;
  if (alarm_null) {
    current.alarm_tested_at.reset();
  } else if (alarm) {
    current.alarm_tested_at = *alarm;
  }
  return current;
}

Result<std::optional<RoutineStatus>> ParseRoutineStatusQuery(const QueryParams& q) {
  auto it = q.find("status");
  if (it == q.end() || it->second.empty()) return std::optional<RoutineStatus>();
  auto v = ParseRoutineStatus(it->second);
  if (!v) return Status::InvalidArgument("validation.enum", "status");
  return std::optional<RoutineStatus>(*v);
}

Result<NewRoutine> ParseNewRoutine(const json& body) {
  FieldReader r(body);
  auto unit = r.Int("unit_id", kReq, 1, kMaxId);
  auto title = r.String("title", kReq, 2000);
  auto summary = r.String("summary", kOpt);
  auto url = r.String("document_url", kOpt, 4000);
  auto owner = r.Int("owner_user_id", kReq, 1, kMaxId);
  auto revision = r.Date("revision_date", kReq);
  if (!r.ok()) return r.status();
  NewRoutine in;
  in.unit_id = *unit;
  in.title = *title;
  in.summary = summary.value_or("");
  in.document_url = url.value_or("");
  in.owner_user_id = *owner;
  in.revision_date = *revision;
  return in;
}

Result<RoutinePatch> ParseRoutinePatch(const json& body) {
  FieldReader r(body);
  RoutinePatch p;
  p.title = r.String("title", kOpt, 2000);
  p.summary = r.String("summary", kOpt);
  p.document_url = r.String("document_url", kOpt, 4000);
  if (auto owner = r.Int("owner_user_id", kOpt, 1, kMaxId)) p.owner_user_id = *owner;
  p.revision_date = r.Date("revision_date", kOpt);
  p.status = r.Enum("status", kOpt, ParseRoutineStatus);
  auto new_version = r.Bool("new_version", kOpt);
  if (!r.ok()) return r.status();
  p.new_version = new_version.value_or(false);
  return p;
}

Result<ExerciseQuery> ParseExerciseQuery(const QueryParams& q) {
  ExerciseQuery out;
  std::optional<int64_t> unit, limit, offset;
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "unit_id", 1, kMaxId, &unit));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "limit", 1, 1000, &limit));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "offset", 0, 1000000000, &offset));
  if (unit) out.units = std::vector<UnitId>{*unit};
  if (auto it = q.find("from"); it != q.end() && !it->second.empty()) {
    Result<TimeMs> from = ParseDate(it->second);
    if (!from.ok()) return Status::InvalidArgument("validation.date", "from");
    out.held_from = *from;
  }
  out.limit = static_cast<int>(limit.value_or(100));
  out.offset = static_cast<int>(offset.value_or(0));
  return out;
}

Result<NewExercise> ParseNewExercise(const json& body) {
  FieldReader r(body);
  auto unit = r.Int("unit_id", kReq, 1, kMaxId);
  auto kind = r.Enum("kind", kReq, ParseExerciseKind);
  auto held_on = r.Date("held_on", kReq);
  auto scenario = r.String("scenario", kReq, 20000);
  auto participants = r.Int("participants", kOpt, 0, std::numeric_limits<int32_t>::max());
  auto notes = r.String("notes", kOpt);
  if (!r.ok()) return r.status();
  NewExercise in;
  in.unit_id = *unit;
  in.kind = *kind;
  in.held_on = *held_on;
  in.scenario = *scenario;
  in.participants = static_cast<int>(participants.value_or(0));
  in.notes = notes.value_or("");
  TRYGG_RETURN_IF_ERROR(
      ObjectArray(body, "findings", kMaxItems, [&](FieldReader& fr, const json&, size_t) {
        auto text = fr.String("text", kReq, 20000);
        auto owner =
            fr.IsNull("owner_user_id") ? std::nullopt : fr.Int("owner_user_id", kOpt, 1, kMaxId);
        auto due = fr.IsNull("due_date") ? std::nullopt : fr.Date("due_date", kOpt);
        if (!fr.ok()) return;
        NewFinding f;
        f.text = *text;
        if (owner) f.owner_user_id = *owner;
        f.due_date = due;
        in.findings.push_back(std::move(f));
      }));
  return in;
}

Result<NewFinding> ParseNewFinding(const json& body) {
  FieldReader r(body);
  auto text = r.String("text", kReq, 20000);
  auto owner = r.IsNull("owner_user_id") ? std::nullopt : r.Int("owner_user_id", kOpt, 1, kMaxId);
  auto due = r.IsNull("due_date") ? std::nullopt : r.Date("due_date", kOpt);
  if (!r.ok()) return r.status();
  NewFinding f;
  f.text = *text;
  if (owner) f.owner_user_id = *owner;
  f.due_date = due;
  return f;
}

Result<FindingPatch> ParseFindingPatch(const json& body) {
  FieldReader r(body);
  FindingPatch p;
  p.status = r.Enum("status", kOpt, ParseFindingStatus);
  if (r.IsNull("owner_user_id")) {
    p.owner_user_id = std::optional<UserId>();
  } else if (auto owner = r.Int("owner_user_id", kOpt, 1, kMaxId)) {
    p.owner_user_id = std::optional<UserId>(*owner);
  }
  if (r.IsNull("due_date")) {
    p.due_date = std::optional<TimeMs>();
  } else if (auto due = r.Date("due_date", kOpt)) {
    p.due_date = std::optional<TimeMs>(*due);
  }
  if (!r.ok()) return r.status();
  return p;
}

}  // namespace trygg
