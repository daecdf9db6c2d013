// Store contract: routines and their acknowledgements, exercises and their
// findings (schema version 5).
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kBase = 1'790'000'000'000;

void ExpectRoutineEq(const Routine& a, const Routine& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.title, e.title);
  EXPECT_EQ(a.summary, e.summary);
  EXPECT_EQ(a.document_url, e.document_url);
  EXPECT_EQ(a.owner_user_id, e.owner_user_id);
  EXPECT_EQ(a.version, e.version);
  EXPECT_EQ(a.published_at, e.published_at);
  EXPECT_EQ(a.revision_date, e.revision_date);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
}

void ExpectAckEq(const RoutineAck& a, const RoutineAck& e) {
  EXPECT_EQ(a.routine_id, e.routine_id);
  EXPECT_EQ(a.version, e.version);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.acknowledged_at, e.acknowledged_at);
}

void ExpectExerciseEq(const Exercise& a, const Exercise& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.held_on, e.held_on);
  EXPECT_EQ(a.scenario, e.scenario);
  EXPECT_EQ(a.participants, e.participants);
  EXPECT_EQ(a.notes, e.notes);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
}

void ExpectFindingEq(const ExerciseFinding& a, const ExerciseFinding& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.exercise_id, e.exercise_id);
  EXPECT_EQ(a.text, e.text);
  EXPECT_EQ(a.owner_user_id, e.owner_user_id);
  EXPECT_EQ(a.due_date, e.due_date);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.done_at, e.done_at);
}

class StoreRoutinesTest : public StoreTest {
 protected:
  Routine NewRoutine(UnitId unit, const std::string& title) const {
    Routine r;
    r.unit_id = unit;
    r.title = title;
    r.summary = "Vad rutinen säger.";
    r.owner_user_id = alice_;
    r.published_at = kBase;
    r.revision_date = kBase + 365 * kDay;
    r.created_by = alice_;
    r.created_at = kBase;
    r.updated_at = kBase;
    return r;
  }

  Exercise NewExercise(UnitId unit, TimeMs held_on) const {
    Exercise e;
    e.unit_id = unit;
    e.kind = ExerciseKind::kLarmovning;
    e.held_on = held_on;
    e.scenario = "Larmet går i receptionen.";
    e.participants = 12;
    e.created_by = alice_;
    e.created_at = kBase;
    return e;
  }

  Result<int64_t> AddRoutine(const Routine& r) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertRoutine(r); });
  }

  Result<int64_t> AddExercise(const Exercise& e) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertExercise(e); });
  }

  Result<std::vector<int64_t>> RoutineIds(const RoutineQuery& q) {
    return ListedIds([&](StoreTx& tx) { return tx.ListRoutines(q); });
  }

  Result<std::vector<int64_t>> ExerciseIds(const ExerciseQuery& q) {
    return ListedIds([&](StoreTx& tx) { return tx.ListExercises(q); });
  }
};

// --- Routines ---------------------------------------------------------------------

TEST_P(StoreRoutinesTest, RoutineRoundTripsEveryFieldAndUpdates) {
  Routine r = NewRoutine(avd_, "Hot i receptionen — rutin för larm");
  r.document_url = "https://intranat.kommunen.se/rutiner/hot?v=1&lang=sv";
  ASSERT_OK_AND_ASSIGN(r.id, AddRoutine(r));
  EXPECT_GT(r.id, 0);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(Routine got, tx->GetRoutine(r.id));
    ExpectRoutineEq(got, r);
    EXPECT_STATUS(tx->GetRoutine(r.id + 1), StatusCode::kNotFound, "routine.not_found");
  }
  Routine revised = r;
  revised.unit_id = forv_;
  revised.title = "Hot i receptionen";
  revised.summary = "";
  revised.document_url = "";
  revised.owner_user_id = carol_;
  revised.version = 2;
  revised.published_at = kBase + 30 * kDay;
  revised.revision_date = kBase + 400 * kDay;
  revised.status = RoutineStatus::kArkiverad;
  revised.updated_at = kBase + 30 * kDay;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateRoutine(revised));
    Routine absent = revised;
    absent.id = r.id + 100;
    EXPECT_STATUS(tx->UpdateRoutine(absent), StatusCode::kNotFound, "routine.not_found");
    Routine bad_owner = NewRoutine(unit_a_, "X");
    bad_owner.owner_user_id = dave_ + 100;
    EXPECT_STATUS(tx->InsertRoutine(bad_owner), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(Routine got, tx->GetRoutine(r.id));
  ExpectRoutineEq(got, revised);
}

TEST_P(StoreRoutinesTest, RoutinesAreListedByTitleThenIdAndFilteredByStatusAndUnit) {
  // Byte order of titles (Ö sorts after ASCII), ties by id.
  Routine r1 = NewRoutine(unit_a_, "Ödesdigra besök");
  Routine r2 = NewRoutine(unit_b_, "Brandlarm");
  Routine r3 = NewRoutine(forv_, "Akut hot");
  Routine r4 = NewRoutine(unit_c_, "Brandlarm");
  r4.status = RoutineStatus::kArkiverad;
  Routine r5 = NewRoutine(avd_, "akut hot");
  for (Routine* r : {&r1, &r2, &r3, &r4, &r5}) {
    ASSERT_OK_AND_ASSIGN(r->id, AddRoutine(*r));
  }
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, RoutineIds({}));
  EXPECT_EQ(ids, (std::vector<int64_t>{r3.id, r2.id, r4.id, r5.id, r1.id}));
  RoutineQuery active;
  active.status = RoutineStatus::kAktiv;
  ASSERT_OK_AND_ASSIGN(ids, RoutineIds(active));
  EXPECT_EQ(ids, (std::vector<int64_t>{r3.id, r2.id, r5.id, r1.id}));
  RoutineQuery archived;
  archived.status = RoutineStatus::kArkiverad;
  ASSERT_OK_AND_ASSIGN(ids, RoutineIds(archived));
  EXPECT_EQ(ids, (std::vector<int64_t>{r4.id}));
  RoutineQuery units;
  units.units = std::vector<UnitId>{unit_a_, unit_c_, avd_};
  ASSERT_OK_AND_ASSIGN(ids, RoutineIds(units));
  EXPECT_EQ(ids, (std::vector<int64_t>{r4.id, r5.id, r1.id}));
  units.status = RoutineStatus::kAktiv;
  ASSERT_OK_AND_ASSIGN(ids, RoutineIds(units));
  EXPECT_EQ(ids, (std::vector<int64_t>{r5.id, r1.id}));
  RoutineQuery nothing;
  nothing.units = std::vector<UnitId>{};
  ASSERT_OK_AND_ASSIGN(ids, RoutineIds(nothing));
  EXPECT_TRUE(ids.empty());
  // Full rows come back from the list too.
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<Routine> list, tx->ListRoutines(archived));
  ASSERT_EQ(list.size(), 1u);
  ExpectRoutineEq(list[0], r4);
}

TEST_P(StoreRoutinesTest, AcknowledgementsAreIdempotentAndKeepTheFirstTime) {
  ASSERT_OK_AND_ASSIGN(int64_t r1, AddRoutine(NewRoutine(avd_, "Larm")));
  ASSERT_OK_AND_ASSIGN(int64_t r2, AddRoutine(NewRoutine(avd_, "Hembesök")));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutRoutineAck({r1, 1, carol_, kBase + 5}));
    ASSERT_OK(tx->PutRoutineAck({r1, 1, alice_, kBase + 3}));
    ASSERT_OK(tx->PutRoutineAck({r1, 2, alice_, kBase + 40}));
    ASSERT_OK(tx->PutRoutineAck({r2, 1, alice_, kBase + 7}));
    // Twice: the first time stays.
    ASSERT_OK(tx->PutRoutineAck({r1, 1, alice_, kBase + 99}));
    EXPECT_STATUS(tx->PutRoutineAck({r1 + r2 + 100, 1, alice_, kBase}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    EXPECT_STATUS(tx->PutRoutineAck({r1, 1, dave_ + 100, kBase}), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutRoutineAck({r1, 1, carol_, kBase + 500}));  // again, another transaction
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> v1, tx->ListRoutineAcks(r1, 1));
  ASSERT_EQ(v1.size(), 2u);
  ExpectAckEq(v1[0], {r1, 1, alice_, kBase + 3});
  ExpectAckEq(v1[1], {r1, 1, carol_, kBase + 5});
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> v2, tx->ListRoutineAcks(r1, 2));
  ASSERT_EQ(v2.size(), 1u);
  ExpectAckEq(v2[0], {r1, 2, alice_, kBase + 40});
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> v3, tx->ListRoutineAcks(r1, 3));
  EXPECT_TRUE(v3.empty());
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> every, tx->ListRoutineAcks(r1, std::nullopt));
  ASSERT_EQ(every.size(), 3u);
  ExpectAckEq(every[0], {r1, 1, alice_, kBase + 3});
  ExpectAckEq(every[1], {r1, 2, alice_, kBase + 40});
  ExpectAckEq(every[2], {r1, 1, carol_, kBase + 5});
  ASSERT_OK_AND_ASSIGN(std::vector<RoutineAck> mine, tx->ListAcksOfUser(alice_));
  ASSERT_EQ(mine.size(), 3u);
  ExpectAckEq(mine[0], {r1, 1, alice_, kBase + 3});
  ExpectAckEq(mine[1], {r1, 2, alice_, kBase + 40});
  ExpectAckEq(mine[2], {r2, 1, alice_, kBase + 7});
  ASSERT_OK_AND_ASSIGN(mine, tx->ListAcksOfUser(bob_));
  EXPECT_TRUE(mine.empty());
}

// --- Exercises --------------------------------------------------------------------

TEST_P(StoreRoutinesTest, ExerciseRoundTripsEveryField) {
  Exercise e = NewExercise(unit_a_, kBase - 3 * kDay);
  e.kind = ExerciseKind::kOvning;
  e.notes = "Gick bra.\nLarmknappen satt fel — flyttas.";
  e.participants = 0;
  ASSERT_OK_AND_ASSIGN(e.id, AddExercise(e));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    Exercise bad = NewExercise(unit_c_ + 100, kBase);
    EXPECT_STATUS(tx->InsertExercise(bad), StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(Exercise got, tx->GetExercise(e.id));
  ExpectExerciseEq(got, e);
  EXPECT_STATUS(tx->GetExercise(e.id + 1), StatusCode::kNotFound, "exercise.not_found");
}

TEST_P(StoreRoutinesTest, ExercisesAreListedNewestFirstAndFiltered) {
  ASSERT_OK_AND_ASSIGN(int64_t old_a, AddExercise(NewExercise(unit_a_, kBase - 400 * kDay)));
  ASSERT_OK_AND_ASSIGN(int64_t new_b, AddExercise(NewExercise(unit_b_, kBase - 10 * kDay)));
  ASSERT_OK_AND_ASSIGN(int64_t same_c, AddExercise(NewExercise(unit_c_, kBase - 10 * kDay)));
  ASSERT_OK_AND_ASSIGN(int64_t mid_a, AddExercise(NewExercise(unit_a_, kBase - 100 * kDay)));
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, ExerciseIds({}));
  EXPECT_EQ(ids, (std::vector<int64_t>{same_c, new_b, mid_a, old_a}));
  ExerciseQuery q;
  q.units = std::vector<UnitId>{unit_a_, unit_b_};
  ASSERT_OK_AND_ASSIGN(ids, ExerciseIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{new_b, mid_a, old_a}));
  q.held_from = kBase - 100 * kDay;  // inclusive
  ASSERT_OK_AND_ASSIGN(ids, ExerciseIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{new_b, mid_a}));
  ExerciseQuery page;
  page.limit = 2;
  page.offset = 1;
  ASSERT_OK_AND_ASSIGN(ids, ExerciseIds(page));
  EXPECT_EQ(ids, (std::vector<int64_t>{new_b, mid_a}));
  ExerciseQuery none;
  none.units = std::vector<UnitId>{};
  ASSERT_OK_AND_ASSIGN(ids, ExerciseIds(none));
  EXPECT_TRUE(ids.empty());
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ExerciseQuery bad;
  bad.limit = 0;
  EXPECT_STATUS(tx->ListExercises(bad), StatusCode::kInvalidArgument, "storage.bad_page");
  bad.limit = 1001;
  EXPECT_STATUS(tx->ListExercises(bad), StatusCode::kInvalidArgument, "storage.bad_page");
  bad.limit = 1000;
  bad.offset = -1;
  EXPECT_STATUS(tx->ListExercises(bad), StatusCode::kInvalidArgument, "storage.bad_page");
}

// --- Findings ---------------------------------------------------------------------

TEST_P(StoreRoutinesTest, FindingsRoundTripUpdateAndListByExercise) {
  ASSERT_OK_AND_ASSIGN(int64_t ex, AddExercise(NewExercise(unit_a_, kBase)));
  ASSERT_OK_AND_ASSIGN(int64_t other, AddExercise(NewExercise(unit_b_, kBase)));
  ExerciseFinding plain{0,
                        ex,
                        "Ingen visste var återsamlingsplatsen var.",
                        std::nullopt,
                        std::nullopt,
                        FindingStatus::kOppen,
                        alice_,
                        kBase,
                        std::nullopt};
  ExerciseFinding measure{
      0,      ex,        "Flytta larmknappen", bob_, kBase + 30 * kDay, FindingStatus::kOppen,
      alice_, kBase + 1, std::nullopt};
  ExerciseFinding elsewhere{
      0,      other,     "Skylt saknas", carol_, kBase + 5 * kDay, FindingStatus::kOppen,
      carol_, kBase + 2, std::nullopt};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(plain.id, tx->InsertFinding(plain));
    ASSERT_OK_AND_ASSIGN(measure.id, tx->InsertFinding(measure));
    ASSERT_OK_AND_ASSIGN(elsewhere.id, tx->InsertFinding(elsewhere));
    ExerciseFinding orphan = plain;
    orphan.exercise_id = ex + other + 100;
    EXPECT_STATUS(tx->InsertFinding(orphan), StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  measure.status = FindingStatus::kKlar;
  measure.done_at = kBase + 9 * kDay;
  measure.text = "Larmknappen flyttad";
  plain.owner_user_id = carol_;
  plain.due_date = kBase + 60 * kDay;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateFinding(measure));
    ASSERT_OK(tx->UpdateFinding(plain));
    ExerciseFinding absent = plain;
    absent.id = elsewhere.id + 100;
    EXPECT_STATUS(tx->UpdateFinding(absent), StatusCode::kNotFound, "finding.not_found");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(ExerciseFinding got, tx->GetFinding(measure.id));
  ExpectFindingEq(got, measure);
  EXPECT_STATUS(tx->GetFinding(elsewhere.id + 1), StatusCode::kNotFound, "finding.not_found");
  ASSERT_OK_AND_ASSIGN(std::vector<ExerciseFinding> list, tx->ListFindings(ex));
  ASSERT_EQ(list.size(), 2u);
  ExpectFindingEq(list[0], plain);
  ExpectFindingEq(list[1], measure);
  ASSERT_OK_AND_ASSIGN(list, tx->ListFindings(other));
  ASSERT_EQ(list.size(), 1u);
  ExpectFindingEq(list[0], elsewhere);
}

TEST_P(StoreRoutinesTest, OpenFindingMeasuresAreThoseOpenOwnedAndDueBeforeTheBound) {
  ASSERT_OK_AND_ASSIGN(int64_t ex, AddExercise(NewExercise(unit_a_, kBase)));
  auto finding = [&](std::optional<UserId> owner, std::optional<TimeMs> due, FindingStatus status) {
    return ExerciseFinding{
        0,
        ex,
        "Fynd",
        owner,
        due,
        status,
        alice_,
        kBase,
        status == FindingStatus::kKlar ? std::optional<TimeMs>(kBase) : std::nullopt};
  };
  std::vector<int64_t> ids;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (const ExerciseFinding& f : {
             finding(bob_, kBase + 20 * kDay, FindingStatus::kOppen),     // 0: due late
             finding(bob_, kBase + 5 * kDay, FindingStatus::kOppen),      // 1
             finding(carol_, kBase + 2 * kDay, FindingStatus::kKlar),     // 2: done
             finding(std::nullopt, std::nullopt, FindingStatus::kOppen),  // 3: no measure
             finding(carol_, kBase + 1 * kDay, FindingStatus::kOppen),    // 4
             finding(alice_, kBase + 10 * kDay, FindingStatus::kOppen),   // 5: at the bound
         }) {
      ASSERT_OK_AND_ASSIGN(int64_t id, tx->InsertFinding(f));
      ids.push_back(id);
    }
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<ExerciseFinding> due,
                       tx->ListOpenFindingMeasures(kBase + 10 * kDay));
  EXPECT_EQ(Ids(due), (std::vector<int64_t>{ids[4], ids[1]}));  // by due date
  ASSERT_OK_AND_ASSIGN(due, tx->ListOpenFindingMeasures(kBase + 100 * kDay));
  EXPECT_EQ(Ids(due), (std::vector<int64_t>{ids[4], ids[1], ids[5], ids[0]}));
  ASSERT_OK_AND_ASSIGN(due, tx->ListOpenFindingMeasures(kBase));
  EXPECT_TRUE(due.empty());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreRoutinesTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
