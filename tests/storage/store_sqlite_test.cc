// SQLite engine specifics and OpenStore URL handling: what the engine-neutral
// contract tests cannot say.
#include <sqlite3.h>
#include <stdlib.h>

#include <fstream>
#include <set>

#include "storage/migrations.h"
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

class StoreSqliteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "trygg-sqlite-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Runs one query on a raw connection and returns the first column of the first row.
  std::string QueryRaw(const std::filesystem::path& db_path, const std::string& sql) {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
      sqlite3_stmt* st = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
          sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char* text = sqlite3_column_text(st, 0);
        if (text != nullptr) out = reinterpret_cast<const char*>(text);
      }
      sqlite3_finalize(st);
    }
    sqlite3_close_v2(db);
    return out;
  }

  std::filesystem::path dir_;
};

TEST_F(StoreSqliteTest, OpenStoreAcceptsSqliteUrlsAndBarePaths) {
  for (const std::string& url :
       {"sqlite:" + (dir_ / "a.db").string(), "sqlite://" + (dir_ / "b.db").string(),
        (dir_ / "c.db").string()}) {
    SCOPED_TRACE(url);
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
    ASSERT_OK(store->Migrate());
  }
  EXPECT_TRUE(std::filesystem::exists(dir_ / "a.db"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "b.db"));
  EXPECT_TRUE(std::filesystem::exists(dir_ / "c.db"));
}

TEST_F(StoreSqliteTest, OpenStoreRoutesPostgresqlUrlsToThatEngine) {
  // Nothing listens on port 1: the PostgreSQL engine answers, and says it cannot connect.
  EXPECT_EQ(StatusOf(OpenStore("postgresql://trygg@127.0.0.1:1/trygg")).code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(StatusOf(OpenStore("postgres://127.0.0.1:1/trygg")).code(), StatusCode::kUnavailable);
  EXPECT_STATUS(OpenStore("postgresql://[::1/trygg"), StatusCode::kInvalidArgument,
                "storage.bad_url");
  StoreOptions no_sessions;
  no_sessions.pool_size = 0;
  EXPECT_STATUS(OpenStore("postgresql://127.0.0.1:1/trygg", no_sessions),
                StatusCode::kInvalidArgument, "storage.bad_pool_size");
}

TEST_F(StoreSqliteTest, OpenStoreRejectsOtherUrls) {
  EXPECT_STATUS(OpenStore("mysql://localhost/trygg"), StatusCode::kInvalidArgument,
                "storage.bad_url");
  EXPECT_STATUS(OpenStore(""), StatusCode::kInvalidArgument, "storage.bad_url");
  EXPECT_STATUS(OpenStore("sqlite:"), StatusCode::kInvalidArgument, "storage.bad_url");
  EXPECT_STATUS(OpenStore("sqlite::memory:"), StatusCode::kInvalidArgument, "storage.bad_url");
}

TEST_F(StoreSqliteTest, OpeningSomethingThatIsNotADatabaseFails) {
  std::ofstream(dir_ / "junk.db") << "this is not an SQLite database, just some text...........";
  auto store = OpenStore((dir_ / "junk.db").string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().reason(), "storage.not_a_database");
  auto missing_dir = OpenStore((dir_ / "no" / "such" / "dir.db").string());
  EXPECT_EQ(missing_dir.status().code(), StatusCode::kUnavailable);
}

TEST_F(StoreSqliteTest, DatabaseIsInWalModeWithTheSchemaMetaTable) {
  const auto path = dir_ / "wal.db";
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(path.string()));
    ASSERT_OK(store->Migrate());
  }
  EXPECT_EQ(QueryRaw(path, "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(QueryRaw(path, "SELECT MAX(version) FROM schema_migrations"),
            std::to_string(kSchemaVersion));
  EXPECT_EQ(QueryRaw(path, "SELECT name FROM schema_migrations WHERE version = 1"), "initial");
}

TEST_F(StoreSqliteTest, AuditTriggersCanBeDroppedToSimulateTampering) {
  // Tamper-detection tests elsewhere rely on exactly this.
  const auto path = dir_ / "tamper.db";
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore("sqlite:" + path.string()));
  ASSERT_OK(store->Migrate());
  {
    ASSERT_OK_AND_ASSIGN(auto tx, store->BeginWrite());
    ASSERT_OK(tx->AppendAudit({1, 1, std::nullopt, "a", "t", 1, "original", "", "h1"}));
    ASSERT_OK(tx->Commit());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  EXPECT_NE(sqlite3_exec(db, "UPDATE audit_log SET detail = 'forged'", nullptr, nullptr, nullptr),
            SQLITE_OK);
  EXPECT_EQ(sqlite3_extended_errcode(db), SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_EQ(sqlite3_exec(db,
                         "DROP TRIGGER audit_log_no_update;"
                         " UPDATE audit_log SET detail = 'forged'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
  ASSERT_OK_AND_ASSIGN(std::vector<AuditRecord> records, read->ListAudit(0, 10));
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].detail, "forged");
}

TEST(StoreMigrationsTest, VersionsRunFromOneToTheSchemaVersionWithoutGaps) {
  const std::vector<Migration>& all = Migrations();
  ASSERT_FALSE(all.empty());
  std::set<std::string_view> names;
  for (size_t k = 0; k < all.size(); ++k) {
    EXPECT_EQ(all[k].version, static_cast<int>(k) + 1);
    EXPECT_FALSE(all[k].name.empty());
    EXPECT_TRUE(names.insert(all[k].name).second) << all[k].name;
  }
  EXPECT_EQ(all.back().version, kSchemaVersion);
}

TEST(StoreMigrationsTest, PlaceholdersAreExpandedForEachDialect) {
  for (const Migration& m : Migrations()) {
    const std::string sqlite = MigrationSql(m, SqlDialect::kSqlite);
    const std::string pg = MigrationSql(m, SqlDialect::kPostgresql);
    EXPECT_EQ(sqlite.find("{{"), std::string::npos);
    EXPECT_EQ(pg.find("{{"), std::string::npos);
    if (m.version == 1) {
      EXPECT_NE(sqlite.find("INTEGER PRIMARY KEY AUTOINCREMENT"), std::string::npos);
      EXPECT_NE(sqlite.find("CREATE TRIGGER audit_log_no_update"), std::string::npos);
      EXPECT_NE(pg.find("GENERATED BY DEFAULT AS IDENTITY"), std::string::npos);
      EXPECT_EQ(pg.find("AUTOINCREMENT"), std::string::npos);
      EXPECT_EQ(pg.find("RAISE(ABORT"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace trygg::store_test
