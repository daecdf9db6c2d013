// Risk assessment use cases: templates per förvaltning, assessments from
// planning to follow-up, and the knowledge bank of how measures worked out.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "app/subject_service.h"
#include "domain/risk.h"
#include "domain/subject.h"

namespace trygg {

// What the creator fills in. Unit defaults to the creator's own; the
// template is the förvaltning's latest (or the default).
struct NewAssessment {
  std::optional<UnitId> unit_id;
  MeetingType meeting_type = MeetingType::kAnnat;
  TimeMs event_at = 0;
  std::string title;
  std::vector<UserId> participants;
  std::vector<FactorAnswer> answers;
  // The person met, when named: kind + identifier, hashed at once.
  std::optional<SubjectIdKind> subject_kind;
  std::string subject_identifier;
};

// Changes while the assessment is open; unset fields stay.
struct AssessmentPatch {
  std::optional<MeetingType> meeting_type;
  std::optional<TimeMs> event_at;
  std::optional<std::string> title;
  std::optional<std::vector<UserId>> participants;
  std::optional<std::vector<FactorAnswer>> answers;
  std::optional<SubjectIdKind> subject_kind;  // with subject_identifier ("" un-names)
  std::optional<std::string> subject_identifier;
};

struct AssessmentFollowUp {
  bool incident_occurred = false;
  std::string outcome_note;
  std::vector<std::pair<std::string, int>> ratings;  // measure code → 1..5, decided ones only
};

// An assessment as the caller may see it.
struct AssessmentView {
  RiskAssessment assessment;   // subject_key blanked (never leaves the app)
  RiskResult result;           // recomputed with the stored template version
  RiskTemplate risk_template;  // the version it was made with (labels, help)
  std::string unit_name;
  std::unordered_map<UserId, std::string> names;
  bool subject_named = false;
  // The named person's history (chef and säkerhetssamordnare only).
  std::optional<SubjectHistory> history;
  bool may_edit = false;       // answers and facts (open, creator or manager)
  bool may_decide = false;     // chef covering the unit, or säkerhetssamordnare
  bool may_follow_up = false;  // decided; creator, participant or manager
};

struct AssessmentPage {
  std::vector<AssessmentView> items;  // no history, template or names beyond the list's needs
  int64_t total = 0;
};

struct KnowledgeBankView {
  std::optional<UnitId> forvaltning_id;  // nullopt: city-wide
  RiskTemplate catalogue;                // whose measures the rows follow (labels)
  std::vector<KnowledgeRow> rows;
  int min_count = 5;
};

class RiskService {
 public:
  RiskService(AppContext& ctx, SubjectService& subjects) : ctx_(ctx), subjects_(subjects) {}

  // The förvaltning's current template (the default when none is stored).
  // Anyone signed in may read it. NotFound("unit.not_forvaltning").
  Result<RiskTemplate> Template(const Principal& who, UnitId forvaltning);
  // Stores `t` as the förvaltning's next version (admin or säkerhetssamordnare
  // covering it). PermissionDenied("risk_template.forbidden");
  // InvalidArgument from ValidateRiskTemplate. Audited.
  Result<RiskTemplate> PutTemplate(const Principal& who, UnitId forvaltning, RiskTemplate t);

  // Opens an assessment and computes its level. Anyone may open one for their
  // own unit; a chef or säkerhetssamordnare for units they cover.
  // InvalidArgument("risk.<field>"), PermissionDenied("risk.forbidden").
  Result<AssessmentView> Create(const Principal& who, const NewAssessment& in);
  // Read access: the creator, participants, chefs and säkerhetssamordnare
  // covering the unit. NotFound("risk.not_found") otherwise. Audited.
  Result<AssessmentView> Get(const Principal& who, int64_t id);
  Result<AssessmentPage> List(const Principal& who, AssessmentQuery query);
  // While oppen: the creator or a manager. FailedPrecondition("risk.not_open").
  Result<AssessmentView> Update(const Principal& who, int64_t id, const AssessmentPatch& patch,
                                std::optional<int64_t> expected_version);
  // The chef's decision: which catalogue measures apply (codes), with a note.
  // Sets status beslutad (a new decision may replace one until followed up).
  // PermissionDenied("risk.forbidden"); InvalidArgument("risk.measures") for
  // an unknown code; FailedPrecondition("risk.followed_up").
  Result<AssessmentView> Decide(const Principal& who, int64_t id,
                                const std::vector<std::string>& measures, const std::string& note,
                                std::optional<int64_t> expected_version);
  // After the event: FailedPrecondition("risk.not_decided") before a decision.
  Result<AssessmentView> FollowUp(const Principal& who, int64_t id, const AssessmentFollowUp& in,
                                  std::optional<int64_t> expected_version);
  // Links the incident reported after the event (the caller must see the
  // incident's details and may follow up the assessment); the named person
  // is linked to the incident too. FailedPrecondition("risk.incident_linked")
  // when another is linked already.
  Result<AssessmentView> LinkIncident(const Principal& who, int64_t id, IncidentId incident);

  // The knowledge bank for one förvaltning or (nullopt) the city. Anyone
  // signed in: every figure is protected below `min_count` uses.
  Result<KnowledgeBankView> KnowledgeBank(const Principal& who, std::optional<UnitId> forvaltning);

 private:
  AppContext& ctx_;
  SubjectService& subjects_;
};

}  // namespace trygg
