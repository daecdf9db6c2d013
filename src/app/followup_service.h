// Follow-up use cases: the police report, notices to authorities, the förvaltning's contact details
// and its rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "app/rule_checks.h"
#include "domain/followup.h"
#include "domain/policy.h"

namespace trygg {

// What the caller sends about the police report. Unset fields keep their
// stored value (or the default when there is none).
struct PoliceReportInput {
  bool reported = false;
  std::optional<PoliceReporter> reporter;
  std::optional<UserId> reported_by;
  std::optional<TimeMs> reported_at;
  std::optional<std::string> case_number;
  std::optional<PoliceCaseStatus> case_status;
  std::optional<NotReportedReason> not_reported_reason;
  std::optional<std::string> note;
};

// The facts a police-report draft is prefilled with: the förvaltning's
// contact details (never an employee's home address) and the incident.
struct PoliceReportDraft {
  std::optional<OrgContact> organisation;
  Incident incident;  // as the caller may see it (details)
  std::string unit_name;
  std::vector<std::pair<UserId, std::string>> injured_parties;  // the exposed
  PoliceReporter reporter_role = PoliceReporter::kMedarbetare;
  TimeMs generated_at = 0;
};

struct RuleView {
  PolicyRule rule;
  bool is_default = true;  // not stored by the förvaltning
};

class FollowupService {
 public:
  explicit FollowupService(AppContext& ctx) : ctx_(ctx) {}

  // Records the police report decision. Allowed for the incident's manager,
  // and for an exposed employee recording their own report as målsägande
  // (reporter medarbetare, reported_by themselves). A change of case status
  // notifies the exposed. Errors: NotFound as IncidentService::Get;
  // PermissionDenied("police.forbidden"); InvalidArgument("police.<field>").
  Result<PoliceReport> PutPoliceReport(const Principal& who, IncidentId id,
                                       const PoliceReportInput& in);

  // The draft to print (audited as a read of the incident). Same callers as
  // PutPoliceReport.
  Result<PoliceReportDraft> Draft(const Principal& who, IncidentId id);

  // Records that an authority was notified (manager only). notified_at may
  // not lie in the future: InvalidArgument("notice.notified_at").
  Result<AuthorityNotice> PutNotice(const Principal& who, IncidentId id, const AuthorityNotice& in);

  // Contact details of förvaltning `unit`: anyone signed in may read them;
  // an admin whose grant covers it may change them. NotFound
  // ("org_contact.not_found"; "unit.not_forvaltning" when `unit` is no förvaltning).
  Result<OrgContact> GetContact(const Principal& who, UnitId unit);
  Result<OrgContact> PutContact(const Principal& who, OrgContact contact);

  // The rules of förvaltning `unit`: readable by chefs, skyddsombud,
  // säkerhetssamordnare and admins; changed by an admin covering it.
  Result<std::vector<RuleView>> Rules(const Principal& who, UnitId unit);
  Result<RuleView> PutRule(const Principal& who, UnitId unit, const PolicyRule& rule);

  // Current breaches of open incidents the caller manages (chef) or follows
  // as säkerhetssamordnare, optionally within `unit`'s subtree.
  // PermissionDenied for other roles.
  Result<std::vector<Breach>> Breaches(const Principal& who, std::optional<UnitId> unit);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
