// Issue 5 objects → JSON: risk templates, assessments and their results,
// subject history, security plans and the knowledge bank (docs/api-contract.md,
// "Before a risky meeting"). A subject key or identifier is never written.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "app/risk_service.h"
#include "app/security_plan_service.h"
#include "app/subject_service.h"

namespace trygg {

// RiskTemplate: {"forvaltning_id","version","is_default","factors","thresholds","history",
// "measures","created_by":PersonRef|null,"created_at"|null}. `created_by_name` names
// t.created_by (ignored for the built-in default).
nlohmann::json RiskTemplateJson(const RiskTemplate& t, const std::string& created_by_name);
// RiskResult: {"score","level","reasons","proposed","explanation_sv","explanation_en"}.
nlohmann::json RiskResultJson(const RiskResult& r);
// SubjectHistory as the caller may see it: {"in_scope","latest_at","highest_severity",
// "unit_names","elsewhere","protected_case"} (never the city-wide totals).
nlohmann::json SubjectHistoryJson(const SubjectHistory& h);

enum class AssessmentShape {
  kRow,   // lists: no answers, result, template or history
  kFull,  // one assessment (and every write): adds "result", "template", "history"
};
nlohmann::json AssessmentJson(const AssessmentView& v, AssessmentShape shape);

enum class PlanShape {
  kRow,   // lists: no measures, log or history
  kFull,  // one plan: adds "measures", "log", "history"
};
nlohmann::json SecurityPlanJson(const SecurityPlanView& v, PlanShape shape);

// {"forvaltning_id"|null,"min_count","rows":[...]}
nlohmann::json KnowledgeBankJson(const KnowledgeBankView& v);

}  // namespace trygg
