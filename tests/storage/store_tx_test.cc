// Store contract: transactions — rollback, snapshots, durability across a
// reopen, and concurrent writers.
#include <atomic>
#include <chrono>
#include <thread>

#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kBase = 1'790'000'000'000;

class StoreTxTest : public StoreTest {
 protected:
  Result<size_t> UnitCount() {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx->ListUnits());
    return units.size();
  }
};

TEST_P(StoreTxTest, TransactionDestroyedWithoutCommitLeavesNothing) {
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Ångrad"})));
    ASSERT_OK(StatusOf(tx->InsertIncident(NewIncident(unit_a_, alice_, {bob_}, kBase))));
    ASSERT_OK(tx->AppendAudit({1, kBase, alice_, "unit.create", "unit", 1, "", "", "h1"}));
  }
  ASSERT_OK_AND_ASSIGN(size_t units, UnitCount());
  EXPECT_EQ(units, 7u);
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  IncidentQuery q;
  q.scope.all_units = {unit_a_};
  ASSERT_OK_AND_ASSIGN(int64_t incidents, read->CountIncidents(q));
  EXPECT_EQ(incidents, 0);
  ASSERT_OK_AND_ASSIGN(std::optional<AuditRecord> last, read->LastAudit());
  EXPECT_EQ(last, std::nullopt);
  read.reset();
  // The writer is free again.
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(tx->Commit());
}

TEST_P(StoreTxTest, ATransactionCannotBeUsedAfterCommit) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(tx->Commit());
  EXPECT_FALSE(tx->ListUnits().ok());
  EXPECT_FALSE(tx->Commit().ok());
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK(read->Commit());
  EXPECT_FALSE(read->ListUnits().ok());
}

TEST_P(StoreTxTest, ReadTransactionsCannotWrite) {
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  EXPECT_FALSE(read->InsertUnit({0, avd_, UnitKind::kEnhet, "Nej"}).ok());
  read.reset();
  ASSERT_OK_AND_ASSIGN(size_t units, UnitCount());
  EXPECT_EQ(units, 7u);
}

TEST_P(StoreTxTest, ReadSeesASnapshotAndWritesAreInvisibleUntilCommit) {
  ASSERT_OK_AND_ASSIGN(auto before, Read());
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Ny enhet"})));
  ASSERT_OK_AND_ASSIGN(size_t during, UnitCount());
  EXPECT_EQ(during, 7u);  // not committed yet
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> seen, before->ListUnits());
  EXPECT_EQ(seen.size(), 7u);  // the older snapshot
  ASSERT_OK_AND_ASSIGN(size_t after, UnitCount());
  EXPECT_EQ(after, 8u);
}

TEST_P(StoreTxTest, EverythingIsReadBackAfterReopening) {
  Incident inc = NewIncident(unit_b_, alice_, {carol_, bob_}, kBase, true);
  inc.perpetrator_relation = PerpetratorRelation::kOkand;
  inc.perpetrator_note = "Okänd man";
  inc.closed_at = kBase + 99;
  Measure m{0, 0, "Åtgärd", bob_, kBase + 1000, MeasureStatus::kOppen, alice_, kBase, {}, {}};
  AuditRecord audit{1, kBase, std::nullopt, "incident.create", "incident", 0, "", "", "h1"};
  int64_t grant = 0, note = 0, log = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(inc.id, tx->InsertIncident(inc));
    m.incident_id = inc.id;
    audit.target_id = inc.id;
    ASSERT_OK_AND_ASSIGN(m.id, tx->InsertMeasure(m));
    ASSERT_OK_AND_ASSIGN(note, tx->InsertNote({0, inc.id, carol_, "Anteckning", kBase + 5}));
    ASSERT_OK_AND_ASSIGN(log, tx->InsertLog({0, inc.id, kBase, alice_, "created", ""}));
    ASSERT_OK_AND_ASSIGN(grant, tx->InsertGrant({0, carol_, Role::kChef, unit_b_}));
    ASSERT_OK(tx->InsertSession({"token-hash", carol_, "csrf", kBase, kBase + 1}));
    ASSERT_OK(tx->AppendAudit(audit));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(int version, store_->SchemaVersion());
  EXPECT_EQ(version, kSchemaVersion);
  ASSERT_OK(store_->Migrate());  // a no-op on the reopened store

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(Incident got, read->GetIncident(inc.id));
  ExpectIncidentEq(got, inc);
  ASSERT_OK_AND_ASSIGN(Measure got_m, read->GetMeasure(m.id));
  ExpectMeasureEq(got_m, m);
  ASSERT_OK_AND_ASSIGN(std::vector<Note> notes, read->ListNotes(inc.id));
  EXPECT_EQ(Ids(notes), std::vector<int64_t>{note});
  ASSERT_OK_AND_ASSIGN(std::vector<LogEntry> entries, read->ListLog(inc.id));
  EXPECT_EQ(Ids(entries), std::vector<int64_t>{log});
  ASSERT_OK_AND_ASSIGN(std::vector<RoleGrant> grants, read->ListGrants(carol_));
  EXPECT_EQ(Ids(grants), std::vector<int64_t>{grant});
  ASSERT_OK_AND_ASSIGN(Session session, read->GetSession("token-hash"));
  EXPECT_EQ(session.last_seen_at, kBase + 1);
  ASSERT_OK_AND_ASSIGN(std::optional<AuditRecord> last, read->LastAudit());
  ASSERT_TRUE(last.has_value());
  ExpectAuditEq(*last, audit);
  ASSERT_OK_AND_ASSIGN(User carol, read->GetUserByUsername("carol"));
  EXPECT_EQ(carol.id, carol_);
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> units, read->ListUnits());
  EXPECT_EQ(units.size(), 7u);
}

TEST_P(StoreTxTest, ARolledBackWriteIsAbsentAfterReopening) {
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(StatusOf(tx->InsertUnit({0, avd_, UnitKind::kEnhet, "Kvarglömd"})));
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(size_t units, UnitCount());
  EXPECT_EQ(units, 7u);
}

TEST_P(StoreTxTest, ConcurrentWritersAreSerialisedAndAllSucceed) {
  constexpr int kThreads = 4;
  constexpr int kWritesPerThread = 25;
  std::atomic<int> failures{0};
  std::atomic<int> in_write{0};
  std::atomic<bool> overlapped{false};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kWritesPerThread; ++k) {
        auto tx = store_->BeginWrite();
        if (!tx.ok()) {
          ++failures;
          continue;
        }
        if (in_write.fetch_add(1) != 0) overlapped = true;
        // Read-then-write: the count read here must still hold at commit.
        auto units = (*tx)->ListUnits();
        auto id = (*tx)->InsertUnit(
            {0, avd_, UnitKind::kEnhet, "T" + std::to_string(t) + "-" + std::to_string(k)});
        in_write.fetch_sub(1);
        if (!units.ok() || !id.ok() || !(*tx)->Commit().ok()) ++failures;
        // Readers run alongside the writers.
        auto read = store_->BeginRead();
        if (!read.ok() || !(*read)->ListUnits().ok()) ++failures;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_FALSE(overlapped.load());
  ASSERT_OK_AND_ASSIGN(size_t units, UnitCount());
  EXPECT_EQ(units, 7u + kThreads * kWritesPerThread);
}

TEST_P(StoreTxTest, ASecondWriterWaitsForTheFirst) {
  // Also across two stores on the same database in this process.
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> other, OpenStore(url_));
  ASSERT_OK_AND_ASSIGN(auto first, Write());
  std::atomic<bool> first_committed{false};
  std::atomic<bool> second_saw_first{false};
  Status second_status;
  std::thread second([&] {
    auto tx = other->BeginWrite();
    if (!tx.ok()) {
      second_status = tx.status();
      return;
    }
    second_saw_first = first_committed.load();
    second_status = (*tx)->Commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_OK(StatusOf(first->InsertUnit({0, avd_, UnitKind::kEnhet, "Först"})));
  first_committed = true;
  ASSERT_OK(first->Commit());
  second.join();
  EXPECT_OK(second_status);
  EXPECT_TRUE(second_saw_first.load());
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreTxTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
