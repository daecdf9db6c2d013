// Store contract: notes, measures, the incident logbook and the audit log.
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kBase = 1'790'000'000'000;

class StoreRecordsTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK_AND_ASSIGN(open_, AddIncident(NewIncident(unit_a_, alice_, {bob_}, kBase)));
    ASSERT_OK_AND_ASSIGN(sensitive_,
                         AddIncident(NewIncident(unit_b_, carol_, {carol_}, kBase, true)));
  }

  Measure NewMeasure(IncidentId incident, UserId responsible, TimeMs due,
                     const std::string& title) const {
    Measure m;
    m.incident_id = incident;
    m.title = title;
    m.responsible_user_id = responsible;
    m.due_date = due;
    m.created_by = alice_;
    m.created_at = kBase;
    return m;
  }

  Result<std::vector<Measure>> ListMeasures(const MeasureQuery& q) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store_->BeginRead());
    return tx->ListMeasures(q);
  }

  static AuditRecord NewAudit(int64_t seq) {
    AuditRecord r;
    r.seq = seq;
    r.at = kBase + seq;
    r.actor_id = seq % 2 == 0 ? std::optional<UserId>(42) : std::nullopt;
    r.action = "incident.read";
    r.target_type = "incident";
    r.target_id = 100 + seq;
    r.detail = "view=full";
    r.prev_hash = seq == 1 ? "" : "hash-" + std::to_string(seq - 1);
    r.hash = "hash-" + std::to_string(seq);
    return r;
  }

  IncidentId open_ = 0;
  IncidentId sensitive_ = 0;
};

TEST_P(StoreRecordsTest, NotesAreListedOldestFirst) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t n2, tx->InsertNote({0, open_, bob_, "Andra", kBase + 20}));
  ASSERT_OK_AND_ASSIGN(int64_t n1, tx->InsertNote({0, open_, alice_, "Första", kBase + 10}));
  ASSERT_OK_AND_ASSIGN(int64_t other, tx->InsertNote({0, sensitive_, carol_, "Annan", kBase}));
  EXPECT_STATUS(tx->InsertNote({0, 987654, bob_, "x", kBase}), StatusCode::kInvalidArgument,
                "storage.foreign_key");
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<Note> notes, read->ListNotes(open_));
  EXPECT_EQ(Ids(notes), (std::vector<int64_t>{n1, n2}));
  EXPECT_EQ(notes[0].incident_id, open_);
  EXPECT_EQ(notes[0].author_id, alice_);
  EXPECT_EQ(notes[0].text, "Första");
  EXPECT_EQ(notes[0].created_at, kBase + 10);
  ASSERT_OK_AND_ASSIGN(notes, read->ListNotes(sensitive_));
  EXPECT_EQ(Ids(notes), std::vector<int64_t>{other});
  ASSERT_OK_AND_ASSIGN(notes, read->ListNotes(987654));
  EXPECT_TRUE(notes.empty());
}

TEST_P(StoreRecordsTest, MeasuresRoundTripUpdateAndCountOpen) {
  Measure m = NewMeasure(open_, bob_, kBase + 7 * kDay, "Se över larmrutiner");
  Measure done = NewMeasure(open_, carol_, kBase + kDay, "Samtal med personal");
  done.status = MeasureStatus::kKlar;
  done.done_at = kBase + 100;
  done.done_by = carol_;
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(m.id, tx->InsertMeasure(m));
  ASSERT_OK_AND_ASSIGN(done.id, tx->InsertMeasure(done));
  ASSERT_OK_AND_ASSIGN(int open_count, tx->CountOpenMeasures(open_));
  EXPECT_EQ(open_count, 1);
  ASSERT_OK_AND_ASSIGN(Incident with_measures, tx->GetIncident(open_));
  EXPECT_EQ(with_measures.open_measures, 1);  // read along with the incident
  ASSERT_OK_AND_ASSIGN(Measure got, tx->GetMeasure(m.id));
  ExpectMeasureEq(got, m);
  ASSERT_OK_AND_ASSIGN(got, tx->GetMeasure(done.id));
  ExpectMeasureEq(got, done);
  EXPECT_STATUS(tx->GetMeasure(987654), StatusCode::kNotFound, "measure.not_found");

  m.status = MeasureStatus::kKlar;
  m.done_at = kBase + 200;
  m.done_by = bob_;
  m.title = "Se över larmrutiner (klart)";
  ASSERT_OK(tx->UpdateMeasure(m));
  Measure ghost = m;
  ghost.id = 987654;
  EXPECT_STATUS(tx->UpdateMeasure(ghost), StatusCode::kNotFound, "measure.not_found");
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(got, read->GetMeasure(m.id));
  ExpectMeasureEq(got, m);
  ASSERT_OK_AND_ASSIGN(open_count, read->CountOpenMeasures(open_));
  EXPECT_EQ(open_count, 0);
  ASSERT_OK_AND_ASSIGN(with_measures, read->GetIncident(open_));
  EXPECT_EQ(with_measures.open_measures, 0);
  ASSERT_OK_AND_ASSIGN(open_count, read->CountOpenMeasures(sensitive_));
  EXPECT_EQ(open_count, 0);
}

TEST_P(StoreRecordsTest, MeasureQueryFilters) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t m1,
                       tx->InsertMeasure(NewMeasure(open_, bob_, kBase + 3 * kDay, "a")));
  ASSERT_OK_AND_ASSIGN(int64_t m2, tx->InsertMeasure(NewMeasure(open_, carol_, kBase + kDay, "b")));
  Measure klar = NewMeasure(sensitive_, bob_, kBase + 2 * kDay, "c");
  klar.status = MeasureStatus::kKlar;
  ASSERT_OK_AND_ASSIGN(int64_t m3, tx->InsertMeasure(klar));
  ASSERT_OK_AND_ASSIGN(int64_t m4,
                       tx->InsertMeasure(NewMeasure(sensitive_, bob_, kBase + 2 * kDay, "d")));
  ASSERT_OK(tx->Commit());

  struct Case {
    const char* name;
    std::function<void(MeasureQuery&)> set;
    std::vector<int64_t> want;  // by due date, then id
  };
  const std::vector<Case> cases = {
      {"none", [](MeasureQuery&) {}, {m2, m3, m4, m1}},
      {"incident", [&](MeasureQuery& q) { q.incident_id = open_; }, {m2, m1}},
      {"responsible", [&](MeasureQuery& q) { q.responsible_user_id = bob_; }, {m3, m4, m1}},
      {"status", [](MeasureQuery& q) { q.status = MeasureStatus::kOppen; }, {m2, m4, m1}},
      {"due before is exclusive", [](MeasureQuery& q) { q.due_before = kBase + 2 * kDay; }, {m2}},
      {"due before", [](MeasureQuery& q) { q.due_before = kBase + 2 * kDay + 1; }, {m2, m3, m4}},
      {"scope without sensitive",
       [&](MeasureQuery& q) {
         q.incident_scope = VisibilityFilter{{}, {unit_a_, unit_b_}, {}};
       },
       {m2, m1}},
      {"scope with sensitive",
       [&](MeasureQuery& q) {
         q.incident_scope = VisibilityFilter{{unit_b_}, {}, {}};
       },
       {m3, m4}},
      {"scope involving",
       [&](MeasureQuery& q) {
         q.incident_scope = VisibilityFilter{{}, {}, carol_};
       },
       {m3, m4}},
      {"empty scope", [&](MeasureQuery& q) { q.incident_scope = VisibilityFilter{}; }, {}},
      {"combined",
       [&](MeasureQuery& q) {
         q.responsible_user_id = bob_;
         q.status = MeasureStatus::kOppen;
         q.due_before = kBase + 3 * kDay;
         q.incident_scope = VisibilityFilter{{unit_b_}, {}, {}};
       },
       {m4}},
      {"limit", [](MeasureQuery& q) { q.limit = 2; }, {m2, m3}},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    MeasureQuery q;
    c.set(q);
    ASSERT_OK_AND_ASSIGN(std::vector<Measure> got, ListMeasures(q));
    EXPECT_EQ(Ids(got), c.want);
  }
}

TEST_P(StoreRecordsTest, LogbookIsListedOldestFirst) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t l1, tx->InsertLog({0, open_, kBase, alice_, "created", ""}));
  ASSERT_OK_AND_ASSIGN(int64_t l2,
                       tx->InsertLog({0, open_, kBase + 5, bob_, "status_changed", "ny>mottagen"}));
  ASSERT_OK_AND_ASSIGN(int64_t l3,
                       tx->InsertLog({0, open_, kBase + 5, bob_, "measure_added", "7"}));
  ASSERT_OK(StatusOf(tx->InsertLog({0, sensitive_, kBase, carol_, "created", ""})));
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<LogEntry> log, read->ListLog(open_));
  EXPECT_EQ(Ids(log), (std::vector<int64_t>{l1, l2, l3}));
  EXPECT_EQ(log[1].incident_id, open_);
  EXPECT_EQ(log[1].at, kBase + 5);
  EXPECT_EQ(log[1].actor_id, bob_);
  EXPECT_EQ(log[1].action, "status_changed");
  EXPECT_EQ(log[1].detail, "ny>mottagen");
}

TEST_P(StoreRecordsTest, AuditAppendListAndLast) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(std::optional<AuditRecord> last, tx->LastAudit());
  EXPECT_EQ(last, std::nullopt);
  for (int64_t seq = 1; seq <= 5; ++seq) ASSERT_OK(tx->AppendAudit(NewAudit(seq)));
  EXPECT_STATUS(tx->AppendAudit(NewAudit(3)), StatusCode::kAlreadyExists, "audit.duplicate_seq");
  ASSERT_OK(tx->Commit());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(last, read->LastAudit());
  ASSERT_TRUE(last.has_value());
  ExpectAuditEq(*last, NewAudit(5));
  ASSERT_OK_AND_ASSIGN(std::vector<AuditRecord> page, read->ListAudit(0, 100));
  ASSERT_EQ(page.size(), 5u);
  for (size_t k = 0; k < page.size(); ++k) ExpectAuditEq(page[k], NewAudit(k + 1));
  EXPECT_EQ(page[0].actor_id, std::nullopt);  // the system
  ASSERT_OK_AND_ASSIGN(page, read->ListAudit(2, 2));
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0].seq, 3);
  EXPECT_EQ(page[1].seq, 4);
  ASSERT_OK_AND_ASSIGN(page, read->ListAudit(5, 10));
  EXPECT_TRUE(page.empty());
}

TEST_P(StoreRecordsTest, AuditLogRejectsUpdateAndDelete) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(tx->AppendAudit(NewAudit(1)));
  ASSERT_OK(tx->AppendAudit(NewAudit(2)));
  ASSERT_OK(tx->Commit());

  EXPECT_FALSE(ExecRaw("UPDATE audit_log SET detail = 'forged' WHERE seq = 1").ok());
  EXPECT_FALSE(ExecRaw("DELETE FROM audit_log WHERE seq = 2").ok());
  EXPECT_FALSE(ExecRaw("DELETE FROM audit_log").ok());

  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<AuditRecord> all, read->ListAudit(0, 10));
  ASSERT_EQ(all.size(), 2u);
  ExpectAuditEq(all[0], NewAudit(1));
  ExpectAuditEq(all[1], NewAudit(2));
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreRecordsTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
