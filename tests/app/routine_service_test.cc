// Routine use cases: who publishes and reads, acknowledging each version, and
// the reminder schedule (day 20 to the employee, day 31 to the nearest chef).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class RoutineServiceTest : public AppFixture {
 protected:
  static TimeMs At(const char* iso) { return *ParseIso8601(iso); }

  static NewRoutine InUnit(UnitId unit, const std::string& title = "Hot i receptionen") {
    NewRoutine in;
    in.unit_id = unit;
    in.title = title;
    in.summary = "Larma, gå undan, ring 112.";
    in.document_url = "https://intranat.example.se/rutiner/hot";
    in.owner_user_id = people().sakerhet.user.id;
    in.revision_date = *ParseDate("2027-06-30");
    return in;
  }

  static RoutineView Create(const Principal& who, const NewRoutine& in) {
    auto r = app().routines().Create(who, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RoutineView{};
  }

  static RoutineView Ack(const Principal& who, int64_t id) {
    auto r = app().routines().Acknowledge(who, id);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RoutineView{};
  }

  static bool Lists(const std::vector<RoutineView>& rows, int64_t id) {
    return std::any_of(rows.begin(), rows.end(),
                       [&](const RoutineView& v) { return v.routine.id == id; });
  }

  static std::set<std::string> AuditActions(int64_t id) {
    std::set<std::string> actions;
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto records = (*tx)->ListAudit(0, 100000);
    EXPECT_TRUE(records.ok());
    for (const AuditRecord& r : *records) {
      if (r.target_type == "routine" && r.target_id == id) {
        actions.insert(r.action);
        EXPECT_EQ(r.detail.find("Hot"), std::string::npos);  // ids and codes only
      }
    }
    return actions;
  }
};

TEST_F(RoutineServiceTest, ChefOrSakerhetssamordnareCoveringTheUnitOrAdminPublishes) {
  for (const Principal* who : {&people().employee, &people().skyddsombud, &people().analytiker,
                               &people().chef_rec, &people().sakerhet_soder}) {
    EXPECT_EQ(app().routines().Create(*who, InUnit(org().eb)).status().reason(),
              "routine.forbidden")
        << who->user.username;
  }
  // The chef of EB does not cover IFO.
  EXPECT_EQ(app().routines().Create(people().chef_eb, InUnit(org().ifo)).status().reason(),
            "routine.forbidden");
  for (const Principal* who :
       {&people().chef_eb, &people().chef_ifo, &people().sakerhet, &people().admin}) {
    auto r = app().routines().Create(*who, InUnit(org().eb));
    EXPECT_TRUE(r.ok()) << who->user.username << " " << r.status().ToString();
  }
  EXPECT_EQ(app().routines().Create(people().admin, InUnit(987654)).status().reason(),
            "routine.unit_id");
}

TEST_F(RoutineServiceTest, CreateValidatesFieldsAndOwner) {
  NewRoutine in = InUnit(org().eb);
  in.title = "";
  EXPECT_EQ(app().routines().Create(people().chef_eb, in).status().reason(), "routine.title");
  in = InUnit(org().eb);
  in.document_url = "ftp://example.se/x";
  EXPECT_EQ(app().routines().Create(people().chef_eb, in).status().reason(),
            "routine.document_url");
  in = InUnit(org().eb);
  in.owner_user_id = 987654;
  auto r = app().routines().Create(people().chef_eb, in);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "routine.owner");

  // An inactive owner is refused too.
  auto gone = app().users().Create(
      nullptr, NewUser{"slutat", "Slutat Person", "", org().eb, "correct horse battery"});
  ASSERT_TRUE(gone.ok());
  UserPatch off;
  off.active = false;
  ASSERT_TRUE(app().users().Update(people().admin, gone->user.id, off).ok());
  in.owner_user_id = gone->user.id;
  EXPECT_EQ(app().routines().Create(people().chef_eb, in).status().reason(), "routine.owner");
}

TEST_F(RoutineServiceTest, CreatePublishesVersionOneNowForEveryoneInScope) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  const RoutineView v = Create(people().chef_eb, InUnit(org().eb, "Ensamarbete"));
  EXPECT_GT(v.routine.id, 0);
  EXPECT_EQ(v.routine.version, 1);
  EXPECT_EQ(v.routine.published_at, clock().NowMs());
  EXPECT_EQ(v.routine.status, RoutineStatus::kAktiv);
  EXPECT_EQ(v.routine.created_by, people().chef_eb.user.id);
  EXPECT_TRUE(v.current);
  EXPECT_TRUE(v.may_edit);
  EXPECT_TRUE(v.in_my_scope);  // the chef works in EB
  EXPECT_FALSE(v.my_ack_at.has_value());
  EXPECT_EQ(v.owner_name, "Person sak");
  EXPECT_NE(v.unit_name.find("Ekonomiskt bistånd"), std::string::npos);
  // EB's active staff: employee, colleague, the chef (the inactive user is not counted).
  ASSERT_TRUE(v.staff_in_scope.has_value());
  EXPECT_EQ(*v.staff_in_scope, 3);
  EXPECT_EQ(v.acknowledged, 0);
  EXPECT_EQ(v.missing.size(), 3u);
  EXPECT_EQ(v.names.at(people().colleague.user.id), "Person colleague");
  EXPECT_EQ(AuditActions(v.routine.id), std::set<std::string>{"routine.created"});

  // Past the revision date it is no longer current.
  clock().Set(At("2027-07-01T12:00:00Z"));
  auto later = app().routines().Get(people().employee, v.routine.id);
  ASSERT_TRUE(later.ok());
  EXPECT_FALSE(later->current);
  clock().Set(At("2026-11-20T15:00:00Z"));
}

TEST_F(RoutineServiceTest, ReadByStaffInScopeAndEditorsOnly) {
  const RoutineView eb = Create(people().chef_eb, InUnit(org().eb, "Läsbar EB"));
  const RoutineView norr = Create(people().sakerhet, InUnit(org().norr, "Läsbar Norr"));

  auto emp = app().routines().Get(people().employee, eb.routine.id);
  ASSERT_TRUE(emp.ok());
  EXPECT_TRUE(emp->in_my_scope);
  EXPECT_FALSE(emp->may_edit);
  EXPECT_FALSE(emp->staff_in_scope.has_value());  // staff see no one else's acknowledgement
  EXPECT_TRUE(emp->missing.empty());

  for (const Principal* who : {&people().chef_rec, &people().sakerhet_soder, &people().skyddsombud,
                               &people().analytiker}) {
    EXPECT_EQ(app().routines().Get(*who, eb.routine.id).status().reason(), "routine.not_found")
        << who->user.username;
  }
  EXPECT_EQ(app().routines().Get(people().employee, 987654).status().reason(), "routine.not_found");
  // The skyddsombud works in BoU, inside Norr.
  auto so = app().routines().Get(people().skyddsombud, norr.routine.id);
  ASSERT_TRUE(so.ok());
  EXPECT_TRUE(so->in_my_scope);

  // The admin edits anywhere; a säkerhetssamordnare covering EB edits it
  // without being in its scope.
  auto sak = app().routines().Get(people().sakerhet, eb.routine.id);
  ASSERT_TRUE(sak.ok());
  EXPECT_TRUE(sak->may_edit);
  EXPECT_FALSE(sak->in_my_scope);
  EXPECT_TRUE(app().routines().Get(people().admin, eb.routine.id)->may_edit);

  auto listed = app().routines().List(people().chef_rec, std::nullopt);
  ASSERT_TRUE(listed.ok());
  EXPECT_FALSE(Lists(*listed, eb.routine.id));
  EXPECT_FALSE(Lists(*listed, norr.routine.id));
  listed = app().routines().List(people().employee, std::nullopt);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(Lists(*listed, eb.routine.id));
  EXPECT_TRUE(Lists(*listed, norr.routine.id));
  listed = app().routines().List(people().sakerhet, RoutineStatus::kArkiverad);
  ASSERT_TRUE(listed.ok());
  EXPECT_FALSE(Lists(*listed, eb.routine.id));
}

TEST_F(RoutineServiceTest, ChefsSeeWhoHasNotAcknowledgedInTheirOwnUnits) {
  const RoutineView norr = Create(people().sakerhet, InUnit(org().norr, "Hela Norr"));
  Ack(people().employee, norr.routine.id);

  // The editor sees every active person of Norr.
  auto all = app().routines().Get(people().sakerhet, norr.routine.id);
  ASSERT_TRUE(all.ok());
  ASSERT_TRUE(all->staff_in_scope.has_value());
  // employee, colleague, chef_eb (EB), chef_ifo (IFO), skyddsombud (BoU), sak (Norr).
  EXPECT_EQ(*all->staff_in_scope, 6);
  EXPECT_EQ(all->acknowledged, 1);
  EXPECT_EQ(all->missing.size(), 5u);

  // The chef of EB does not edit a Norr routine, but sees their own staff.
  auto chef = app().routines().Get(people().chef_eb, norr.routine.id);
  ASSERT_TRUE(chef.ok());
  EXPECT_FALSE(chef->may_edit);
  ASSERT_TRUE(chef->staff_in_scope.has_value());
  EXPECT_EQ(*chef->staff_in_scope, 3);
  EXPECT_EQ(chef->acknowledged, 1);
  std::vector<UserId> missing = chef->missing;
  std::sort(missing.begin(), missing.end());
  std::vector<UserId> expected = {people().colleague.user.id, people().chef_eb.user.id};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(missing, expected);
  EXPECT_EQ(chef->names.at(people().colleague.user.id), "Person colleague");
}

TEST_F(RoutineServiceTest, AcknowledgeIsIdempotentAndOnlyForStaffInScope) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  const RoutineView v = Create(people().chef_eb, InUnit(org().eb, "Bekräftas"));
  const int64_t id = v.routine.id;

  auto pending = app().routines().Pending(people().employee);
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(Lists(*pending, id));

  clock().Set(At("2026-11-21T09:00:00Z"));
  const RoutineView first = Ack(people().employee, id);
  ASSERT_TRUE(first.my_ack_at.has_value());
  EXPECT_EQ(*first.my_ack_at, At("2026-11-21T09:00:00Z"));
  clock().Set(At("2026-11-22T09:00:00Z"));
  const RoutineView again = Ack(people().employee, id);
  EXPECT_EQ(again.my_ack_at, first.my_ack_at);  // the first time is kept
  pending = app().routines().Pending(people().employee);
  ASSERT_TRUE(pending.ok());
  EXPECT_FALSE(Lists(*pending, id));
  EXPECT_EQ(app().routines().Get(people().chef_eb, id)->acknowledged, 1);

  // An editor outside the scope may not acknowledge; others do not see it.
  auto out = app().routines().Acknowledge(people().sakerhet, id);
  EXPECT_EQ(out.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(out.status().reason(), "routine.not_in_scope");
  EXPECT_EQ(app().routines().Acknowledge(people().chef_rec, id).status().reason(),
            "routine.not_found");

  // Archived: nothing to acknowledge, nothing pending.
  RoutinePatch archive;
  archive.status = RoutineStatus::kArkiverad;
  ASSERT_TRUE(app().routines().Update(people().chef_eb, id, archive).ok());
  auto archived = app().routines().Acknowledge(people().colleague, id);
  EXPECT_EQ(archived.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(archived.status().reason(), "routine.archived");
  pending = app().routines().Pending(people().colleague);
  ASSERT_TRUE(pending.ok());
  EXPECT_FALSE(Lists(*pending, id));
  const std::set<std::string> expected = {"routine.created", "routine.acknowledged",
                                          "routine.updated"};
  EXPECT_EQ(AuditActions(id), expected);
  clock().Set(At("2026-11-20T15:00:00Z"));
}

TEST_F(RoutineServiceTest, NewVersionAsksEveryoneAgainAndArchivedGetsNone) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  const RoutineView v = Create(people().sakerhet, InUnit(org().eb, "Versioner"));
  const int64_t id = v.routine.id;
  Ack(people().employee, id);

  // Only editors change it.
  RoutinePatch title;
  title.title = "Versioner (rättad)";
  EXPECT_EQ(app().routines().Update(people().employee, id, title).status().reason(),
            "routine.forbidden");
  EXPECT_EQ(app().routines().Update(people().chef_rec, id, title).status().reason(),
            "routine.not_found");

  // A correction keeps the version and the acknowledgements.
  clock().Set(At("2026-11-23T10:00:00Z"));
  auto fixed = app().routines().Update(people().sakerhet, id, title);
  ASSERT_TRUE(fixed.ok()) << fixed.status().ToString();
  EXPECT_EQ(fixed->routine.title, "Versioner (rättad)");
  EXPECT_EQ(fixed->routine.version, 1);
  EXPECT_EQ(fixed->routine.published_at, At("2026-11-20T15:00:00Z"));
  EXPECT_TRUE(app().routines().Get(people().employee, id)->my_ack_at.has_value());

  RoutinePatch bad;
  bad.title = "";
  EXPECT_EQ(app().routines().Update(people().sakerhet, id, bad).status().reason(), "routine.title");
  bad = {};
  bad.owner_user_id = 987654;
  EXPECT_EQ(app().routines().Update(people().sakerhet, id, bad).status().reason(), "routine.owner");

  // A new version: published now, everyone acknowledges again.
  clock().Set(At("2026-11-25T10:00:00Z"));
  RoutinePatch next;
  next.new_version = true;
  next.summary = "Ny version";
  auto v2 = app().routines().Update(people().sakerhet, id, next);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->routine.version, 2);
  EXPECT_EQ(v2->routine.published_at, At("2026-11-25T10:00:00Z"));
  EXPECT_EQ(v2->acknowledged, 0);
  auto emp = app().routines().Get(people().employee, id);
  ASSERT_TRUE(emp.ok());
  EXPECT_FALSE(emp->my_ack_at.has_value());
  EXPECT_TRUE(Lists(*app().routines().Pending(people().employee), id));
  EXPECT_TRUE(Ack(people().employee, id).my_ack_at.has_value());

  // Archived: no new version (reactivating with one is fine).
  RoutinePatch archive;
  archive.status = RoutineStatus::kArkiverad;
  ASSERT_TRUE(app().routines().Update(people().sakerhet, id, archive).ok());
  auto refused = app().routines().Update(people().sakerhet, id, next);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().reason(), "routine.archived");
  EXPECT_EQ(app().routines().Get(people().sakerhet, id)->routine.version, 2);
  RoutinePatch revive = next;
  revive.status = RoutineStatus::kAktiv;
  auto v3 = app().routines().Update(people().sakerhet, id, revive);
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  EXPECT_EQ(v3->routine.version, 3);
  EXPECT_EQ(v3->routine.status, RoutineStatus::kAktiv);
  clock().Set(At("2026-11-20T15:00:00Z"));
}

// The schedule, in a database of its own so that other routines do not count.
class RoutineReminderTest : public RoutineServiceTest {
 protected:
  static ReminderRun Run() {
    auto run = app().reminders().RunOnce();
    EXPECT_TRUE(run.ok()) << run.status().ToString();
    return run.ok() ? *run : ReminderRun{};
  }

  // `who`'s notifications of `kind` about routine `id`.
  static std::vector<Notification> Told(const Principal& who, NotificationKind kind, int64_t id) {
    auto page = app().notifications().List(who, false, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<Notification> out;
    const std::string rid = std::to_string(id);
    for (const NotificationItem& i : page->items) {
      const Notification& n = i.notification;
      if (n.kind == kind && (n.ref == rid || n.ref.rfind(rid + ":", 0) == 0)) out.push_back(n);
    }
    return out;
  }
  static int Reminded(const Principal& who, int64_t id) {
    return static_cast<int>(Told(who, NotificationKind::kRoutineReminder, id).size());
  }
};

// Published 20 November for IFO (EB and BoU below it). The employee
// acknowledges at once; the others are reminded on day 20, and on day 31
// their nearest chef is told, once per chef: a chef who has not acknowledged
// is not told about themselves, the chef above them is.
TEST_F(RoutineReminderTest, RemindOnDayTwentyEscalateOnDayThirtyOneOnceEach) {
  clock().Set(At("2026-11-20T11:00:00Z"));
  const RoutineView v = Create(people().chef_ifo, InUnit(org().ifo, "Schema"));
  const int64_t id = v.routine.id;
  Ack(people().employee, id);

  const Principal* reminded[] = {&people().colleague, &people().chef_eb, &people().chef_ifo,
                                 &people().skyddsombud};

  clock().Set(At("2026-12-09T11:00:00Z"));  // day 19
  ReminderRun run = Run();
  EXPECT_EQ(run.routine_reminders, 0);
  EXPECT_EQ(run.routine_escalations, 0);
  for (const Principal* p : reminded) EXPECT_EQ(Reminded(*p, id), 0);

  clock().Set(At("2026-12-10T11:00:00Z"));  // day 20
  run = Run();
  EXPECT_EQ(run.routine_reminders, 4);
  EXPECT_EQ(run.routine_escalations, 0);
  for (const Principal* p : reminded) EXPECT_EQ(Reminded(*p, id), 1) << p->user.username;
  EXPECT_EQ(Reminded(people().employee, id), 0);  // acknowledged
  EXPECT_EQ(Reminded(people().chef_rec, id), 0);  // outside the scope
  EXPECT_EQ(Reminded(people().sakerhet, id), 0);  // works in Norr, above IFO
  const std::vector<Notification> told =
      Told(people().colleague, NotificationKind::kRoutineReminder, id);
  ASSERT_EQ(told.size(), 1u);
  EXPECT_EQ(told[0].ref, std::to_string(id));
  EXPECT_EQ(told[0].dedupe_key, "routine_reminder:" + std::to_string(id) + ":1");
  EXPECT_FALSE(told[0].incident_id.has_value());

  run = Run();  // again: nobody is told twice
  EXPECT_EQ(run.routine_reminders, 0);

  clock().Set(At("2026-12-20T11:00:00Z"));  // day 30
  run = Run();
  EXPECT_EQ(run.routine_reminders, 0);
  EXPECT_EQ(run.routine_escalations, 0);
  for (const Principal* p : {&people().chef_eb, &people().chef_ifo}) {
    EXPECT_TRUE(Told(*p, NotificationKind::kRoutineEscalation, id).empty());
  }

  clock().Set(At("2026-12-21T11:00:00Z"));  // day 31
  run = Run();
  EXPECT_EQ(run.routine_reminders, 0);
  // The EB chef about the colleague; the IFO chef about the EB chef and the
  // skyddsombud (BoU has no chef of its own). The IFO chef has no chef above.
  EXPECT_EQ(run.routine_escalations, 2);
  auto eb = Told(people().chef_eb, NotificationKind::kRoutineEscalation, id);
  ASSERT_EQ(eb.size(), 1u);
  EXPECT_EQ(eb[0].ref, std::to_string(id) + ":1");
  EXPECT_EQ(eb[0].dedupe_key, "routine_escalation:" + std::to_string(id) + ":1");
  auto ifo = Told(people().chef_ifo, NotificationKind::kRoutineEscalation, id);
  ASSERT_EQ(ifo.size(), 1u);
  EXPECT_EQ(ifo[0].ref, std::to_string(id) + ":2");
  for (const Principal* p : {&people().employee, &people().colleague, &people().skyddsombud,
                             &people().sakerhet, &people().chef_rec}) {
    EXPECT_TRUE(Told(*p, NotificationKind::kRoutineEscalation, id).empty());
  }

  clock().Set(At("2026-12-22T11:00:00Z"));
  run = Run();
  EXPECT_EQ(run.routine_reminders, 0);
  EXPECT_EQ(run.routine_escalations, 0);
  EXPECT_EQ(Told(people().chef_ifo, NotificationKind::kRoutineEscalation, id).size(), 1u);

  // Archived routines remind nobody.
  RoutinePatch archive;
  archive.status = RoutineStatus::kArkiverad;
  ASSERT_TRUE(app().routines().Update(people().chef_ifo, id, archive).ok());
}

TEST_F(RoutineReminderTest, ANewVersionStartsTheScheduleAgain) {
  clock().Set(At("2027-01-04T11:00:00Z"));
  const RoutineView v = Create(people().chef_eb, InUnit(org().eb, "Omstart"));
  const int64_t id = v.routine.id;
  Ack(people().employee, id);
  Ack(people().chef_eb, id);

  clock().Set(At("2027-01-24T11:00:00Z"));  // day 20 of version 1
  ReminderRun run = Run();
  EXPECT_EQ(run.routine_reminders, 1);  // the colleague
  EXPECT_EQ(Reminded(people().colleague, id), 1);
  Ack(people().colleague, id);

  // Version 2 on day 25: everyone acknowledges again, counted from now.
  clock().Set(At("2027-01-29T11:00:00Z"));
  RoutinePatch next;
  next.new_version = true;
  ASSERT_TRUE(app().routines().Update(people().chef_eb, id, next).ok());
  Ack(people().colleague, id);

  clock().Set(At("2027-02-04T11:00:00Z"));  // day 31 of version 1, day 6 of version 2
  run = Run();
  EXPECT_EQ(run.routine_reminders, 0);
  EXPECT_EQ(run.routine_escalations, 0);

  clock().Set(At("2027-02-18T11:00:00Z"));  // day 20 of version 2
  run = Run();
  EXPECT_EQ(run.routine_reminders, 2);  // the employee and the chef, this time too
  EXPECT_EQ(Reminded(people().employee, id), 1);
  EXPECT_EQ(Reminded(people().chef_eb, id), 1);
  EXPECT_EQ(Reminded(people().colleague, id), 1);  // still only version 1's
  auto emp = Told(people().employee, NotificationKind::kRoutineReminder, id);
  ASSERT_EQ(emp.size(), 1u);
  EXPECT_EQ(emp[0].dedupe_key, "routine_reminder:" + std::to_string(id) + ":2");

  clock().Set(At("2027-03-01T11:00:00Z"));  // day 31 of version 2
  run = Run();
  EXPECT_EQ(run.routine_escalations, 2);  // EB chef about the employee, IFO chef about the EB chef
  auto eb = Told(people().chef_eb, NotificationKind::kRoutineEscalation, id);
  ASSERT_EQ(eb.size(), 1u);
  EXPECT_EQ(eb[0].dedupe_key, "routine_escalation:" + std::to_string(id) + ":2");
  EXPECT_EQ(eb[0].ref, std::to_string(id) + ":1");
  EXPECT_EQ(Told(people().chef_ifo, NotificationKind::kRoutineEscalation, id).size(), 1u);
  EXPECT_EQ(Run().routine_escalations, 0);
}

}  // namespace
}  // namespace trygg::testing
