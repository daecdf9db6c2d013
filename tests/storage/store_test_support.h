// Store contract tests: the engines under test, a fixture that gives each test a
// fresh migrated store with a small organisation, and assertion helpers.
//
// Every contract test is a TEST_P over Engines(), so a new engine joins the
// whole suite by being added there.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "storage/store.h"

// Asserts that a Result is OK (printing its Status otherwise) and moves its value into `lhs`.
#define ASSERT_OK_AND_ASSIGN(lhs, expr)                                   \
  auto TRYGG_CONCAT_(store_test_result_, __LINE__) = (expr);              \
  ASSERT_TRUE(TRYGG_CONCAT_(store_test_result_, __LINE__).ok())           \
      << TRYGG_CONCAT_(store_test_result_, __LINE__).status().ToString(); \
  lhs = std::move(TRYGG_CONCAT_(store_test_result_, __LINE__)).value()
#define ASSERT_OK(expr)                                                    \
  do {                                                                     \
    ::trygg::Status store_test_status_ = (expr);                           \
    ASSERT_TRUE(store_test_status_.ok()) << store_test_status_.ToString(); \
  } while (0)
#define EXPECT_OK(expr)                                                    \
  do {                                                                     \
    ::trygg::Status store_test_status_ = (expr);                           \
    EXPECT_TRUE(store_test_status_.ok()) << store_test_status_.ToString(); \
  } while (0)
// Expects a non-OK Status (or a Result's status) with this code and reason.
#define EXPECT_STATUS(expr, status_code, status_reason)                                 \
  do {                                                                                  \
    ::trygg::Status store_test_status_ = ::trygg::store_test::StatusOf(expr);           \
    EXPECT_EQ(store_test_status_.code(), status_code) << store_test_status_.ToString(); \
    EXPECT_EQ(store_test_status_.reason(), status_reason);                              \
  } while (0)

namespace trygg::store_test {

inline Status StatusOf(const Status& s) { return s; }
template <typename T>
Status StatusOf(const Result<T>& r) {
  return r.ok() ? Status::Ok() : r.status();
}

// One storage engine under test.
struct Engine {
  std::string name;
  // Creates an empty database for one test and returns the URL OpenStore takes;
  // `dir` is the test's scratch directory.
  std::function<std::string(const std::filesystem::path& dir)> fresh_url;
  // Runs raw SQL on the database behind `url`, bypassing the Store: for
  // simulating tampering or a newer schema.
  std::function<Status(const std::string& url, const std::string& sql)> exec_raw;
  // Removes what fresh_url created (once no store has it open); may be empty.
  std::function<void(const std::string& url)> drop;
};
inline void PrintTo(const Engine& engine, std::ostream* os) { *os << engine.name; }

// SQLite on a temp file always; PostgreSQL when TRYGG_TEST_PG_URL names a
// server database whose user may create databases (one fresh database per test).
std::vector<Engine> Engines();
std::string EngineName(const ::testing::TestParamInfo<Engine>& info);

// A fresh, migrated store per test, holding:
//   kommun → förvaltning → avdelning → unit_a, unit_b;  kommun → förvaltning2 → unit_c
//   users alice, bob (unit_a), carol (unit_b), dave (unit_c)
class StoreTest : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override;

  // Closes the store and opens the same database again (without migrating).
  void Reopen();

  Result<std::unique_ptr<StoreTx>> Write() { return store_->BeginWrite(); }
  Result<std::unique_ptr<StoreTx>> Read() { return store_->BeginRead(); }
  Status ExecRaw(const std::string& sql) { return GetParam().exec_raw(url_, sql); }

  // A valid incident with every required field set.
  Incident NewIncident(UnitId unit, UserId reporter, std::vector<UserId> exposed,
                       TimeMs occurred_at, bool sensitive = false) const;
  // Inserts and commits, returning the id.
  Result<IncidentId> AddIncident(const Incident& incident);
  Result<UnitId> AddUnit(std::optional<UnitId> parent, UnitKind kind, const std::string& name);
  Result<UserId> AddUser(const std::string& username, const std::string& display_name, UnitId unit);
  // SQL that makes an empty database look as schema `version` left it: the
  // migrations table, migrations 1..version and their rows (for upgrade tests).
  std::string SchemaSqlAt(int version) const;
  // Runs `insert` (StoreTx& → Result<int64_t>) in a write transaction and
  // commits: the id it returned.
  template <typename F>
  Result<int64_t> InsertCommitted(F insert) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginWrite());
    TRYGG_ASSIGN_OR_RETURN(int64_t id, insert(*tx));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return id;
  }
  // The ids of what `list` (StoreTx& → Result<std::vector<T>>) returns in a read transaction.
  template <typename F>
  Result<std::vector<int64_t>> ListedIds(F list);

  std::filesystem::path dir_;
  std::string url_;
  std::unique_ptr<Store> store_;

  UnitId kommun_ = 0, forv_ = 0, avd_ = 0, unit_a_ = 0, unit_b_ = 0, forv2_ = 0, unit_c_ = 0;
  UserId alice_ = 0, bob_ = 0, carol_ = 0, dave_ = 0;

 private:
  void Seed();
};

// Field-by-field comparisons with readable failures.
void ExpectIncidentEq(const Incident& actual, const Incident& expected);
void ExpectUserEq(const User& actual, const User& expected);
void ExpectMeasureEq(const Measure& actual, const Measure& expected);
void ExpectAuditEq(const AuditRecord& actual, const AuditRecord& expected);

// The ids of `items`, in order.
template <typename T>
std::vector<int64_t> Ids(const std::vector<T>& items) {
  std::vector<int64_t> ids;
  for (const T& item : items) ids.push_back(item.id);
  return ids;
}

template <typename F>
Result<std::vector<int64_t>> StoreTest::ListedIds(F list) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto items, list(*tx));
  return Ids(items);
}

}  // namespace trygg::store_test
