// Strict request parsing: JSON bodies and query strings → app input structs.
#include "http/json_requests.h"

#include <charconv>
#include <limits>

#include "core/time.h"
#include "domain/limits.h"
#include "http/json_fields.h"

namespace trygg {
namespace {

constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
constexpr Presence kReq = Presence::kRequired;
constexpr Presence kOpt = Presence::kOptional;

std::optional<int64_t> ParseInt(std::string_view s) {
  int64_t v = 0;
  if (s.empty()) return std::nullopt;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

Status QueryTime(const QueryParams& q, const char* name, std::optional<TimeMs>* out) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return Status::Ok();
  Result<TimeMs> t = ParseIso8601(it->second);
  if (!t.ok()) return Status::InvalidArgument("validation.time", name);
  *out = *t;
  return Status::Ok();
}

template <typename E, typename Parse>
Status QueryEnum(const QueryParams& q, const char* name, Parse parse, std::optional<E>* out) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return Status::Ok();
  auto v = parse(it->second);
  if (!v) return Status::InvalidArgument("validation.enum", name);
  *out = *v;
  return Status::Ok();
}

}  // namespace

Status QueryInt(const QueryParams& q, const char* name, int64_t min, int64_t max,
                std::optional<int64_t>* out) {
  auto it = q.find(name);
  if (it == q.end() || it->second.empty()) return Status::Ok();
  auto v = ParseInt(it->second);
  if (!v) return Status::InvalidArgument("validation.type", name);
  if (*v < min || *v > max) return Status::InvalidArgument("validation.range", name);
  *out = *v;
  return Status::Ok();
}

Result<nlohmann::json> ParseJsonObject(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return Status::InvalidArgument("validation.body");
  }
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (parsed.is_discarded()) return Status::InvalidArgument("request.invalid_json");
  if (!parsed.is_object()) return Status::InvalidArgument("validation.body");
  return parsed;
}

Result<LoginRequest> ParseLogin(const nlohmann::json& body) {
  FieldReader r(body);
  auto username = r.String("username", kReq, 256);
  auto password = r.String("password", kReq, 1024);
  if (!r.ok()) return r.status();
  return LoginRequest{*username, *password};
}

Result<NewIncident> ParseNewIncident(const nlohmann::json& body) {
  FieldReader r(body);
  NewIncident in;
  auto category = r.Enum("category", kReq, ParseCategory);
  auto occurred_at = r.Time("occurred_at", kReq);
  auto unit_id = r.Int("unit_id", kOpt, 1, kMaxId);
  auto place_type = r.Enum("place_type", kOpt, ParsePlaceType);
  auto outside = r.Bool("outside_workplace", kOpt);
  auto tied = r.Bool("tied_to_role", kOpt);
  auto exposed = r.IdList("exposed_user_ids", kOpt, 50);
  auto description = r.String("description", kOpt);
  auto injury = r.Enum("injury", kOpt, ParseInjury);
  auto weapon = r.Bool("weapon", kOpt);
  auto death_threat = r.Bool("death_threat", kOpt);
  std::optional<int64_t> severity;
  if (!r.IsNull("severity")) severity = r.Int("severity", kOpt, 1, 4);
  std::optional<PerpetratorRelation> relation;
  if (!r.IsNull("perpetrator_relation")) {
    relation = r.Enum("perpetrator_relation", kOpt, ParsePerpetratorRelation);
  }
  auto note = r.String("perpetrator_note", kOpt);
  auto sensitive = r.Bool("sensitive", kOpt);
  auto aimed = r.Bool("aimed_at_person", kOpt);
  std::optional<int64_t> alarm_id;
  if (!r.IsNull("alarm_id")) alarm_id = r.Int("alarm_id", kOpt, 1, kMaxId);
  if (!r.ok()) return r.status();
  if (aimed) in.aimed_at_person = *aimed;
  in.alarm_id = alarm_id;
  in.category = *category;
  in.occurred_at = *occurred_at;
  in.unit_id = unit_id;
  if (place_type) in.place_type = *place_type;
  if (outside) in.outside_workplace = *outside;
  if (tied) in.tied_to_role = *tied;
  if (exposed) in.exposed_user_ids = *exposed;
  if (description) in.description = *description;
  if (injury) in.injury = *injury;
  if (weapon) in.weapon = *weapon;
  if (death_threat) in.death_threat = *death_threat;
  if (severity) in.severity = static_cast<int>(*severity);
  in.perpetrator_relation = relation;
  if (note) in.perpetrator_note = *note;
  if (sensitive) in.sensitive = *sensitive;
  return in;
}

Result<IncidentPatchRequest> ParseIncidentPatch(const nlohmann::json& body) {
  FieldReader r(body);
  IncidentPatchRequest out;
  auto severity = r.Int("severity", kOpt, 1, 4);
  out.patch.sensitive = r.Bool("sensitive", kOpt);
  if (r.IsNull("perpetrator_relation")) {
    out.patch.perpetrator_relation = std::optional<PerpetratorRelation>();
  } else if (auto rel = r.Enum("perpetrator_relation", kOpt, ParsePerpetratorRelation)) {
    out.patch.perpetrator_relation = rel;
  }
  out.patch.perpetrator_note = r.String("perpetrator_note", kOpt);
  out.patch.aimed_at_person = r.Bool("aimed_at_person", kOpt);
  auto consulted = r.Bool("coordinator_consulted", kOpt);
  out.version = r.Int("version", kOpt, 1, kMaxId);
  if (!r.ok()) return r.status();
  if (consulted && !*consulted) {
    return Status::InvalidArgument("validation.range", "coordinator_consulted");
  }
  out.patch.coordinator_consulted = consulted.value_or(false);
  if (severity) out.patch.severity = static_cast<int>(*severity);
  return out;
}

Result<TransitionRequest> ParseTransition(const nlohmann::json& body) {
  FieldReader r(body);
  auto action = r.Enum("action", kReq, ParseIncidentAction);
  auto reason = r.String("reason", kOpt, kMaxReasonChars);
  auto version = r.Int("version", kOpt, 1, kMaxId);
  if (!r.ok()) return r.status();
  return TransitionRequest{*action, reason.value_or(""), version};
}

Result<std::string> ParseNoteText(const nlohmann::json& body) {
  FieldReader r(body);
  auto text = r.String("text", kReq);
  if (!r.ok()) return r.status();
  return *text;
}

Result<NewMeasure> ParseNewMeasure(const nlohmann::json& body) {
  FieldReader r(body);
  auto title = r.String("title", kReq, kMaxMeasureTitleChars);
  auto responsible = r.Int("responsible_user_id", kReq, 1, kMaxId);
  auto due = r.Date("due_date", kReq);
  auto kind = r.Enum("kind", kOpt, ParseMeasureKind);
  std::optional<SupportType> support_type;
  if (!r.IsNull("support_type")) support_type = r.Enum("support_type", kOpt, ParseSupportType);
  auto group = r.Bool("support_group", kOpt);
  std::optional<int64_t> person;
  if (!r.IsNull("support_user_id")) person = r.Int("support_user_id", kOpt, 1, kMaxId);
  std::optional<TimeMs> follow_up;
  if (!r.IsNull("follow_up_date")) follow_up = r.Date("follow_up_date", kOpt);
  if (!r.ok()) return r.status();
  NewMeasure m{*title, *responsible, *due};
  m.kind = kind.value_or(MeasureKind::kAtgard);
  m.support_type = support_type;
  m.support_group = group.value_or(false);
  m.support_user_id = person;
  m.follow_up_date = follow_up;
  return m;
}

Result<MeasurePatch> ParseMeasurePatch(const nlohmann::json& body) {
  FieldReader r(body);
  MeasurePatch p;
  p.status = r.Enum("status", kOpt, ParseMeasureStatus);
  p.title = r.String("title", kOpt, kMaxMeasureTitleChars);
  p.responsible_user_id = r.Int("responsible_user_id", kOpt, 1, kMaxId);
  p.due_date = r.Date("due_date", kOpt);
  if (r.IsNull("follow_up_date")) {
    p.follow_up_date = std::optional<TimeMs>();
  } else if (auto d = r.Date("follow_up_date", kOpt)) {
    p.follow_up_date = d;
  }
  if (!r.ok()) return r.status();
  return p;
}

Result<OrgUnit> ParseNewUnit(const nlohmann::json& body) {
  FieldReader r(body);
  OrgUnit unit;
  if (!r.IsNull("parent_id")) unit.parent_id = r.Int("parent_id", kReq, 1, kMaxId);
  auto kind = r.Enum("kind", kReq, ParseUnitKind);
  auto name = r.String("name", kReq, kMaxUnitNameChars);
  if (!r.ok()) return r.status();
  unit.kind = *kind;
  unit.name = *name;
  return unit;
}

Result<std::string> ParseUnitRename(const nlohmann::json& body) {
  FieldReader r(body);
  auto name = r.String("name", kReq, kMaxUnitNameChars);
  if (!r.ok()) return r.status();
  return *name;
}

Result<NewUser> ParseNewUser(const nlohmann::json& body) {
  FieldReader r(body);
  auto username = r.String("username", kReq, 64);
  auto display_name = r.String("display_name", kReq, kMaxDisplayNameChars);
  auto email = r.String("email", kOpt, 254);
  auto unit_id = r.Int("unit_id", kReq, 1, kMaxId);
  auto password = r.String("password", kReq, 1024);
  if (!r.ok()) return r.status();
  return NewUser{*username, *display_name, email.value_or(""), *unit_id, *password};
}

Result<UserPatch> ParseUserPatch(const nlohmann::json& body) {
  FieldReader r(body);
  UserPatch p;
  p.display_name = r.String("display_name", kOpt, kMaxDisplayNameChars);
  p.email = r.String("email", kOpt, 254);
  p.unit_id = r.Int("unit_id", kOpt, 1, kMaxId);
  p.active = r.Bool("active", kOpt);
  p.password = r.String("password", kOpt, 1024);
  if (!r.ok()) return r.status();
  return p;
}

Result<GrantRequest> ParseGrant(const nlohmann::json& body) {
  FieldReader r(body);
  auto role = r.Enum("role", kReq, ParseRole);
  auto unit_id = r.Int("unit_id", kReq, 1, kMaxId);
  if (!r.ok()) return r.status();
  return GrantRequest{*role, *unit_id};
}

Result<IncidentQuery> ParseIncidentQuery(const QueryParams& q) {
  IncidentQuery out;
  TRYGG_RETURN_IF_ERROR(QueryEnum(q, "status", ParseIncidentStatus, &out.status));
  TRYGG_RETURN_IF_ERROR(QueryEnum(q, "category", ParseCategory, &out.category));
  if (auto it = q.find("open"); it != q.end() && !it->second.empty()) {
    if (it->second == "true") {
      out.open = true;
    } else if (it->second == "false") {
      out.open = false;
    } else {
      return Status::InvalidArgument("validation.type", "open");
    }
  }
  std::optional<int64_t> unit_id, min_severity, limit, offset;
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "unit_id", 1, kMaxId, &unit_id));
  TRYGG_RETURN_IF_ERROR(QueryTime(q, "from", &out.occurred_from));
  TRYGG_RETURN_IF_ERROR(QueryTime(q, "to", &out.occurred_to));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "min_severity", 1, 4, &min_severity));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "limit", 1, 500, &limit));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "offset", 0, 1000000000, &offset));
  out.unit_id = unit_id;
  if (min_severity) out.min_severity = static_cast<int>(*min_severity);
  out.limit = static_cast<int>(limit.value_or(50));
  out.offset = static_cast<int>(offset.value_or(0));
  return out;
}

Result<AuditQuery> ParseAuditQuery(const QueryParams& q) {
  std::optional<int64_t> after, limit;
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "after", 0, kMaxId, &after));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "limit", 1, 1000, &limit));
  return AuditQuery{after.value_or(0), static_cast<int>(limit.value_or(100))};
}

Result<int64_t> ParsePathId(std::string_view text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != text.npos) {
    return Status::NotFound("not_found");
  }
  auto v = ParseInt(text);
  if (!v || *v <= 0) return Status::NotFound("not_found");
  return *v;
}

}  // namespace trygg
