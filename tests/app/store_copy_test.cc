// CopyStore: moving a whole installation from SQLite to each engine, resuming
// after an interruption, refusing a foreign target and catching a bad copy.
#include "app/store_copy.h"

#include <sqlite3.h>

#include <set>

#include "../storage/store_test_support.h"
#include "core/time.h"
#include "domain/audit_chain.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kBase = 1'790'000'000'000;

// The source is a SQLite installation (the usual starting point); the target
// is each engine under test.
class StoreCopyTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    ASSERT_OK_AND_ASSIGN(source_, OpenStore("sqlite:" + (dir_ / "source.db").string()));
    ASSERT_OK(source_->Migrate());
    FillSource();
    // The fixture's store is the (empty) target: drop what StoreTest seeded.
    store_.reset();
    if (GetParam().drop) GetParam().drop(url_);
    std::filesystem::create_directories(dir_ / "target");
    url_ = GetParam().fresh_url(dir_ / "target");
    ASSERT_OK_AND_ASSIGN(store_, OpenStore(url_));
  }

  // Units (one whose parent has a higher id), users, grants, incidents with
  // exposed users, NULLs and awkward text, notes, measures and support, logbook,
  // police reports, authority notices, a contact, policy rules, notifications,
  // mail, risk templates and assessments with their child rows, a subject link,
  // security plans with people, handling group, measures and log, and a valid
  // audit chain.
  void FillSource() {
    ASSERT_OK_AND_ASSIGN(auto tx, source_->BeginWrite());
    ASSERT_OK_AND_ASSIGN(UnitId root,
                         tx->InsertUnit({0, std::nullopt, UnitKind::kKommun, "Kommunen"}));
    ASSERT_OK_AND_ASSIGN(UnitId late_child, tx->InsertUnit({0, root, UnitKind::kEnhet, "Flyttad"}));
    ASSERT_OK_AND_ASSIGN(UnitId forv,
                         tx->InsertUnit({0, root, UnitKind::kForvaltning, "Socialförvaltningen"}));
    // Move the first child under a unit created after it.
    ASSERT_OK(tx->UpdateUnit({late_child, forv, UnitKind::kEnhet, "Flyttad"}));
    std::vector<UserId> users;
    std::vector<IncidentId> incidents;
    for (int k = 0; k < 6; ++k) {
      User u;
      u.username = "user" + std::to_string(k);
      u.display_name = k == 0 ? "Åsa Öberg" : "Användare " + std::to_string(k);
      u.email = u.username + "@kommunen.se";
      u.unit_id = k % 2 == 0 ? late_child : forv;
      u.active = k != 5;
      u.password_hash = "$argon2id$v=19$x";
      u.created_at = kBase + k;
      ASSERT_OK_AND_ASSIGN(UserId id, tx->InsertUser(u));
      users.push_back(id);
    }
    ASSERT_OK(StatusOf(tx->InsertGrant({0, users[1], Role::kChef, forv})));
    ASSERT_OK(StatusOf(tx->InsertGrant({0, users[2], Role::kAdmin, root})));
    for (int k = 0; k < 17; ++k) {
      Incident inc;
      inc.unit_id = k % 3 == 0 ? late_child : forv;
      inc.reporter_id = users[k % 6];
      inc.category = k % 2 == 0 ? Category::kHot : Category::kVald;
      inc.occurred_at = kBase - k * 3'600'000;
      inc.place_type = PlaceType::kHembesok;
      inc.exposed_user_ids = {users[(k + 1) % 6], users[(k + 2) % 6]};
      inc.description =
          k == 4 ? "123"
                 : "Hot i \"receptionen\" — 'citat', ?, $1, \\ och ✓ nr " + std::to_string(k);
      inc.severity = 1 + k % 4;
      if (k % 2 == 1) inc.perpetrator_relation = PerpetratorRelation::kBrukare;
      inc.sensitive = k % 5 == 0;
      inc.status = k % 4 == 0 ? IncidentStatus::kAvslutad : IncidentStatus::kNy;
      if (k % 4 == 0) inc.closed_at = kBase + k;
      inc.created_at = inc.updated_at = kBase + k;
      inc.version = 1 + k;
      inc.aimed_at_person = k % 3 != 1;
      if (inc.severity >= kSeverityAllvarlig) inc.serious_since = kBase + k;
      if (k % 4 == 3) inc.coordinator_consulted_at = kBase + k + 1;
      ASSERT_OK_AND_ASSIGN(IncidentId id, tx->InsertIncident(inc));
      incidents.push_back(id);
      ASSERT_OK(StatusOf(
          tx->InsertNote({0, id, users[1], "Anteckning " + std::to_string(k), kBase + k})));
      Measure m;
      m.incident_id = id;
      m.title = "Åtgärd";
      m.responsible_user_id = users[1];
      m.due_date = kBase + 7 * kMsPerDay;
      m.created_by = users[1];
      m.created_at = kBase;
      if (k % 3 == 0) {
        m.status = MeasureStatus::kKlar;
        m.done_at = kBase + 1;
        m.done_by = users[1];
      }
      if (k % 2 == 1) {
        m.kind = MeasureKind::kStod;
        m.support_type = SupportType::kKrisstod;
        m.support_group = k % 4 == 1;
        if (!m.support_group) m.support_user_id = users[(k + 1) % 6];
        m.follow_up_date = kBase + 14 * kMsPerDay;
      }
      ASSERT_OK(StatusOf(tx->InsertMeasure(m)));
      // After the incident: the police report, notices, a notification and its mail.
      if (k % 2 == 0) {
        PoliceReport report;
        report.incident_id = id;
        report.reported = k % 4 == 0;
        if (report.reported) {
          report.reporter = PoliceReporter::kChef;
          report.reported_by = users[1];
          report.reported_at = kBase + k;
          report.case_number = "5000-K" + std::to_string(k);
        } else {
          report.not_reported_reason = NotReportedReason::kEjBrott;
        }
        report.updated_by = users[1];
        report.updated_at = kBase + k;
        ASSERT_OK(tx->PutPoliceReport(report));
      }
      if (k % 3 == 0) {
        ASSERT_OK(tx->PutAuthorityNotice({id, Authority::kArbetsmiljoverket, kBase + k,
                                          NoticeChannel::kETjanst, "AV-" + std::to_string(k),
                                          users[1], kBase + k}));
        ASSERT_OK(tx->PutAuthorityNotice({id, Authority::kForsakringskassan, kBase + k,
                                          NoticeChannel::kEpost, "", users[1], kBase + k}));
      }
      Notification n{0,
                     users[1],
                     NotificationKind::kNewIncident,
                     k % 5 == 0 ? std::nullopt : std::optional<IncidentId>(id),
                     std::to_string(k),
                     "new:" + std::to_string(id),
                     kBase + k,
                     k % 2 == 0 ? std::optional<TimeMs>(kBase + k + 1) : std::nullopt};
      ASSERT_OK_AND_ASSIGN(int64_t nid, tx->InsertNotification(n));
      OutboxMail mail;
      mail.notification_id = nid;
      mail.to_address = "user1@kommunen.se";
      mail.subject = "Ny händelse";
      mail.body = "Rad 1\nRad 2 — ✓";
      mail.created_at = kBase + k;
      mail.next_attempt_at = kBase + k;
      if (k % 3 == 0) mail.sent_at = kBase + k + 2;
      ASSERT_OK(StatusOf(tx->InsertMail(mail)));
      ASSERT_OK(StatusOf(tx->InsertLog({0, id, kBase + k, users[0], "created", ""})));
    }
    ASSERT_OK(
        tx->PutOrgContact({forv, "Socialförvaltningen", "212000-0142", "Storgatan 1", "123 45",
                           "Kommunstad", "08-123 456", "social@kommunen.se", users[2], kBase}));
    PolicyRule rule;
    rule.kind = RuleKind::kSupportOffered;
    rule.categories = {Category::kHot, Category::kVald};
    ASSERT_OK(tx->PutPolicyRule(forv, rule, users[2], kBase));
    rule.kind = RuleKind::kAcknowledged;
    rule.categories.clear();
    ASSERT_OK(tx->PutPolicyRule(forv, rule, users[2], kBase));
    ASSERT_OK(
        tx->InsertRiskTemplate({forv, 1, R"({"factors":[{"code":"hot"}]})", users[2], kBase}));
    for (int k = 0; k < 3; ++k) {
      RiskAssessment a;
      a.unit_id = late_child;
      a.forvaltning_id = forv;
      a.template_version = 1;
      a.event_at = kBase + k;
      a.title = "Möte " + std::to_string(k);
      a.participants = {users[(k + 3) % 6], users[(k + 1) % 6]};
      a.answers = {{"vapen", true}, {"hot", k % 2 == 0}};
      a.subject_key = k == 0 ? "" : "k1:ab";
      a.measures = {{"vakt", true, false, std::nullopt},
                    {"larm", true, true, k == 2 ? std::optional<int>(4) : std::nullopt}};
      a.created_by = users[0];
      a.created_at = a.updated_at = kBase + k;
      if (k == 2) {
        a.status = AssessmentStatus::kUppfoljd;
        a.decided_by = a.followed_up_by = users[1];
        a.decided_at = a.followed_up_at = kBase + k;
        a.incident_occurred = true;
        a.incident_id = incidents[k];
      }
      ASSERT_OK(StatusOf(tx->InsertAssessment(a)));
    }
    ASSERT_OK(tx->PutIncidentSubject(incidents[0], "k1:ab", users[1], kBase));
    ASSERT_OK(tx->PutIncidentSubject(incidents[3], "k1:cd", users[1], kBase));
    for (int k = 0; k < 2; ++k) {
      SecurityPlan plan;
      plan.unit_id = late_child;
      plan.forvaltning_id = forv;
      plan.title = "Plan " + std::to_string(k);
      plan.review_date = kBase + k;
      plan.people = {users[4], users[0]};
      plan.protected_case = k == 1;
      if (plan.protected_case) {
        plan.routine.handling_unit_id = forv;
        plan.routine.handling_group = {users[4], users[3]};
        plan.routine.instructions = "Endast via växeln.";
      }
      plan.created_by = users[2];
      plan.created_at = plan.updated_at = kBase + k;
      ASSERT_OK_AND_ASSIGN(int64_t plan_id, tx->InsertSecurityPlan(plan));
      ASSERT_OK(StatusOf(
          tx->InsertPlanMeasure({0, plan_id, "Larm", users[1], kBase, MeasureStatus::kOppen,
                                 users[2], kBase, std::nullopt, std::nullopt})));
      ASSERT_OK(StatusOf(tx->InsertPlanLog({0, plan_id, kBase, users[2], "created", ""})));
    }
    std::string prev = kAuditGenesisHash;
    for (int64_t seq = 1; seq <= 40; ++seq) {
      AuditRecord r{seq,
                    kBase + seq,
                    seq % 3 == 0 ? std::nullopt : std::optional<UserId>(users[0]),
                    "incident.read",
                    "incident",
                    seq,
                    "view=full",
                    prev,
                    ""};
      r.hash = AuditHash(r);
      prev = r.hash;
      ASSERT_OK(tx->AppendAudit(r));
    }
    ASSERT_OK(tx->Commit());
  }

  std::unique_ptr<Store> source_;
};

TEST_P(StoreCopyTest, CopiesEverythingWithTheSameIdsAndVerifies) {
  ASSERT_OK_AND_ASSIGN(CopyReport report, CopyStore(*source_, *store_, {}));
  std::set<std::string> names;
  for (const auto& t : report.tables) {
    names.insert(t.name);
    EXPECT_EQ(t.copied_now, t.rows) << t.name;
  }
  EXPECT_EQ(names.size(), CopiedTables().size());
  EXPECT_EQ(report.audit_records, 40);

  // Read back through the Store on the target: the same records, field by field.
  ASSERT_OK_AND_ASSIGN(auto src, source_->BeginRead());
  ASSERT_OK_AND_ASSIGN(auto dst, store_->BeginRead());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> su, src->ListUnits());
  ASSERT_OK_AND_ASSIGN(std::vector<OrgUnit> du, dst->ListUnits());
  ASSERT_EQ(du.size(), su.size());
  for (size_t k = 0; k < su.size(); ++k) {
    EXPECT_EQ(du[k].id, su[k].id);
    EXPECT_EQ(du[k].parent_id, su[k].parent_id);
    EXPECT_EQ(du[k].kind, su[k].kind);
    EXPECT_EQ(du[k].name, su[k].name);
  }
  ASSERT_OK_AND_ASSIGN(std::vector<User> users, src->ListUsers());
  for (const User& u : users) {
    ASSERT_OK_AND_ASSIGN(User copy, dst->GetUser(u.id));
    ExpectUserEq(copy, u);
  }
  IncidentQuery all;
  all.scope.all_units = Ids(su);
  all.limit = 500;
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> si, src->ListIncidents(all));
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> di, dst->ListIncidents(all));
  ASSERT_EQ(di.size(), 17u);
  for (size_t k = 0; k < si.size(); ++k) ExpectIncidentEq(di[k], si[k]);
  int reports = 0;
  for (const Incident& inc : si) {
    MeasureQuery mq;
    mq.incident_id = inc.id;
    ASSERT_OK_AND_ASSIGN(std::vector<Measure> sm, src->ListMeasures(mq));
    ASSERT_OK_AND_ASSIGN(std::vector<Measure> dm, dst->ListMeasures(mq));
    ASSERT_EQ(dm.size(), sm.size());
    for (size_t k = 0; k < sm.size(); ++k) ExpectMeasureEq(dm[k], sm[k]);
    Result<PoliceReport> sp = src->GetPoliceReport(inc.id);
    Result<PoliceReport> dp = dst->GetPoliceReport(inc.id);
    ASSERT_EQ(dp.ok(), sp.ok());
    if (sp.ok()) {
      ++reports;
      EXPECT_EQ(dp->reported, sp->reported);
      EXPECT_EQ(dp->reporter, sp->reporter);
      EXPECT_EQ(dp->case_number, sp->case_number);
      EXPECT_EQ(dp->not_reported_reason, sp->not_reported_reason);
    }
    ASSERT_OK_AND_ASSIGN(std::vector<AuthorityNotice> sn, src->ListAuthorityNotices(inc.id));
    ASSERT_OK_AND_ASSIGN(std::vector<AuthorityNotice> dn, dst->ListAuthorityNotices(inc.id));
    ASSERT_EQ(dn.size(), sn.size());
    for (size_t k = 0; k < sn.size(); ++k) {
      EXPECT_EQ(dn[k].authority, sn[k].authority);
      EXPECT_EQ(dn[k].reference, sn[k].reference);
    }
  }
  EXPECT_EQ(reports, 9);
  ASSERT_OK_AND_ASSIGN(std::vector<PolicyRule> rules, dst->ListPolicyRules(su[2].id));
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].kind, RuleKind::kAcknowledged);
  EXPECT_EQ(rules[1].categories, (std::vector<Category>{Category::kHot, Category::kVald}));
  ASSERT_OK_AND_ASSIGN(OrgContact contact, dst->GetOrgContact(su[2].id));
  EXPECT_EQ(contact.org_number, "212000-0142");
  ASSERT_OK_AND_ASSIGN(User user1, src->GetUserByUsername("user1"));
  ASSERT_OK_AND_ASSIGN(std::vector<Notification> sno,
                       src->ListNotifications(user1.id, false, 0, 100));
  ASSERT_OK_AND_ASSIGN(std::vector<Notification> dno,
                       dst->ListNotifications(user1.id, false, 0, 100));
  ASSERT_EQ(dno.size(), 17u);
  EXPECT_EQ(Ids(dno), Ids(sno));
  for (size_t k = 0; k < sno.size(); ++k) {
    EXPECT_EQ(dno[k].incident_id, sno[k].incident_id);
    EXPECT_EQ(dno[k].read_at, sno[k].read_at);
  }
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxMail> dmail, dst->ListDueMail(kBase + 100, 100));
  EXPECT_EQ(dmail.size(), 11u);  // 17 less the 6 sent
  EXPECT_EQ(dmail.front().body, "Rad 1\nRad 2 — ✓");
  ASSERT_OK_AND_ASSIGN(std::vector<AuditRecord> sa, src->ListAudit(0, 100));
  ASSERT_OK_AND_ASSIGN(std::vector<AuditRecord> da, dst->ListAudit(0, 100));
  ASSERT_EQ(da.size(), sa.size());
  for (size_t k = 0; k < sa.size(); ++k) ExpectAuditEq(da[k], sa[k]);
  EXPECT_TRUE(VerifyAuditChain(da, 0, kAuditGenesisHash).ok);
  ASSERT_OK_AND_ASSIGN(StoredRiskTemplate tmpl, dst->LatestRiskTemplate(su[2].id));
  EXPECT_EQ(tmpl.body, R"({"factors":[{"code":"hot"}]})");
  ASSERT_OK_AND_ASSIGN(std::vector<RiskAssessment> sra, src->ListAssessments({}));
  ASSERT_OK_AND_ASSIGN(std::vector<RiskAssessment> dra, dst->ListAssessments({}));
  ASSERT_EQ(dra.size(), 3u);
  EXPECT_EQ(Ids(dra), Ids(sra));
  for (size_t k = 0; k < sra.size(); ++k) {
    EXPECT_EQ(dra[k].participants, sra[k].participants);
    ASSERT_EQ(dra[k].answers.size(), 2u);
    EXPECT_EQ(dra[k].answers[0].code, "vapen");
    EXPECT_EQ(dra[k].answers[1].yes, sra[k].answers[1].yes);
    ASSERT_EQ(dra[k].measures.size(), 2u);
    EXPECT_EQ(dra[k].measures[1].rating, sra[k].measures[1].rating);
    EXPECT_EQ(dra[k].incident_id, sra[k].incident_id);
    EXPECT_EQ(dra[k].subject_key, sra[k].subject_key);
  }
  ASSERT_OK_AND_ASSIGN(std::vector<MeasureUse> uses, dst->ListMeasureUses(std::nullopt));
  ASSERT_EQ(uses.size(), 1u);
  EXPECT_EQ(uses[0].rating, 4);
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> linked, dst->ListIncidentsBySubject("k1:ab"));
  EXPECT_EQ(Ids(linked), std::vector<int64_t>{si.front().id});  // the newest incident
  ASSERT_OK_AND_ASSIGN(std::vector<SecurityPlan> splans, src->ListSecurityPlans({}));
  ASSERT_OK_AND_ASSIGN(std::vector<SecurityPlan> dplans, dst->ListSecurityPlans({}));
  ASSERT_EQ(dplans.size(), 2u);
  EXPECT_EQ(Ids(dplans), Ids(splans));
  for (size_t k = 0; k < splans.size(); ++k) {
    EXPECT_EQ(dplans[k].people, splans[k].people);
    EXPECT_EQ(dplans[k].routine.handling_group, splans[k].routine.handling_group);
    EXPECT_EQ(dplans[k].routine.handling_unit_id, splans[k].routine.handling_unit_id);
    ASSERT_OK_AND_ASSIGN(std::vector<PlanMeasure> pm, dst->ListPlanMeasures(splans[k].id));
    EXPECT_EQ(pm.size(), 1u);
    ASSERT_OK_AND_ASSIGN(std::vector<PlanLogEntry> pl, dst->ListPlanLog(splans[k].id));
    EXPECT_EQ(pl.size(), 1u);
  }
  dst.reset();

  // New rows on the target get fresh ids after the copied ones.
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(UnitId fresh, tx->InsertUnit({0, su[0].id, UnitKind::kForvaltning, "Ny"}));
  Notification again = dno.front();
  again.dedupe_key = "fresh";
  ASSERT_OK_AND_ASSIGN(int64_t fresh_notification, tx->InsertNotification(again));
  ASSERT_OK_AND_ASSIGN(int64_t fresh_assessment, tx->InsertAssessment(sra.front()));
  ASSERT_OK_AND_ASSIGN(int64_t fresh_plan, tx->InsertSecurityPlan(splans.front()));
  ASSERT_OK(tx->Commit());
  EXPECT_GT(fresh, su.back().id);
  EXPECT_GT(fresh_notification, dno.front().id);
  EXPECT_GT(fresh_assessment, sra.front().id);
  EXPECT_GT(fresh_plan, splans.front().id);

  // A second run finds nothing left to copy, and still verifies.
  store_.reset();
  Reopen();
  // (The target now has one more unit than the source: it is no longer a copy.)
  EXPECT_STATUS(CopyStore(*source_, *store_, {}), StatusCode::kFailedPrecondition,
                "copy.target_not_empty");
}

TEST_P(StoreCopyTest, AnInterruptedCopyGoesOnWhereItStopped) {
  CopyOptions options;
  options.batch_rows = 4;
  int batches = 0;
  options.on_progress = [&](const CopyProgress&) { return ++batches < 6; };
  EXPECT_STATUS(CopyStore(*source_, *store_, options), StatusCode::kFailedPrecondition,
                "copy.stopped");
  Reopen();
  options.on_progress = nullptr;
  ASSERT_OK_AND_ASSIGN(CopyReport report, CopyStore(*source_, *store_, options));
  int64_t resumed = 0, fresh = 0;
  for (const auto& t : report.tables) {
    if (t.copied_now < t.rows) ++resumed;
    fresh += t.copied_now;
  }
  EXPECT_GT(resumed, 0);  // some tables were (partly) there from the first run
  EXPECT_GT(fresh, 0);
  EXPECT_EQ(report.audit_records, 40);
  // Exactly once each: the digests compared equal, and the counts are the source's.
  ASSERT_OK_AND_ASSIGN(auto dst, store_->BeginRead());
  for (const auto& t : report.tables) {
    const TableInfo* table = nullptr;
    for (const TableInfo& info : CopiedTables()) {
      if (info.name == t.name) table = &info;
    }
    ASSERT_NE(table, nullptr);
    ASSERT_OK_AND_ASSIGN(int64_t rows, dst->CountRows(*table));
    EXPECT_EQ(rows, t.rows) << t.name;
  }
}

TEST_P(StoreCopyTest, RefusesATargetHoldingSomethingElse) {
  ASSERT_OK(store_->Migrate());
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK(StatusOf(tx->InsertUnit({0, std::nullopt, UnitKind::kKommun, "En annan kommun"})));
  ASSERT_OK(tx->Commit());
  EXPECT_STATUS(CopyStore(*source_, *store_, {}), StatusCode::kFailedPrecondition,
                "copy.target_not_empty");
}

TEST_P(StoreCopyTest, AChangedRowInTheTargetFailsVerification) {
  ASSERT_OK(StatusOf(CopyStore(*source_, *store_, {})));
  // Tamper with a row in the middle: its count and last key stay the same.
  ASSERT_OK(ExecRaw("UPDATE incidents SET description = 'ändrad' WHERE id = 5"));
  EXPECT_STATUS(CopyStore(*source_, *store_, {}), StatusCode::kFailedPrecondition, "copy.mismatch");
}

TEST_P(StoreCopyTest, RefusesASourceOnAnotherSchemaVersion) {
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> empty,
                       OpenStore("sqlite:" + (dir_ / "empty.db").string()));
  EXPECT_STATUS(CopyStore(*empty, *store_, {}), StatusCode::kFailedPrecondition,
                "copy.source_schema");
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreCopyTest, ::testing::ValuesIn(Engines()), EngineName);

// The catalogue names every column of every table the migrations create.
TEST(CopiedTablesTest, CoverTheWholeSchema) {
  const std::string path = (std::filesystem::temp_directory_path() /
                            ("trygg-catalogue-" + std::to_string(getpid()) + ".db"))
                               .string();
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore("sqlite:" + path));
    ASSERT_OK(store->Migrate());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto column = [&](const std::string& sql) {
    std::vector<std::string> out;
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW) {
      out.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)));
    }
    sqlite3_finalize(st);
    return out;
  };
  std::set<std::string> schema_tables;
  for (const std::string& t : column("SELECT name FROM sqlite_master WHERE type = 'table'"
                                     " AND name NOT IN ('sqlite_sequence', 'schema_migrations')")) {
    schema_tables.insert(t);
  }
  std::set<std::string> listed;
  for (std::string_view t : kUncopiedTables) listed.insert(std::string(t));
  for (const TableInfo& table : CopiedTables()) {
    listed.insert(std::string(table.name));
    std::vector<std::string> expected;
    for (const ColumnInfo& c : table.columns) expected.emplace_back(c.name);
    EXPECT_EQ(column("SELECT name FROM pragma_table_info('" + std::string(table.name) + "')"),
              expected)
        << table.name;
  }
  EXPECT_EQ(listed, schema_tables);
  sqlite3_close(db);
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace trygg::store_test
