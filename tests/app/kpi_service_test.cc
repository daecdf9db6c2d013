#include "app/kpi_service.h"

#include <gtest/gtest.h>

#include <string>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

class KpiServiceTest : public AppFixture {
 protected:
  static KpiValue Turnover(UnitId forvaltning, int year, double value) {
    KpiValue v;
    v.forvaltning_id = forvaltning;
    v.kind = KpiKind::kPersonalrorlighet;
    v.group = KpiGroup::kSocialsekreterare;
    v.year = year;
    v.period = KpiPeriod::kAr;
    v.value = value;
    return v;
  }

  static size_t Stored() {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto all = (*tx)->ListKpis(std::nullopt);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? all->size() : 0;
  }

  static std::string LastAuditAction() {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto last = (*tx)->LastAudit();
    EXPECT_TRUE(last.ok() && last->has_value());
    return last.ok() && last->has_value() ? (*last)->action + "|" + (*last)->detail : "";
  }

  // An analyst whose grant covers Norr only.
  static Principal NorrAnalyst() {
    static std::optional<Principal> p;
    if (p) return *p;
    auto r = app().users().Create(
        nullptr, NewUser{"ana.norr", "Analytiker Norr", "", org().norr, "correct horse battery"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_TRUE(app().users().Grant(nullptr, r->user.id, Role::kAnalytiker, org().norr).ok());
    p = As(r->user.id);
    return *p;
  }
};

TEST_F(KpiServiceTest, AnalystsAndAdminsWriteAllOrNothingStatsReadersRead) {
  const size_t before = Stored();
  EXPECT_EQ(app().kpis().Put(people().chef_eb, {Turnover(org().norr, 2024, 10)}).status().reason(),
            "kpi.forbidden");
  EXPECT_EQ(app().kpis().Put(people().sakerhet, {Turnover(org().norr, 2024, 10)}).status().reason(),
            "kpi.forbidden");

  // The second value is bad: nothing is written.
  auto bad = app().kpis().Put(people().analytiker,
                              {Turnover(org().norr, 2024, 10), Turnover(org().soder, 1990, 8)});
  EXPECT_EQ(bad.status().reason(), "kpi.year");
  EXPECT_EQ(bad.status().detail(), "1");
  KpiValue konsulter = Turnover(org().norr, 2024, 4);
  konsulter.kind = KpiKind::kKonsulter;  // needs april or november
  EXPECT_EQ(app().kpis().Put(people().admin, {konsulter}).status().reason(), "kpi.period");
  EXPECT_EQ(app().kpis().Put(people().admin, {Turnover(org().eb, 2024, 4)}).status().reason(),
            "kpi.forvaltning_id")
      << "an enhet is not a förvaltning";
  EXPECT_EQ(app().kpis().Put(NorrAnalyst(), {Turnover(org().soder, 2024, 4)}).status().reason(),
            "kpi.forvaltning_id")
      << "Söder is outside the writer's scope";
  EXPECT_EQ(Stored(), before);

  auto ok = app().kpis().Put(people().analytiker,
                             {Turnover(org().norr, 2024, 10), Turnover(org().soder, 2024, 8.5)});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(*ok, 2);
  EXPECT_EQ(LastAuditAction(), "kpi.written|count:2");
  auto replaced = app().kpis().Put(people().admin, {Turnover(org().norr, 2024, 11)});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(Stored(), before + 2) << "the same key is replaced";

  EXPECT_EQ(app().kpis().List(people().employee, std::nullopt).status().reason(), "kpi.forbidden");
  auto all = app().kpis().List(people().analytiker, std::nullopt);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), before + 2);
  // A chef of Reception reads Söder's figures only.
  auto rec = app().kpis().List(people().chef_rec, std::nullopt);
  ASSERT_TRUE(rec.ok()) << rec.status().ToString();
  for (const KpiValue& v : *rec) EXPECT_EQ(v.forvaltning_id, org().soder);
  EXPECT_FALSE(rec->empty());
  EXPECT_EQ(app().kpis().List(people().chef_rec, org().norr).status().reason(), "kpi.forbidden");
  auto norr = app().kpis().List(people().sakerhet, org().norr);
  ASSERT_TRUE(norr.ok());
  ASSERT_EQ(norr->size(), 1u);
  EXPECT_EQ(norr->front().value, 11);
  EXPECT_EQ(norr->front().updated_by, people().admin.user.id);
}

TEST_F(KpiServiceTest, ImportWritesEveryLineOrNothing) {
  const size_t before = Stored();
  const std::string broken =
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "Norr;personalrorlighet;socialsekreterare;2023;;12,5\n"
      "Söder;konsulter;;2023;april;x\n"
      "Okänd;vfu;;2023;;4\n";
  auto r = app().kpis().Import(people().analytiker, broken);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->imported, 0);
  ASSERT_EQ(r->errors.size(), 2u);
  EXPECT_EQ(r->errors[0].line, 3);
  EXPECT_EQ(r->errors[0].code, "kpi.value");
  EXPECT_EQ(r->errors[1].line, 4);
  EXPECT_EQ(r->errors[1].code, "kpi.forvaltning");
  EXPECT_EQ(Stored(), before) << "nothing half-imported";

  // Söder is outside a Norr analyst's scope, by name and by id.
  const std::string elsewhere = "forvaltning,kpi,yrkesgrupp,ar,period,varde\nSöder,vfu,,2023,,3\n" +
                                std::to_string(org().soder) + ",vfu,,2022,,3\n";
  auto out = app().kpis().Import(NorrAnalyst(), elsewhere);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->errors.size(), 2u);
  EXPECT_EQ(out->errors[0].code, "kpi.forvaltning");
  EXPECT_EQ(Stored(), before);

  EXPECT_EQ(app().kpis().Import(people().chef_eb, broken).status().reason(), "kpi.forbidden");

  const std::string good =
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "Norr;personalrorlighet;socialsekreterare;2023;;12,5\n"
      "Söder;konsulter;;2023;april;7\n" +
      std::to_string(org().norr) + ";vfu;;2023;;4\n";
  auto ok = app().kpis().Import(people().admin, good);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->errors.empty());
  EXPECT_EQ(ok->imported, 3);
  EXPECT_EQ(Stored(), before + 3);
  EXPECT_EQ(LastAuditAction(), "kpi.imported|count:3");
}

TEST_F(KpiServiceTest, ProfilesAreReadByStatsReadersAndWrittenByAdminsAndCoveringCoordinators) {
  UnitProfile p;
  p.unit_id = org().eb;
  p.headcount = 25;
  p.secure_rooms = 1;
  EXPECT_EQ(app().kpis().PutProfile(people().chef_eb, p).status().reason(), "profile.forbidden");
  EXPECT_EQ(app().kpis().PutProfile(people().sakerhet_soder, p).status().reason(),
            "profile.forbidden");
  EXPECT_EQ(app().kpis().PutProfile(people().analytiker, p).status().reason(), "profile.forbidden");
  UnitProfile bad = p;
  bad.headcount = -1;
  EXPECT_EQ(app().kpis().PutProfile(people().admin, bad).status().reason(), "profile.headcount");

  auto written = app().kpis().PutProfile(people().sakerhet, p);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(written->updated_by, people().sakerhet.user.id);
  EXPECT_EQ(written->updated_at, clock().NowMs());
  EXPECT_EQ(LastAuditAction(), "profile.written|");
  UnitProfile norr;
  norr.unit_id = org().norr;
  norr.headcount = 400;
  norr.coordinator_full_time = true;
  ASSERT_TRUE(app().kpis().PutProfile(people().admin, norr).ok());

  EXPECT_EQ(app().kpis().ListProfiles(people().employee).status().reason(), "profile.forbidden");
  auto list = app().kpis().ListProfiles(people().analytiker);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).unit_id, std::min(org().eb, org().norr));
}

}  // namespace
}  // namespace trygg::testing
