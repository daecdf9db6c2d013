// Store contract: schema migrations, organisation units, users, role grants and sessions.
#include <algorithm>

#include "storage/migrations.h"
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

class StoreContractTest : public StoreTest {};

// --- Schema ---------------------------------------------------------------------

TEST_P(StoreContractTest, MigrateTwiceIsANoOp) {
  ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
  EXPECT_EQ(version, kSchemaVersion);
  ASSERT_OK(store_->Migrate());
  ASSERT_OK(store_->Migrate());
  ASSERT_OK_AND_ASSIGN(version, store_->SchemaVersion());
  EXPECT_EQ(version, kSchemaVersion);
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> units, tx->ListUnits());
  EXPECT_EQ(units.size(), 7u);  // the seeded units survive
}

TEST_P(StoreContractTest, FreshDatabaseHasSchemaVersionZeroUntilMigrated) {
  const std::string url = GetParam().fresh_url(dir_ / "fresh");
  std::filesystem::create_directories(dir_ / "fresh");
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> fresh, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int version, fresh->SchemaVersion());
  EXPECT_EQ(version, 0);
  ASSERT_OK(fresh->Migrate());
  ASSERT_OK_AND_ASSIGN(version, fresh->SchemaVersion());
  EXPECT_EQ(version, kSchemaVersion);
}

TEST_P(StoreContractTest, DatabaseFromANewerBinaryIsRefused) {
  ASSERT_OK(ExecRaw("INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
                    std::to_string(kSchemaVersion + 1) + ", 'from_the_future', 0)"));
  EXPECT_STATUS(store_->Migrate(), StatusCode::kFailedPrecondition, "storage.schema_too_new");
  Reopen();
  EXPECT_STATUS(store_->Migrate(), StatusCode::kFailedPrecondition, "storage.schema_too_new");
  ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
  EXPECT_EQ(version, kSchemaVersion + 1);
}

// --- Organisation -------------------------------------------------------------------

TEST_P(StoreContractTest, UnitsInsertUpdateAndList) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(UnitId id, tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Mottagningen"}));
  EXPECT_GT(id, unit_c_);
  ASSERT_OK(tx->UpdateUnit({id, forv2_, UnitKind::kEnhet, "Mottagningen Äldre"}));
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> units, read->ListUnits());
  ASSERT_EQ(units.size(), 8u);
  EXPECT_EQ(Ids(units),
            (std::vector<int64_t>{kommun_, forv_, avd_, unit_a_, unit_b_, forv2_, unit_c_, id}));
  EXPECT_EQ(units.front().parent_id, std::nullopt);
  EXPECT_EQ(units.front().kind, UnitKind::kKommun);
  EXPECT_EQ(units.back().parent_id, forv2_);
  EXPECT_EQ(units.back().kind, UnitKind::kEnhet);
  EXPECT_EQ(units.back().name, "Mottagningen Äldre");
}

TEST_P(StoreContractTest, UnitNamesAreUniqueUnderTheirParent) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  EXPECT_STATUS(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Barn och unga"}),
                StatusCode::kAlreadyExists, "unit.duplicate_name");
  EXPECT_STATUS(tx->InsertUnit({0, std::nullopt, UnitKind::kKommun, "Kommunen"}),
                StatusCode::kAlreadyExists, "unit.duplicate_name");
  // The same name under another parent is fine.
  EXPECT_OK(StatusOf(tx->InsertUnit({0, forv2_, UnitKind::kEnhet, "Barn och unga"})));
  EXPECT_STATUS(tx->UpdateUnit({unit_a_, avd_, UnitKind::kEnhet, "Barn och unga"}),
                StatusCode::kAlreadyExists, "unit.duplicate_name");
  EXPECT_STATUS(tx->UpdateUnit({987654, avd_, UnitKind::kEnhet, "X"}), StatusCode::kNotFound,
                "unit.not_found");
  EXPECT_STATUS(tx->InsertUnit({0, 987654, UnitKind::kEnhet, "Orphan"}),
                StatusCode::kInvalidArgument, "storage.foreign_key");
  ASSERT_OK(tx->Commit());
}

// --- Users ------------------------------------------------------------------------

TEST_P(StoreContractTest, UsersRoundTripAndUpdate) {
  User u;
  u.username = "eva";
  u.display_name = "Eva Ek";
  u.email = "eva@kommunen.se";
  u.unit_id = unit_b_;
  u.active = false;
  u.password_hash = "$argon2id$hash";
  u.created_at = 1'700'000'000'123;
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(u.id, tx->InsertUser(u));
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(User by_id, read->GetUser(u.id));
  ExpectUserEq(by_id, u);
  ASSERT_OK_AND_ASSIGN(User by_name, read->GetUserByUsername("eva"));
  ExpectUserEq(by_name, u);
  EXPECT_STATUS(read->GetUser(987654), StatusCode::kNotFound, "user.not_found");
  EXPECT_STATUS(read->GetUserByUsername("nobody"), StatusCode::kNotFound, "user.not_found");
  read.reset();

  u.display_name = "Eva Ek-Lund";
  u.active = true;
  u.unit_id = unit_c_;
  u.password_hash = "$argon2id$other";
  ASSERT_OK_AND_ASSIGN(tx, Write());
  ASSERT_OK(tx->UpdateUser(u));
  User ghost = u;
  ghost.id = 987654;
  ghost.username = "ghost";
  EXPECT_STATUS(tx->UpdateUser(ghost), StatusCode::kNotFound, "user.not_found");
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(read, Read());
  ASSERT_OK_AND_ASSIGN(by_id, read->GetUser(u.id));
  ExpectUserEq(by_id, u);
}

TEST_P(StoreContractTest, UsernamesAreUnique) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  User dup;
  dup.username = "alice";
  dup.display_name = "Another Alice";
  dup.unit_id = unit_b_;
  EXPECT_STATUS(tx->InsertUser(dup), StatusCode::kAlreadyExists, "user.duplicate_username");
  ASSERT_OK_AND_ASSIGN(User bob, tx->GetUser(bob_));
  bob.username = "alice";
  EXPECT_STATUS(tx->UpdateUser(bob), StatusCode::kAlreadyExists, "user.duplicate_username");
  dup.username = "nowhere";
  dup.unit_id = 987654;
  EXPECT_STATUS(tx->InsertUser(dup), StatusCode::kInvalidArgument, "storage.foreign_key");
}

TEST_P(StoreContractTest, UsersAreListedByDisplayName) {
  ASSERT_OK_AND_ASSIGN(UserId aaron, AddUser("aaron", "Aaron Zetterberg", unit_c_));
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<User> users, tx->ListUsers());
  EXPECT_EQ(Ids(users), (std::vector<int64_t>{aaron, alice_, bob_, carol_, dave_}));
}

// --- Role grants --------------------------------------------------------------------

TEST_P(StoreContractTest, GrantsInsertListAndDelete) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t g1, tx->InsertGrant({0, alice_, Role::kChef, unit_a_}));
  ASSERT_OK_AND_ASSIGN(int64_t g2, tx->InsertGrant({0, alice_, Role::kSkyddsombud, forv_}));
  ASSERT_OK_AND_ASSIGN(int64_t g3, tx->InsertGrant({0, dave_, Role::kChef, unit_a_}));
  EXPECT_STATUS(tx->InsertGrant({0, alice_, Role::kChef, unit_a_}), StatusCode::kAlreadyExists,
                "grant.duplicate");
  EXPECT_STATUS(tx->InsertGrant({0, 987654, Role::kChef, unit_a_}), StatusCode::kInvalidArgument,
                "storage.foreign_key");
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(tx, Write());
  ASSERT_OK_AND_ASSIGN(std::vector<RoleGrant> all, tx->ListGrants(std::nullopt));
  EXPECT_EQ(Ids(all), (std::vector<int64_t>{g1, g2, g3}));
  ASSERT_OK_AND_ASSIGN(std::vector<RoleGrant> alices, tx->ListGrants(alice_));
  ASSERT_EQ(alices.size(), 2u);
  EXPECT_EQ(alices[1].id, g2);
  EXPECT_EQ(alices[1].user_id, alice_);
  EXPECT_EQ(alices[1].role, Role::kSkyddsombud);
  EXPECT_EQ(alices[1].unit_id, forv_);

  ASSERT_OK(tx->DeleteGrant(g1));
  EXPECT_STATUS(tx->DeleteGrant(g1), StatusCode::kNotFound, "grant.not_found");
  // Deleted, the triple may be granted again (under a new id).
  ASSERT_OK_AND_ASSIGN(int64_t g4, tx->InsertGrant({0, alice_, Role::kChef, unit_a_}));
  EXPECT_NE(g4, g1);
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(alices, read->ListGrants(alice_));
  EXPECT_EQ(Ids(alices), (std::vector<int64_t>{g2, g4}));
}

// --- Sessions ------------------------------------------------------------------------

TEST_P(StoreContractTest, SessionsLifecycle) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(tx->InsertSession({"hash-a", alice_, "csrf-a", 1000, 1000}));
  ASSERT_OK(tx->InsertSession({"hash-b", alice_, "csrf-b", 2000, 2000}));
  ASSERT_OK(tx->InsertSession({"hash-c", bob_, "csrf-c", 3000, 3000}));
  ASSERT_OK(tx->InsertSession({"hash-d", carol_, "csrf-d", 500, 500}));
  EXPECT_EQ(tx->InsertSession({"hash-a", bob_, "x", 1, 1}).code(), StatusCode::kAlreadyExists);
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(tx, Write());
  ASSERT_OK_AND_ASSIGN(Session a, tx->GetSession("hash-a"));
  EXPECT_EQ(a.token_hash, "hash-a");
  EXPECT_EQ(a.user_id, alice_);
  EXPECT_EQ(a.csrf_token, "csrf-a");
  EXPECT_EQ(a.created_at, 1000);
  EXPECT_EQ(a.last_seen_at, 1000);
  EXPECT_STATUS(tx->GetSession("nope"), StatusCode::kNotFound, "session.not_found");

  ASSERT_OK(tx->TouchSession("hash-a", 5000));
  ASSERT_OK_AND_ASSIGN(a, tx->GetSession("hash-a"));
  EXPECT_EQ(a.last_seen_at, 5000);
  EXPECT_EQ(a.created_at, 1000);

  // Idle since 2500: b (2000) and d (500) go; a was touched, c is fresh.
  ASSERT_OK(tx->DeleteSessionsIdleSince(2500));
  EXPECT_TRUE(tx->GetSession("hash-a").ok());
  EXPECT_FALSE(tx->GetSession("hash-b").ok());
  EXPECT_TRUE(tx->GetSession("hash-c").ok());
  EXPECT_FALSE(tx->GetSession("hash-d").ok());

  ASSERT_OK(tx->DeleteSessionsOfUser(bob_));
  EXPECT_FALSE(tx->GetSession("hash-c").ok());
  ASSERT_OK(tx->DeleteSession("hash-a"));
  EXPECT_FALSE(tx->GetSession("hash-a").ok());
  EXPECT_OK(tx->DeleteSession("hash-a"));  // deleting what is gone is fine
  ASSERT_OK(tx->Commit());
}

// --- Upgrading an existing database ------------------------------------------------

TEST_P(StoreContractTest, ADatabaseAtVersionOneIsUpgradedWithItsDataKept) {
  // Build a version-1 database by hand, as the first release left it.
  const std::string url = GetParam().fresh_url(dir_ / "v1");
  std::filesystem::create_directories(dir_ / "v1");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> v1, OpenStore(url));  // creates a SQLite file
  }
  const SqlDialect dialect =
      GetParam().name == "sqlite" ? SqlDialect::kSqlite : SqlDialect::kPostgresql;
  ASSERT_OK(GetParam().exec_raw(
      url, std::string(kCreateMetaTableSql) + ";\n" + MigrationSql(Migrations()[0], dialect) +
               "\nINSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial', 0);"
               "\nINSERT INTO org_units (parent_id, kind, name) VALUES (NULL, 'kommun', 'Gamla');"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int before, store->SchemaVersion());
  EXPECT_EQ(before, 1);
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());  // twice is a no-op
  ASSERT_OK_AND_ASSIGN(int after, store->SchemaVersion());
  EXPECT_EQ(after, kSchemaVersion);
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> units, read->ListUnits());
  ASSERT_EQ(units.size(), 1u);
  EXPECT_EQ(units[0].name, "Gamla");
  EXPECT_OK(StatusOf(read->OrgGeneration()));
  read.reset();
  store.reset();
  if (GetParam().drop) GetParam().drop(url);
}

TEST_P(StoreContractTest, OrgGenerationChangesWithEveryCommittedUnitChange) {
  auto generation = [&]() -> Result<int64_t> {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    return tx->OrgGeneration();
  };
  ASSERT_OK_AND_ASSIGN(int64_t g0, generation());
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Ångrad"})));
  }  // rolled back
  ASSERT_OK_AND_ASSIGN(int64_t g1, generation());
  EXPECT_EQ(g1, g0);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->InsertUser({0, "erik", "Erik", "", unit_a_, true, "h", 0})));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t g2, generation());
  EXPECT_EQ(g2, g0);  // users are not units
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateUnit({unit_a_, avd_, UnitKind::kEnhet, "Ekonomiskt bistånd vuxna"}));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t g3, generation());
  EXPECT_NE(g3, g0);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Ny"})));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(int64_t g4, generation());
  EXPECT_NE(g4, g3);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreContractTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
