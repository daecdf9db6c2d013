// Issue 5 request parsing.
#include "http/json_risk_requests.h"

#include <limits>

#include "http/json_fields.h"
#include "http/json_requests.h"

namespace trygg {
namespace {

using nlohmann::json;

constexpr Presence kReq = Presence::kRequired;
constexpr Presence kOpt = Presence::kOptional;
constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();
// Generous bounds: the services check the real sizes with their own reasons.
constexpr size_t kMaxItems = 500;
constexpr int64_t kMaxInt = 1000000;
// An identifier is at most 40 characters of a case number (subject.h).
constexpr size_t kMaxIdentifierChars = 64;

// `s` with its field placed under `prefix` ("factors[2]" + "weight").
Status Under(const Status& s, const std::string& prefix) {
  if (s.ok()) return s;
  std::string field = prefix;
  if (!s.detail().empty()) field += "." + s.detail();
  return Status(s.code(), s.reason(), field);
}

// Member `name` of `body`: an array of at most kMaxItems objects, each passed
// to `each(reader, index)`; its errors name "name[i].member". Absent: OK, and
// `*present` (if given) false.
template <typename Each>
Status ObjectArray(const json& body, const std::string& name, Presence presence, Each each,
                   bool* present = nullptr) {
  if (present) *present = false;
  auto it = body.find(name);
  if (it == body.end()) {
    return presence == kReq ? Status::InvalidArgument("validation.required", name) : Status::Ok();
  }
  if (!it->is_array()) return Status::InvalidArgument("validation.type", name);
  if (it->size() > kMaxItems) return Status::InvalidArgument("validation.range", name);
  if (present) *present = true;
  for (size_t i = 0; i < it->size(); ++i) {
    const std::string prefix = name + "[" + std::to_string(i) + "]";
    const json& item = (*it)[i];
    if (!item.is_object()) return Status::InvalidArgument("validation.type", prefix);
    FieldReader r(item);
    each(r, i);
    if (!r.ok()) return Under(r.status(), prefix);
  }
  return Status::Ok();
}

// Member `name`: an array of at most kMaxItems strings (≤ 64 characters).
Status StringArray(const json& body, const std::string& name, Presence presence,
                   std::vector<std::string>* out) {
  auto it = body.find(name);
  if (it == body.end()) {
    return presence == kReq ? Status::InvalidArgument("validation.required", name) : Status::Ok();
  }
  if (!it->is_array()) return Status::InvalidArgument("validation.type", name);
  if (it->size() > kMaxItems) return Status::InvalidArgument("validation.range", name);
  out->clear();
  for (const json& item : *it) {
    if (!item.is_string()) return Status::InvalidArgument("validation.type", name);
    const std::string& s = item.get_ref<const std::string&>();
    if (s.size() > 64) return Status::InvalidArgument("validation.length", name);
    out->push_back(s);
  }
  return Status::Ok();
}

// Member `name` as a nested object, read by `read(reader)`; errors name
// "name.member". Absent: OK with `*present` false.
template <typename Read>
Status NestedObject(const json& body, const std::string& name, Presence presence, Read read,
                    bool* present) {
  *present = false;
  auto it = body.find(name);
  if (it == body.end()) {
    return presence == kReq ? Status::InvalidArgument("validation.required", name) : Status::Ok();
  }
  if (!it->is_object()) return Status::InvalidArgument("validation.type", name);
  *present = true;
  FieldReader r(*it);
  read(r);
  return Under(r.status(), name);
}

Status ParseAnswers(const json& body, std::vector<FactorAnswer>* out, bool* present) {
  out->clear();
  return ObjectArray(
      body, "answers", kOpt,
      [&](FieldReader& r, size_t) {
        auto code = r.String("code", kReq, 64);
        auto yes = r.Bool("yes", kReq);
        if (r.ok()) out->push_back({*code, *yes});
      },
      present);
}

// subject: {kind*, identifier*}.
Status ParseSubjectObject(const json& body, std::optional<SubjectIdKind>* kind,
                          std::string* identifier) {
  bool present = false;
  return NestedObject(
      body, "subject", kOpt,
      [&](FieldReader& r) {
        auto k = r.Enum("kind", kReq, ParseSubjectIdKind);
        auto id = r.String("identifier", kReq, kMaxIdentifierChars);
        if (!r.ok()) return;
        *kind = *k;
        *identifier = *id;
      },
      &present);
}

Status ParseRoutine(const json& body, std::optional<ProtectedRoutine>* out) {
  bool present = false;
  ProtectedRoutine routine;
  Status s = NestedObject(
      body, "routine", kOpt,
      [&](FieldReader& r) {
        if (!r.IsNull("handling_unit_id")) {
          if (auto u = r.Int("handling_unit_id", kOpt, 0, kMaxId)) routine.handling_unit_id = *u;
        }
        if (auto g = r.IdList("handling_group_ids", kOpt, kMaxItems)) routine.handling_group = *g;
        if (auto b = r.Bool("omit_handlaggare_name", kOpt)) routine.omit_handlaggare_name = *b;
        if (auto b = r.Bool("secure_room_only", kOpt)) routine.secure_room_only = *b;
        if (auto b = r.Bool("two_staff_always", kOpt)) routine.two_staff_always = *b;
        if (auto b = r.Bool("no_home_visits", kOpt)) routine.no_home_visits = *b;
        if (auto t = r.String("instructions", kOpt)) routine.instructions = *t;
      },
      &present);
  if (!s.ok()) return s;
  if (present) *out = std::move(routine);
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

Result<RiskTemplate> ParseRiskTemplate(const json& body) {
  RiskTemplate t;
  TRYGG_RETURN_IF_ERROR(ObjectArray(body, "factors", kReq, [&](FieldReader& r, size_t) {
    RiskFactor f;
    auto code = r.String("code", kReq, 64);
    auto label_sv = r.String("label_sv", kReq, 1000);
    auto label_en = r.String("label_en", kReq, 1000);
    auto help_sv = r.String("help_sv", kOpt, 4000);
    auto help_en = r.String("help_en", kOpt, 4000);
    auto weight = r.Int("weight", kReq, -kMaxInt, kMaxInt);
    std::optional<RiskLevel> floor;
    if (!r.IsNull("floor")) floor = r.Enum("floor", kOpt, ParseRiskLevel);
    if (!r.ok()) return;
    f.code = *code;
    f.label_sv = *label_sv;
    f.label_en = *label_en;
    f.help_sv = help_sv.value_or("");
    f.help_en = help_en.value_or("");
    f.weight = static_cast<int>(*weight);
    f.floor = floor;
    t.factors.push_back(std::move(f));
  }));
  bool present = false;
  TRYGG_RETURN_IF_ERROR(NestedObject(
      body, "thresholds", kOpt,
      [&](FieldReader& r) {
        auto forhojd = r.Int("forhojd", kReq, -kMaxInt, kMaxInt);
        auto hog = r.Int("hog", kReq, -kMaxInt, kMaxInt);
        auto mycket_hog = r.Int("mycket_hog", kReq, -kMaxInt, kMaxInt);
        if (!r.ok()) return;
        t.forhojd_from = static_cast<int>(*forhojd);
        t.hog_from = static_cast<int>(*hog);
        t.mycket_hog_from = static_cast<int>(*mycket_hog);
      },
      &present));
  TRYGG_RETURN_IF_ERROR(NestedObject(
      body, "history", kOpt,
      [&](FieldReader& r) {
        auto weight = r.Int("weight", kReq, -kMaxInt, kMaxInt);
        auto floor_count = r.Int("floor_count", kReq, -kMaxInt, kMaxInt);
        if (!r.ok()) return;
        t.history_weight = static_cast<int>(*weight);
        t.history_floor_count = static_cast<int>(*floor_count);
      },
      &present));
  const json& measures = body.contains("measures") ? body["measures"] : json();
  TRYGG_RETURN_IF_ERROR(ObjectArray(body, "measures", kReq, [&](FieldReader& r, size_t i) {
    RiskMeasureDef m;
    auto code = r.String("code", kReq, 64);
    auto label_sv = r.String("label_sv", kReq, 1000);
    auto label_en = r.String("label_en", kReq, 1000);
    auto from = r.Enum("from_level", kReq, ParseRiskLevel);
    if (!r.ok()) return;
    Status factors = StringArray(measures[i], "factors", kOpt, &m.factors);
    if (!factors.ok()) {
      r.Fail(factors.reason(), factors.detail());
      return;
    }
    m.code = *code;
    m.label_sv = *label_sv;
    m.label_en = *label_en;
    m.from_level = *from;
    t.measures.push_back(std::move(m));
  }));
  return t;
}

Result<NewAssessment> ParseNewAssessment(const json& body) {
  FieldReader r(body);
  NewAssessment in;
  auto unit = r.Int("unit_id", kOpt, 1, kMaxId);
  auto type = r.Enum("meeting_type", kReq, ParseMeetingType);
  auto event_at = r.Time("event_at", kReq);
  auto title = r.String("title", kReq, 2000);
  auto participants = r.IdList("participant_ids", kOpt, kMaxItems);
  if (!r.ok()) return r.status();
  in.unit_id = unit;
  in.meeting_type = *type;
  in.event_at = *event_at;
  in.title = *title;
  if (participants) in.participants = *participants;
  bool present = false;
  TRYGG_RETURN_IF_ERROR(ParseAnswers(body, &in.answers, &present));
  if (!r.IsNull("subject")) {
    TRYGG_RETURN_IF_ERROR(ParseSubjectObject(body, &in.subject_kind, &in.subject_identifier));
  }
  return in;
}

Result<AssessmentPatchRequest> ParseAssessmentPatch(const json& body) {
  FieldReader r(body);
  AssessmentPatchRequest req;
  AssessmentPatch& p = req.patch;
  req.version = r.Int("version", kOpt, 1, kMaxId);
  p.meeting_type = r.Enum("meeting_type", kOpt, ParseMeetingType);
  p.event_at = r.Time("event_at", kOpt);
  p.title = r.String("title", kOpt, 2000);
  p.participants = r.IdList("participant_ids", kOpt, kMaxItems);
  if (!r.ok()) return r.status();
  std::vector<FactorAnswer> answers;
  bool present = false;
  TRYGG_RETURN_IF_ERROR(ParseAnswers(body, &answers, &present));
  if (present) p.answers = std::move(answers);
  if (r.IsNull("subject")) {
    // Un-names the person.
    p.subject_kind = SubjectIdKind::kPersonnummer;
    p.subject_identifier = std::string();
  } else if (r.Has("subject")) {
    std::optional<SubjectIdKind> kind;
    std::string identifier;
    TRYGG_RETURN_IF_ERROR(ParseSubjectObject(body, &kind, &identifier));
    p.subject_kind = kind;
    p.subject_identifier = std::move(identifier);
  }
  return req;
}

Result<DecisionRequest> ParseDecision(const json& body) {
  FieldReader r(body);
  DecisionRequest req;
  req.version = r.Int("version", kOpt, 1, kMaxId);
  auto note = r.String("note", kOpt, 20000);
  if (!r.ok()) return r.status();
  req.note = note.value_or("");
  TRYGG_RETURN_IF_ERROR(StringArray(body, "measures", kReq, &req.measures));
  return req;
}

Result<FollowUpRequest> ParseFollowUp(const json& body) {
  FieldReader r(body);
  FollowUpRequest req;
  req.version = r.Int("version", kOpt, 1, kMaxId);
  auto occurred = r.Bool("incident_occurred", kReq);
  auto note = r.String("outcome_note", kOpt, 20000);
  if (!r.ok()) return r.status();
  req.follow_up.incident_occurred = *occurred;
  req.follow_up.outcome_note = note.value_or("");
  TRYGG_RETURN_IF_ERROR(ObjectArray(body, "ratings", kOpt, [&](FieldReader& rr, size_t) {
    auto code = rr.String("code", kReq, 64);
    auto rating = rr.Int("rating", kReq, 1, 5);
    if (rr.ok()) req.follow_up.ratings.emplace_back(*code, static_cast<int>(*rating));
  }));
  return req;
}

Result<IncidentId> ParseIncidentLink(const json& body) {
  FieldReader r(body);
  auto id = r.Int("incident_id", kReq, 1, kMaxId);
  if (!r.ok()) return r.status();
  return *id;
}

Result<SubjectRequest> ParseSubject(const json& body) {
  FieldReader r(body);
  auto kind = r.Enum("kind", kReq, ParseSubjectIdKind);
  auto identifier = r.String("identifier", kReq, kMaxIdentifierChars);
  if (!r.ok()) return r.status();
  return SubjectRequest{*kind, *identifier};
}

Result<AssessmentQuery> ParseAssessmentQuery(const QueryParams& q) {
  AssessmentQuery out;
  std::optional<int64_t> limit, offset;
  TRYGG_RETURN_IF_ERROR(QueryEnum(q, "status", ParseAssessmentStatus, &out.status));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "limit", 1, 500, &limit));
  TRYGG_RETURN_IF_ERROR(QueryInt(q, "offset", 0, 1000000000, &offset));
  out.limit = static_cast<int>(limit.value_or(50));
  out.offset = static_cast<int>(offset.value_or(0));
  return out;
}

Result<PlanQuery> ParsePlanQuery(const QueryParams& q) {
  PlanQuery out;
  TRYGG_RETURN_IF_ERROR(QueryEnum(q, "status", ParsePlanStatus, &out.status));
  out.limit = 500;  // the contract's list is unpaged: every plan the caller may read
  return out;
}

Result<NewSecurityPlan> ParseNewSecurityPlan(const json& body) {
  FieldReader r(body);
  NewSecurityPlan in;
  auto unit = r.Int("unit_id", kReq, 1, kMaxId);
  auto scope = r.Enum("scope", kReq, ParsePlanScope);
  auto title = r.String("title", kReq, 2000);
  auto threats = r.String("threats", kOpt);
  auto level = r.Enum("threat_level", kOpt, ParseRiskLevel);
  auto review = r.Date("review_date", kReq);
  auto people = r.IdList("people_ids", kOpt, kMaxItems);
  auto protected_case = r.Bool("protected_case", kOpt);
  if (!r.ok()) return r.status();
  in.unit_id = *unit;
  in.scope = *scope;
  in.title = *title;
  in.threats = threats.value_or("");
  if (level) in.threat_level = *level;
  in.review_date = *review;
  if (people) in.people = *people;
  in.protected_case = protected_case.value_or(false);
  if (!r.IsNull("subject")) {
    TRYGG_RETURN_IF_ERROR(ParseSubjectObject(body, &in.subject_kind, &in.subject_identifier));
  }
  std::optional<ProtectedRoutine> routine;
  TRYGG_RETURN_IF_ERROR(ParseRoutine(body, &routine));
  if (routine) in.routine = std::move(*routine);
  return in;
}

Result<PlanPatchRequest> ParsePlanPatch(const json& body) {
  FieldReader r(body);
  PlanPatchRequest req;
  SecurityPlanPatch& p = req.patch;
  req.version = r.Int("version", kOpt, 1, kMaxId);
  p.title = r.String("title", kOpt, 2000);
  p.threats = r.String("threats", kOpt);
  p.threat_level = r.Enum("threat_level", kOpt, ParseRiskLevel);
  p.review_date = r.Date("review_date", kOpt);
  p.people = r.IdList("people_ids", kOpt, kMaxItems);
  p.status = r.Enum("status", kOpt, ParsePlanStatus);
  p.protected_case = r.Bool("protected_case", kOpt);
  if (!r.ok()) return r.status();
  TRYGG_RETURN_IF_ERROR(ParseRoutine(body, &p.routine));
  return req;
}

Result<NewPlanMeasure> ParseNewPlanMeasure(const json& body) {
  FieldReader r(body);
  auto title = r.String("title", kReq, 2000);
  auto owner = r.Int("owner_user_id", kReq, 1, kMaxId);
  auto due = r.Date("due_date", kReq);
  if (!r.ok()) return r.status();
  return NewPlanMeasure{*title, *owner, *due};
}

Result<MeasureStatus> ParsePlanMeasureStatus(const json& body) {
  FieldReader r(body);
  auto status = r.Enum("status", kReq, ParseMeasureStatus);
  if (!r.ok()) return r.status();
  return *status;
}

Result<std::string> ParsePlanDecision(const json& body) {
  FieldReader r(body);
  auto text = r.String("text", kReq, 2000);
  if (!r.ok()) return r.status();
  if (text->find_first_not_of(" \t\r\n") == std::string::npos) {
    return Status::InvalidArgument("validation.empty", "text");
  }
  return *text;
}

}  // namespace trygg
