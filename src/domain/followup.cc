#include "domain/followup.h"

#include "core/text.h"
#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<PoliceReporter, 2> kReporters{{{
    {PoliceReporter::kMedarbetare, "medarbetare"},
    {PoliceReporter::kChef, "chef"},
}}};
constexpr CodeTable<PoliceCaseStatus, 5> kCaseStatuses{{{
    {PoliceCaseStatus::kAnmald, "anmald"},
    {PoliceCaseStatus::kForundersokning, "forundersokning"},
    {PoliceCaseStatus::kNedlagd, "nedlagd"},
    {PoliceCaseStatus::kAtal, "atal"},
    {PoliceCaseStatus::kDom, "dom"},
}}};
constexpr CodeTable<NotReportedReason, 4> kNotReportedReasons{{{
    {NotReportedReason::kMedarbetarenAvstar, "medarbetaren_avstar"},
    {NotReportedReason::kEjBrott, "ej_brott"},
    {NotReportedReason::kUnderlagSaknas, "underlag_saknas"},
    {NotReportedReason::kAnnat, "annat"},
}}};
constexpr CodeTable<Authority, 2> kAuthorities{{{
    {Authority::kArbetsmiljoverket, "arbetsmiljoverket"},
    {Authority::kForsakringskassan, "forsakringskassan"},
}}};
constexpr CodeTable<NoticeChannel, 4> kChannels{{{
    {NoticeChannel::kETjanst, "e_tjanst"},
    {NoticeChannel::kTelefon, "telefon"},
    {NoticeChannel::kEpost, "epost"},
    {NoticeChannel::kAnnat, "annat"},
}}};

constexpr size_t kMaxCaseNumber = 40;
constexpr size_t kMaxPoliceNote = 1000;
constexpr size_t kMaxOrgField = 200;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A police diary number: ASCII letters, digits, '-', '/' and spaces, at most 40.
bool ValidCaseNumber(std::string_view s) {
  if (s.size() > kMaxCaseNumber) return false;
  for (char c : s) {
    if (!IsAsciiLetter(c) && !IsAsciiDigit(c) && c != '-' && c != '/' && c != ' ') return false;
  }
  return true;
}

// A phone number: 5–30 characters of digits, spaces, '+', '-' and parentheses,
// with at least one digit.
bool ValidPhone(std::string_view s) {
  if (s.size() < 5 || s.size() > 30) return false;
  bool digit = false;
  for (char c : s) {
    if (IsAsciiDigit(c)) {
      digit = true;
    } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')') {
      return false;
    }
  }
  return digit;
}

// An e-mail address as far as we check it: exactly one '@', with text on both sides.
bool ValidEmail(std::string_view s) {
  const size_t at = s.find('@');
  if (at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos) return false;
  if (at == 0 || at + 1 == s.size()) return false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return false;
  }
  return true;
}

}  // namespace

std::string_view PoliceReporterCode(PoliceReporter v) { return kReporters.Code(v); }
std::optional<PoliceReporter> ParsePoliceReporter(std::string_view c) {
  return kReporters.Parse(c);
}
std::string_view PoliceCaseStatusCode(PoliceCaseStatus v) { return kCaseStatuses.Code(v); }
std::optional<PoliceCaseStatus> ParsePoliceCaseStatus(std::string_view c) {
  return kCaseStatuses.Parse(c);
}
std::string_view NotReportedReasonCode(NotReportedReason v) { return kNotReportedReasons.Code(v); }
std::optional<NotReportedReason> ParseNotReportedReason(std::string_view c) {
  return kNotReportedReasons.Parse(c);
}
std::string_view AuthorityCode(Authority v) { return kAuthorities.Code(v); }
std::optional<Authority> ParseAuthority(std::string_view c) { return kAuthorities.Parse(c); }
std::string_view NoticeChannelCode(NoticeChannel v) { return kChannels.Code(v); }
std::optional<NoticeChannel> ParseNoticeChannel(std::string_view c) { return kChannels.Parse(c); }

Status ValidatePoliceReport(const PoliceReport& report) {
  if (report.reported) {
    if (!report.reporter) return Status::InvalidArgument("police.reporter");
    if (!report.reported_at) return Status::InvalidArgument("police.reported_at");
    if (report.not_reported_reason) return Status::InvalidArgument("police.not_reported_reason");
    if (!ValidCaseNumber(report.case_number)) return Status::InvalidArgument("police.case_number");
  } else {
    if (!report.not_reported_reason) return Status::InvalidArgument("police.not_reported_reason");
    if (report.reporter) return Status::InvalidArgument("police.reporter");
    if (!report.case_number.empty()) return Status::InvalidArgument("police.case_number");
  }
  if (Utf8Length(report.note) > kMaxPoliceNote) return Status::InvalidArgument("police.note");
  return Status::Ok();
}

bool ImpersonalCrime(const Incident& incident) {
  return incident.category == Category::kStoldInbrott ||
         incident.category == Category::kSkadegorelse || !incident.aimed_at_person;
}

bool RequiresArbetsmiljoverket(const Incident& incident) {
  if (incident.severity >= kSeverityAllvarlig) return true;
  // "Several injured": we only know that someone was injured and that several
  // people were exposed, so that is the approximation.
  return incident.injury != Injury::kIngen && incident.exposed_user_ids.size() >= 2;
}

bool IsWorkInjury(const Incident& incident) { return incident.injury != Injury::kIngen; }

bool ValidOrgNumber(std::string_view text) {
  if (text.size() != 11 || text[6] != '-') return false;
  int sum = 0;
  int position = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i == 6) continue;
    if (!IsAsciiDigit(text[i])) return false;
    int digit = text[i] - '0';
    // Luhn over the 10 digits: weights 2, 1, 2, 1, … from the left.
    if (position % 2 == 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    ++position;
  }
  return sum % 10 == 0;
}

Status ValidateOrgContact(const OrgContact& contact) {
  if (IsBlank(contact.legal_name)) return Status::InvalidArgument("org_contact.legal_name");
  const std::pair<std::string_view, const std::string*> fields[] = {
      {"legal_name", &contact.legal_name},
      {"org_number", &contact.org_number},
      {"street_address", &contact.street_address},
      {"postal_code", &contact.postal_code},
      {"city", &contact.city},
      {"phone", &contact.phone},
      {"email", &contact.email},
  };
  for (const auto& [name, value] : fields) {
    if (Utf8Length(*value) > kMaxOrgField) {
      return Status::InvalidArgument("org_contact.too_long", std::string(name));
    }
  }
  if (!ValidOrgNumber(contact.org_number)) return Status::InvalidArgument("org_contact.org_number");
  if (!ValidPhone(contact.phone)) return Status::InvalidArgument("org_contact.phone");
  if (!contact.email.empty() && !ValidEmail(contact.email)) {
    return Status::InvalidArgument("org_contact.email");
  }
  return Status::Ok();
}

}  // namespace trygg
