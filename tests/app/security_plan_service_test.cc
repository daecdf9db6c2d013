#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class SecurityPlanServiceTest : public AppFixture {
 protected:
  // A plan for the reception under threat in EB, naming the employee.
  static NewSecurityPlan UnitPlan() {
    NewSecurityPlan in;
    in.unit_id = org().eb;
    in.scope = PlanScope::kEnhet;
    in.title = "Receptionen EB";
    in.threats = "Upprepade hot i receptionen";
    in.threat_level = RiskLevel::kHog;
    in.review_date = *ParseDate("2026-12-15");
    in.people = {people().employee.user.id};
    in.routine = {};
    return in;
  }

  // A protected case handled by the colleague, in Söder's reception.
  static NewSecurityPlan ProtectedPlan(const std::string& case_number) {
    NewSecurityPlan in;
    in.unit_id = org().eb;
    in.scope = PlanScope::kArende;
    in.title = "Skyddat ärende";
    in.subject_kind = SubjectIdKind::kArendenummer;
    in.subject_identifier = case_number;
    in.threats = "Allvarliga hot";
    in.threat_level = RiskLevel::kMycketHog;
    in.review_date = *ParseDate("2026-12-01");
    in.protected_case = true;
    in.routine.handling_unit_id = org().rec;
    in.routine.handling_group = {people().colleague.user.id};
    in.routine.instructions = "Beslut utan handläggarens namn";
    return in;
  }

  static SecurityPlanView Create(const NewSecurityPlan& in) {
    auto r = app().plans().Create(people().sakerhet, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }

  static bool Logged(const SecurityPlanView& v, const std::string& action) {
    return std::any_of(v.log.begin(), v.log.end(),
                       [&](const PlanLogEntry& e) { return e.action == action; });
  }
};

TEST_F(SecurityPlanServiceTest, OnlyTheSakerhetssamordnareCoveringTheUnitCreates) {
  EXPECT_EQ(app().plans().Create(people().chef_eb, UnitPlan()).status().reason(), "plan.forbidden");
  EXPECT_EQ(app().plans().Create(people().sakerhet_soder, UnitPlan()).status().reason(),
            "plan.forbidden");
  EXPECT_EQ(app().plans().Create(people().employee, UnitPlan()).status().reason(),
            "plan.forbidden");
  NewSecurityPlan in = UnitPlan();
  in.title = "";
  EXPECT_EQ(app().plans().Create(people().sakerhet, in).status().code(),
            StatusCode::kInvalidArgument);
  in = UnitPlan();
  in.unit_id = 999999;
  EXPECT_EQ(app().plans().Create(people().sakerhet, in).status().reason(), "plan.unit_id");
  in = UnitPlan();
  in.people = {999999};
  EXPECT_EQ(app().plans().Create(people().sakerhet, in).status().reason(), "plan.people");
  in = UnitPlan();
  in.subject_kind = SubjectIdKind::kArendenummer;
  in.subject_identifier = "X-1";
  EXPECT_EQ(app().plans().Create(people().sakerhet, in).status().reason(), "plan.subject")
      << "a person only for a case";

  SecurityPlanView v = Create(UnitPlan());
  EXPECT_EQ(v.plan.forvaltning_id, org().norr);
  EXPECT_EQ(v.plan.status, PlanStatus::kAktiv);
  EXPECT_EQ(v.unit_name, "Norr / IFO / Ekonomiskt bistånd");
  EXPECT_TRUE(v.may_edit);
  EXPECT_FALSE(v.may_decide) << "not protected";
  EXPECT_FALSE(v.subject_named);
  EXPECT_FALSE(v.review_overdue);
  EXPECT_TRUE(Logged(v, "created"));
  EXPECT_EQ(v.names.at(people().employee.user.id), people().employee.user.display_name);
  EXPECT_EQ(v.names.at(people().sakerhet.user.id), people().sakerhet.user.display_name);
}

TEST_F(SecurityPlanServiceTest, ReadRulesForAPlan) {
  SecurityPlanView v = Create(UnitPlan());
  const int64_t id = v.plan.id;
  for (const Principal* p :
       {&people().sakerhet, &people().chef_eb, &people().chef_ifo, &people().employee}) {
    auto r = app().plans().Get(*p, id);
    EXPECT_TRUE(r.ok()) << p->user.username << ": " << r.status().ToString();
  }
  for (const Principal* p : {&people().colleague, &people().skyddsombud, &people().analytiker,
                             &people().admin, &people().chef_rec, &people().sakerhet_soder}) {
    auto r = app().plans().Get(*p, id);
    EXPECT_EQ(r.status().reason(), "plan.not_found") << p->user.username;
  }
  EXPECT_EQ(app().plans().Get(people().sakerhet, 999999).status().reason(), "plan.not_found");
  auto chef = app().plans().Get(people().chef_eb, id);
  ASSERT_TRUE(chef.ok());
  EXPECT_FALSE(chef->may_edit);
  EXPECT_EQ(app().plans().LogDecision(people().sakerhet, id, "Något").status().reason(),
            "plan.not_protected");
}

TEST_F(SecurityPlanServiceTest, ProtectedCaseHandlingGroupAndDecisionLog) {
  SecurityPlanView v = Create(ProtectedPlan("PROT-100"));
  const int64_t id = v.plan.id;
  EXPECT_TRUE(v.subject_named);
  EXPECT_TRUE(v.plan.subject_key.empty()) << "the key never leaves the app";
  EXPECT_TRUE(v.may_decide);
  EXPECT_EQ(v.handling_unit_name, "Söder / Reception");
  EXPECT_TRUE(Logged(v, "created"));
  EXPECT_TRUE(Logged(v, "protected"));
  ASSERT_TRUE(v.history);
  EXPECT_TRUE(v.history->protected_case);
  EXPECT_EQ(v.names.at(people().colleague.user.id), people().colleague.user.display_name);

  // The handling group and the chefs of the handling unit read it too.
  auto group = app().plans().Get(people().colleague, id);
  ASSERT_TRUE(group.ok()) << group.status().ToString();
  EXPECT_TRUE(group->may_decide);
  EXPECT_FALSE(group->may_edit);
  EXPECT_FALSE(group->history) << "the history is for chefs and the säkerhetssamordnare";
  auto handling_chef = app().plans().Get(people().chef_rec, id);
  ASSERT_TRUE(handling_chef.ok()) << handling_chef.status().ToString();
  EXPECT_TRUE(handling_chef->may_decide);
  EXPECT_TRUE(handling_chef->history);
  for (const Principal* p : {&people().employee, &people().skyddsombud, &people().admin,
                             &people().sakerhet_soder, &people().analytiker}) {
    EXPECT_EQ(app().plans().Get(*p, id).status().reason(), "plan.not_found") << p->user.username;
  }

  // Decisions under the routine are logged, by the group and the chefs.
  EXPECT_EQ(app().plans().LogDecision(people().employee, id, "x").status().reason(),
            "plan.not_found");
  EXPECT_EQ(app().plans().LogDecision(people().colleague, id, "").status().reason(),
            "plan.decision");
  EXPECT_EQ(
      app().plans().LogDecision(people().colleague, id, std::string(2001, 'a')).status().reason(),
      "plan.decision");
  auto d = app().plans().LogDecision(people().colleague, id,
                                     "Beslut om avslag skickat utan handläggarens namn");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  ASSERT_FALSE(d->log.empty());
  EXPECT_EQ(d->log.back().action, "decision");
  EXPECT_EQ(d->log.back().actor_id, people().colleague.user.id);
  EXPECT_EQ(d->log.back().detail, "Beslut om avslag skickat utan handläggarens namn");
  ASSERT_TRUE(app().plans().LogDecision(people().chef_eb, id, "Möte i säkerhetsrum").ok());
  ASSERT_TRUE(app().plans().LogDecision(people().sakerhet, id, "Två personal").ok());

  // An assessment naming the same person warns of the protected case.
  NewAssessment in;
  in.event_at = clock().NowMs() + kMsPerDay;
  in.title = "Möte";
  in.subject_kind = SubjectIdKind::kArendenummer;
  in.subject_identifier = "prot-100";
  auto a = app().risk().Create(people().chef_eb, in);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  ASSERT_TRUE(a->history);
  EXPECT_TRUE(a->history->protected_case);

  // Unprotected: the group loses access, the log says so, decisions stop.
  SecurityPlanPatch patch;
  patch.protected_case = false;
  auto u = app().plans().Update(people().sakerhet, id, patch, v.plan.version);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_TRUE(Logged(*u, "unprotected"));
  EXPECT_EQ(app().plans().Get(people().colleague, id).status().reason(), "plan.not_found");
  EXPECT_EQ(app().plans().Get(people().chef_rec, id).status().reason(), "plan.not_found");
  EXPECT_EQ(app().plans().LogDecision(people().sakerhet, id, "x").status().reason(),
            "plan.not_protected");
  auto again = app().risk().Create(people().chef_eb, in);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->history->protected_case);

  // The audit has every step, and neither the identifier, its key nor the text.
  auto key =
      Pseudonymizer(PseudonymKey()).Key(SubjectIdKind::kArendenummer, "PROT-100", clock().NowMs());
  ASSERT_TRUE(key.ok());
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  std::set<std::string> actions;
  auto records = (*tx)->ListAudit(0, 100000);
  ASSERT_TRUE(records.ok());
  for (const AuditRecord& r : *records) {
    EXPECT_EQ(r.detail.find("PROT"), std::string::npos);
    EXPECT_EQ(r.detail.find(*key), std::string::npos);
    EXPECT_EQ(r.detail.find("avslag"), std::string::npos);
    if (r.target_type == "security_plan" && r.target_id == id) actions.insert(r.action);
  }
  for (const char* a : {"plan.created", "plan.read", "plan.decision", "plan.updated"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
}

TEST_F(SecurityPlanServiceTest, UpdatesMeasuresAndTheLog) {
  SecurityPlanView v = Create(UnitPlan());
  const int64_t id = v.plan.id;
  auto& plans = app().plans();
  SecurityPlanPatch patch;
  patch.title = "Receptionen EB, vår";
  patch.threat_level = RiskLevel::kMycketHog;
  EXPECT_EQ(plans.Update(people().chef_eb, id, patch, std::nullopt).status().reason(),
            "plan.forbidden");
  EXPECT_EQ(plans.Update(people().sakerhet_soder, id, patch, std::nullopt).status().reason(),
            "plan.not_found");
  EXPECT_EQ(plans.Update(people().sakerhet, id, patch, v.plan.version + 1).status().code(),
            StatusCode::kConflict);
  auto u = plans.Update(people().sakerhet, id, patch, v.plan.version);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->plan.title, "Receptionen EB, vår");
  EXPECT_EQ(u->plan.version, v.plan.version + 1);
  ASSERT_FALSE(u->log.empty());
  EXPECT_EQ(u->log.back().action, "updated");
  EXPECT_EQ(u->log.back().detail, "title,threat_level");
  EXPECT_EQ(plans.Update(people().sakerhet, id, patch, v.plan.version).status().code(),
            StatusCode::kConflict)
      << "stale";

  NewPlanMeasure m{"Larmknapp i receptionen", people().colleague.user.id, *ParseDate("2026-12-01")};
  EXPECT_EQ(plans.AddMeasure(people().chef_eb, id, m).status().reason(), "plan.forbidden");
  NewPlanMeasure nobody = m;
  nobody.owner_user_id = 999999;
  EXPECT_EQ(plans.AddMeasure(people().sakerhet, id, nobody).status().reason(),
            "plan.measure_owner");
  auto added = plans.AddMeasure(people().sakerhet, id, m);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  ASSERT_EQ(added->measures.size(), 1u);
  const int64_t mid = added->measures[0].id;
  EXPECT_TRUE(Logged(*added, "measure_added"));
  EXPECT_EQ(added->names.at(people().colleague.user.id), people().colleague.user.display_name);

  // Someone named in the plan, not the owner, may not mark it.
  EXPECT_EQ(
      plans.SetMeasureStatus(people().employee, id, mid, MeasureStatus::kKlar).status().reason(),
      "plan.forbidden");
  EXPECT_EQ(
      plans.SetMeasureStatus(people().skyddsombud, id, mid, MeasureStatus::kKlar).status().reason(),
      "plan.not_found");
  // The owner may, and sees only the heading and their measure.
  auto done = plans.SetMeasureStatus(people().colleague, id, mid, MeasureStatus::kKlar);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  ASSERT_EQ(done->measures.size(), 1u);
  EXPECT_EQ(done->measures[0].status, MeasureStatus::kKlar);
  EXPECT_EQ(done->measures[0].done_by, people().colleague.user.id);
  EXPECT_TRUE(done->plan.threats.empty());
  EXPECT_TRUE(done->plan.people.empty());
  EXPECT_TRUE(done->log.empty());
  EXPECT_EQ(plans.Get(people().colleague, id).status().reason(), "plan.not_found");
  EXPECT_EQ(
      plans.SetMeasureStatus(people().sakerhet, id, 999999, MeasureStatus::kKlar).status().reason(),
      "plan_measure.not_found");

  auto reopened = plans.SetMeasureStatus(people().sakerhet, id, mid, MeasureStatus::kOppen);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->measures[0].status, MeasureStatus::kOppen);
  EXPECT_FALSE(reopened->measures[0].done_at);
  EXPECT_TRUE(Logged(*reopened, "measure_updated"));

  SecurityPlanPatch close;
  close.status = PlanStatus::kAvslutad;
  auto closed = plans.Update(people().sakerhet, id, close, std::nullopt);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_TRUE(Logged(*closed, "closed"));
  SecurityPlanPatch reopen;
  reopen.status = PlanStatus::kAktiv;
  auto active = plans.Update(people().sakerhet, id, reopen, std::nullopt);
  ASSERT_TRUE(active.ok());
  EXPECT_TRUE(Logged(*active, "reopened"));
}

TEST_F(SecurityPlanServiceTest, ReviewOverdueAfterTheReviewDateWhileActive) {
  NewSecurityPlan in = UnitPlan();
  in.review_date = *ParseDate("2026-11-19");  // the clock is 2026-11-20
  SecurityPlanView v = Create(in);
  EXPECT_TRUE(v.review_overdue);
  in.review_date = *ParseDate("2026-11-20");
  EXPECT_FALSE(Create(in).review_overdue) << "due today is not overdue";
  SecurityPlanPatch close;
  close.status = PlanStatus::kAvslutad;
  auto closed = app().plans().Update(people().sakerhet, v.plan.id, close, std::nullopt);
  ASSERT_TRUE(closed.ok());
  EXPECT_FALSE(closed->review_overdue);
}

TEST_F(SecurityPlanServiceTest, ListShowsOnlyReadablePlans) {
  SecurityPlanView unit = Create(UnitPlan());
  SecurityPlanView prot = Create(ProtectedPlan("LIST-1"));
  auto ids = [&](const Principal& who, std::optional<PlanStatus> status = std::nullopt) {
    PlanQuery q;
    q.status = status;
    auto r = app().plans().List(who, q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::set<int64_t> out;
    for (const SecurityPlanView& v : *r) {
      EXPECT_TRUE(v.plan.subject_key.empty());
      EXPECT_TRUE(v.measures.empty());
      EXPECT_TRUE(v.log.empty());
      out.insert(v.plan.id);
    }
    return out;
  };
  EXPECT_TRUE(ids(people().sakerhet).count(unit.plan.id));
  EXPECT_TRUE(ids(people().sakerhet).count(prot.plan.id));
  EXPECT_TRUE(ids(people().chef_ifo).count(prot.plan.id));
  EXPECT_TRUE(ids(people().employee).count(unit.plan.id));
  EXPECT_FALSE(ids(people().employee).count(prot.plan.id));
  EXPECT_TRUE(ids(people().colleague).count(prot.plan.id));
  EXPECT_FALSE(ids(people().colleague).count(unit.plan.id));
  EXPECT_TRUE(ids(people().chef_rec).count(prot.plan.id)) << "the handling unit's chef";
  EXPECT_FALSE(ids(people().chef_rec).count(unit.plan.id));
  EXPECT_TRUE(ids(people().admin).empty());
  EXPECT_TRUE(ids(people().skyddsombud).empty());
  EXPECT_TRUE(ids(people().sakerhet_soder).empty());
  EXPECT_FALSE(ids(people().sakerhet, PlanStatus::kAvslutad).count(unit.plan.id));
  PlanQuery bad;
  bad.limit = 0;
  EXPECT_EQ(app().plans().List(people().sakerhet, bad).status().reason(), "query.limit");
}

}  // namespace
}  // namespace trygg::testing
