#include "domain/followup.h"

#include <gtest/gtest.h>

#include <string>

#include "domain/notification.h"

namespace trygg {
namespace {

constexpr TimeMs kT = 1'790'000'000'000;

PoliceReport ReportedReport() {
  PoliceReport p;
  p.incident_id = 1;
  p.reported = true;
  p.reporter = PoliceReporter::kMedarbetare;
  p.reported_by = 5;
  p.reported_at = kT;
  p.case_number = "5000-K123456-26";
  return p;
}

PoliceReport DeclinedReport() {
  PoliceReport p;
  p.incident_id = 1;
  p.reported = false;
  p.not_reported_reason = NotReportedReason::kMedarbetarenAvstar;
  return p;
}

OrgContact Contact() {
  OrgContact c;
  c.unit_id = 2;
  c.legal_name = "Farsta stadsdelsförvaltning";
  c.org_number = "212000-0142";
  c.street_address = "Södertörnsvägen 1";
  c.postal_code = "123 45";
  c.city = "Farsta";
  c.phone = "+46 8-508 00 000";
  c.email = "farsta@stockholm.se";
  return c;
}

TEST(FollowupTest, CodesRoundTrip) {
  for (auto v : {PoliceReporter::kMedarbetare, PoliceReporter::kChef}) {
    EXPECT_EQ(ParsePoliceReporter(PoliceReporterCode(v)), v);
  }
  EXPECT_EQ(PoliceReporterCode(PoliceReporter::kChef), "chef");
  for (auto v : {PoliceCaseStatus::kAnmald, PoliceCaseStatus::kForundersokning,
                 PoliceCaseStatus::kNedlagd, PoliceCaseStatus::kAtal, PoliceCaseStatus::kDom}) {
    EXPECT_EQ(ParsePoliceCaseStatus(PoliceCaseStatusCode(v)), v);
  }
  EXPECT_EQ(PoliceCaseStatusCode(PoliceCaseStatus::kForundersokning), "forundersokning");
  for (auto v : {NotReportedReason::kMedarbetarenAvstar, NotReportedReason::kEjBrott,
                 NotReportedReason::kUnderlagSaknas, NotReportedReason::kAnnat}) {
    EXPECT_EQ(ParseNotReportedReason(NotReportedReasonCode(v)), v);
  }
  EXPECT_EQ(NotReportedReasonCode(NotReportedReason::kUnderlagSaknas), "underlag_saknas");
  EXPECT_EQ(AuthorityCode(Authority::kArbetsmiljoverket), "arbetsmiljoverket");
  EXPECT_EQ(ParseAuthority("forsakringskassan"), Authority::kForsakringskassan);
  for (auto v : {NoticeChannel::kETjanst, NoticeChannel::kTelefon, NoticeChannel::kEpost,
                 NoticeChannel::kAnnat}) {
    EXPECT_EQ(ParseNoticeChannel(NoticeChannelCode(v)), v);
  }
  EXPECT_EQ(NoticeChannelCode(NoticeChannel::kETjanst), "e_tjanst");
  EXPECT_FALSE(ParseNoticeChannel("fax").has_value());
  EXPECT_FALSE(ParsePoliceReporter("").has_value());
}

TEST(FollowupTest, NotificationKindCodes) {
  const std::pair<NotificationKind, std::string_view> expected[] = {
      {NotificationKind::kNewIncident, "new_incident"},
      {NotificationKind::kSeriousIncident, "serious_incident"},
      {NotificationKind::kMeasureAssigned, "measure_assigned"},
      {NotificationKind::kDeadlineNear, "deadline_near"},
      {NotificationKind::kDeadlinePassed, "deadline_passed"},
      {NotificationKind::kPoliceStatus, "police_status"},
      {NotificationKind::kRuleBreached, "rule_breached"},
      {NotificationKind::kEscalation, "escalation"},
  };
  for (const auto& [kind, code] : expected) {
    EXPECT_EQ(NotificationKindCode(kind), code);
    EXPECT_EQ(ParseNotificationKind(code), kind);
  }
  EXPECT_FALSE(ParseNotificationKind("other").has_value());
}

TEST(FollowupTest, ValidReportedAndDeclinedReports) {
  EXPECT_TRUE(ValidatePoliceReport(ReportedReport()).ok());
  PoliceReport no_case = ReportedReport();
  no_case.case_number.clear();  // the diary number may follow later
  EXPECT_TRUE(ValidatePoliceReport(no_case).ok());
  EXPECT_TRUE(ValidatePoliceReport(DeclinedReport()).ok());
}

TEST(FollowupTest, ReportedNeedsReporterAndTimeAndNoReason) {
  PoliceReport p = ReportedReport();
  p.reporter.reset();
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.reporter");
  EXPECT_EQ(ValidatePoliceReport(p).code(), StatusCode::kInvalidArgument);
  p = ReportedReport();
  p.reported_at.reset();
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.reported_at");
  p = ReportedReport();
  p.not_reported_reason = NotReportedReason::kAnnat;
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.not_reported_reason");
}

TEST(FollowupTest, DeclinedNeedsReasonAndNoReporterOrCase) {
  PoliceReport p = DeclinedReport();
  p.not_reported_reason.reset();
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.not_reported_reason");
  p = DeclinedReport();
  p.reporter = PoliceReporter::kChef;
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.reporter");
  p = DeclinedReport();
  p.case_number = "5000-K1-26";
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.case_number");
}

TEST(FollowupTest, CaseNumberAndNoteLimits) {
  PoliceReport p = ReportedReport();
  p.case_number = "AM 1234/26";
  EXPECT_TRUE(ValidatePoliceReport(p).ok());
  p.case_number = std::string(40, '1');
  EXPECT_TRUE(ValidatePoliceReport(p).ok());
  p.case_number = std::string(41, '1');
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.case_number");
  for (const char* bad : {"5000;K1", "<script>", "12\n34", "5000-K1_26"}) {
    p.case_number = bad;
    EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.case_number") << bad;
  }
  p = ReportedReport();
  std::string note;
  for (int i = 0; i < 1000; ++i) note += "å";  // 1000 characters, 2000 bytes
  p.note = note;
  EXPECT_TRUE(ValidatePoliceReport(p).ok());
  p.note += "x";
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.note");
  p = DeclinedReport();
  p.note = std::string(1001, 'a');
  EXPECT_EQ(ValidatePoliceReport(p).reason(), "police.note");
}

TEST(FollowupTest, ImpersonalCrime) {
  Incident inc;
  inc.category = Category::kHot;
  EXPECT_FALSE(ImpersonalCrime(inc));
  inc.aimed_at_person = false;
  EXPECT_TRUE(ImpersonalCrime(inc));
  inc.aimed_at_person = true;
  inc.category = Category::kSkadegorelse;
  EXPECT_TRUE(ImpersonalCrime(inc));
  inc.category = Category::kStoldInbrott;
  EXPECT_TRUE(ImpersonalCrime(inc));
  inc.category = Category::kTrakasserier;
  EXPECT_FALSE(ImpersonalCrime(inc));
}

TEST(FollowupTest, ArbetsmiljoverketAndWorkInjury) {
  Incident inc;
  inc.exposed_user_ids = {1};
  inc.severity = kSeverityMattlig;
  EXPECT_FALSE(RequiresArbetsmiljoverket(inc));
  EXPECT_FALSE(IsWorkInjury(inc));
  inc.severity = kSeverityAllvarlig;
  EXPECT_TRUE(RequiresArbetsmiljoverket(inc));
  inc.severity = kSeverityMattlig;
  inc.injury = Injury::kLindrig;
  EXPECT_FALSE(RequiresArbetsmiljoverket(inc));  // one person injured
  EXPECT_TRUE(IsWorkInjury(inc));
  inc.exposed_user_ids = {1, 2};
  EXPECT_TRUE(RequiresArbetsmiljoverket(inc));  // several exposed, someone injured
  inc.injury = Injury::kIngen;
  EXPECT_FALSE(RequiresArbetsmiljoverket(inc));
  EXPECT_FALSE(IsWorkInjury(inc));
}

TEST(FollowupTest, OrgNumberNeedsTheDashAndAValidCheckDigit) {
  EXPECT_TRUE(ValidOrgNumber("212000-0142"));  // Stockholms stad
  EXPECT_TRUE(ValidOrgNumber("556036-0793"));
  EXPECT_FALSE(ValidOrgNumber("212000-0143"));
  EXPECT_FALSE(ValidOrgNumber("2120000142"));
  EXPECT_FALSE(ValidOrgNumber("212000 0142"));
  EXPECT_FALSE(ValidOrgNumber("21200-00142"));
  EXPECT_FALSE(ValidOrgNumber("212000-014"));
  EXPECT_FALSE(ValidOrgNumber("21200a-0142"));
  EXPECT_FALSE(ValidOrgNumber(""));
}

TEST(FollowupTest, OrgContactValidation) {
  EXPECT_TRUE(ValidateOrgContact(Contact()).ok());
  OrgContact c = Contact();
  c.email.clear();  // optional
  EXPECT_TRUE(ValidateOrgContact(c).ok());

  c = Contact();
  c.legal_name = "  ";
  EXPECT_EQ(ValidateOrgContact(c).reason(), "org_contact.legal_name");
  c = Contact();
  c.org_number = "212000-0143";
  EXPECT_EQ(ValidateOrgContact(c).reason(), "org_contact.org_number");
  c.org_number.clear();
  EXPECT_EQ(ValidateOrgContact(c).reason(), "org_contact.org_number");

  c = Contact();
  for (const std::string& bad :
       {std::string(), std::string("1234"), std::string("08-123 abc"), std::string(31, '1')}) {
    c.phone = bad;
    EXPECT_EQ(ValidateOrgContact(c).reason(), "org_contact.phone") << bad;
  }
  c.phone = "(08) 508-000";
  EXPECT_TRUE(ValidateOrgContact(c).ok());

  c = Contact();
  for (const char* bad : {"farsta", "a@b@c", "@stockholm.se", "farsta@"}) {
    c.email = bad;
    EXPECT_EQ(ValidateOrgContact(c).reason(), "org_contact.email") << bad;
  }

  c = Contact();
  c.city = std::string(201, 'a');
  Status s = ValidateOrgContact(c);
  EXPECT_EQ(s.reason(), "org_contact.too_long");
  EXPECT_EQ(s.detail(), "city");
  c.city.clear();
  for (int i = 0; i < 200; ++i) c.city += "ö";  // 200 characters
  EXPECT_TRUE(ValidateOrgContact(c).ok());
}

}  // namespace
}  // namespace trygg
