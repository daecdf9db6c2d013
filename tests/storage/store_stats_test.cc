// Store contract: the statistics projection (facts rows and their change
// sequence), unit profiles and KPI values (schema version 5), the facts scan's
// query plan, and upgrading a version-4 database.
#include <libpq-fe.h>
#include <sqlite3.h>

#include "storage/migrations.h"
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kBase = 1'790'000'000'000;

// The SQL ListFacts runs, for the plan tests (keep in step with sql_stats.cc).
constexpr char kListFactsSql[] =
    "SELECT seq, incident_id, unit_id, day, attrs, ack_hours, close_days"
    " FROM incident_facts WHERE seq > 2000 ORDER BY seq LIMIT 200000";

FactsRow Facts(IncidentId incident, UnitId unit, int32_t day, int32_t attrs, int32_t ack_hours = -1,
               int32_t close_days = -1) {
  FactsRow r;
  r.incident_id = incident;
  r.unit_id = unit;
  r.day = day;
  r.attrs = attrs;
  r.ack_hours = ack_hours;
  r.close_days = close_days;
  return r;
}

void ExpectFactsEq(const FactsRow& a, const FactsRow& e) {
  EXPECT_EQ(a.seq, e.seq);
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.day, e.day);
  EXPECT_EQ(a.attrs, e.attrs);
  EXPECT_EQ(a.ack_hours, e.ack_hours);
  EXPECT_EQ(a.close_days, e.close_days);
}

void ExpectProfileEq(const UnitProfile& a, const UnitProfile& e) {
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.headcount, e.headcount);
  EXPECT_EQ(a.secure_rooms, e.secure_rooms);
  EXPECT_EQ(a.coordinator_full_time, e.coordinator_full_time);
  EXPECT_EQ(a.alarm_tested_at, e.alarm_tested_at);
  EXPECT_EQ(a.updated_by, e.updated_by);
  EXPECT_EQ(a.updated_at, e.updated_at);
}

void ExpectKpiEq(const KpiValue& a, const KpiValue& e) {
  EXPECT_EQ(a.forvaltning_id, e.forvaltning_id);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.group, e.group);
  EXPECT_EQ(a.year, e.year);
  EXPECT_EQ(a.period, e.period);
  EXPECT_EQ(a.value, e.value);  // exact: stored in millionths
  EXPECT_EQ(a.updated_by, e.updated_by);
  EXPECT_EQ(a.updated_at, e.updated_at);
}

KpiValue Kpi(UnitId forvaltning, KpiKind kind, KpiGroup group, int year, KpiPeriod period,
             double value, UserId by, TimeMs at) {
  KpiValue v;
  v.forvaltning_id = forvaltning;
  v.kind = kind;
  v.group = group;
  v.year = year;
  v.period = period;
  v.value = value;
  v.updated_by = by;
  v.updated_at = at;
  return v;
}

class StoreStatsTest : public StoreTest {
 protected:
  // `n` incidents in unit_a, committed; their ids ascending.
  std::vector<IncidentId> AddIncidents(int n) {
    std::vector<IncidentId> ids;
    for (int k = 0; k < n; ++k) {
      Result<IncidentId> id = AddIncident(NewIncident(unit_a_, alice_, {bob_}, kBase + k));
      EXPECT_TRUE(id.ok()) << id.status().ToString();
      if (id.ok()) ids.push_back(*id);
    }
    return ids;
  }

  Result<std::vector<FactsRow>> AllFacts() {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    return tx->ListFacts(0, 1000);
  }
};

// --- The statistics projection --------------------------------------------------------

TEST_P(StoreStatsTest, FactsGetIncreasingSeqsAndAReplacedRowMovesToTheEnd) {
  const std::vector<IncidentId> inc = AddIncidents(3);
  ASSERT_EQ(inc.size(), 3u);
  FactsRow a = Facts(inc[0], unit_a_, 9'800, 0x8000 | 0x0A, 3, -1);
  FactsRow b = Facts(inc[1], unit_b_, 9'801, 0xFFFF & 0x87FF, -1, 12);
  FactsRow c = Facts(inc[2], unit_c_, 0, 0x8000, 65'534, 65'534);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(int64_t last, tx->LastFactsSeq());
    EXPECT_EQ(last, 0);
    ASSERT_OK_AND_ASSIGN(a.seq, tx->PutFacts(a));
    ASSERT_OK_AND_ASSIGN(b.seq, tx->PutFacts(b));
    EXPECT_EQ(a.seq, 1);
    EXPECT_EQ(b.seq, 2);
    // Seen inside the transaction that wrote it.
    ASSERT_OK_AND_ASSIGN(last, tx->LastFactsSeq());
    EXPECT_EQ(last, 2);
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(c.seq, tx->PutFacts(c));
    EXPECT_EQ(c.seq, 3);
    // Replacing the newest row still gives a seq greater than every seq stored.
    c.attrs |= 1 << facts_bits::kPolice;
    ASSERT_OK_AND_ASSIGN(c.seq, tx->PutFacts(c));
    EXPECT_EQ(c.seq, 4);
    // Replacing an older row moves it past every other.
    a.unit_id = unit_b_;
    a.ack_hours = 7;
    a.close_days = 2;
    ASSERT_OK_AND_ASSIGN(a.seq, tx->PutFacts(a));
    EXPECT_EQ(a.seq, 5);
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> all, tx->ListFacts(0, 100));
  ASSERT_EQ(all.size(), 3u);  // one row per incident
  ExpectFactsEq(all[0], b);
  ExpectFactsEq(all[1], c);
  ExpectFactsEq(all[2], a);
  ASSERT_OK_AND_ASSIGN(int64_t last, tx->LastFactsSeq());
  EXPECT_EQ(last, 5);
  // Only what changed after a seq, and at most `limit`.
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> page, tx->ListFacts(2, 1));
  ASSERT_EQ(page.size(), 1u);
  ExpectFactsEq(page[0], c);
  ASSERT_OK_AND_ASSIGN(page, tx->ListFacts(4, 100));
  ASSERT_EQ(page.size(), 1u);
  ExpectFactsEq(page[0], a);
  ASSERT_OK_AND_ASSIGN(page, tx->ListFacts(5, 100));
  EXPECT_TRUE(page.empty());
  EXPECT_STATUS(tx->ListFacts(0, 0), StatusCode::kInvalidArgument, "storage.bad_page");
}

TEST_P(StoreStatsTest, FactsOfAnUnknownIncidentAreRefusedAndTheTransactionGoesOn) {
  const std::vector<IncidentId> inc = AddIncidents(1);
  ASSERT_EQ(inc.size(), 1u);
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_STATUS(tx->PutFacts(Facts(inc[0] + 100, unit_a_, 1, 0x8000)), StatusCode::kInvalidArgument,
                "storage.foreign_key");
  ASSERT_OK_AND_ASSIGN(int64_t seq, tx->PutFacts(Facts(inc[0], unit_a_, 1, 0x8000)));
  EXPECT_EQ(seq, 1);
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> all, AllFacts());
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].incident_id, inc[0]);
}

TEST_P(StoreStatsTest, AnUncommittedFactsRowIsNotStoredAndItsSeqIsGivenAgain) {
  const std::vector<IncidentId> inc = AddIncidents(2);
  ASSERT_EQ(inc.size(), 2u);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(int64_t seq, tx->PutFacts(Facts(inc[0], unit_a_, 1, 0x8000)));
    EXPECT_EQ(seq, 1);
    // Destroyed without Commit: rolled back.
  }
  ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> all, AllFacts());
  EXPECT_TRUE(all.empty());
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t seq, tx->PutFacts(Facts(inc[1], unit_a_, 2, 0x8000)));
  EXPECT_EQ(seq, 1);
  ASSERT_OK(tx->Commit());
}

TEST_P(StoreStatsTest, IncidentsWithoutFactsAreListedByIdUpToTheLimit) {
  const std::vector<IncidentId> inc = AddIncidents(5);
  ASSERT_EQ(inc.size(), 5u);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(std::vector<IncidentId> missing, tx->ListIncidentsWithoutFacts(100));
    EXPECT_EQ(missing, inc);
    ASSERT_OK_AND_ASSIGN(missing, tx->ListIncidentsWithoutFacts(2));
    EXPECT_EQ(missing, (std::vector<IncidentId>{inc[0], inc[1]}));
    EXPECT_STATUS(tx->ListIncidentsWithoutFacts(0), StatusCode::kInvalidArgument,
                  "storage.bad_page");
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->PutFacts(Facts(inc[0], unit_a_, 1, 0x8000))));
    ASSERT_OK(StatusOf(tx->PutFacts(Facts(inc[3], unit_a_, 1, 0x8000))));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<IncidentId> missing, tx->ListIncidentsWithoutFacts(100));
  EXPECT_EQ(missing, (std::vector<IncidentId>{inc[1], inc[2], inc[4]}));
  ASSERT_OK_AND_ASSIGN(missing, tx->ListIncidentsWithoutFacts(1));
  EXPECT_EQ(missing, (std::vector<IncidentId>{inc[1]}));
}

// The startup load reads every facts row in pages: it must be a straight
// primary key range scan, never a scan and sort of the whole table.
TEST_P(StoreStatsTest, ListFactsIsAPrimaryKeyRangeScan) {
  const std::vector<IncidentId> inc = AddIncidents(40);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (IncidentId id : inc) ASSERT_OK(StatusOf(tx->PutFacts(Facts(id, unit_a_, 1, 0x8000))));
    ASSERT_OK(tx->Commit());
  }
  std::string plan;
  if (GetParam().name == "sqlite") {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(url_.substr(7).c_str(), &db, SQLITE_OPEN_READONLY, nullptr),
              SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(db, (std::string("EXPLAIN QUERY PLAN ") + kListFactsSql).c_str(),
                                 -1, &st, nullptr),
              SQLITE_OK);
    while (sqlite3_step(st) == SQLITE_ROW) {
      plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3));
      plan += "\n";
    }
    sqlite3_finalize(st);
    sqlite3_close_v2(db);
    EXPECT_NE(plan.find("SEARCH incident_facts USING INTEGER PRIMARY KEY (rowid>?)"),
              std::string::npos)
        << plan;
  } else {
    // PostgreSQL plans by statistics: give it a table worth planning for.
    const std::string unit = std::to_string(unit_a_), user = std::to_string(alice_);
    ASSERT_OK(ExecRaw(
        "INSERT INTO incidents (unit_id, reporter_id, category, occurred_at, place_type,"
        " outside_workplace, tied_to_role, description, injury, weapon, death_threat, severity,"
        " perpetrator_relation, perpetrator_note, sensitive, status, created_at, updated_at,"
        " acknowledged_at, closed_at, version) SELECT " +
        unit + ", " + user +
        ", 'hot', g, 'reception', 0, 0, '', 'ingen', 0, 0, 2, NULL, '', 0, 'ny', g, g, NULL,"
        " NULL, 1 FROM generate_series(1, 30000) g;"
        "INSERT INTO incident_facts (seq, incident_id, unit_id, day, attrs, ack_hours,"
        " close_days) SELECT i.id + 1000, i.id, i.unit_id, 1, 32768, -1, -1 FROM incidents i"
        " WHERE NOT EXISTS (SELECT 1 FROM incident_facts f WHERE f.incident_id = i.id);"
        "ANALYZE incident_facts;"));
    PGconn* conn = PQconnectdb(url_.c_str());
    ASSERT_EQ(PQstatus(conn), CONNECTION_OK);
    PGresult* r = PQexec(conn, (std::string("EXPLAIN ") + kListFactsSql).c_str());
    ASSERT_EQ(PQresultStatus(r), PGRES_TUPLES_OK);
    for (int row = 0; row < PQntuples(r); ++row) {
      plan += PQgetvalue(r, row, 0);
      plan += "\n";
    }
    PQclear(r);
    PQfinish(conn);
    EXPECT_NE(plan.find("Index Scan using incident_facts_pkey"), std::string::npos) << plan;
  }
  EXPECT_EQ(plan.find("SORT"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("Sort"), std::string::npos) << plan;
  // And the rows come back in pages, in order.
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  int64_t after = 0, rows = 0;
  while (true) {
    ASSERT_OK_AND_ASSIGN(std::vector<FactsRow> page, tx->ListFacts(after, 7'000));
    if (page.empty()) break;
    for (const FactsRow& row : page) {
      ASSERT_GT(row.seq, after);
      after = row.seq;
    }
    rows += static_cast<int64_t>(page.size());
  }
  EXPECT_EQ(rows, GetParam().name == "sqlite" ? 40 : 30'040);
}

// --- Unit profiles --------------------------------------------------------------------

TEST_P(StoreStatsTest, UnitProfilesAreInsertedReplacedAndListedByUnit) {
  UnitProfile b{unit_b_, 14, 2, true, kBase - 5, alice_, kBase};
  UnitProfile a{unit_a_, 0, 0, false, std::nullopt, bob_, kBase + 1};
  UnitProfile f{forv_, 3'200, 40, true, std::nullopt, alice_, kBase + 2};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(std::vector<UnitProfile> none, tx->ListUnitProfiles());
    EXPECT_TRUE(none.empty());
    ASSERT_OK(tx->PutUnitProfile(b));
    ASSERT_OK(tx->PutUnitProfile(a));
    ASSERT_OK(tx->PutUnitProfile(f));
    EXPECT_STATUS(tx->PutUnitProfile({unit_c_ + 100, 1, 1, false, std::nullopt, alice_, kBase}),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  {
    // Replacing: every field, a set alarm test cleared again included.
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    b = {unit_b_, 15, 3, false, std::nullopt, carol_, kBase + 10};
    a.alarm_tested_at = kBase + 9;
    ASSERT_OK(tx->PutUnitProfile(b));
    ASSERT_OK(tx->PutUnitProfile(a));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<UnitProfile> all, tx->ListUnitProfiles());
  ASSERT_EQ(all.size(), 3u);
  // By unit id: forv_ < unit_a_ < unit_b_ (seeded in that order).
  ExpectProfileEq(all[0], f);
  ExpectProfileEq(all[1], a);
  ExpectProfileEq(all[2], b);
}

// --- KPIs ---------------------------------------------------------------------------

TEST_P(StoreStatsTest, KpisUpsertByTheirKeyAndListInEnumOrder) {
  // Inserted out of order; codes sort differently from the enums' order.
  const std::vector<KpiValue> in = {
      Kpi(forv2_, KpiKind::kVfu, KpiGroup::kAlla, 2025, KpiPeriod::kAr, 7, dave_, kBase),
      Kpi(forv_, KpiKind::kKonsulter, KpiGroup::kSocialsekreterare, 2025, KpiPeriod::kNovember, 3,
          alice_, kBase + 1),
      Kpi(forv_, KpiKind::kKonsulter, KpiGroup::kSocialsekreterare, 2025, KpiPeriod::kApril, 4,
          alice_, kBase + 2),
      Kpi(forv_, KpiKind::kPersonalrorlighet, KpiGroup::kBistandshandlaggare, 2025, KpiPeriod::kAr,
          33.3, alice_, kBase + 3),
      Kpi(forv_, KpiKind::kPersonalrorlighet, KpiGroup::kAlla, 2026, KpiPeriod::kAr, 0.1, bob_,
          kBase + 4),
      Kpi(forv_, KpiKind::kPersonalrorlighet, KpiGroup::kAlla, 2025, KpiPeriod::kAr, 12.5, bob_,
          kBase + 5),
      Kpi(forv_, KpiKind::kPersonalrorlighet, KpiGroup::kSocialsekreterare, 2025, KpiPeriod::kAr,
          18.123456, bob_, kBase + 6),
  };
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (const KpiValue& v : in) ASSERT_OK(tx->PutKpi(v));
    EXPECT_STATUS(tx->PutKpi(Kpi(unit_c_ + 100, KpiKind::kVfu, KpiGroup::kAlla, 2025,
                                 KpiPeriod::kAr, 1, alice_, kBase)),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  KpiValue replaced = in[5];
  replaced.value = 100;
  replaced.updated_by = carol_;
  replaced.updated_at = kBase + 50;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutKpi(replaced));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<KpiValue> all, tx->ListKpis(std::nullopt));
  ASSERT_EQ(all.size(), 7u);
  // forv_ < forv2_; kind personalrorlighet, konsulter, vfu; group alla,
  // socialsekreterare, bistandshandlaggare; year; period ar, april, november.
  ExpectKpiEq(all[0], replaced);
  ExpectKpiEq(all[1], in[4]);
  ExpectKpiEq(all[2], in[6]);
  ExpectKpiEq(all[3], in[3]);
  ExpectKpiEq(all[4], in[2]);
  ExpectKpiEq(all[5], in[1]);
  ExpectKpiEq(all[6], in[0]);
  ASSERT_OK_AND_ASSIGN(std::vector<KpiValue> one, tx->ListKpis(forv2_));
  ASSERT_EQ(one.size(), 1u);
  ExpectKpiEq(one[0], in[0]);
  ASSERT_OK_AND_ASSIGN(one, tx->ListKpis(unit_a_));
  EXPECT_TRUE(one.empty());
}

// --- Upgrading a version-4 database --------------------------------------------------------

TEST_P(StoreStatsTest, AVersionFourDatabaseIsUpgradedAndItsIncidentsLackFacts) {
  const std::string url = GetParam().fresh_url(dir_ / "v4");
  std::filesystem::create_directories(dir_ / "v4");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> v4, OpenStore(url));  // creates a SQLite file
  }
  std::string sql = SchemaSqlAt(4);
  sql +=
      "INSERT INTO org_units (parent_id, kind, name) VALUES (NULL, 'kommun', 'Gamla');\n"
      "INSERT INTO users (username, display_name, email, unit_id, active, password_hash,"
      " created_at) VALUES ('u', 'U', 'u@k.se', 1, 1, 'h', 0);\n";
  for (int k = 0; k < 3; ++k) {
    sql +=
        "INSERT INTO incidents (unit_id, reporter_id, category, occurred_at, place_type,"
        " outside_workplace, tied_to_role, description, injury, weapon, death_threat, severity,"
        " perpetrator_relation, perpetrator_note, sensitive, status, created_at, updated_at,"
        " acknowledged_at, closed_at, version, aimed_at_person, serious_since) VALUES"
        " (1, 1, 'hot', 100, 'reception', 0, 0, 'Från version 4', 'ingen', 0, 0, 2, NULL, '',"
        " 0, 'ny', 1000, 1000, NULL, NULL, 1, 1, NULL);\n";
  }
  sql +=
      "INSERT INTO risk_templates (forvaltning_id, version, body, created_by, created_at)"
      " VALUES (1, 1, '{}', 1, 5);\n";
  ASSERT_OK(GetParam().exec_raw(url, sql));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int before, store->SchemaVersion());
  EXPECT_EQ(before, 4);
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());  // twice is a no-op
  ASSERT_OK_AND_ASSIGN(int after, store->SchemaVersion());
  EXPECT_EQ(after, kSchemaVersion);
  {
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(Incident inc, read->GetIncident(2));
    EXPECT_EQ(inc.description, "Från version 4");
    ASSERT_OK_AND_ASSIGN(StoredRiskTemplate t, read->LatestRiskTemplate(1));
    EXPECT_EQ(t.created_at, 5);
    // Written before the projection existed: every incident lacks its facts.
    ASSERT_OK_AND_ASSIGN(std::vector<IncidentId> missing, read->ListIncidentsWithoutFacts(10));
    EXPECT_EQ(missing, (std::vector<IncidentId>{1, 2, 3}));
    ASSERT_OK_AND_ASSIGN(int64_t last, read->LastFactsSeq());
    EXPECT_EQ(last, 0);
    ASSERT_OK_AND_ASSIGN(std::vector<UnitProfile> profiles, read->ListUnitProfiles());
    EXPECT_TRUE(profiles.empty());
    ASSERT_OK_AND_ASSIGN(std::vector<KpiValue> kpis, read->ListKpis(std::nullopt));
    EXPECT_TRUE(kpis.empty());
    ASSERT_OK_AND_ASSIGN(std::vector<Routine> routines, read->ListRoutines({}));
    EXPECT_TRUE(routines.empty());
  }
  {
    // The backfill: facts for the old incidents, and the new tables take rows.
    ASSERT_OK_AND_ASSIGN(auto write, store->BeginWrite());
    for (IncidentId id : {1, 2, 3}) {
      ASSERT_OK_AND_ASSIGN(int64_t seq, write->PutFacts(Facts(id, 1, 9'000, 0x8000)));
      EXPECT_EQ(seq, id);
    }
    ASSERT_OK(write->PutUnitProfile({1, 10, 1, true, std::nullopt, 1, 7}));
    ASSERT_OK(write->PutKpi(Kpi(1, KpiKind::kVfu, KpiGroup::kAlla, 2026, KpiPeriod::kAr, 2, 1, 7)));
    ASSERT_OK(write->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(std::vector<IncidentId> missing, read->ListIncidentsWithoutFacts(10));
    EXPECT_TRUE(missing.empty());
  }
  store.reset();
  if (GetParam().drop) GetParam().drop(url);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreStatsTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
