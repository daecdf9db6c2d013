// Subject use cases: naming the person behind an incident (pseudonymised),
// and what a chef or säkerhetssamordnare may learn of that person's history.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/subject.h"

namespace trygg {

// The person's earlier incidents as the caller may see them. Incidents in
// units where the caller may see them (AccessTo(...).perpetrator) are
// summarised in full; incidents elsewhere in the city are only counted, so a
// warning reaches the meeting without telling where or what.
struct SubjectHistory {
  int in_scope = 0;
  std::optional<TimeMs> latest_at;      // of those in scope
  int highest_severity = 0;             // of those in scope (0: none)
  std::vector<std::string> unit_names;  // of those in scope, distinct, sorted
  int elsewhere = 0;
  bool protected_case = false;  // an active protected security plan names the person
  // Every linked incident, city-wide, for the level rule (not shown as such).
  int total = 0;
  int total_highest_severity = 0;
  std::optional<TimeMs> total_latest_at;
};

class SubjectService {
 public:
  explicit SubjectService(AppContext& ctx) : ctx_(ctx) {}

  // Names (or, with an empty `raw`, un-names) the person behind incident
  // `id`. Allowed for whoever manages the incident and a säkerhetssamordnare
  // covering it. Errors: NotFound as IncidentService::Get;
  // PermissionDenied("subject.forbidden"); the errors of Pseudonymizer::Key.
  // Audited ("incident.subject_set", no identifier in the record).
  Status PutIncidentSubject(const Principal& who, IncidentId id, SubjectIdKind kind,
                            const std::string& raw);

  // The history of the person linked to incident `id`, that incident left
  // out. Same callers as PutIncidentSubject; nullopt when none is linked.
  Result<std::optional<SubjectHistory>> IncidentSubjectHistory(const Principal& who, IncidentId id);

  // The history of subject `key` for the caller, incidents in `exclude` left
  // out. For use cases that already checked the caller may ask (a chef or
  // säkerhetssamordnare); reads in `tx`.
  Result<SubjectHistory> History(StoreTx& tx, const Principal& who, const std::string& key,
                                 std::optional<IncidentId> exclude = std::nullopt);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
