// Incident use cases: report, list, read (audited), workflow, notes and measures.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "app/context.h"
#include "domain/policy.h"
#include "domain/visibility.h"
#include "domain/workflow.h"

namespace trygg {

class AlarmService;

// What a reporter fills in. Only category and occurred_at are required;
// unit defaults to the reporter's unit, exposed to the reporter.
struct NewIncident {
  std::optional<UnitId> unit_id;
  Category category = Category::kAnnat;
  TimeMs occurred_at = 0;
  PlaceType place_type = PlaceType::kAnnat;
  bool outside_workplace = false;
  bool tied_to_role = true;
  std::vector<UserId> exposed_user_ids;
  std::string description;
  Injury injury = Injury::kIngen;
  bool weapon = false;
  bool death_threat = false;
  std::optional<int> severity;
  std::optional<PerpetratorRelation> perpetrator_relation;
  std::string perpetrator_note;
  bool sensitive = false;
  bool aimed_at_person = true;
  // The ended real alarm this report follows (its raiser reporting): linked
  // in the same transaction (see AlarmService::LinkReport for its errors).
  std::optional<int64_t> alarm_id;
};

// Someone who was told about a new incident, for the reporter's confirmation.
struct Informed {
  Role role;
  UserId user_id;
  std::string display_name;
};

// An incident as the caller may see it: fields they may not see are blanked
// (description empty, perpetrator unset, exposed empty) and `access` says which.
struct IncidentView {
  Incident incident;
  IncidentAccess access;
  std::string unit_name;  // "Förvaltning / Avdelning / Enhet"
  int open_measures = 0;
  // Display names of every user the view refers to (reporter, exposed,
  // measure owners, note authors, log actors) that the caller may see.
  std::unordered_map<UserId, std::string> names;
  std::vector<Measure> measures;  // when access.exists
  std::vector<Note> notes;        // when access.details
  std::vector<LogEntry> log;      // when access.details
  // The follow-up, in the full view with access.details: the police report,
  // notices to authorities, when Arbetsmiljöverket is due (nullopt: not
  // required) and the förvaltning's rules checked now.
  std::optional<PoliceReport> police_report;
  std::vector<AuthorityNotice> notices;
  std::optional<TimeMs> arbetsmiljoverket_due;
  std::vector<RuleCheck> rules;
};

struct IncidentPage {
  std::vector<IncidentView> items;  // no notes/log/measures; redacted like Get
  int64_t total = 0;
};

// A manager's change to the assessment; unset fields stay as they are.
struct IncidentPatch {
  std::optional<int> severity;
  std::optional<bool> sensitive;
  std::optional<std::optional<PerpetratorRelation>> perpetrator_relation;
  std::optional<std::string> perpetrator_note;
  std::optional<bool> aimed_at_person;
  bool coordinator_consulted = false;  // records that the säkerhetssamordnare was consulted now
};

struct NewMeasure {
  std::string title;
  UserId responsible_user_id = 0;
  TimeMs due_date = 0;
  MeasureKind kind = MeasureKind::kAtgard;
  std::optional<SupportType> support_type{};  // required for kStod
  bool support_group = false;
  std::optional<UserId> support_user_id{};  // one of the exposed
  std::optional<TimeMs> follow_up_date{};
};

struct MeasurePatch {
  std::optional<MeasureStatus> status;
  std::optional<std::string> title;
  std::optional<UserId> responsible_user_id;
  std::optional<TimeMs> due_date;
  std::optional<std::optional<TimeMs>> follow_up_date;
};

// One entry in a user's "what do I need to do" list.
struct InboxItem {
  // "new", "serious", "overdue_measure", "my_measure", "rule_breach", "escalation"
  std::string reason;
  IncidentView incident;
  std::optional<Measure> measure;
  std::optional<RuleCheck> rule{};  // rule_breach, escalation
};

class IncidentService {
 public:
  explicit IncidentService(AppContext& ctx) : ctx_(ctx) {}
  // Where reports with an alarm_id are linked; set once at wiring time.
  void SetAlarms(AlarmService* alarms) { alarms_ = alarms; }

  // Files a report. Errors: InvalidArgument("incident.<field>") for bad
  // input (unknown unit or not an enhet, unknown exposed user, description
  // over 10,000 characters, occurred_at in the future, severity out of 1–4),
  // and LinkReport's errors for an alarm_id.
  Result<IncidentView> Create(const Principal& who, const NewIncident& in,
                              std::vector<Informed>* informed);

  // Lists what the caller may see, newest first. InvalidArgument for a limit
  // outside 1–500.
  Result<IncidentPage> List(const Principal& who, IncidentQuery query);

  // List-row views of `incidents` (as read by another use case) for the
  // caller, in the same order; `total` is their number.
  Result<IncidentPage> Views(const Principal& who, const std::vector<Incident>& incidents);

  // One incident with measures, notes and logbook; writes an audit record.
  // NotFound when it does not exist or the caller may not see it.
  Result<IncidentView> Get(const Principal& who, IncidentId id);

  // Applies a workflow action. NotFound as Get; PermissionDenied for
  // non-managers who may see it; FailedPrecondition per workflow rules;
  // Conflict when `expected_version` is given and stale.
  Result<IncidentView> Transition(const Principal& who, IncidentId id, IncidentAction action,
                                  const std::string& reason,
                                  std::optional<int64_t> expected_version);

  // Changes the assessment (manager only). Severity can't go below the floor
  // given by the facts: InvalidArgument("incident.severity_below_minimum").
  Result<IncidentView> Update(const Principal& who, IncidentId id, const IncidentPatch& patch,
                              std::optional<int64_t> expected_version);

  // Adds a note (roles with access.annotate). InvalidArgument("note.text").
  Result<Note> AddNote(const Principal& who, IncidentId id, const std::string& text);

  // Adds / changes a measure (manager only). The responsible person must be an
  // active user; a closed incident takes no new measures
  // (FailedPrecondition "incident.closed").
  Result<Measure> AddMeasure(const Principal& who, IncidentId id, const NewMeasure& in);
  Result<Measure> UpdateMeasure(const Principal& who, IncidentId id, int64_t measure_id,
                                const MeasurePatch& patch);

  // What waits on the caller: new incidents to receive (chef), serious open
  // incidents (säkerhetssamordnare), overdue measures in scope (chef), the
  // caller's own open measures, current rule breaches of incidents the caller
  // manages (chef), and serious incidents overdue for Arbetsmiljöverket
  // (säkerhetssamordnare: "escalation").
  Result<std::vector<InboxItem>> Inbox(const Principal& who);

 private:
  AppContext& ctx_;
  AlarmService* alarms_ = nullptr;
};

}  // namespace trygg
