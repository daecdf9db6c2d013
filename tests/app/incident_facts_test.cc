#include "app/incident_facts.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "app/rule_checks.h"
#include "app_fixture.h"

namespace trygg::testing {
namespace {

class IncidentFactsTest : public AppFixture {
 protected:
  // The stored facts row of `id` (nullopt: none).
  static std::optional<FactsRow> Stored(IncidentId id) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto rows = (*tx)->ListFacts(0, 1'000'000);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::optional<FactsRow> out;
    for (const FactsRow& r : *rows) {
      if (r.incident_id == id) out = r;
    }
    return out;
  }

  // The facts of `id` computed afresh from what is stored, at the clock's now.
  static FactsRow Fresh(IncidentId id) {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto tree = app().context().org.Get(**tx);
    EXPECT_TRUE(tree.ok());
    auto incident = (*tx)->GetIncident(id);
    EXPECT_TRUE(incident.ok());
    RuleBook book(**tx, **tree);
    auto rules = book.For(incident->unit_id);
    EXPECT_TRUE(rules.ok());
    auto followup = LoadFollowup(**tx, id);
    EXPECT_TRUE(followup.ok());
    IncidentRecord record;
    record.incident = &*incident;
    record.police = followup->police ? &*followup->police : nullptr;
    record.notices = &followup->notices;
    record.measures = &followup->measures;
    return EncodeFacts(FactsOf(record, *rules, clock().NowMs()));
  }

  static void ExpectSame(const FactsRow& stored, const FactsRow& fresh, const std::string& step) {
    EXPECT_EQ(stored.incident_id, fresh.incident_id) << step;
    EXPECT_EQ(stored.unit_id, fresh.unit_id) << step;
    EXPECT_EQ(stored.day, fresh.day) << step;
    EXPECT_EQ(stored.attrs, fresh.attrs) << step;
    EXPECT_EQ(stored.ack_hours, fresh.ack_hours) << step;
    EXPECT_EQ(stored.close_days, fresh.close_days) << step;
  }

  // The chef of EB's exact count of `measure` over EB, all time.
  static int64_t Counted(StatsMeasure measure) {
    StatsQuery q;
    q.rows = StatsDim::kEnhet;
    auto t = app().stats().Table(people().chef_eb, q);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    if (!t.ok()) return -1;
    EXPECT_TRUE(t->exact);
    const auto& total = t->measures[static_cast<int>(measure)].total;
    return total.value_or(-1);
  }
};

TEST_F(IncidentFactsTest, EveryWriteKeepsTheStoredFactsEqualToAFreshComputation) {
  const Principal& chef = people().chef_eb;
  const int64_t count_before = Counted(StatsMeasure::kCount);
  const int64_t police_before = Counted(StatsMeasure::kPolice);

  const IncidentId id = Report(people().employee, org().eb).incident.id;
  int64_t last_seq = 0;
  auto check = [&](const std::string& step) {
    std::optional<FactsRow> stored = Stored(id);
    ASSERT_TRUE(stored.has_value()) << step;
    EXPECT_GT(stored->seq, last_seq) << step << ": the write gave the row a new seq";
    last_seq = stored->seq;
    ExpectSame(*stored, Fresh(id), step);
  };
  check("create");
  EXPECT_EQ(Counted(StatsMeasure::kCount), count_before + 1) << "the index sees the new incident";

  clock().Advance(3 * kMsPerHour);
  ASSERT_TRUE(app().incidents().Transition(chef, id, IncidentAction::kAcknowledge, "", {}).ok());
  check("acknowledge");
  IncidentPatch serious;
  serious.severity = 3;
  ASSERT_TRUE(app().incidents().Update(chef, id, serious, {}).ok());
  check("update severity");
  ASSERT_TRUE(app().incidents().Transition(chef, id, IncidentAction::kInvestigate, "", {}).ok());
  check("investigate");

  NewMeasure support;
  support.title = "Samtal med chef";
  support.responsible_user_id = chef.user.id;
  support.due_date = clock().NowMs() + 2 * kMsPerDay;
  support.kind = MeasureKind::kStod;
  support.support_type = SupportType::kSamtalMedChef;
  support.support_user_id = people().employee.user.id;
  auto m = app().incidents().AddMeasure(chef, id, support);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  check("support added");

  PoliceReportInput police;
  police.reported = true;
  police.reporter = PoliceReporter::kChef;
  police.reported_at = clock().NowMs();
  auto p = app().followup().PutPoliceReport(chef, id, police);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  check("police report");
  EXPECT_EQ(Counted(StatsMeasure::kPolice), police_before + 1) << "the index sees the report";

  AuthorityNotice notice;
  notice.authority = Authority::kArbetsmiljoverket;
  notice.notified_at = clock().NowMs();
  notice.reference = "AV-2026-1";
  auto n = app().followup().PutNotice(chef, id, notice);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  check("authority notice");

  MeasurePatch done;
  done.status = MeasureStatus::kKlar;
  auto u = app().incidents().UpdateMeasure(chef, id, m->id, done);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  check("support given");

  clock().Advance(2 * kMsPerDay);
  auto closed = app().incidents().Transition(chef, id, IncidentAction::kClose, "", {});
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  check("close");
  EXPECT_EQ(Stored(id)->close_days, 2);
  ASSERT_TRUE(
      app().incidents().Transition(chef, id, IncidentAction::kReopen, "Ny uppgift", {}).ok());
  check("reopen");
  EXPECT_EQ(Stored(id)->close_days, -1);
  EXPECT_EQ(Counted(StatsMeasure::kCount), count_before + 1) << "still one incident";
}

TEST_F(IncidentFactsTest, BackfillWritesFactsForIncidentsStoredWithoutThem) {
  // An incident written behind the app's back, as a database from before schema 5 holds it.
  Incident inc;
  inc.unit_id = org().bou;
  inc.reporter_id = people().employee.user.id;
  inc.exposed_user_ids = {people().employee.user.id};
  inc.category = Category::kVald;
  inc.place_type = PlaceType::kHembesok;
  inc.occurred_at = clock().NowMs() - kMsPerDay;
  inc.created_at = inc.updated_at = clock().NowMs();
  inc.severity = 2;
  inc.version = 1;
  IncidentId id = 0;
  {
    auto tx = store_->BeginWrite();
    ASSERT_TRUE(tx.ok());
    auto inserted = (*tx)->InsertIncident(inc);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    id = *inserted;
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  EXPECT_FALSE(Stored(id).has_value());
  auto written = BackfillFacts(app().context());
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  EXPECT_EQ(*written, 1);
  ASSERT_TRUE(Stored(id).has_value());
  ExpectSame(*Stored(id), Fresh(id), "backfill");
  auto again = BackfillFacts(app().context());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 0);
}

}  // namespace
}  // namespace trygg::testing
