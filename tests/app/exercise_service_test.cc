// Exercise use cases: who records and reads exercises, findings stored with
// their exercise or not at all, a finding's life as a measure, and its reminder.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class ExerciseServiceTest : public AppFixture {
 protected:
  static TimeMs At(const char* iso) { return *ParseIso8601(iso); }
  static TimeMs Day(const char* date) { return *ParseDate(date); }

  static NewExercise InUnit(UnitId unit, const std::string& scenario = "Hotfull besökare") {
    NewExercise in;
    in.unit_id = unit;
    in.kind = ExerciseKind::kOvning;
    in.held_on = Day("2026-11-18");
    in.scenario = scenario;
    in.participants = 12;
    in.notes = "Larmknappen i rum 3 fungerade inte.";
    return in;
  }

  static NewFinding Measure(UserId owner, const char* due, const std::string& text) {
    return NewFinding{text, owner, Day(due)};
  }

  static ExerciseView Create(const Principal& who, const NewExercise& in) {
    auto r = app().exercises().Create(who, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ExerciseView{};
  }

  static int CountListed(const Principal& who) {
    ExerciseQuery q;
    q.limit = 1000;
    auto rows = app().exercises().List(who, q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? static_cast<int>(rows->size()) : -1;
  }

  static bool Lists(const Principal& who, int64_t id, ExerciseQuery q = {}) {
    auto rows = app().exercises().List(who, q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() && std::any_of(rows->begin(), rows->end(),
                                    [&](const ExerciseView& v) { return v.exercise.id == id; });
  }

  static int Notified(const Principal& who, NotificationKind kind, const std::string& key) {
    auto page = app().notifications().List(who, false, 0, 100);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return static_cast<int>(
        std::count_if(page->items.begin(), page->items.end(), [&](const NotificationItem& i) {
          return i.notification.kind == kind && i.notification.dedupe_key == key;
        }));
  }
};

TEST_F(ExerciseServiceTest, ChefOrSakerhetssamordnareCoveringTheUnitRecords) {
  for (const Principal* who : {&people().employee, &people().skyddsombud, &people().analytiker,
                               &people().admin, &people().chef_rec, &people().sakerhet_soder}) {
    EXPECT_EQ(app().exercises().Create(*who, InUnit(org().eb)).status().reason(),
              "exercise.forbidden")
        << who->user.username;
  }
  EXPECT_EQ(app().exercises().Create(people().chef_eb, InUnit(org().ifo)).status().reason(),
            "exercise.forbidden");
  for (const Principal* who : {&people().chef_eb, &people().chef_ifo, &people().sakerhet}) {
    auto r = app().exercises().Create(*who, InUnit(org().eb));
    ASSERT_TRUE(r.ok()) << who->user.username << " " << r.status().ToString();
    EXPECT_TRUE(r->may_edit);
    EXPECT_EQ(r->exercise.created_by, who->user.id);
    EXPECT_EQ(r->exercise.created_at, clock().NowMs());
    EXPECT_EQ(r->names.at(who->user.id), "Person " + who->user.username);
  }
  EXPECT_EQ(app().exercises().Create(people().sakerhet, InUnit(987654)).status().reason(),
            "exercise.unit_id");
}

TEST_F(ExerciseServiceTest, ReadByRolesCoveringTheUnitAndStaffWorkingInIt) {
  const ExerciseView eb = Create(people().chef_eb, InUnit(org().eb, "EB-övning"));
  const ExerciseView ifo = Create(people().chef_ifo, InUnit(org().ifo, "IFO-utbildning"));
  const ExerciseView rec = Create(people().chef_rec, InUnit(org().rec, "Reception Söder"));

  for (const Principal* who :
       {&people().employee, &people().colleague, &people().chef_eb, &people().chef_ifo,
        &people().skyddsombud, &people().sakerhet, &people().analytiker, &people().admin}) {
    auto r = app().exercises().Get(*who, eb.exercise.id);
    EXPECT_TRUE(r.ok()) << who->user.username << " " << r.status().ToString();
    EXPECT_TRUE(Lists(*who, eb.exercise.id)) << who->user.username;
  }
  for (const Principal* who : {&people().chef_rec, &people().sakerhet_soder}) {
    EXPECT_EQ(app().exercises().Get(*who, eb.exercise.id).status().reason(), "exercise.not_found")
        << who->user.username;
    EXPECT_FALSE(Lists(*who, eb.exercise.id)) << who->user.username;
  }
  EXPECT_FALSE(app().exercises().Get(people().skyddsombud, eb.exercise.id)->may_edit);

  // Staff of EB read what their IFO did, not Söder's reception.
  EXPECT_TRUE(app().exercises().Get(people().employee, ifo.exercise.id).ok());
  EXPECT_TRUE(Lists(people().employee, ifo.exercise.id));
  EXPECT_EQ(app().exercises().Get(people().employee, rec.exercise.id).status().reason(),
            "exercise.not_found");
  EXPECT_FALSE(Lists(people().employee, rec.exercise.id));
  EXPECT_TRUE(Lists(people().sakerhet_soder, rec.exercise.id));
  EXPECT_EQ(app().exercises().Get(people().employee, 987654).status().reason(),
            "exercise.not_found");

  // Narrowed to a unit; a unit the caller may not read gives nothing.
  ExerciseQuery only_ifo;
  only_ifo.units = std::vector<UnitId>{org().ifo};
  EXPECT_TRUE(Lists(people().sakerhet, ifo.exercise.id, only_ifo));
  EXPECT_FALSE(Lists(people().sakerhet, eb.exercise.id, only_ifo));
  ExerciseQuery only_rec;
  only_rec.units = std::vector<UnitId>{org().rec};
  auto none = app().exercises().List(people().employee, only_rec);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());

  ExerciseQuery bad;
  bad.limit = 0;
  EXPECT_EQ(app().exercises().List(people().employee, bad).status().reason(), "query.limit");
  bad.limit = 1001;
  EXPECT_EQ(app().exercises().List(people().employee, bad).status().reason(), "query.limit");
}

TEST_F(ExerciseServiceTest, CreateStoresTheExerciseAndItsFindingsOrNothing) {
  const int before = CountListed(people().sakerhet);

  NewExercise in = InUnit(org().bou, "Alla eller inget");
  in.findings = {Measure(people().colleague.user.id, "2026-12-15", "Laga larmknappen"),
                 NewFinding{"Fler behöver gå utbildningen", std::nullopt, std::nullopt},
                 NewFinding{"Mätt men utan datum", people().colleague.user.id, std::nullopt}};
  auto r = app().exercises().Create(people().sakerhet, in);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "finding.measure");
  EXPECT_EQ(r.status().detail().rfind("findings[2].", 0), 0u) << r.status().detail();

  in.findings[2] = NewFinding{"", std::nullopt, std::nullopt};
  EXPECT_EQ(app().exercises().Create(people().sakerhet, in).status().reason(), "finding.text");

  in.findings[2] = Measure(987654, "2026-12-15", "Okänd ägare");
  r = app().exercises().Create(people().sakerhet, in);
  EXPECT_EQ(r.status().reason(), "finding.owner");
  EXPECT_EQ(r.status().detail(), "findings[2].owner_user_id");

  NewExercise bad = InUnit(org().bou, "");
  EXPECT_EQ(app().exercises().Create(people().sakerhet, bad).status().reason(),
            "exercise.scenario");
  bad = InUnit(org().bou);
  bad.participants = -1;
  EXPECT_EQ(app().exercises().Create(people().sakerhet, bad).status().reason(),
            "exercise.participants");
  EXPECT_EQ(CountListed(people().sakerhet), before);  // nothing was stored

  in.findings.pop_back();
  const ExerciseView v = Create(people().sakerhet, in);
  EXPECT_EQ(CountListed(people().sakerhet), before + 1);
  ASSERT_EQ(v.findings.size(), 2u);
  EXPECT_EQ(v.findings[0].text, "Laga larmknappen");
  EXPECT_EQ(v.findings[0].owner_user_id, people().colleague.user.id);
  EXPECT_EQ(v.findings[0].due_date, Day("2026-12-15"));
  EXPECT_EQ(v.findings[0].status, FindingStatus::kOppen);
  EXPECT_EQ(v.findings[0].exercise_id, v.exercise.id);
  EXPECT_FALSE(v.findings[1].owner_user_id.has_value());
  EXPECT_EQ(v.names.at(people().colleague.user.id), "Person colleague");
  auto again = app().exercises().Get(people().skyddsombud, v.exercise.id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->findings.size(), 2u);
  EXPECT_EQ(again->exercise.scenario, "Alla eller inget");
  EXPECT_EQ(again->exercise.participants, 12);

  // The owner was told they have a measure.
  EXPECT_EQ(Notified(people().colleague, NotificationKind::kMeasureAssigned,
                     "finding_assigned:" + std::to_string(v.findings[0].id) + ":" +
                         std::to_string(people().colleague.user.id)),
            1);
}

TEST_F(ExerciseServiceTest, FindingsLifecycleEditorsAndTheOwner) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  const ExerciseView v = Create(people().chef_eb, InUnit(org().eb, "Livscykel"));
  const int64_t eid = v.exercise.id;

  // Only editors add findings.
  const NewFinding larm =
      Measure(people().colleague.user.id, "2026-12-01", "Testa larmet varje månad");
  EXPECT_EQ(app().exercises().AddFinding(people().employee, eid, larm).status().reason(),
            "exercise.forbidden");
  EXPECT_EQ(app().exercises().AddFinding(people().chef_rec, eid, larm).status().reason(),
            "exercise.not_found");
  EXPECT_EQ(app().exercises().AddFinding(people().chef_eb, eid, NewFinding{}).status().reason(),
            "finding.text");
  auto added = app().exercises().AddFinding(people().sakerhet, eid, larm);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->findings.size(), 1u);
  const int64_t fid = added->findings[0].id;

  // The owner marks it done; nothing else.
  clock().Set(At("2026-11-25T09:30:00Z"));
  FindingPatch done;
  done.status = FindingStatus::kKlar;
  auto marked = app().exercises().UpdateFinding(people().colleague, eid, fid, done);
  ASSERT_TRUE(marked.ok()) << marked.status().ToString();
  EXPECT_EQ(marked->findings[0].status, FindingStatus::kKlar);
  EXPECT_EQ(marked->findings[0].done_at, At("2026-11-25T09:30:00Z"));
  FindingPatch later;
  later.due_date = std::optional<TimeMs>(Day("2027-01-15"));
  EXPECT_EQ(app().exercises().UpdateFinding(people().colleague, eid, fid, later).status().reason(),
            "exercise.forbidden");
  // Someone else working in EB reads it but may not change it.
  EXPECT_EQ(app().exercises().UpdateFinding(people().employee, eid, fid, done).status().reason(),
            "exercise.forbidden");
  EXPECT_EQ(app().exercises().UpdateFinding(people().chef_rec, eid, fid, done).status().reason(),
            "exercise.not_found");

  // An editor reopens it, moves it and gives it to someone else.
  FindingPatch reopen;
  reopen.status = FindingStatus::kOppen;
  reopen.due_date = std::optional<TimeMs>(Day("2027-01-15"));
  reopen.owner_user_id = std::optional<UserId>(people().employee.user.id);
  auto reopened = app().exercises().UpdateFinding(people().chef_eb, eid, fid, reopen);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  const ExerciseFinding& f = reopened->findings[0];
  EXPECT_EQ(f.status, FindingStatus::kOppen);
  EXPECT_FALSE(f.done_at.has_value());
  EXPECT_EQ(f.due_date, Day("2027-01-15"));
  EXPECT_EQ(f.owner_user_id, people().employee.user.id);
  EXPECT_EQ(Notified(people().employee, NotificationKind::kMeasureAssigned,
                     "finding_assigned:" + std::to_string(fid) + ":" +
                         std::to_string(people().employee.user.id)),
            1);
  // The former owner no longer may change it.
  EXPECT_EQ(app().exercises().UpdateFinding(people().colleague, eid, fid, done).status().reason(),
            "exercise.forbidden");

  // Clearing only the owner leaves half a measure: refused.
  FindingPatch half;
  half.owner_user_id = std::optional<UserId>();
  EXPECT_EQ(app().exercises().UpdateFinding(people().chef_eb, eid, fid, half).status().reason(),
            "finding.measure");
  FindingPatch neither = half;
  neither.due_date = std::optional<TimeMs>();
  auto plain = app().exercises().UpdateFinding(people().chef_eb, eid, fid, neither);
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_FALSE(plain->findings[0].owner_user_id.has_value());
  EXPECT_FALSE(plain->findings[0].due_date.has_value());

  // A finding of another exercise is not found through this one.
  const ExerciseView other = Create(people().chef_eb, InUnit(org().eb, "Annan"));
  EXPECT_EQ(app()
                .exercises()
                .UpdateFinding(people().chef_eb, other.exercise.id, fid, done)
                .status()
                .reason(),
            "finding.not_found");

  // The audit names ids and codes only.
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  auto records = (*tx)->ListAudit(0, 100000);
  ASSERT_TRUE(records.ok());
  std::multiset<std::string> actions;
  for (const AuditRecord& r : *records) {
    if (r.target_type != "exercise" || r.target_id != eid) continue;
    actions.insert(r.action);
    EXPECT_EQ(r.detail.find("larm"), std::string::npos);
  }
  EXPECT_EQ(actions.count("exercise.created"), 1u);
  EXPECT_EQ(actions.count("exercise.finding"), 4u);  // added, done, reopened, plain
  clock().Set(At("2026-11-20T15:00:00Z"));
}

TEST_F(ExerciseServiceTest, AFindingsOwnerMayReadItsExerciseElsewhere) {
  // The chef of Söder's reception owns a finding of an EB exercise.
  NewExercise in = InUnit(org().eb, "Gemensam övning");
  in.findings = {Measure(people().chef_rec.user.id, "2026-12-10", "Samma larm i receptionen")};
  const ExerciseView v = Create(people().sakerhet, in);
  auto r = app().exercises().Get(people().chef_rec, v.exercise.id);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(r->may_edit);
  FindingPatch done;
  done.status = FindingStatus::kKlar;
  EXPECT_TRUE(app()
                  .exercises()
                  .UpdateFinding(people().chef_rec, v.exercise.id, v.findings[0].id, done)
                  .ok());
}

TEST_F(ExerciseServiceTest, AnOverdueFindingRemindsItsOwnerOnce) {
  clock().Set(At("2026-11-20T15:00:00Z"));
  NewExercise in = InUnit(org().eb, "Försenad");
  in.findings = {Measure(people().colleague.user.id, "2026-11-27", "Ny rutin för besök")};
  const ExerciseView v = Create(people().chef_eb, in);
  const ExerciseFinding& f = v.findings[0];
  const std::string key =
      "finding_overdue:" + std::to_string(f.id) + ":" + std::to_string(*f.due_date);

  clock().Set(At("2026-11-27T22:00:00Z"));  // on the due day
  auto run = app().reminders().RunOnce();
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(Notified(people().colleague, NotificationKind::kFindingDue, key), 0);

  clock().Set(At("2026-11-28T00:00:00Z"));  // the day has passed
  run = app().reminders().RunOnce();
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_GE(run->findings_overdue, 1);
  EXPECT_EQ(Notified(people().colleague, NotificationKind::kFindingDue, key), 1);
  run = app().reminders().RunOnce();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->findings_overdue, 0);
  EXPECT_EQ(Notified(people().colleague, NotificationKind::kFindingDue, key), 1);

  // Done findings are not reminded.
  NewExercise second = InUnit(org().eb, "Klar i tid");
  second.findings = {Measure(people().colleague.user.id, "2026-11-26", "Redan gjort")};
  const ExerciseView w = Create(people().chef_eb, second);
  FindingPatch done;
  done.status = FindingStatus::kKlar;
  ASSERT_TRUE(app()
                  .exercises()
                  .UpdateFinding(people().colleague, w.exercise.id, w.findings[0].id, done)
                  .ok());
  run = app().reminders().RunOnce();
  ASSERT_TRUE(run.ok());
  EXPECT_EQ(run->findings_overdue, 0);
  clock().Set(At("2026-11-20T15:00:00Z"));
}

}  // namespace
}  // namespace trygg::testing
