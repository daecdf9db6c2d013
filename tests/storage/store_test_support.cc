#include "store_test_support.h"

#include <libpq-fe.h>
#include <sqlite3.h>
#include <stdlib.h>

#include <atomic>
#include <cstdlib>
#include <random>

#include "storage/migrations.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kT0 = 1'795'000'000'000;  // 2026-11-18T11:06:40Z, an arbitrary instant

Engine SqliteEngine() {
  Engine e;
  e.name = "sqlite";
  e.fresh_url = [](const std::filesystem::path& dir) {
    return "sqlite:" + (dir / "store.db").string();
  };
  e.exec_raw = [](const std::string& url, const std::string& sql) -> Status {
    const std::string path = url.substr(std::string("sqlite:").size());
    sqlite3* db = nullptr;
    int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
    if (rc == SQLITE_OK) {
      sqlite3_busy_timeout(db, 5000);
      rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    }
    Status status = rc == SQLITE_OK ? Status::Ok() : Status::Internal(sqlite3_errmsg(db));
    sqlite3_close_v2(db);
    return status;
  };
  return e;
}

// Runs `sql` on a new session to `url`.
Status PgExec(const std::string& url, const std::string& sql) {
  PGconn* conn = PQconnectdb(url.c_str());
  Status status;
  if (PQstatus(conn) != CONNECTION_OK) {
    status = Status::Unavailable(PQerrorMessage(conn));
  } else {
    PGresult* r = PQexec(conn, sql.c_str());
    const ExecStatusType s = PQresultStatus(r);
    if (s != PGRES_COMMAND_OK && s != PGRES_TUPLES_OK)
      status = Status::Internal(PQerrorMessage(conn));
    PQclear(r);
  }
  PQfinish(conn);
  return status;
}

// `url` with its database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  size_t host = url.find("://");
  size_t slash = url.find('/', host == std::string::npos ? 0 : host + 3);
  size_t query = url.find('?');
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return url.substr(0, slash == std::string::npos ? query : slash) + "/" + db + tail;
}

std::string DatabaseOf(const std::string& url) {
  size_t host = url.find("://");
  size_t slash = url.find('/', host + 3);
  size_t query = url.find('?', slash);
  return url.substr(slash + 1, query == std::string::npos ? std::string::npos : query - slash - 1);
}

Engine PgEngine(const std::string& admin_url) {
  Engine e;
  e.name = "postgresql";
  e.fresh_url = [admin_url](const std::filesystem::path&) {
    static std::atomic<int> counter{0};
    std::random_device rd;
    const std::string db = "trygg_t" + std::to_string(getpid()) + "_" + std::to_string(counter++) +
                           "_" + std::to_string(rd() % 100000);
    Status created = PgExec(admin_url, "CREATE DATABASE " + db);
    EXPECT_TRUE(created.ok()) << created.ToString();
    return WithDatabase(admin_url, db);
  };
  e.exec_raw = PgExec;
  e.drop = [admin_url](const std::string& url) {
    (void)PgExec(admin_url, "DROP DATABASE IF EXISTS " + DatabaseOf(url) + " WITH (FORCE)");
  };
  return e;
}

}  // namespace

std::vector<Engine> Engines() {
  std::vector<Engine> engines = {SqliteEngine()};
  const char* pg = std::getenv("TRYGG_TEST_PG_URL");
  if (pg != nullptr && *pg != '\0') engines.push_back(PgEngine(pg));
  return engines;
}

std::string EngineName(const ::testing::TestParamInfo<Engine>& info) { return info.param.name; }

std::string StoreTest::SchemaSqlAt(int version) const {
  const SqlDialect dialect =
      GetParam().name == "sqlite" ? SqlDialect::kSqlite : SqlDialect::kPostgresql;
  std::string sql = std::string(kCreateMetaTableSql) + ";\n";
  for (int k = 0; k < version; ++k) {
    sql += MigrationSql(Migrations()[k], dialect) + "\n";
    sql += "INSERT INTO schema_migrations (version, name, applied_at) VALUES (" +
           std::to_string(Migrations()[k].version) + ", '" + std::string(Migrations()[k].name) +
           "', 0);\n";
  }
  return sql;
}

void StoreTest::SetUp() {
  std::string pattern = (std::filesystem::temp_directory_path() / "trygg-store-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  dir_ = pattern;
  url_ = GetParam().fresh_url(dir_);
  ASSERT_OK_AND_ASSIGN(store_, OpenStore(url_));
  ASSERT_OK(store_->Migrate());
  Seed();
}

void StoreTest::TearDown() {
  store_.reset();
  if (GetParam().drop && !url_.empty()) GetParam().drop(url_);
  std::error_code ec;
  if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

void StoreTest::Reopen() {
  store_.reset();
  ASSERT_OK_AND_ASSIGN(store_, OpenStore(url_));
}

void StoreTest::Seed() {
  ASSERT_OK_AND_ASSIGN(kommun_, AddUnit(std::nullopt, UnitKind::kKommun, "Kommunen"));
  ASSERT_OK_AND_ASSIGN(forv_, AddUnit(kommun_, UnitKind::kForvaltning, "Socialförvaltningen"));
  ASSERT_OK_AND_ASSIGN(avd_, AddUnit(forv_, UnitKind::kAvdelning, "IFO"));
  ASSERT_OK_AND_ASSIGN(unit_a_, AddUnit(avd_, UnitKind::kEnhet, "Ekonomiskt bistånd"));
  ASSERT_OK_AND_ASSIGN(unit_b_, AddUnit(avd_, UnitKind::kEnhet, "Barn och unga"));
  ASSERT_OK_AND_ASSIGN(forv2_, AddUnit(kommun_, UnitKind::kForvaltning, "Äldreförvaltningen"));
  ASSERT_OK_AND_ASSIGN(unit_c_, AddUnit(forv2_, UnitKind::kEnhet, "Hemtjänst"));
  ASSERT_OK_AND_ASSIGN(alice_, AddUser("alice", "Alice Andersson", unit_a_));
  ASSERT_OK_AND_ASSIGN(bob_, AddUser("bob", "Bob Berg", unit_a_));
  ASSERT_OK_AND_ASSIGN(carol_, AddUser("carol", "Carol Claesson", unit_b_));
  ASSERT_OK_AND_ASSIGN(dave_, AddUser("dave", "Dave Dahl", unit_c_));
}

Incident StoreTest::NewIncident(UnitId unit, UserId reporter, std::vector<UserId> exposed,
                                TimeMs occurred_at, bool sensitive) const {
  Incident inc;
  inc.unit_id = unit;
  inc.reporter_id = reporter;
  inc.category = Category::kHot;
  inc.occurred_at = occurred_at;
  inc.place_type = PlaceType::kReception;
  inc.exposed_user_ids = std::move(exposed);
  inc.description = "Besökare hotade personal i receptionen.";
  inc.severity = kSeverityMattlig;
  inc.sensitive = sensitive;
  inc.created_at = kT0;
  inc.updated_at = kT0;
  return inc;
}

Result<IncidentId> StoreTest::AddIncident(const Incident& incident) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(IncidentId id, tx->InsertIncident(incident));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<UnitId> StoreTest::AddUnit(std::optional<UnitId> parent, UnitKind kind,
                                  const std::string& name) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(UnitId id, tx->InsertUnit(OrgUnit{0, parent, kind, name}));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return id;
}

Result<UserId> StoreTest::AddUser(const std::string& username, const std::string& display_name,
                                  UnitId unit) {
  User u;
  u.username = username;
  u.display_name = display_name;
  u.email = username + "@kommunen.se";
  u.unit_id = unit;
  u.password_hash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA";
  u.created_at = kT0;
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(UserId id, tx->InsertUser(u));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return id;
}

void ExpectIncidentEq(const Incident& a, const Incident& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.reporter_id, e.reporter_id);
  EXPECT_EQ(a.category, e.category);
  EXPECT_EQ(a.occurred_at, e.occurred_at);
  EXPECT_EQ(a.place_type, e.place_type);
  EXPECT_EQ(a.outside_workplace, e.outside_workplace);
  EXPECT_EQ(a.tied_to_role, e.tied_to_role);
  EXPECT_EQ(a.exposed_user_ids, e.exposed_user_ids);
  EXPECT_EQ(a.description, e.description);
  EXPECT_EQ(a.injury, e.injury);
  EXPECT_EQ(a.weapon, e.weapon);
  EXPECT_EQ(a.death_threat, e.death_threat);
  EXPECT_EQ(a.severity, e.severity);
  EXPECT_EQ(a.perpetrator_relation, e.perpetrator_relation);
  EXPECT_EQ(a.perpetrator_note, e.perpetrator_note);
  EXPECT_EQ(a.sensitive, e.sensitive);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
  EXPECT_EQ(a.acknowledged_at, e.acknowledged_at);
  EXPECT_EQ(a.closed_at, e.closed_at);
  EXPECT_EQ(a.aimed_at_person, e.aimed_at_person);
  EXPECT_EQ(a.serious_since, e.serious_since);
  EXPECT_EQ(a.coordinator_consulted_at, e.coordinator_consulted_at);
  EXPECT_EQ(a.version, e.version);
}

void ExpectUserEq(const User& a, const User& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.username, e.username);
  EXPECT_EQ(a.display_name, e.display_name);
  EXPECT_EQ(a.email, e.email);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.active, e.active);
  EXPECT_EQ(a.password_hash, e.password_hash);
  EXPECT_EQ(a.created_at, e.created_at);
}

void ExpectMeasureEq(const Measure& a, const Measure& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.title, e.title);
  EXPECT_EQ(a.responsible_user_id, e.responsible_user_id);
  EXPECT_EQ(a.due_date, e.due_date);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.done_at, e.done_at);
  EXPECT_EQ(a.done_by, e.done_by);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.support_type, e.support_type);
  EXPECT_EQ(a.support_group, e.support_group);
  EXPECT_EQ(a.support_user_id, e.support_user_id);
  EXPECT_EQ(a.follow_up_date, e.follow_up_date);
}

void ExpectAuditEq(const AuditRecord& a, const AuditRecord& e) {
  EXPECT_EQ(a.seq, e.seq);
  EXPECT_EQ(a.at, e.at);
  EXPECT_EQ(a.actor_id, e.actor_id);
  EXPECT_EQ(a.action, e.action);
  EXPECT_EQ(a.target_type, e.target_type);
  EXPECT_EQ(a.target_id, e.target_id);
  EXPECT_EQ(a.detail, e.detail);
  EXPECT_EQ(a.prev_hash, e.prev_hash);
  EXPECT_EQ(a.hash, e.hash);
}

}  // namespace trygg::store_test
