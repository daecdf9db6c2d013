// Issue 5 request bodies and queries → app input: risk templates, assessments,
// subjects and security plans. Parsers check JSON types and codes
// ("validation.*", with the member as field, e.g. "factors[2].weight"); the
// services check the business rules ("risk.*", "plan.*", "subject.*").
// An identifier of a person is passed on as given and never put in an error.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/risk_service.h"
#include "app/security_plan_service.h"
#include "http/json_requests.h"

namespace trygg {

// {factors*, thresholds*:{forhojd,hog,mycket_hog}, history*:{weight,floor_count}, measures*}
Result<RiskTemplate> ParseRiskTemplate(const nlohmann::json& body);

// {unit_id?, meeting_type*, event_at*, title*, participant_ids?, answers?,
// subject?:{kind,identifier}}
Result<NewAssessment> ParseNewAssessment(const nlohmann::json& body);

struct AssessmentPatchRequest {
  AssessmentPatch patch;
  std::optional<int64_t> version;
};
// {version?, meeting_type?, event_at?, title?, participant_ids?, answers?, subject?|null}
Result<AssessmentPatchRequest> ParseAssessmentPatch(const nlohmann::json& body);

struct DecisionRequest {
  std::vector<std::string> measures;
  std::string note;
  std::optional<int64_t> version;
};
// {version?, measures*:[code], note?}
Result<DecisionRequest> ParseDecision(const nlohmann::json& body);

struct FollowUpRequest {
  AssessmentFollowUp follow_up;
  std::optional<int64_t> version;
};
// {version?, incident_occurred*, outcome_note?, ratings?:[{code, rating}]}
Result<FollowUpRequest> ParseFollowUp(const nlohmann::json& body);

// {incident_id*}
Result<IncidentId> ParseIncidentLink(const nlohmann::json& body);

struct SubjectRequest {
  SubjectIdKind kind = SubjectIdKind::kPersonnummer;
  std::string identifier;  // "" un-names
};
// {kind*, identifier*}
Result<SubjectRequest> ParseSubject(const nlohmann::json& body);

// GET /risk-assessments: status?, limit? (1–500, default 50), offset? (≥ 0).
Result<AssessmentQuery> ParseAssessmentQuery(const QueryParams& query);
// GET /security-plans: status?.
Result<PlanQuery> ParsePlanQuery(const QueryParams& query);

Result<NewSecurityPlan> ParseNewSecurityPlan(const nlohmann::json& body);

struct PlanPatchRequest {
  SecurityPlanPatch patch;
  std::optional<int64_t> version;
};
Result<PlanPatchRequest> ParsePlanPatch(const nlohmann::json& body);

// {title*, owner_user_id*, due_date*}
Result<NewPlanMeasure> ParseNewPlanMeasure(const nlohmann::json& body);
// {status*}
Result<MeasureStatus> ParsePlanMeasureStatus(const nlohmann::json& body);
// {text*}
Result<std::string> ParsePlanDecision(const nlohmann::json& body);

}  // namespace trygg
