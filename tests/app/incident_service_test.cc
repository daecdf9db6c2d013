#include <gtest/gtest.h>

#include <algorithm>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class IncidentServiceTest : public AppFixture {};

bool Informs(const std::vector<Informed>& v, Role role, UserId id) {
  return std::any_of(v.begin(), v.end(),
                     [&](const Informed& i) { return i.role == role && i.user_id == id; });
}

TEST_F(IncidentServiceTest, ReportDefaultsToMeAndMyUnitAndTellsNearestChefAndSkyddsombud) {
  NewIncident in;
  in.category = Category::kHot;
  in.occurred_at = clock().NowMs() - kMsPerMinute;
  std::vector<Informed> informed;
  auto r = app().incidents().Create(people().employee, in, &informed);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->incident.unit_id, org().eb);
  EXPECT_EQ(r->incident.exposed_user_ids, std::vector<UserId>{people().employee.user.id});
  EXPECT_EQ(r->incident.status, IncidentStatus::kNy);
  EXPECT_TRUE(Informs(informed, Role::kChef, people().chef_eb.user.id));
  EXPECT_FALSE(Informs(informed, Role::kChef, people().chef_ifo.user.id)) << "not the nearest";
  EXPECT_TRUE(Informs(informed, Role::kSkyddsombud, people().skyddsombud.user.id));
  EXPECT_FALSE(Informs(informed, Role::kSakerhetssamordnare, people().sakerhet.user.id));
}

TEST_F(IncidentServiceTest, SeriousIncidentDrawsInSakerhetssamordnare) {
  NewIncident in;
  in.category = Category::kHot;
  in.occurred_at = clock().NowMs() - kMsPerMinute;
  in.weapon = true;
  in.severity = 1;
  std::vector<Informed> informed;
  auto r = app().incidents().Create(people().employee, in, &informed);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->incident.severity, kSeverityAllvarlig) << "a weapon raises the severity";
  EXPECT_TRUE(Informs(informed, Role::kSakerhetssamordnare, people().sakerhet.user.id));
  EXPECT_FALSE(Informs(informed, Role::kSakerhetssamordnare, people().sakerhet_soder.user.id));
  auto inbox = app().incidents().Inbox(people().sakerhet);
  ASSERT_TRUE(inbox.ok());
  EXPECT_TRUE(std::any_of(inbox->begin(), inbox->end(), [&](const InboxItem& i) {
    return i.reason == "serious" && i.incident.incident.id == r->incident.id;
  }));
}

TEST_F(IncidentServiceTest, BadInputIsRejectedAndNothingIsStored) {
  auto before = app().incidents().List(people().chef_ifo, IncidentQuery{});
  ASSERT_TRUE(before.ok());
  NewIncident in;
  in.category = Category::kHot;
  in.occurred_at = clock().NowMs() + kMsPerDay;
  EXPECT_EQ(app().incidents().Create(people().employee, in, nullptr).status().reason(),
            "incident.occurred_in_future");
  in.occurred_at = clock().NowMs() - kMsPerHour;
  in.unit_id = org().ifo;  // an avdelning, not an enhet
  EXPECT_EQ(app().incidents().Create(people().employee, in, nullptr).status().reason(),
            "incident.unit_id");
  in.unit_id.reset();
  in.exposed_user_ids = {999999};
  EXPECT_EQ(app().incidents().Create(people().employee, in, nullptr).status().reason(),
            "incident.exposed_user_ids");
  auto after = app().incidents().List(people().chef_ifo, IncidentQuery{});
  EXPECT_EQ(after->total, before->total);
}

TEST_F(IncidentServiceTest, CloseIsRefusedWhileAMeasureIsOpenThenAllowed) {
  IncidentView v = Report(people().employee, org().eb);
  const IncidentId id = v.incident.id;
  auto& svc = app().incidents();
  ASSERT_TRUE(svc.Transition(people().chef_eb, id, IncidentAction::kAcknowledge, "", 1).ok());
  auto m = svc.AddMeasure(people().chef_eb, id,
                          {"Larmknapp i besöksrummet", people().chef_eb.user.id,
                           *ParseDate("2026-12-01")});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  auto refused = svc.Transition(people().chef_eb, id, IncidentAction::kClose, "", std::nullopt);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().reason(), "workflow.open_measures");
  MeasurePatch done;
  done.status = MeasureStatus::kKlar;
  ASSERT_TRUE(svc.UpdateMeasure(people().chef_eb, id, m->id, done).ok());
  auto closed = svc.Transition(people().chef_eb, id, IncidentAction::kClose, "", std::nullopt);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->incident.status, IncidentStatus::kAvslutad);
  ASSERT_TRUE(closed->incident.closed_at.has_value());
  // A closed incident takes no new measures; reopening needs a reason.
  EXPECT_EQ(svc.AddMeasure(people().chef_eb, id, {"x", people().chef_eb.user.id, 1}).status().reason(),
            "incident.closed");
  EXPECT_FALSE(svc.Transition(people().chef_eb, id, IncidentAction::kReopen, "", std::nullopt).ok());
  auto reopened = svc.Transition(people().chef_eb, id, IncidentAction::kReopen, "Nytt hot",
                                 std::nullopt);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->incident.status, IncidentStatus::kUtreds);
  EXPECT_FALSE(reopened->incident.closed_at.has_value());
  // The logbook tells the story, in order.
  std::vector<std::string> actions;
  for (const LogEntry& e : reopened->log) actions.push_back(e.action);
  EXPECT_EQ(actions, (std::vector<std::string>{"created", "status_changed", "measure_added",
                                               "measure_updated", "status_changed",
                                               "status_changed", "reopened"}));
}

TEST_F(IncidentServiceTest, StaleVersionIsAConflict) {
  IncidentView v = Report(people().employee, org().eb);
  auto& svc = app().incidents();
  ASSERT_TRUE(svc.Transition(people().chef_eb, v.incident.id, IncidentAction::kAcknowledge, "",
                             v.incident.version)
                  .ok());
  auto stale = svc.Transition(people().chef_eb, v.incident.id, IncidentAction::kInvestigate, "",
                              v.incident.version);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
}

TEST_F(IncidentServiceTest, InvisibleIsNotFoundVisibleButNotManagerIsForbidden) {
  IncidentView v = Report(people().employee, org().eb);
  const IncidentId id = v.incident.id;
  auto& svc = app().incidents();
  for (const Principal* p : {&people().chef_rec, &people().colleague, &people().analytiker,
                             &people().admin, &people().sakerhet_soder}) {
    EXPECT_EQ(svc.Get(*p, id).status().code(), StatusCode::kNotFound) << p->user.username;
    EXPECT_EQ(svc.Transition(*p, id, IncidentAction::kAcknowledge, "", std::nullopt).status().code(),
              StatusCode::kNotFound);
  }
  EXPECT_EQ(svc.Get(people().chef_rec, 987654).status().reason(),
            svc.Get(people().chef_rec, id).status().reason());
  auto so = svc.Transition(people().skyddsombud, id, IncidentAction::kAcknowledge, "", std::nullopt);
  EXPECT_EQ(so.status().code(), StatusCode::kPermissionDenied);
}

TEST_F(IncidentServiceTest, SensitiveIncidentIsRedactedPerRole) {
  IncidentView v = Report(people().employee, org().eb, /*sensitive=*/true);
  const IncidentId id = v.incident.id;
  auto& svc = app().incidents();
  auto own_chef = svc.Get(people().chef_eb, id);
  ASSERT_TRUE(own_chef.ok());
  EXPECT_EQ(own_chef->incident.perpetrator_note, "Känd sedan tidigare");
  EXPECT_EQ(svc.Get(people().chef_ifo, id).status().code(), StatusCode::kNotFound);
  auto so = svc.Get(people().skyddsombud, id);
  ASSERT_TRUE(so.ok());
  EXPECT_TRUE(so->incident.description.empty());
  EXPECT_FALSE(so->incident.perpetrator_relation.has_value());
  EXPECT_TRUE(so->notes.empty());
  EXPECT_TRUE(so->log.empty());
  EXPECT_TRUE(so->incident.exposed_user_ids.empty());
  auto reporter = svc.Get(people().employee, id);
  ASSERT_TRUE(reporter.ok());
  EXPECT_EQ(reporter->incident.description, "Brukaren hotade efter avslag");
  EXPECT_TRUE(reporter->incident.perpetrator_note.empty());
  auto list = svc.List(people().chef_ifo, IncidentQuery{});
  ASSERT_TRUE(list.ok());
  for (const IncidentView& item : list->items) EXPECT_NE(item.incident.id, id);
}

TEST_F(IncidentServiceTest, EveryDetailReadIsAuditedAndTheChainVerifies) {
  IncidentView v = Report(people().employee, org().eb);
  auto before = app().audit().Verify(nullptr);
  ASSERT_TRUE(before.ok());
  ASSERT_TRUE(app().incidents().Get(people().chef_eb, v.incident.id).ok());
  auto after = app().audit().Verify(nullptr);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->ok);
  EXPECT_EQ(after->records, before->records + 1);
  auto records = app().audit().List(people().admin, after->records - 1, 10);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ(records->front().action, "incident.read");
  EXPECT_EQ(records->front().target_id, v.incident.id);
  EXPECT_EQ(records->front().actor_id, people().chef_eb.user.id);
}

TEST_F(IncidentServiceTest, SeverityCannotGoBelowWhatTheFactsSay) {
  IncidentView v = Report(people().employee, org().eb, false, /*weapon=*/true);
  IncidentPatch p;
  p.severity = 2;
  auto r = app().incidents().Update(people().chef_eb, v.incident.id, p, std::nullopt);
  EXPECT_EQ(r.status().reason(), "incident.severity_below_minimum");
  p.severity = 4;
  r = app().incidents().Update(people().chef_eb, v.incident.id, p, std::nullopt);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->incident.severity, 4);
}

TEST_F(IncidentServiceTest, ChefInboxHasNewAndOverdueMeasures) {
  IncidentView v = Report(people().employee, org().eb);
  auto inbox = app().incidents().Inbox(people().chef_eb);
  ASSERT_TRUE(inbox.ok());
  EXPECT_TRUE(std::any_of(inbox->begin(), inbox->end(), [&](const InboxItem& i) {
    return i.reason == "new" && i.incident.incident.id == v.incident.id;
  }));
  auto& svc = app().incidents();
  ASSERT_TRUE(svc.Transition(people().chef_eb, v.incident.id, IncidentAction::kAcknowledge, "",
                             std::nullopt)
                  .ok());
  auto m = svc.AddMeasure(people().chef_eb, v.incident.id,
                          {"Samtal", people().colleague.user.id, clock().NowMs() + kMsPerDay});
  ASSERT_TRUE(m.ok());
  clock().Advance(3 * kMsPerDay);
  inbox = app().incidents().Inbox(people().chef_eb);
  EXPECT_TRUE(std::any_of(inbox->begin(), inbox->end(), [&](const InboxItem& i) {
    return i.reason == "overdue_measure" && i.measure && i.measure->id == m->id;
  }));
  clock().Advance(-3 * kMsPerDay);
}

}  // namespace
}  // namespace trygg::testing
