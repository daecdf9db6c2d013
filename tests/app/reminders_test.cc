// Reminders and escalations with an injected clock: deadlines fall at the right
// instant (Stockholm time, Swedish working days) and each is told exactly once.
#include <algorithm>

#include "app/mail_outbox.h"
#include "app_fixture.h"

namespace trygg::testing {
namespace {

class ReminderTest : public AppFixture {
 protected:
  static TimeMs At(const char* iso) { return *ParseIso8601(iso); }

  // How many notifications of `kind` about `incident` `who` has.
  static int Count(const Principal& who, NotificationKind kind, IncidentId incident) {
    auto page = app().notifications().List(who, false, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return static_cast<int>(
        std::count_if(page->items.begin(), page->items.end(), [&](const NotificationItem& i) {
          return i.notification.kind == kind && i.notification.incident_id == incident;
        }));
  }

  static ReminderRun Run() {
    auto run = app().reminders().RunOnce();
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : ReminderRun{};
  }

  static std::optional<RuleCheck> Rule(const IncidentView& v, RuleKind kind) {
    for (const RuleCheck& c : v.rules) {
      if (c.kind == kind) return c;
    }
    return std::nullopt;
  }
};

// Friday 20 November 2026, 16:00 in Stockholm (CET, UTC+1): a serious threat.
// Arbetsmiljöverket must be told the same day: due at Friday 24:00 local
// (23:00 UTC). Not a moment before, the säkerhetssamordnare is told once.
TEST_F(ReminderTest, SeriousIncidentFridayAfternoonEscalatesAtMidnightExactlyOnce) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  const IncidentView v = Report(people().employee, org().eb, false, /*weapon=*/true);
  const IncidentId id = v.incident.id;
  ASSERT_TRUE(IsSerious(v.incident.severity));
  ASSERT_TRUE(v.arbetsmiljoverket_due.has_value());
  EXPECT_EQ(*v.arbetsmiljoverket_due, At("2026-11-20T23:00:00Z"));

  clock().Set(At("2026-11-20T22:59:59Z"));  // 23:59:59 local
  Run();
  EXPECT_EQ(Count(people().sakerhet, NotificationKind::kEscalation, id), 0);
  auto before = app().incidents().Get(people().chef_eb, id);
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(Rule(*before, RuleKind::kAuthorityNotified)->state, RuleState::kPending);

  clock().Set(At("2026-11-20T23:00:00Z"));  // Saturday 00:00 local
  ReminderRun first = Run();
  EXPECT_GE(first.escalations, 1);
  EXPECT_EQ(Count(people().sakerhet, NotificationKind::kEscalation, id), 1);
  EXPECT_EQ(Count(people().chef_eb, NotificationKind::kRuleBreached, id), 1);
  // The säkerhetssamordnare of another förvaltning is not told.
  EXPECT_EQ(Count(people().sakerhet_soder, NotificationKind::kEscalation, id), 0);
  auto after = app().incidents().Get(people().chef_eb, id);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(Rule(*after, RuleKind::kAuthorityNotified)->state, RuleState::kBreached);
  // The chef's acknowledgement is due only at the end of Monday: not breached.
  EXPECT_EQ(Rule(*after, RuleKind::kAcknowledged)->state, RuleState::kPending);

  // Again, and again after a "restart" (a new App over the same store).
  clock().Advance(kMsPerHour);
  Run();
  App restarted(*store_, clock());
  ASSERT_TRUE(restarted.reminders().RunOnce().ok());
  EXPECT_EQ(Count(people().sakerhet, NotificationKind::kEscalation, id), 1);
  EXPECT_EQ(Count(people().chef_eb, NotificationKind::kRuleBreached, id), 1);

  // Notified late: the rule is met late and is no longer a current breach.
  AuthorityNotice notice;
  notice.authority = Authority::kArbetsmiljoverket;
  notice.notified_at = clock().NowMs();
  notice.channel = NoticeChannel::kETjanst;
  notice.reference = "2026/012345";
  ASSERT_TRUE(app().followup().PutNotice(people().chef_eb, id, notice).ok());
  auto met = app().incidents().Get(people().chef_eb, id);
  EXPECT_EQ(Rule(*met, RuleKind::kAuthorityNotified)->state, RuleState::kMetLate);
  auto breaches = app().followup().Breaches(people().chef_eb, std::nullopt);
  ASSERT_TRUE(breaches.ok());
  for (const Breach& b : *breaches) {
    EXPECT_FALSE(b.incident.id == id && b.rule.kind == RuleKind::kAuthorityNotified);
  }
}

TEST_F(ReminderTest, NotifiedTheSameDayNeverEscalates) {
  clock().Set(At("2026-11-27T15:00:00Z"));
  const IncidentId id = Report(people().employee, org().eb, false, true).incident.id;
  clock().Set(At("2026-11-27T19:00:00Z"));
  AuthorityNotice notice;
  notice.authority = Authority::kArbetsmiljoverket;
  notice.notified_at = clock().NowMs();
  notice.channel = NoticeChannel::kTelefon;
  ASSERT_TRUE(app().followup().PutNotice(people().chef_eb, id, notice).ok());
  clock().Set(At("2026-11-30T10:00:00Z"));
  Run();
  EXPECT_EQ(Count(people().sakerhet, NotificationKind::kEscalation, id), 0);
  auto v = app().incidents().Get(people().chef_eb, id);
  EXPECT_EQ(Rule(*v, RuleKind::kAuthorityNotified)->state, RuleState::kMet);
}

// Acknowledged within one working day: Friday 16:00 → end of Monday.
TEST_F(ReminderTest, AcknowledgementIsDueAtTheEndOfTheNextWorkingDay) {
  clock().Set(At("2026-12-04T15:00:00Z"));
  const IncidentId id = Report(people().employee, org().eb).incident.id;
  clock().Set(At("2026-12-07T22:59:00Z"));  // Monday 23:59 local
  Run();
  EXPECT_EQ(Count(people().chef_eb, NotificationKind::kRuleBreached, id), 0);
  clock().Set(At("2026-12-07T23:00:00Z"));  // Tuesday 00:00 local
  Run();
  // Acknowledgement and support are both late by now; police within 2 days is not.
  auto v = app().incidents().Get(people().chef_eb, id);
  EXPECT_EQ(Rule(*v, RuleKind::kAcknowledged)->state, RuleState::kBreached);
  EXPECT_EQ(Rule(*v, RuleKind::kPoliceReport)->state, RuleState::kPending);
  EXPECT_EQ(Count(people().chef_eb, NotificationKind::kRuleBreached, id), 1);
  // The avdelning's chef is not the nearest chef: not told.
  EXPECT_EQ(Count(people().chef_ifo, NotificationKind::kRuleBreached, id), 0);
}

TEST_F(ReminderTest, MeasureOwnerIsRemindedBeforeAndAfterTheDueDay) {
  clock().Set(At("2026-12-14T09:00:00Z"));
  const IncidentId id = Report(people().employee, org().eb).incident.id;
  NewMeasure m{"Larmknapp i receptionen", people().colleague.user.id, At("2026-12-16T00:00:00Z")};
  auto measure = app().incidents().AddMeasure(people().chef_eb, id, m);
  ASSERT_TRUE(measure.ok()) << measure.status().ToString();
  EXPECT_EQ(Count(people().colleague, NotificationKind::kMeasureAssigned, id), 1);
  Run();
  EXPECT_EQ(Count(people().colleague, NotificationKind::kDeadlineNear, id), 0);
  clock().Set(At("2026-12-15T08:00:00Z"));
  Run();
  Run();
  EXPECT_EQ(Count(people().colleague, NotificationKind::kDeadlineNear, id), 1);
  clock().Set(At("2026-12-17T00:00:00Z"));
  Run();
  EXPECT_EQ(Count(people().colleague, NotificationKind::kDeadlinePassed, id), 1);
}

TEST_F(ReminderTest, PoliceCaseStatusChangesNotifyTheExposedEmployee) {
  clock().Set(At("2026-12-18T09:00:00Z"));
  // Reported by the colleague, who is then the exposed one.
  const IncidentId id = Report(people().colleague, org().eb).incident.id;
  auto v = app().incidents().Get(people().chef_eb, id);
  ASSERT_TRUE(v.ok());
  PoliceReportInput in;
  in.reported = true;
  in.reporter = PoliceReporter::kMedarbetare;
  in.reported_at = clock().NowMs();
  in.case_number = "5000-K123456-26";
  // The exposed employee records their own report as målsägande.
  const Principal& exposed = people().colleague;
  auto own = app().followup().PutPoliceReport(exposed, id, in);
  ASSERT_TRUE(own.ok()) << own.status().ToString();
  EXPECT_EQ(own->reported_by, exposed.user.id);
  // The skyddsombud sees the incident but is neither exposed nor its manager;
  // a colleague without a part in it does not even see it.
  EXPECT_EQ(app().followup().PutPoliceReport(people().skyddsombud, id, in).status().reason(),
            "police.forbidden");
  EXPECT_EQ(app().followup().PutPoliceReport(people().employee, id, in).status().code(),
            StatusCode::kNotFound);
  // The chef records that a preliminary investigation has begun.
  in.case_status = PoliceCaseStatus::kForundersokning;
  ASSERT_TRUE(app().followup().PutPoliceReport(people().chef_eb, id, in).ok());
  EXPECT_EQ(Count(exposed, NotificationKind::kPoliceStatus, id), 1);
  auto full = app().incidents().Get(people().chef_eb, id);
  ASSERT_TRUE(full->police_report.has_value());
  EXPECT_EQ(full->police_report->case_status, PoliceCaseStatus::kForundersokning);
  EXPECT_EQ(Rule(*full, RuleKind::kPoliceReport)->state, RuleState::kMet);
}

}  // namespace
}  // namespace trygg::testing
