#include "http/json_risk.h"

#include "app/risk_template_codec.h"
#include "core/time.h"
#include "http/json_mapping.h"

namespace trygg {
namespace {

using nlohmann::json;

json OptTime(const std::optional<TimeMs>& t) { return t ? json(FormatIso8601(*t)) : json(nullptr); }

json OptLevel(const std::optional<RiskLevel>& l) {
  return l ? json(RiskLevelCode(*l)) : json(nullptr);
}

std::string NameIn(const std::unordered_map<UserId, std::string>& names, UserId id) {
  auto it = names.find(id);
  return it == names.end() ? std::string() : it->second;
}

json Person(const std::unordered_map<UserId, std::string>& names, UserId id) {
  return PersonRefJson(id, NameIn(names, id));
}

json OptPerson(const std::unordered_map<UserId, std::string>& names,
               const std::optional<UserId>& id) {
  return id ? Person(names, *id) : json(nullptr);
}

json People(const std::unordered_map<UserId, std::string>& names, const std::vector<UserId>& ids) {
  json out = json::array();
  for (UserId id : ids) out.push_back(Person(names, id));
  return out;
}

// The catalogue entry of measure `code`: in the assessment's template, else in
// the built-in default (a list row may come without its template).
const RiskMeasureDef* MeasureDef(const RiskTemplate& t, const std::string& code) {
  for (const RiskMeasureDef& m : t.measures) {
    if (m.code == code) return &m;
  }
  static const RiskTemplate* const kDefault = new RiskTemplate(DefaultRiskTemplate());
  for (const RiskMeasureDef& m : kDefault->measures) {
    if (m.code == code) return &m;
  }
  return nullptr;
}

std::string_view ReasonKindCode(RiskReason::Kind k) {
  switch (k) {
    case RiskReason::Kind::kFactor:
      return "factor";
    case RiskReason::Kind::kHistory:
      return "history";
    case RiskReason::Kind::kFloor:
      return "floor";
  }
  return "factor";
}

}  // namespace

json RiskTemplateJson(const RiskTemplate& t, const std::string& created_by_name) {
  const bool is_default = t.version == 0;
  json j = RiskTemplateContentJson(t);
  j["forvaltning_id"] = t.forvaltning_id;
  j["version"] = t.version;
  j["is_default"] = is_default;
  j["created_by"] = !is_default && t.created_by != 0 ? PersonRefJson(t.created_by, created_by_name)
                                                     : json(nullptr);
  j["created_at"] =
      !is_default && t.created_at != 0 ? json(FormatIso8601(t.created_at)) : json(nullptr);
  return j;
}

json RiskResultJson(const RiskResult& r) {
  json reasons = json::array();
  for (const RiskReason& x : r.reasons) {
    reasons.push_back({{"kind", ReasonKindCode(x.kind)},
                       {"factor_code", x.factor_code.empty() ? json(nullptr) : json(x.factor_code)},
                       {"points", x.points},
                       {"floor", OptLevel(x.floor)},
                       {"text_sv", x.text_sv},
                       {"text_en", x.text_en}});
  }
  return {{"score", r.score},
          {"level", RiskLevelCode(r.level)},
          {"reasons", std::move(reasons)},
          {"proposed", r.proposed},
          {"explanation_sv", r.explanation_sv},
          {"explanation_en", r.explanation_en}};
}

json SubjectHistoryJson(const SubjectHistory& h) {
  return {{"in_scope", h.in_scope},
          {"latest_at", OptTime(h.latest_at)},
          {"highest_severity", h.highest_severity},
          {"unit_names", h.unit_names},
          {"elsewhere", h.elsewhere},
          {"protected_case", h.protected_case}};
}

json AssessmentJson(const AssessmentView& v, AssessmentShape shape) {
  const RiskAssessment& a = v.assessment;
  json measures = json::array();
  for (const AssessmentMeasure& m : a.measures) {
    const RiskMeasureDef* def = MeasureDef(v.risk_template, m.code);
    measures.push_back({{"code", m.code},
                        {"label_sv", def ? def->label_sv : m.code},
                        {"label_en", def ? def->label_en : m.code},
                        {"proposed", m.proposed},
                        {"decided", m.decided},
                        {"rating", m.rating ? json(*m.rating) : json(nullptr)}});
  }
  json j = {{"id", a.id},
            {"unit_id", a.unit_id},
            {"unit_name", v.unit_name},
            {"forvaltning_id", a.forvaltning_id},
            {"template_version", a.template_version},
            {"meeting_type", MeetingTypeCode(a.meeting_type)},
            {"event_at", FormatIso8601(a.event_at)},
            {"title", a.title},
            {"participants", People(v.names, a.participants)},
            {"subject_named", v.subject_named},
            {"score", a.score},
            {"level", RiskLevelCode(a.level)},
            {"status", AssessmentStatusCode(a.status)},
            {"measures", std::move(measures)},
            {"created_by", Person(v.names, a.created_by)},
            {"created_at", FormatIso8601(a.created_at)},
            {"updated_at", FormatIso8601(a.updated_at)},
            {"decided_by", OptPerson(v.names, a.decided_by)},
            {"decided_at", OptTime(a.decided_at)},
            {"decision_note", a.decision_note},
            {"followed_up_by", OptPerson(v.names, a.followed_up_by)},
            {"followed_up_at", OptTime(a.followed_up_at)},
            {"incident_occurred", a.incident_occurred},
            {"incident_id", a.incident_id ? json(*a.incident_id) : json(nullptr)},
            {"outcome_note", a.outcome_note},
            {"version", a.version},
            {"may_edit", v.may_edit},
            {"may_decide", v.may_decide},
            {"may_follow_up", v.may_follow_up}};
  if (shape == AssessmentShape::kFull) {
    json answers = json::array();
    for (const FactorAnswer& x : a.answers) answers.push_back({{"code", x.code}, {"yes", x.yes}});
    j["answers"] = std::move(answers);
    j["result"] = RiskResultJson(v.result);
    j["template"] = RiskTemplateJson(v.risk_template, NameIn(v.names, v.risk_template.created_by));
    j["history"] = v.history ? SubjectHistoryJson(*v.history) : json(nullptr);
  }
  return j;
}

json SecurityPlanJson(const SecurityPlanView& v, PlanShape shape) {
  const SecurityPlan& p = v.plan;
  json routine = nullptr;
  if (p.protected_case) {
    const ProtectedRoutine& r = p.routine;
    routine = {
        {"handling_unit_id", r.handling_unit_id != 0 ? json(r.handling_unit_id) : json(nullptr)},
        {"handling_unit_name", r.handling_unit_id != 0 && !v.handling_unit_name.empty()
                                   ? json(v.handling_unit_name)
                                   : json(nullptr)},
        {"handling_group", People(v.names, r.handling_group)},
        {"omit_handlaggare_name", r.omit_handlaggare_name},
        {"secure_room_only", r.secure_room_only},
        {"two_staff_always", r.two_staff_always},
        {"no_home_visits", r.no_home_visits},
        {"instructions", r.instructions}};
  }
  json j = {{"id", p.id},
            {"unit_id", p.unit_id},
            {"unit_name", v.unit_name},
            {"scope", PlanScopeCode(p.scope)},
            {"title", p.title},
            {"subject_named", v.subject_named},
            {"threats", p.threats},
            {"threat_level", RiskLevelCode(p.threat_level)},
            {"review_date", FormatDate(p.review_date)},
            {"review_overdue", v.review_overdue},
            {"people", People(v.names, p.people)},
            {"status", PlanStatusCode(p.status)},
            {"protected_case", p.protected_case},
            {"routine", std::move(routine)},
            {"created_by", Person(v.names, p.created_by)},
            {"created_at", FormatIso8601(p.created_at)},
            {"updated_at", FormatIso8601(p.updated_at)},
            {"version", p.version},
            {"may_edit", v.may_edit},
            {"may_decide", v.may_decide}};
  if (shape == PlanShape::kFull) {
    json measures = json::array();
    for (const PlanMeasure& m : v.measures) {
      measures.push_back({{"id", m.id},
                          {"title", m.title},
                          {"owner", Person(v.names, m.owner_user_id)},
                          {"due_date", FormatDate(m.due_date)},
                          {"status", MeasureStatusCode(m.status)},
                          {"done_at", OptTime(m.done_at)}});
    }
    json log = json::array();
    for (const PlanLogEntry& e : v.log) {
      log.push_back({{"id", e.id},
                     {"at", FormatIso8601(e.at)},
                     {"actor", Person(v.names, e.actor_id)},
                     {"action", e.action},
                     {"detail", e.detail}});
    }
    j["measures"] = std::move(measures);
    j["log"] = std::move(log);
    j["history"] = v.history ? SubjectHistoryJson(*v.history) : json(nullptr);
  }
  return j;
}

json KnowledgeBankJson(const KnowledgeBankView& v) {
  json rows = json::array();
  for (const KnowledgeRow& r : v.rows) {
    const RiskMeasureDef* def = MeasureDef(v.catalogue, r.code);
    json by_type = json::array();
    for (const auto& [type, uses] : r.by_meeting_type) {
      by_type.push_back({{"meeting_type", MeetingTypeCode(type)}, {"uses", uses}});
    }
    rows.push_back({{"code", r.code},
                    {"label_sv", def ? def->label_sv : r.code},
                    {"label_en", def ? def->label_en : r.code},
                    {"suppressed", r.suppressed},
                    {"uses", r.uses ? json(*r.uses) : json(nullptr)},
                    {"mean_rating", r.mean_rating ? json(*r.mean_rating) : json(nullptr)},
                    {"incident_share", r.incident_share ? json(*r.incident_share) : json(nullptr)},
                    {"by_meeting_type", std::move(by_type)},
                    {"other_meeting_types",
                     r.other_meeting_types ? json(*r.other_meeting_types) : json(nullptr)}});
  }
  return {{"forvaltning_id", v.forvaltning_id ? json(*v.forvaltning_id) : json(nullptr)},
          {"min_count", v.min_count},
          {"rows", std::move(rows)}};
}

}  // namespace trygg
