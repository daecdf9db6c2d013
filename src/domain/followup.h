// After an incident: the police report, notices to authorities and the förvaltning's contact details.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/incident.h"

namespace trygg {

// Who filed the police report: the exposed employee as målsägande (with the
// chef's support), or the chef (when the employee cannot, and always for a
// crime not aimed at one person).
enum class PoliceReporter { kMedarbetare, kChef };
// Where the police case stands; the employee is notified on each change.
enum class PoliceCaseStatus { kAnmald, kForundersokning, kNedlagd, kAtal, kDom };
// Why an incident was not reported; kept so statistics show the dark figure.
enum class NotReportedReason { kMedarbetarenAvstar, kEjBrott, kUnderlagSaknas, kAnnat };

std::string_view PoliceReporterCode(PoliceReporter v);
std::optional<PoliceReporter> ParsePoliceReporter(std::string_view code);
std::string_view PoliceCaseStatusCode(PoliceCaseStatus v);
std::optional<PoliceCaseStatus> ParsePoliceCaseStatus(std::string_view code);
std::string_view NotReportedReasonCode(NotReportedReason v);
std::optional<NotReportedReason> ParseNotReportedReason(std::string_view code);

// One incident's police report decision. When `reported`, reporter,
// reported_at and case_status are set (case_number may follow later); when
// not, not_reported_reason is set.
struct PoliceReport {
  IncidentId incident_id = 0;
  bool reported = false;
  std::optional<PoliceReporter> reporter;
  std::optional<UserId> reported_by;  // the user who filed it
  std::optional<TimeMs> reported_at;
  std::string case_number;  // the police's diary number, e.g. "5000-K123456-26"
  PoliceCaseStatus case_status = PoliceCaseStatus::kAnmald;
  std::optional<NotReportedReason> not_reported_reason;
  std::string note;  // short comment
  UserId updated_by = 0;
  TimeMs updated_at = 0;
};

// The police report is consistent: reported ⇒ reporter and reported_at set and
// no reason; not reported ⇒ a reason, no case. Error: InvalidArgument with
// reason "police.<field>".
Status ValidatePoliceReport(const PoliceReport& report);

// True when the crime is not aimed at one person (theft, burglary, vandalism,
// or flagged so): the chef always reports it.
bool ImpersonalCrime(const Incident& incident);

// --- Authorities.
enum class Authority {
  kArbetsmiljoverket,   // serious incidents (allvarligt tillbud), same day
  kForsakringskassan,   // work injuries (arbetsskadeanmälan)
};
enum class NoticeChannel { kETjanst, kTelefon, kEpost, kAnnat };
std::string_view AuthorityCode(Authority v);
std::optional<Authority> ParseAuthority(std::string_view code);
std::string_view NoticeChannelCode(NoticeChannel v);
std::optional<NoticeChannel> ParseNoticeChannel(std::string_view code);

// That an authority was notified of an incident: when, how, and its reference.
struct AuthorityNotice {
  IncidentId incident_id = 0;
  Authority authority = Authority::kArbetsmiljoverket;
  TimeMs notified_at = 0;
  NoticeChannel channel = NoticeChannel::kETjanst;
  std::string reference;  // the authority's case or receipt number
  UserId recorded_by = 0;
  TimeMs recorded_at = 0;
};

// True when the incident meets the criteria of an allvarligt tillbud to be
// notified to Arbetsmiljöverket: severity at least allvarlig (a weapon, a
// serious death threat or a serious injury force that), or several exposed
// people injured.
bool RequiresArbetsmiljoverket(const Incident& incident);
// True when the incident is a work injury (anyone injured), for which an
// arbetsskadeanmälan to Försäkringskassan is to be considered.
bool IsWorkInjury(const Incident& incident);

// --- The förvaltning's contact details, used in police reports instead of
//     any employee's own address.
struct OrgContact {
  UnitId unit_id = 0;  // a förvaltning
  std::string legal_name;  // "Farsta stadsdelsförvaltning"
  std::string org_number;  // "212000-0142"
  std::string street_address;
  std::string postal_code;  // "123 45"
  std::string city;
  std::string phone;
  std::string email;
  UserId updated_by = 0;
  TimeMs updated_at = 0;
};

// True for a Swedish organisation number "NNNNNN-NNNN" with a valid check digit.
bool ValidOrgNumber(std::string_view text);
// InvalidArgument("org_contact.<field>") for a missing legal name, a bad
// organisation number or phone, or a field over 200 characters.
Status ValidateOrgContact(const OrgContact& contact);

}  // namespace trygg
