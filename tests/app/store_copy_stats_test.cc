// CopyStore and schema version 5: facts rows (with their seqs), unit profiles,
// routines and acknowledgements, exercises and findings, and KPI values move
// from SQLite to each engine unchanged, and the target goes on from there.
#include <map>

#include "../storage/store_test_support.h"
#include "app/store_copy.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kBase = 1'790'000'000'000;
constexpr TimeMs kDay = 24LL * 3600 * 1000;

class StoreCopyStatsTest : public StoreTest {
 protected:
  // The fixture's store (each engine) is the empty target; the source is SQLite.
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_OK_AND_ASSIGN(source_, OpenStore("sqlite:" + (dir_ / "source.db").string()));
    ASSERT_OK(source_->Migrate());
    FillSource();
    store_.reset();
    if (GetParam().drop) GetParam().drop(url_);
    std::filesystem::create_directories(dir_ / "target");
    url_ = GetParam().fresh_url(dir_ / "target");
    ASSERT_OK_AND_ASSIGN(store_, OpenStore(url_));
  }

  void FillSource() {
    ASSERT_OK_AND_ASSIGN(auto tx, source_->BeginWrite());
    ASSERT_OK_AND_ASSIGN(UnitId root, tx->InsertUnit({0, std::nullopt, UnitKind::kKommun, "K"}));
    ASSERT_OK_AND_ASSIGN(forv_, tx->InsertUnit({0, root, UnitKind::kForvaltning, "Förv"}));
    ASSERT_OK_AND_ASSIGN(unit_, tx->InsertUnit({0, forv_, UnitKind::kEnhet, "Enheten"}));
    User u;
    u.username = "anna";
    u.display_name = "Anna Åkesson";
    u.email = "anna@kommunen.se";
    u.unit_id = unit_;
    u.password_hash = "$argon2id$v=19$x";
    u.created_at = kBase;
    ASSERT_OK_AND_ASSIGN(user_, tx->InsertUser(u));
    for (int k = 0; k < 5; ++k) {
      Incident inc = NewIncident(unit_, user_, {user_}, kBase + k * kDay);
      ASSERT_OK_AND_ASSIGN(IncidentId id, tx->InsertIncident(inc));
      FactsRow row;
      row.incident_id = id;
      row.unit_id = unit_;
      row.day = 9'700 + k;
      row.attrs = 0x8000 | k;
      row.ack_hours = k == 0 ? -1 : k * 3;
      row.close_days = -1;
      ASSERT_OK(StatusOf(tx->PutFacts(row)));
    }
    // A replaced row: seqs now have a gap (1 is gone, 6 is there).
    ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> first, tx->ListFacts(0, 1));
    ASSERT_EQ(first.size(), 1u);
    first[0].close_days = 4;
    ASSERT_OK(StatusOf(tx->PutFacts(first[0])));
    ASSERT_OK(tx->PutUnitProfile({unit_, 23, 2, true, kBase - kDay, user_, kBase}));
    ASSERT_OK(tx->PutUnitProfile({forv_, 900, 11, false, std::nullopt, user_, kBase}));
    Routine r;
    r.unit_id = forv_;
    r.title = "Hot och våld — larmrutin";
    r.summary = "Rad 1\nRad 2";
    r.document_url = "https://intranat.kommunen.se/r/1";
    r.owner_user_id = user_;
    r.version = 2;
    r.published_at = kBase;
    r.revision_date = kBase + 300 * kDay;
    r.created_by = user_;
    r.created_at = kBase;
    r.updated_at = kBase;
    ASSERT_OK_AND_ASSIGN(routine_, tx->InsertRoutine(r));
    ASSERT_OK(tx->PutRoutineAck({routine_, 1, user_, kBase + 1}));
    ASSERT_OK(tx->PutRoutineAck({routine_, 2, user_, kBase + 2}));
    Exercise e;
    e.unit_id = unit_;
    e.kind = ExerciseKind::kUtbildning;
    e.held_on = kBase - 10 * kDay;
    e.scenario = "Utbildning i bemötande";
    e.participants = 17;
    e.created_by = user_;
    e.created_at = kBase;
    ASSERT_OK_AND_ASSIGN(exercise_, tx->InsertExercise(e));
    ASSERT_OK(
        StatusOf(tx->InsertFinding({0, exercise_, "Fynd utan åtgärd", std::nullopt, std::nullopt,
                                    FindingStatus::kOppen, user_, kBase, std::nullopt})));
    ASSERT_OK(StatusOf(tx->InsertFinding({0, exercise_, "Åtgärd", user_, kBase + 5 * kDay,
                                          FindingStatus::kKlar, user_, kBase, kBase + kDay})));
    for (double value : {12.5, 3.0, 33.333333, 0.1}) {
      KpiValue v;
      v.forvaltning_id = forv_;
      v.kind = KpiKind::kPersonalrorlighet;
      v.year = 2020 + static_cast<int>(kpis_.size());
      v.value = value;
      v.updated_by = user_;
      v.updated_at = kBase;
      ASSERT_OK(tx->PutKpi(v));
      kpis_.push_back(v);
    }
    ASSERT_OK(tx->Commit());
  }

  std::unique_ptr<Store> source_;
  UnitId forv_ = 0, unit_ = 0;
  UserId user_ = 0;
  int64_t routine_ = 0, exercise_ = 0;
  std::vector<KpiValue> kpis_;
};

TEST_P(StoreCopyStatsTest, TheNewTablesAreCopiedRowForRow) {
  ASSERT_OK_AND_ASSIGN(CopyReport report, CopyStore(*source_, *store_, {}));
  std::map<std::string, int64_t> rows;
  for (const auto& t : report.tables) rows[t.name] = t.rows;
  EXPECT_EQ(rows["incident_facts"], 5);
  EXPECT_EQ(rows["unit_profiles"], 2);
  EXPECT_EQ(rows["routines"], 1);
  EXPECT_EQ(rows["routine_acks"], 2);
  EXPECT_EQ(rows["exercises"], 1);
  EXPECT_EQ(rows["exercise_findings"], 2);
  EXPECT_EQ(rows["kpi_values"], 4);

  ASSERT_OK_AND_ASSIGN(auto src, source_->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto dst, store_->BeginRead());
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> sf, src->ListFacts(0, 100));
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> df, dst->ListFacts(0, 100));
  ASSERT_EQ(df.size(), sf.size());
  for (size_t k = 0; k < sf.size(); ++k) {
    EXPECT_EQ(df[k].seq, sf[k].seq);
    EXPECT_EQ(df[k].incident_id, sf[k].incident_id);
    EXPECT_EQ(df[k].day, sf[k].day);
    EXPECT_EQ(df[k].attrs, sf[k].attrs);
    EXPECT_EQ(df[k].ack_hours, sf[k].ack_hours);
    EXPECT_EQ(df[k].close_days, sf[k].close_days);
  }
  ASSERT_OK_AND_ASSIGN(int64_t last, dst->LastFactsSeq());
  EXPECT_EQ(last, 6);
  ASSERT_OK_AND_ASSIGN(std::vector<UnitProfile> profiles, dst->ListUnitProfiles());
  ASSERT_EQ(profiles.size(), 2u);
  EXPECT_EQ(profiles[1].headcount, 23);
  EXPECT_EQ(profiles[1].alarm_tested_at, std::optional<TimeMs>(kBase - kDay));
  EXPECT_EQ(profiles[0].alarm_tested_at, std::nullopt);
  ASSERT_OK_AND_ASSIGN(Routine routine, dst->GetRoutine(routine_));
  EXPECT_EQ(routine.title, "Hot och våld — larmrutin");
  EXPECT_EQ(routine.summary, "Rad 1\nRad 2");
  EXPECT_EQ(routine.version, 2);
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> acks, dst->ListAcksOfUser(user_));
  ASSERT_EQ(acks.size(), 2u);
  EXPECT_EQ(acks[1].acknowledged_at, kBase + 2);
  ASSERT_OK_AND_ASSIGN(Exercise exercise, dst->GetExercise(exercise_));
  EXPECT_EQ(exercise.participants, 17);
  ASSERT_OK_AND_ASSIGN(std::vector<ExerciseFinding> findings, dst->ListFindings(exercise_));
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].owner_user_id, std::nullopt);
  EXPECT_EQ(findings[1].due_date, std::optional<TimeMs>(kBase + 5 * kDay));
  EXPECT_EQ(findings[1].done_at, std::optional<TimeMs>(kBase + kDay));
  ASSERT_OK_AND_ASSIGN(std::vector<KpiValue> kpis, dst->ListKpis(std::nullopt));
  ASSERT_EQ(kpis.size(), kpis_.size());
  for (size_t k = 0; k < kpis.size(); ++k) EXPECT_EQ(kpis[k].value, kpis_[k].value) << k;
  dst.reset();

  // The target goes on: new ids after the copied ones, the next seq after the last.
  ASSERT_OK_AND_ASSIGN(auto tx, store_->BeginWrite());
  ASSERT_OK_AND_ASSIGN(int64_t seq, tx->PutFacts(df.front()));
  EXPECT_EQ(seq, 7);
  ASSERT_OK_AND_ASSIGN(int64_t fresh_routine, tx->InsertRoutine(routine));
  EXPECT_GT(fresh_routine, routine_);
  ASSERT_OK_AND_ASSIGN(int64_t fresh_exercise, tx->InsertExercise(exercise));
  EXPECT_GT(fresh_exercise, exercise_);
  ASSERT_OK_AND_ASSIGN(int64_t fresh_finding, tx->InsertFinding(findings[0]));
  EXPECT_GT(fresh_finding, findings[1].id);
  KpiValue again = kpis_[0];
  again.value = 1;
  ASSERT_OK(tx->PutKpi(again));  // an upsert on the copied key, not a duplicate
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto after, store_->BeginRead());
  ASSERT_OK_AND_ASSIGN(kpis, after->ListKpis(forv_));
  ASSERT_EQ(kpis.size(), 4u);
  EXPECT_EQ(kpis[0].value, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreCopyStatsTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
