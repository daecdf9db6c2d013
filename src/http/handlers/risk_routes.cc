// Routes: before a risky meeting — the förvaltning's risk template, risk
// assessments (decision, follow-up, incident link), the knowledge bank, and the
// person behind an incident (pseudonymised subject and its history).
#include "app/app.h"
#include "http/handlers/handler_util.h"
#include "http/handlers/routes.h"
#include "http/json_followup_requests.h"
#include "http/json_risk.h"
#include "http/json_risk_requests.h"

namespace trygg {
namespace {

HttpResponse TemplateResponse(const Call& call, int status, const RiskTemplate& t) {
  const std::string name =
      t.version != 0 && t.created_by != 0 ? DisplayNameOf(call.app, t.created_by) : "";
  return JsonResponse(status, RiskTemplateJson(t, name));
}

// A full assessment. The template's author is named too (not among the view's
// names when they take no part in the assessment).
HttpResponse AssessmentResponse(const Call& call, int status, AssessmentView view) {
  // The built-in default (version 0) is the förvaltning's template too.
  if (view.risk_template.forvaltning_id == 0) {
    view.risk_template.forvaltning_id = view.assessment.forvaltning_id;
  }
  const UserId author = view.risk_template.created_by;
  if (view.risk_template.version != 0 && author != 0 && !view.names.count(author)) {
    view.names[author] = DisplayNameOf(call.app, author);
  }
  return JsonResponse(status, AssessmentJson(view, AssessmentShape::kFull));
}

Result<HttpResponse> GetTemplate(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, QueryId(call.request.query, "unit_id"));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate t, call.app.risk().Template(Who(call), unit));
  t.forvaltning_id = unit;  // also for the built-in default
  return TemplateResponse(call, 200, t);
}

Result<HttpResponse> PutTemplate(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t unit, QueryId(call.request.query, "unit_id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate in, ParseRiskTemplate(body));
  TRYGG_ASSIGN_OR_RETURN(RiskTemplate t, call.app.risk().PutTemplate(Who(call), unit, in));
  return TemplateResponse(call, 200, t);
}

Result<HttpResponse> ListAssessments(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(AssessmentQuery query, ParseAssessmentQuery(call.request.query));
  TRYGG_ASSIGN_OR_RETURN(AssessmentPage page, call.app.risk().List(Who(call), query));
  nlohmann::json items = nlohmann::json::array();
  for (const AssessmentView& v : page.items) {
    items.push_back(AssessmentJson(v, AssessmentShape::kRow));
  }
  return JsonResponse(200, {{"items", std::move(items)}, {"total", page.total}});
}

Result<HttpResponse> CreateAssessment(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(NewAssessment in, ParseNewAssessment(body));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, call.app.risk().Create(Who(call), in));
  return AssessmentResponse(call, 201, std::move(v));
}

Result<HttpResponse> GetAssessment(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, call.app.risk().Get(Who(call), id));
  return AssessmentResponse(call, 200, std::move(v));
}

Result<HttpResponse> PatchAssessment(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(AssessmentPatchRequest req, ParseAssessmentPatch(body));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v,
                         call.app.risk().Update(Who(call), id, req.patch, req.version));
  return AssessmentResponse(call, 200, std::move(v));
}

Result<HttpResponse> DecideAssessment(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(DecisionRequest req, ParseDecision(body));
  TRYGG_ASSIGN_OR_RETURN(
      AssessmentView v, call.app.risk().Decide(Who(call), id, req.measures, req.note, req.version));
  return AssessmentResponse(call, 200, std::move(v));
}

Result<HttpResponse> FollowUpAssessment(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(FollowUpRequest req, ParseFollowUp(body));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v,
                         call.app.risk().FollowUp(Who(call), id, req.follow_up, req.version));
  return AssessmentResponse(call, 200, std::move(v));
}

Result<HttpResponse> LinkIncident(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(IncidentId incident, ParseIncidentLink(body));
  TRYGG_ASSIGN_OR_RETURN(AssessmentView v, call.app.risk().LinkIncident(Who(call), id, incident));
  return AssessmentResponse(call, 200, std::move(v));
}

Result<HttpResponse> GetKnowledgeBank(const Call& call) {
  std::optional<UnitId> unit;
  if (auto it = call.request.query.find("unit_id");
      it != call.request.query.end() && !it->second.empty()) {
    TRYGG_ASSIGN_OR_RETURN(unit, QueryId(call.request.query, "unit_id"));
  }
  TRYGG_ASSIGN_OR_RETURN(KnowledgeBankView v, call.app.risk().KnowledgeBank(Who(call), unit));
  return JsonResponse(200, KnowledgeBankJson(v));
}

Result<HttpResponse> PutIncidentSubject(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(nlohmann::json body, BodyObject(call));
  TRYGG_ASSIGN_OR_RETURN(SubjectRequest req, ParseSubject(body));
  TRYGG_RETURN_IF_ERROR(
      call.app.subjects().PutIncidentSubject(Who(call), id, req.kind, req.identifier));
  return NoContent();
}

Result<HttpResponse> GetSubjectHistory(const Call& call) {
  TRYGG_ASSIGN_OR_RETURN(int64_t id, PathId(call, "id"));
  TRYGG_ASSIGN_OR_RETURN(std::optional<SubjectHistory> history,
                         call.app.subjects().IncidentSubjectHistory(Who(call), id));
  return JsonResponse(
      200, {{"named", history.has_value()},
            {"history", history ? SubjectHistoryJson(*history) : nlohmann::json(nullptr)}});
}

}  // namespace

void AddRiskRoutes(Router& r) {
  const std::string api = kApi;
  r.Add("GET", api + "/risk-template", RouteAccess::kSession, GetTemplate);
  r.Add("PUT", api + "/risk-template", RouteAccess::kSession, PutTemplate);
  r.Add("GET", api + "/risk-assessments", RouteAccess::kSession, ListAssessments);
  r.Add("POST", api + "/risk-assessments", RouteAccess::kSession, CreateAssessment);
  r.Add("GET", api + "/risk-assessments/{id}", RouteAccess::kSession, GetAssessment);
  r.Add("PATCH", api + "/risk-assessments/{id}", RouteAccess::kSession, PatchAssessment);
  r.Add("POST", api + "/risk-assessments/{id}/decision", RouteAccess::kSession, DecideAssessment);
  r.Add("POST", api + "/risk-assessments/{id}/follow-up", RouteAccess::kSession,
        FollowUpAssessment);
  r.Add("POST", api + "/risk-assessments/{id}/incident", RouteAccess::kSession, LinkIncident);
  r.Add("GET", api + "/knowledge-bank", RouteAccess::kSession, GetKnowledgeBank);
  r.Add("PUT", api + "/incidents/{id}/subject", RouteAccess::kSession, PutIncidentSubject);
  r.Add("GET", api + "/incidents/{id}/subject-history", RouteAccess::kSession, GetSubjectHistory);
}

}  // namespace trygg
