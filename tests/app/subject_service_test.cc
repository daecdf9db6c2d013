#include <gtest/gtest.h>

#include <set>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class SubjectServiceTest : public AppFixture {
 protected:
  static Status Name(const Principal& who, IncidentId id, const std::string& case_number) {
    return app().subjects().PutIncidentSubject(who, id, SubjectIdKind::kArendenummer, case_number);
  }
};

TEST_F(SubjectServiceTest, ManagersAndSakerhetssamordnareNameThePersonOthersMayNot) {
  IncidentView inc = Report(people().employee, org().eb);
  const IncidentId id = inc.incident.id;
  EXPECT_EQ(Name(people().employee, id, "S-1").reason(), "subject.forbidden")
      << "the reporter sees the incident but does not manage it";
  EXPECT_EQ(Name(people().skyddsombud, id, "S-1").reason(), "subject.forbidden");
  EXPECT_EQ(Name(people().chef_rec, id, "S-1").reason(), "incident.not_found");
  EXPECT_EQ(Name(people().admin, id, "S-1").reason(), "incident.not_found");
  EXPECT_EQ(Name(people().sakerhet_soder, id, "S-1").reason(), "incident.not_found");
  EXPECT_EQ(Name(people().chef_eb, 999999, "S-1").reason(), "incident.not_found");
  EXPECT_EQ(Name(people().chef_eb, id, "bad*number").reason(), "subject.identifier");
  EXPECT_TRUE(Name(people().sakerhet, id, "S-1").ok());
  EXPECT_TRUE(Name(people().chef_eb, id, "s-1").ok());

  EXPECT_EQ(app().subjects().IncidentSubjectHistory(people().employee, id).status().reason(),
            "subject.forbidden");
  EXPECT_EQ(app().subjects().IncidentSubjectHistory(people().chef_rec, id).status().reason(),
            "incident.not_found");
  auto h = app().subjects().IncidentSubjectHistory(people().chef_eb, id);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  ASSERT_TRUE(*h);
  EXPECT_EQ((*h)->total, 0);

  // Un-naming removes the link.
  EXPECT_TRUE(app()
                  .subjects()
                  .PutIncidentSubject(people().chef_eb, id, SubjectIdKind::kArendenummer, "")
                  .ok());
  h = app().subjects().IncidentSubjectHistory(people().chef_eb, id);
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(*h);
}

TEST_F(SubjectServiceTest, HistoryIsSplitBetweenScopeAndElsewhere) {
  const std::string client = "HIST-77";
  IncidentView a = Report(people().employee, org().eb);
  IncidentView b = Report(people().colleague, org().bou, /*sensitive=*/false, /*weapon=*/true);
  IncidentView c = Report(people().chef_rec, org().rec);
  IncidentView now = Report(people().employee, org().eb);
  ASSERT_TRUE(Name(people().chef_eb, a.incident.id, client).ok());
  ASSERT_TRUE(Name(people().chef_ifo, b.incident.id, "hist-77").ok())
      << "the same case number, spelt otherwise";
  ASSERT_TRUE(Name(people().chef_rec, c.incident.id, client).ok());
  ASSERT_TRUE(Name(people().chef_eb, now.incident.id, client).ok());

  // The chef of EB sees EB only; BoU and Reception are counted as elsewhere.
  auto eb = app().subjects().IncidentSubjectHistory(people().chef_eb, now.incident.id);
  ASSERT_TRUE(eb.ok()) << eb.status().ToString();
  ASSERT_TRUE(*eb);
  EXPECT_EQ((*eb)->in_scope, 1);
  EXPECT_EQ((*eb)->elsewhere, 2);
  EXPECT_EQ((*eb)->total, 3);
  EXPECT_EQ((*eb)->unit_names, std::vector<std::string>{"Norr / IFO / Ekonomiskt bistånd"});
  EXPECT_EQ((*eb)->latest_at, a.incident.occurred_at);
  EXPECT_EQ((*eb)->highest_severity, a.incident.severity);
  EXPECT_EQ((*eb)->total_highest_severity, kSeverityAllvarlig) << "the weapon in BoU";

  // The säkerhetssamordnare of Norr sees the whole förvaltning.
  auto norr = app().subjects().IncidentSubjectHistory(people().sakerhet, now.incident.id);
  ASSERT_TRUE(norr.ok());
  EXPECT_EQ((*norr)->in_scope, 2);
  EXPECT_EQ((*norr)->elsewhere, 1);
  EXPECT_EQ((*norr)->highest_severity, kSeverityAllvarlig);
  EXPECT_EQ((*norr)->unit_names, (std::vector<std::string>{"Norr / IFO / Barn och unga",
                                                           "Norr / IFO / Ekonomiskt bistånd"}));
  EXPECT_FALSE((*norr)->protected_case);
}

TEST_F(SubjectServiceTest, WithoutAKeyNobodyIsNamed) {
  App bare(*store_, *clock_);
  IncidentView inc = Report(people().employee, org().eb);
  Status s = bare.subjects().PutIncidentSubject(people().chef_eb, inc.incident.id,
                                                SubjectIdKind::kArendenummer, "K-1");
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.reason(), "subject.not_configured");
}

TEST_F(SubjectServiceTest, AuditNamesTheKindNeverTheIdentifierOrKey) {
  IncidentView inc = Report(people().employee, org().eb);
  ASSERT_TRUE(Name(people().chef_eb, inc.incident.id, "SECRET-4711").ok());
  ASSERT_TRUE(app().subjects().IncidentSubjectHistory(people().chef_eb, inc.incident.id).ok());
  auto key = Pseudonymizer(PseudonymKey())
                 .Key(SubjectIdKind::kArendenummer, "SECRET-4711", clock().NowMs());
  ASSERT_TRUE(key.ok());
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  int set = 0, read = 0;
  auto records = (*tx)->ListAudit(0, 100000);
  ASSERT_TRUE(records.ok());
  for (const AuditRecord& r : *records) {
    EXPECT_EQ(r.detail.find("4711"), std::string::npos) << r.action;
    EXPECT_EQ(r.detail.find(*key), std::string::npos) << r.action;
    if (r.target_id != inc.incident.id || r.target_type != "incident") continue;
    if (r.action == "incident.subject_set") {
      ++set;
      EXPECT_EQ(r.detail, "arendenummer");
    }
    if (r.action == "incident.subject_history_read") ++read;
  }
  EXPECT_EQ(set, 1);
  EXPECT_EQ(read, 1);
}

}  // namespace
}  // namespace trygg::testing
