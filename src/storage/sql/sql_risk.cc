// SqlTx: risk templates, assessments, subject links and security plans (placeholder until
// implemented).
#include "storage/sql/sql_tx.h"

namespace trygg::sql {

Status SqlTx::InsertRiskTemplate(const StoredRiskTemplate& t) {
  return Status::Internal("storage: InsertRiskTemplate not implemented");
}

Result<StoredRiskTemplate> SqlTx::LatestRiskTemplate(UnitId forvaltning) {
  return Status::Internal("storage: LatestRiskTemplate not implemented");
}

Result<StoredRiskTemplate> SqlTx::GetRiskTemplate(UnitId forvaltning, int version) {
  return Status::Internal("storage: GetRiskTemplate not implemented");
}

Result<int64_t> SqlTx::InsertAssessment(const RiskAssessment& a) {
  return Status::Internal("storage: InsertAssessment not implemented");
}

Result<RiskAssessment> SqlTx::GetAssessment(int64_t id) {
  return Status::Internal("storage: GetAssessment not implemented");
}

Status SqlTx::UpdateAssessment(const RiskAssessment& a, int64_t expected_version) {
  return Status::Internal("storage: UpdateAssessment not implemented");
}

Result<std::vector<RiskAssessment>> SqlTx::ListAssessments(const AssessmentQuery& q) {
  return Status::Internal("storage: ListAssessments not implemented");
}

Result<std::vector<MeasureUse>> SqlTx::ListMeasureUses(std::optional<UnitId> forvaltning) {
  return Status::Internal("storage: ListMeasureUses not implemented");
}

Status SqlTx::PutIncidentSubject(IncidentId incident, const std::string& subject_key, UserId by,
                                 TimeMs at) {
  return Status::Internal("storage: PutIncidentSubject not implemented");
}

Result<std::string> SqlTx::GetIncidentSubject(IncidentId incident) {
  return Status::Internal("storage: GetIncidentSubject not implemented");
}

Result<std::vector<Incident>> SqlTx::ListIncidentsBySubject(const std::string& subject_key) {
  return Status::Internal("storage: ListIncidentsBySubject not implemented");
}

Result<int64_t> SqlTx::InsertSecurityPlan(const SecurityPlan& p) {
  return Status::Internal("storage: InsertSecurityPlan not implemented");
}

Result<SecurityPlan> SqlTx::GetSecurityPlan(int64_t id) {
  return Status::Internal("storage: GetSecurityPlan not implemented");
}

Status SqlTx::UpdateSecurityPlan(const SecurityPlan& p, int64_t expected_version) {
  return Status::Internal("storage: UpdateSecurityPlan not implemented");
}

Result<std::vector<SecurityPlan>> SqlTx::ListSecurityPlans(const PlanQuery& q) {
  return Status::Internal("storage: ListSecurityPlans not implemented");
}

Result<int64_t> SqlTx::InsertPlanMeasure(const PlanMeasure& m) {
  return Status::Internal("storage: InsertPlanMeasure not implemented");
}

Result<PlanMeasure> SqlTx::GetPlanMeasure(int64_t id) {
  return Status::Internal("storage: GetPlanMeasure not implemented");
}

Status SqlTx::UpdatePlanMeasure(const PlanMeasure& m) {
  return Status::Internal("storage: UpdatePlanMeasure not implemented");
}

Result<std::vector<PlanMeasure>> SqlTx::ListPlanMeasures(int64_t plan_id) {
  return Status::Internal("storage: ListPlanMeasures not implemented");
}

Result<int64_t> SqlTx::InsertPlanLog(const PlanLogEntry& e) {
  return Status::Internal("storage: InsertPlanLog not implemented");
}

Result<std::vector<PlanLogEntry>> SqlTx::ListPlanLog(int64_t plan_id) {
  return Status::Internal("storage: ListPlanLog not implemented");
}

}  // namespace trygg::sql
