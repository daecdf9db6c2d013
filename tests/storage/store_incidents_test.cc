// Store contract: incidents — round trip, versioned update, queries and visibility.
#include <algorithm>

#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kBase = 1'790'000'000'000;

class StoreIncidentTest : public StoreTest {
 protected:
  Result<std::vector<Incident>> List(const IncidentQuery& q) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    return tx->ListIncidents(q);
  }
  Result<int64_t> Count(const IncidentQuery& q) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    return tx->CountIncidents(q);
  }
  // Sees every seeded unit, sensitive or not.
  VisibilityFilter Everything() const {
    return {{kommun_, forv_, avd_, unit_a_, unit_b_, forv2_, unit_c_}, {}, std::nullopt};
  }
};

TEST_P(StoreIncidentTest, InsertAndGetRoundTripEveryField) {
  Incident full;
  full.unit_id = unit_b_;
  full.reporter_id = alice_;
  full.category = Category::kOtillatenPaverkan;
  full.occurred_at = kBase + 123;
  full.place_type = PlaceType::kUtanforArbetsplatsen;
  full.outside_workplace = true;
  full.tied_to_role = false;
  full.exposed_user_ids = {carol_, alice_, bob_};  // order is kept
  full.description = "Hot via sms, \"citat\" och 'apostrofer'; DROP TABLE incidents; --";
  full.injury = Injury::kAllvarlig;
  full.weapon = true;
  full.death_threat = true;
  full.severity = kSeverityMycketAllvarlig;
  full.perpetrator_relation = PerpetratorRelation::kAnhorig;
  full.perpetrator_note = "Känd sedan tidigare; ÅÄÖ åäö";
  full.sensitive = true;
  full.status = IncidentStatus::kAvslutad;
  full.created_at = kBase + 1000;
  full.updated_at = kBase + 2000;
  full.acknowledged_at = kBase + 1500;
  full.closed_at = kBase + 1900;
  full.version = 7;
  ASSERT_OK_AND_ASSIGN(full.id, AddIncident(full));

  Incident minimal = NewIncident(unit_a_, bob_, {bob_}, kBase);
  ASSERT_OK_AND_ASSIGN(minimal.id, AddIncident(minimal));
  EXPECT_NE(minimal.id, full.id);

  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(Incident got, tx->GetIncident(full.id));
  ExpectIncidentEq(got, full);
  ASSERT_OK_AND_ASSIGN(got, tx->GetIncident(minimal.id));
  ExpectIncidentEq(got, minimal);
  EXPECT_EQ(got.perpetrator_relation, std::nullopt);
  EXPECT_EQ(got.acknowledged_at, std::nullopt);
  EXPECT_EQ(got.closed_at, std::nullopt);
  EXPECT_STATUS(tx->GetIncident(987654), StatusCode::kNotFound, "incident.not_found");

  // Lists carry the exposed list too.
  IncidentQuery q;
  q.scope = Everything();
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> listed, tx->ListIncidents(q));
  ASSERT_EQ(listed.size(), 2u);
  ExpectIncidentEq(listed[0], full);  // occurred later
  ExpectIncidentEq(listed[1], minimal);
}

TEST_P(StoreIncidentTest, InsertIsAllOrNothing) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_STATUS(tx->InsertIncident(NewIncident(unit_a_, alice_, {bob_, bob_}, kBase)),
                StatusCode::kInvalidArgument, "incident.duplicate_exposed");
  EXPECT_STATUS(tx->InsertIncident(NewIncident(unit_a_, alice_, {bob_, 987654}, kBase)),
                StatusCode::kInvalidArgument, "storage.foreign_key");
  EXPECT_STATUS(tx->InsertIncident(NewIncident(987654, alice_, {bob_}, kBase)),
                StatusCode::kInvalidArgument, "storage.foreign_key");
  // The failed inserts left nothing behind, even though this transaction commits.
  ASSERT_OK_AND_ASSIGN(IncidentId ok,
                       tx->InsertIncident(NewIncident(unit_a_, alice_, {bob_}, kBase)));
  ASSERT_OK(tx->Commit());
  IncidentQuery q;
  q.scope = Everything();
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> all, List(q));
  EXPECT_EQ(Ids(all), std::vector<int64_t>{ok});
  EXPECT_EQ(all[0].exposed_user_ids, std::vector<UserId>{bob_});
}

TEST_P(StoreIncidentTest, UpdateChecksTheVersion) {
  Incident inc = NewIncident(unit_a_, alice_, {bob_, carol_}, kBase);
  ASSERT_OK_AND_ASSIGN(inc.id, AddIncident(inc));

  Incident changed = inc;
  changed.status = IncidentStatus::kMottagen;
  changed.acknowledged_at = kBase + 10;
  changed.severity = kSeverityAllvarlig;
  changed.sensitive = true;
  changed.perpetrator_relation = PerpetratorRelation::kBrukare;
  changed.exposed_user_ids = {dave_};  // not stored by UpdateIncident
  changed.updated_at = kBase + 10;
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(tx->UpdateIncident(changed, 1));
  // A second writer that read version 1 has lost the race.
  EXPECT_STATUS(tx->UpdateIncident(changed, 1), StatusCode::kConflict, "incident.stale_version");
  Incident ghost = changed;
  ghost.id = 987654;
  EXPECT_STATUS(tx->UpdateIncident(ghost, 1), StatusCode::kNotFound, "incident.not_found");
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(Incident got, read->GetIncident(inc.id));
  Incident expected = changed;
  expected.version = 2;
  expected.exposed_user_ids = {bob_, carol_};
  ExpectIncidentEq(got, expected);
  read.reset();

  // Clearing optionals is stored too.
  expected.acknowledged_at.reset();
  expected.perpetrator_relation.reset();
  ASSERT_OK_AND_ASSIGN(tx, Write());
  ASSERT_OK(tx->UpdateIncident(expected, 2));
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(read, Read());
  ASSERT_OK_AND_ASSIGN(got, read->GetIncident(inc.id));
  expected.version = 3;
  ExpectIncidentEq(got, expected);
}

TEST_P(StoreIncidentTest, EachFilterNarrowsTheListAndTheCount) {
  auto make = [&](UnitId unit, Category cat, IncidentStatus status, int severity, TimeMs at) {
    Incident inc = NewIncident(unit, alice_, {bob_}, at);
    inc.category = cat;
    inc.status = status;
    inc.severity = severity;
    return AddIncident(inc);
  };
  ASSERT_OK_AND_ASSIGN(IncidentId i1, make(unit_a_, Category::kHot, IncidentStatus::kNy, 1, kBase));
  ASSERT_OK_AND_ASSIGN(IncidentId i2,
                       make(unit_a_, Category::kVald, IncidentStatus::kMottagen, 3, kBase + kDay));
  ASSERT_OK_AND_ASSIGN(
      IncidentId i3, make(unit_b_, Category::kHot, IncidentStatus::kAvslutad, 4, kBase + 2 * kDay));
  ASSERT_OK_AND_ASSIGN(
      IncidentId i4, make(unit_c_, Category::kAnnat, IncidentStatus::kUtreds, 2, kBase + 3 * kDay));

  struct Case {
    const char* name;
    std::function<void(IncidentQuery&)> set;
    std::vector<int64_t> want;  // newest first
  };
  const std::vector<Case> cases = {
      {"none", [](IncidentQuery&) {}, {i4, i3, i2, i1}},
      {"status", [](IncidentQuery& q) { q.status = IncidentStatus::kMottagen; }, {i2}},
      {"open", [](IncidentQuery& q) { q.open = true; }, {i4, i2, i1}},
      {"closed", [](IncidentQuery& q) { q.open = false; }, {i3}},
      {"category", [](IncidentQuery& q) { q.category = Category::kHot; }, {i3, i1}},
      {"unit", [&](IncidentQuery& q) { q.unit_id = unit_a_; }, {i2, i1}},
      {"unit is exact", [&](IncidentQuery& q) { q.unit_id = avd_; }, {}},
      {"from inclusive", [](IncidentQuery& q) { q.occurred_from = kBase + kDay; }, {i4, i3, i2}},
      {"to exclusive", [](IncidentQuery& q) { q.occurred_to = kBase + 2 * kDay; }, {i2, i1}},
      {"window",
       [](IncidentQuery& q) {
         q.occurred_from = kBase + 1;
         q.occurred_to = kBase + 2 * kDay + 1;
       },
       {i3, i2}},
      {"min severity", [](IncidentQuery& q) { q.min_severity = 3; }, {i3, i2}},
      {"combined",
       [&](IncidentQuery& q) {
         q.open = true;
         q.category = Category::kHot;
         q.unit_id = unit_a_;
       },
       {i1}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IncidentQuery q;
    q.scope = Everything();
    c.set(q);
    ASSERT_OK_AND_ASSIGN(std::vector<Incident> got, List(q));
    EXPECT_EQ(Ids(got), c.want);
    ASSERT_OK_AND_ASSIGN(int64_t count, Count(q));
    EXPECT_EQ(count, static_cast<int64_t>(c.want.size()));
  }
}

TEST_P(StoreIncidentTest, VisibilityFilterSemantics) {
  // alice reports in unit_a; dave is exposed in unit_c; carol reports a sensitive one in unit_b.
  ASSERT_OK_AND_ASSIGN(IncidentId a_open, AddIncident(NewIncident(unit_a_, alice_, {bob_}, kBase)));
  ASSERT_OK_AND_ASSIGN(IncidentId a_sens,
                       AddIncident(NewIncident(unit_a_, bob_, {bob_}, kBase + 1, true)));
  ASSERT_OK_AND_ASSIGN(IncidentId b_sens,
                       AddIncident(NewIncident(unit_b_, carol_, {carol_}, kBase + 2, true)));
  ASSERT_OK_AND_ASSIGN(IncidentId c_open,
                       AddIncident(NewIncident(unit_c_, alice_, {dave_, bob_}, kBase + 3)));
  ASSERT_OK_AND_ASSIGN(IncidentId c_sens,
                       AddIncident(NewIncident(unit_c_, carol_, {carol_, dave_}, kBase + 4, true)));

  struct Case {
    const char* name;
    VisibilityFilter scope;
    std::vector<int64_t> want;
  };
  const std::vector<Case> cases = {
      {"nothing", {}, {}},
      {"all_units includes sensitive", {{unit_a_}, {}, std::nullopt}, {a_sens, a_open}},
      {"nonsensitive_units excludes sensitive",
       {{}, {unit_a_, unit_b_, unit_c_}, std::nullopt},
       {c_open, a_open}},
      {"a parent unit covers nothing by itself", {{avd_, forv_}, {avd_}, std::nullopt}, {}},
      {"involving as reporter", {{}, {}, alice_}, {c_open, a_open}},
      {"involving as exposed, sensitive or not", {{}, {}, dave_}, {c_sens, c_open}},
      {"involving as reporter and exposed", {{}, {}, carol_}, {c_sens, b_sens}},
      {"involving nobody known", {{}, {}, 987654}, {}},
      {"union of the three", {{unit_b_}, {unit_a_}, dave_}, {c_sens, c_open, b_sens, a_open}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    IncidentQuery q;
    q.scope = c.scope;
    ASSERT_OK_AND_ASSIGN(std::vector<Incident> got, List(q));
    EXPECT_EQ(Ids(got), c.want);
    ASSERT_OK_AND_ASSIGN(int64_t count, Count(q));
    EXPECT_EQ(count, static_cast<int64_t>(c.want.size()));
  }
}

TEST_P(StoreIncidentTest, OrderingAndPagination) {
  // Occurrence times with ties: ties are broken by id, highest first.
  const std::vector<TimeMs> times = {kBase + 5, kBase + 1, kBase + 5, kBase + 9,
                                     kBase + 1, kBase + 7, kBase + 5};
  std::vector<std::pair<TimeMs, IncidentId>> inserted;
  for (TimeMs t : times) {
    ASSERT_OK_AND_ASSIGN(IncidentId id, AddIncident(NewIncident(unit_a_, alice_, {bob_}, t)));
    inserted.emplace_back(t, id);
  }
  std::sort(inserted.begin(), inserted.end(), std::greater<>());
  std::vector<int64_t> want;
  for (const auto& [t, id] : inserted) want.push_back(id);

  IncidentQuery q;
  q.scope = Everything();
  q.limit = 500;
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> all, List(q));
  EXPECT_EQ(Ids(all), want);

  std::vector<int64_t> paged;
  q.limit = 3;
  for (q.offset = 0; q.offset < 10; q.offset += 3) {
    ASSERT_OK_AND_ASSIGN(std::vector<Incident> page, List(q));
    EXPECT_LE(page.size(), 3u);
    for (const Incident& inc : page) paged.push_back(inc.id);
  }
  EXPECT_EQ(paged, want);
  q.offset = 6;
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> last, List(q));
  EXPECT_EQ(last.size(), 1u);
  ASSERT_OK_AND_ASSIGN(int64_t count, Count(q));  // ignores limit and offset
  EXPECT_EQ(count, 7);

  q.offset = 0;
  q.limit = 0;
  EXPECT_EQ(List(q).status().code(), StatusCode::kInvalidArgument);
  q.limit = 501;
  EXPECT_EQ(List(q).status().code(), StatusCode::kInvalidArgument);
  q.limit = 500;
  q.offset = -1;
  EXPECT_EQ(List(q).status().code(), StatusCode::kInvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreIncidentTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
