// Security planning use cases: plans for a unit or a case, their measures,
// and protected cases whose every decision under the routine is logged.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "app/subject_service.h"
#include "domain/security_plan.h"
#include "domain/subject.h"

namespace trygg {

struct NewSecurityPlan {
  UnitId unit_id = 0;
  PlanScope scope = PlanScope::kEnhet;
  std::string title;
  std::optional<SubjectIdKind> subject_kind;  // scope kArende
  std::string subject_identifier;
  std::string threats;
  RiskLevel threat_level = RiskLevel::kForhojd;
  TimeMs review_date = 0;
  std::vector<UserId> people;
  bool protected_case = false;
  ProtectedRoutine routine;
};

// Unset fields stay. Setting protected_case or the routine is logged.
struct SecurityPlanPatch {
  std::optional<std::string> title;
  std::optional<std::string> threats;
  std::optional<RiskLevel> threat_level;
  std::optional<TimeMs> review_date;
  std::optional<std::vector<UserId>> people;
  std::optional<PlanStatus> status;
  std::optional<bool> protected_case;
  std::optional<ProtectedRoutine> routine;
};

struct NewPlanMeasure {
  std::string title;
  UserId owner_user_id = 0;
  TimeMs due_date = 0;
};

struct SecurityPlanView {
  SecurityPlan plan;  // subject_key blanked
  std::string unit_name;
  std::string handling_unit_name;
  bool subject_named = false;
  std::optional<SubjectHistory> history;  // when a subject is named
  std::vector<PlanMeasure> measures;
  std::vector<PlanLogEntry> log;
  std::unordered_map<UserId, std::string> names;
  bool may_edit = false;        // säkerhetssamordnare covering the unit
  bool may_decide = false;      // may log a decision under a protected routine
  bool review_overdue = false;  // active and review_date has passed
};

class SecurityPlanService {
 public:
  SecurityPlanService(AppContext& ctx, SubjectService& subjects) : ctx_(ctx), subjects_(subjects) {}

  // A säkerhetssamordnare creates plans for units they cover.
  // PermissionDenied("plan.forbidden"); InvalidArgument("plan.<field>").
  Result<SecurityPlanView> Create(const Principal& who, const NewSecurityPlan& in);
  // Read: säkerhetssamordnare and chefs covering the unit (for a protected
  // case: chefs covering the unit or the handling unit), the people involved
  // and the handling group. NotFound("plan.not_found") otherwise. Audited.
  Result<SecurityPlanView> Get(const Principal& who, int64_t id);
  Result<std::vector<SecurityPlanView>> List(const Principal& who, PlanQuery query);
  // Säkerhetssamordnare covering the unit. Conflict on a stale version.
  Result<SecurityPlanView> Update(const Principal& who, int64_t id, const SecurityPlanPatch& patch,
                                  std::optional<int64_t> expected_version);
  Result<SecurityPlanView> AddMeasure(const Principal& who, int64_t id, const NewPlanMeasure& in);
  // The owner or an editor marks a measure done (or open again).
  Result<SecurityPlanView> SetMeasureStatus(const Principal& who, int64_t plan_id,
                                            int64_t measure_id, MeasureStatus status);
  // Logs a decision taken under a protected case's routine (e.g. "Beslut
  // skickat utan handläggarens namn"): säkerhetssamordnare, chefs who may
  // read the plan, and the handling group. FailedPrecondition("plan.not_protected").
  Result<SecurityPlanView> LogDecision(const Principal& who, int64_t id, const std::string& text);

 private:
  AppContext& ctx_;
  SubjectService& subjects_;
};

}  // namespace trygg
