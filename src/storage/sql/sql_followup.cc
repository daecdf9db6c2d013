// SqlTx: after an incident — its police report and notices to authorities —
// and a förvaltning's contact details and policy rules. Each Put is one
// "INSERT … ON CONFLICT (key) DO UPDATE" (SQLite ≥ 3.35 and PostgreSQL).
#include <algorithm>

#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

// --- Police reports -------------------------------------------------------------

constexpr char kSelectPoliceReport[] =
    "SELECT incident_id, reported, reporter, reported_by, reported_at, case_number, case_status,"
    " not_reported_reason, note, updated_by, updated_at FROM police_reports";

Result<PoliceReport> ReadPoliceReport(const Statement& row) {
  PoliceReport r;
  r.incident_id = row.Int(0);
  r.reported = row.Bool(1);
  if (!row.IsNull(2)) {
    TRYGG_ASSIGN_OR_RETURN(r.reporter,
                           Decode(ParsePoliceReporter, row.Text(2), "police_reports.reporter"));
  }
  r.reported_by = row.OptInt(3);
  r.reported_at = row.OptInt(4);
  r.case_number = row.Text(5);
  TRYGG_ASSIGN_OR_RETURN(r.case_status,
                         Decode(ParsePoliceCaseStatus, row.Text(6), "police_reports.case_status"));
  if (!row.IsNull(7)) {
    TRYGG_ASSIGN_OR_RETURN(r.not_reported_reason, Decode(ParseNotReportedReason, row.Text(7),
                                                         "police_reports.not_reported_reason"));
  }
  r.note = row.Text(8);
  r.updated_by = row.Int(9);
  r.updated_at = row.Int(10);
  return r;
}

// --- Authority notices ------------------------------------------------------------

Result<AuthorityNotice> ReadAuthorityNotice(const Statement& row) {
  AuthorityNotice n;
  n.incident_id = row.Int(0);
  TRYGG_ASSIGN_OR_RETURN(n.authority,
                         Decode(ParseAuthority, row.Text(1), "authority_notices.authority"));
  n.notified_at = row.Int(2);
  TRYGG_ASSIGN_OR_RETURN(n.channel,
                         Decode(ParseNoticeChannel, row.Text(3), "authority_notices.channel"));
  n.reference = row.Text(4);
  n.recorded_by = row.Int(5);
  n.recorded_at = row.Int(6);
  return n;
}

// --- Policy rules -----------------------------------------------------------------

// "hot,vald" for {kHot, kVald}; "" for none.
std::string JoinCategories(const std::vector<Category>& categories) {
  std::string out;
  for (Category c : categories) {
    if (!out.empty()) out += ',';
    out += CategoryCode(c);
  }
  return out;
}

Result<std::vector<Category>> SplitCategories(const std::string& text) {
  std::vector<Category> out;
  if (text.empty()) return out;
  size_t start = 0;
  while (true) {
    const size_t comma = text.find(',', start);
    const std::string code =
        text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    TRYGG_ASSIGN_OR_RETURN(Category c, Decode(ParseCategory, code, "policy_rules.categories"));
    out.push_back(c);
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

Result<PolicyRule> ReadPolicyRule(const Statement& row) {
  PolicyRule r;
  TRYGG_ASSIGN_OR_RETURN(r.kind, Decode(ParseRuleKind, row.Text(0), "policy_rules.kind"));
  r.enabled = row.Bool(1);
  r.working_days = static_cast<int>(row.Int(2));
  r.min_severity = static_cast<int>(row.Int(3));
  TRYGG_ASSIGN_OR_RETURN(r.categories, SplitCategories(row.Text(4)));
  return r;
}

// The position of `kind` in AllRuleKinds().
size_t RuleOrder(RuleKind kind) {
  const std::vector<RuleKind>& all = AllRuleKinds();
  return static_cast<size_t>(std::find(all.begin(), all.end(), kind) - all.begin());
}

}  // namespace

Result<PoliceReport> SqlTx::GetPoliceReport(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string(kSelectPoliceReport) + " WHERE incident_id = ?"));
  st.BindInt(incident);
  return ReadOne<PoliceReport>(st, ReadPoliceReport, "police.not_found");
}

Status SqlTx::PutPoliceReport(const PoliceReport& report) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO police_reports (incident_id, reported, reporter, reported_by,"
              " reported_at, case_number, case_status, not_reported_reason, note, updated_by,"
              " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (incident_id) DO UPDATE SET reported = excluded.reported,"
              " reporter = excluded.reporter, reported_by = excluded.reported_by,"
              " reported_at = excluded.reported_at, case_number = excluded.case_number,"
              " case_status = excluded.case_status,"
              " not_reported_reason = excluded.not_reported_reason, note = excluded.note,"
              " updated_by = excluded.updated_by, updated_at = excluded.updated_at"));
  st.BindInt(report.incident_id).BindBool(report.reported);
  if (report.reporter.has_value()) {
    st.BindText(PoliceReporterCode(*report.reporter));
  } else {
    st.BindNull();
  }
  st.BindOptInt(report.reported_by).BindOptInt(report.reported_at).BindText(report.case_number);
  st.BindText(PoliceCaseStatusCode(report.case_status));
  if (report.not_reported_reason.has_value()) {
    st.BindText(NotReportedReasonCode(*report.not_reported_reason));
  } else {
    st.BindNull();
  }
  st.BindText(report.note).BindInt(report.updated_by).BindInt(report.updated_at);
  return st.Run();
}

Result<std::vector<AuthorityNotice>> SqlTx::ListAuthorityNotices(IncidentId incident) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT incident_id, authority, notified_at, channel, reference, recorded_by,"
              " recorded_at FROM authority_notices WHERE incident_id = ? ORDER BY id"));
  st.BindInt(incident);
  return ReadAll<AuthorityNotice>(st, ReadAuthorityNotice);
}

Status SqlTx::PutAuthorityNotice(const AuthorityNotice& notice) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO authority_notices (incident_id, authority, notified_at, channel,"
              " reference, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (incident_id, authority) DO UPDATE SET"
              " notified_at = excluded.notified_at, channel = excluded.channel,"
              " reference = excluded.reference, recorded_by = excluded.recorded_by,"
              " recorded_at = excluded.recorded_at"));
  st.BindInt(notice.incident_id).BindText(AuthorityCode(notice.authority));
  st.BindInt(notice.notified_at).BindText(NoticeChannelCode(notice.channel));
  st.BindText(notice.reference).BindInt(notice.recorded_by).BindInt(notice.recorded_at);
  return st.Run();
}

// --- Contact details ----------------------------------------------------------------

Result<OrgContact> SqlTx::GetOrgContact(UnitId unit) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT unit_id, legal_name, org_number, street_address, postal_code, city, phone,"
              " email, updated_by, updated_at FROM org_contacts WHERE unit_id = ?"));
  st.BindInt(unit);
  return ReadOne<OrgContact>(
      st,
      [](const Statement& row) -> Result<OrgContact> {
        return OrgContact{row.Int(0),  row.Text(1), row.Text(2), row.Text(3), row.Text(4),
                          row.Text(5), row.Text(6), row.Text(7), row.Int(8),  row.Int(9)};
      },
      "org_contact.not_found");
}

Status SqlTx::PutOrgContact(const OrgContact& contact) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO org_contacts (unit_id, legal_name, org_number, street_address,"
              " postal_code, city, phone, email, updated_by, updated_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (unit_id) DO UPDATE SET legal_name = excluded.legal_name,"
              " org_number = excluded.org_number, street_address = excluded.street_address,"
              " postal_code = excluded.postal_code, city = excluded.city,"
              " phone = excluded.phone, email = excluded.email,"
              " updated_by = excluded.updated_by, updated_at = excluded.updated_at"));
  st.BindInt(contact.unit_id).BindText(contact.legal_name).BindText(contact.org_number);
  st.BindText(contact.street_address).BindText(contact.postal_code).BindText(contact.city);
  st.BindText(contact.phone).BindText(contact.email);
  st.BindInt(contact.updated_by).BindInt(contact.updated_at);
  return st.Run();
}

// --- Policy rules ---------------------------------------------------------------------

Result<std::vector<PolicyRule>> SqlTx::ListPolicyRules(UnitId forvaltning) {
  std::vector<PolicyRule> rules;
  {
    TRYGG_ASSIGN_OR_RETURN(Statement st,
                           Prepare("SELECT kind, enabled, working_days, min_severity, categories"
                                   " FROM policy_rules WHERE forvaltning_id = ?"));
    st.BindInt(forvaltning);
    TRYGG_ASSIGN_OR_RETURN(rules, ReadAll<PolicyRule>(st, ReadPolicyRule));
  }
  std::sort(rules.begin(), rules.end(), [](const PolicyRule& a, const PolicyRule& b) {
    return RuleOrder(a.kind) < RuleOrder(b.kind);
  });
  return rules;
}

Status SqlTx::PutPolicyRule(UnitId forvaltning, const PolicyRule& rule, UserId by, TimeMs at) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO policy_rules (forvaltning_id, kind, enabled, working_days,"
              " min_severity, categories, updated_by, updated_at)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (forvaltning_id, kind) DO UPDATE SET enabled = excluded.enabled,"
              " working_days = excluded.working_days, min_severity = excluded.min_severity,"
              " categories = excluded.categories, updated_by = excluded.updated_by,"
              " updated_at = excluded.updated_at"));
  st.BindInt(forvaltning).BindText(RuleKindCode(rule.kind)).BindBool(rule.enabled);
  st.BindInt(rule.working_days).BindInt(rule.min_severity);
  st.BindText(JoinCategories(rule.categories)).BindInt(by).BindInt(at);
  return st.Run();
}

}  // namespace trygg::sql
