// Store contract: after an incident (schema version 3) — the new incident and
// measure fields, police reports, notices to authorities, contact details,
// policy rules, notifications and the mail outbox, and upgrading a version-2
// database.
#include "storage/migrations.h"
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kBase = 1'790'000'000'000;

void ExpectPoliceReportEq(const PoliceReport& a, const PoliceReport& e) {
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.reported, e.reported);
  EXPECT_EQ(a.reporter, e.reporter);
  EXPECT_EQ(a.reported_by, e.reported_by);
  EXPECT_EQ(a.reported_at, e.reported_at);
  EXPECT_EQ(a.case_number, e.case_number);
  EXPECT_EQ(a.case_status, e.case_status);
  EXPECT_EQ(a.not_reported_reason, e.not_reported_reason);
  EXPECT_EQ(a.note, e.note);
  EXPECT_EQ(a.updated_by, e.updated_by);
  EXPECT_EQ(a.updated_at, e.updated_at);
}

void ExpectNoticeEq(const AuthorityNotice& a, const AuthorityNotice& e) {
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.authority, e.authority);
  EXPECT_EQ(a.notified_at, e.notified_at);
  EXPECT_EQ(a.channel, e.channel);
  EXPECT_EQ(a.reference, e.reference);
  EXPECT_EQ(a.recorded_by, e.recorded_by);
  EXPECT_EQ(a.recorded_at, e.recorded_at);
}

void ExpectContactEq(const OrgContact& a, const OrgContact& e) {
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.legal_name, e.legal_name);
  EXPECT_EQ(a.org_number, e.org_number);
  EXPECT_EQ(a.street_address, e.street_address);
  EXPECT_EQ(a.postal_code, e.postal_code);
  EXPECT_EQ(a.city, e.city);
  EXPECT_EQ(a.phone, e.phone);
  EXPECT_EQ(a.email, e.email);
  EXPECT_EQ(a.updated_by, e.updated_by);
  EXPECT_EQ(a.updated_at, e.updated_at);
}

void ExpectRuleEq(const PolicyRule& a, const PolicyRule& e) {
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.enabled, e.enabled);
  EXPECT_EQ(a.working_days, e.working_days);
  EXPECT_EQ(a.min_severity, e.min_severity);
  EXPECT_EQ(a.categories, e.categories);
}

void ExpectNotificationEq(const Notification& a, const Notification& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.user_id, e.user_id);
  EXPECT_EQ(a.kind, e.kind);
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.ref, e.ref);
  EXPECT_EQ(a.dedupe_key, e.dedupe_key);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.read_at, e.read_at);
}

void ExpectMailEq(const OutboxMail& a, const OutboxMail& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.notification_id, e.notification_id);
  EXPECT_EQ(a.to_address, e.to_address);
  EXPECT_EQ(a.subject, e.subject);
  EXPECT_EQ(a.body, e.body);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.attempts, e.attempts);
  EXPECT_EQ(a.next_attempt_at, e.next_attempt_at);
  EXPECT_EQ(a.sent_at, e.sent_at);
  EXPECT_EQ(a.last_error, e.last_error);
}

class StoreFollowupTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    if (HasFatalFailure()) return;
    ASSERT_OK_AND_ASSIGN(incident_, AddIncident(NewIncident(unit_a_, alice_, {bob_}, kBase)));
    ASSERT_OK_AND_ASSIGN(other_, AddIncident(NewIncident(unit_b_, carol_, {carol_}, kBase)));
  }

  Notification NewNotification(UserId user, const std::string& key, TimeMs at) const {
    Notification n;
    n.user_id = user;
    n.kind = NotificationKind::kDeadlineNear;
    n.incident_id = incident_;
    n.ref = "17";
    n.dedupe_key = key;
    n.created_at = at;
    return n;
  }

  OutboxMail NewMail(int64_t notification, TimeMs next_attempt_at) const {
    OutboxMail m;
    m.notification_id = notification;
    m.to_address = "alice@kommunen.se";
    m.subject = "Trygg: en åtgärd förfaller i morgon";
    m.body = "Hej!\n\nEn åtgärd du ansvarar för förfaller i morgon.\n";
    m.created_at = kBase;
    m.next_attempt_at = next_attempt_at;
    return m;
  }

  IncidentId incident_ = 0;
  IncidentId other_ = 0;
};

// --- Incident and measure fields ----------------------------------------------------

TEST_P(StoreFollowupTest, NewIncidentFieldsRoundTrip) {
  Incident inc = NewIncident(unit_a_, alice_, {bob_}, kBase + 1);
  EXPECT_TRUE(inc.aimed_at_person);  // the default
  inc.aimed_at_person = false;
  inc.severity = kSeverityAllvarlig;
  inc.serious_since = kBase + 5;
  ASSERT_OK_AND_ASSIGN(inc.id, AddIncident(inc));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(Incident got, tx->GetIncident(inc.id));
    ExpectIncidentEq(got, inc);
    ASSERT_OK_AND_ASSIGN(Incident plain, tx->GetIncident(incident_));
    EXPECT_TRUE(plain.aimed_at_person);
    EXPECT_EQ(plain.serious_since, std::nullopt);
    EXPECT_EQ(plain.coordinator_consulted_at, std::nullopt);
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    inc.aimed_at_person = true;
    inc.coordinator_consulted_at = kBase + 9;
    ASSERT_OK(tx->UpdateIncident(inc, inc.version));
    ++inc.version;
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(Incident got, tx->GetIncident(inc.id));
  ExpectIncidentEq(got, inc);
  IncidentQuery q;
  q.scope.all_units = {unit_a_};
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> listed, tx->ListIncidents(q));
  ASSERT_EQ(listed.size(), 2u);
  ExpectIncidentEq(listed[0], inc);  // the newest first
}

TEST_P(StoreFollowupTest, SupportMeasureFieldsRoundTrip) {
  Measure m;
  m.incident_id = incident_;
  m.title = "Avlastningssamtal";
  m.responsible_user_id = alice_;
  m.due_date = kBase + 2 * kDay;
  m.created_by = alice_;
  m.created_at = kBase;
  m.kind = MeasureKind::kStod;
  m.support_type = SupportType::kAvlastningssamtal;
  m.support_user_id = bob_;
  m.follow_up_date = kBase - kBase % kDay + 14 * kDay;
  Measure plain = m;
  plain.kind = MeasureKind::kAtgard;
  plain.support_type.reset();
  plain.support_user_id.reset();
  plain.follow_up_date.reset();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(m.id, tx->InsertMeasure(m));
    ASSERT_OK_AND_ASSIGN(plain.id, tx->InsertMeasure(plain));
    Measure unknown_person = m;
    unknown_person.support_user_id = 987654;
    EXPECT_STATUS(tx->InsertMeasure(unknown_person), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(Measure got, tx->GetMeasure(m.id));
    ExpectMeasureEq(got, m);
    ASSERT_OK_AND_ASSIGN(got, tx->GetMeasure(plain.id));
    ExpectMeasureEq(got, plain);
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    m.support_type = SupportType::kForetagshalsovard;
    m.support_group = true;
    m.support_user_id.reset();
    m.follow_up_date.reset();
    ASSERT_OK(tx->UpdateMeasure(m));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  MeasureQuery q;
  q.incident_id = incident_;
  ASSERT_OK_AND_ASSIGN(std::vector<Measure> listed, tx->ListMeasures(q));
  ASSERT_EQ(listed.size(), 2u);
  ExpectMeasureEq(listed[0], m);
  ExpectMeasureEq(listed[1], plain);
}

TEST_P(StoreFollowupTest, AnUnknownSupportTypeInTheDatabaseIsAnInternalError) {
  Measure m;
  m.incident_id = incident_;
  m.title = "Stöd";
  m.responsible_user_id = alice_;
  m.created_by = alice_;
  m.kind = MeasureKind::kStod;
  m.support_type = SupportType::kKrisstod;
  int64_t id = 0;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(id, tx->InsertMeasure(m));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK(
      ExecRaw("UPDATE measures SET support_type = 'healing' WHERE id = " + std::to_string(id)));
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_EQ(StatusOf(tx->GetMeasure(id)).code(), StatusCode::kInternal);
}

// --- Police reports and notices ---------------------------------------------------------

TEST_P(StoreFollowupTest, PoliceReportPutReplaceAndGet) {
  PoliceReport reported;
  reported.incident_id = incident_;
  reported.reported = true;
  reported.reporter = PoliceReporter::kMedarbetare;
  reported.reported_by = bob_;
  reported.reported_at = kBase + kDay;
  reported.case_number = "5000-K123456-26";
  reported.case_status = PoliceCaseStatus::kForundersokning;
  reported.note = "Anmält med chefens stöd";
  reported.updated_by = alice_;
  reported.updated_at = kBase + kDay + 5;
  PoliceReport declined;
  declined.incident_id = other_;
  declined.reported = false;
  declined.not_reported_reason = NotReportedReason::kMedarbetarenAvstar;
  declined.updated_by = carol_;
  declined.updated_at = kBase + 3;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_STATUS(tx->GetPoliceReport(incident_), StatusCode::kNotFound, "police.not_found");
    ASSERT_OK(tx->PutPoliceReport(reported));
    ASSERT_OK(tx->PutPoliceReport(declined));
    PoliceReport nowhere = declined;
    nowhere.incident_id = 987654;
    EXPECT_STATUS(tx->PutPoliceReport(nowhere), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK_AND_ASSIGN(PoliceReport got, tx->GetPoliceReport(incident_));
    ExpectPoliceReportEq(got, reported);
    ASSERT_OK(tx->Commit());
  }
  // Replace: the case moves on, then the employee decides against it after all.
  reported.case_status = PoliceCaseStatus::kAtal;
  reported.case_number = "5000-K123456-27";
  reported.updated_at += 100;
  declined.reported = true;
  declined.reporter = PoliceReporter::kChef;
  declined.reported_by = carol_;
  declined.reported_at = kBase + 50;
  declined.not_reported_reason.reset();
  declined.case_status = PoliceCaseStatus::kAnmald;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutPoliceReport(reported));
    ASSERT_OK(tx->PutPoliceReport(declined));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(PoliceReport got, tx->GetPoliceReport(incident_));
  ExpectPoliceReportEq(got, reported);
  ASSERT_OK_AND_ASSIGN(got, tx->GetPoliceReport(other_));
  ExpectPoliceReportEq(got, declined);
}

TEST_P(StoreFollowupTest, AuthorityNoticesOnePerIncidentAndAuthority) {
  AuthorityNotice amv{incident_,     Authority::kArbetsmiljoverket,
                      kBase + 10,    NoticeChannel::kETjanst,
                      "2026/012345", alice_,
                      kBase + 11};
  AuthorityNotice fk{
      incident_, Authority::kForsakringskassan, kBase + 20, NoticeChannel::kEpost, "", alice_,
      kBase + 21};
  AuthorityNotice elsewhere{other_,     Authority::kArbetsmiljoverket,
                            kBase + 30, NoticeChannel::kTelefon,
                            "muntligt", carol_,
                            kBase + 31};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(std::vector<AuthorityNotice> none, tx->ListAuthorityNotices(incident_));
    EXPECT_TRUE(none.empty());
    ASSERT_OK(tx->PutAuthorityNotice(amv));
    ASSERT_OK(tx->PutAuthorityNotice(fk));
    ASSERT_OK(tx->PutAuthorityNotice(elsewhere));
    AuthorityNotice nowhere = amv;
    nowhere.incident_id = 987654;
    EXPECT_STATUS(tx->PutAuthorityNotice(nowhere), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  amv.reference = "2026/099999";
  amv.channel = NoticeChannel::kAnnat;
  amv.notified_at += 1000;
  amv.recorded_by = bob_;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutAuthorityNotice(amv));  // replaces, does not add
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<AuthorityNotice> notices, tx->ListAuthorityNotices(incident_));
  ASSERT_EQ(notices.size(), 2u);
  for (const AuthorityNotice& n : notices) {
    ExpectNoticeEq(n, n.authority == Authority::kArbetsmiljoverket ? amv : fk);
  }
  EXPECT_NE(notices[0].authority, notices[1].authority);
  ASSERT_OK_AND_ASSIGN(notices, tx->ListAuthorityNotices(other_));
  ASSERT_EQ(notices.size(), 1u);
  ExpectNoticeEq(notices[0], elsewhere);
}

// --- Contact details and policy rules ----------------------------------------------------

TEST_P(StoreFollowupTest, OrgContactPutReplaceAndGet) {
  OrgContact contact{
      forv_,        "Socialförvaltningen", "212000-0142",        "Storgatan 1", "123 45",
      "Kommunstad", "08-123 456",          "social@kommunen.se", alice_,        kBase};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_STATUS(tx->GetOrgContact(forv_), StatusCode::kNotFound, "org_contact.not_found");
    ASSERT_OK(tx->PutOrgContact(contact));
    OrgContact nowhere = contact;
    nowhere.unit_id = 987654;
    EXPECT_STATUS(tx->PutOrgContact(nowhere), StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  contact.street_address = "Nygatan 7";
  contact.phone = "";
  contact.updated_by = bob_;
  contact.updated_at = kBase + kDay;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutOrgContact(contact));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(OrgContact got, tx->GetOrgContact(forv_));
  ExpectContactEq(got, contact);
  EXPECT_STATUS(tx->GetOrgContact(forv2_), StatusCode::kNotFound, "org_contact.not_found");
}

TEST_P(StoreFollowupTest, PolicyRulesAreStoredPerForvaltningInRuleKindOrder) {
  PolicyRule support;
  support.kind = RuleKind::kSupportOffered;
  support.working_days = 2;
  support.categories = {Category::kVald, Category::kHot};
  PolicyRule ack;
  ack.kind = RuleKind::kAcknowledged;
  ack.working_days = 0;
  PolicyRule authority;
  authority.kind = RuleKind::kAuthorityNotified;
  authority.enabled = false;
  authority.min_severity = kSeverityMycketAllvarlig;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(std::vector<PolicyRule> none, tx->ListPolicyRules(forv_));
    EXPECT_TRUE(none.empty());
    // Stored out of order; listed in AllRuleKinds order.
    ASSERT_OK(tx->PutPolicyRule(forv_, authority, alice_, kBase));
    ASSERT_OK(tx->PutPolicyRule(forv_, support, alice_, kBase));
    ASSERT_OK(tx->PutPolicyRule(forv_, ack, alice_, kBase));
    ASSERT_OK(tx->PutPolicyRule(forv2_, support, dave_, kBase));
    EXPECT_STATUS(tx->PutPolicyRule(987654, ack, alice_, kBase), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  support.categories.clear();  // every category
  support.working_days = 5;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutPolicyRule(forv_, support, bob_, kBase + 1));  // replaces
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<PolicyRule> rules, tx->ListPolicyRules(forv_));
  ASSERT_EQ(rules.size(), 3u);
  ExpectRuleEq(rules[0], ack);
  ExpectRuleEq(rules[1], support);
  ExpectRuleEq(rules[2], authority);
  ASSERT_OK_AND_ASSIGN(rules, tx->ListPolicyRules(forv2_));
  ASSERT_EQ(rules.size(), 1u);
  EXPECT_EQ(rules[0].categories, (std::vector<Category>{Category::kVald, Category::kHot}));
  ASSERT_OK_AND_ASSIGN(rules, tx->ListPolicyRules(unit_a_));
  EXPECT_TRUE(rules.empty());
}

TEST_P(StoreFollowupTest, AnUnknownCategoryInARuleIsAnInternalError) {
  PolicyRule rule;
  rule.kind = RuleKind::kPoliceReport;
  rule.categories = {Category::kHot};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->PutPolicyRule(forv_, rule, alice_, kBase));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK(ExecRaw("UPDATE policy_rules SET categories = 'hot,spoken'"));
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  EXPECT_EQ(StatusOf(tx->ListPolicyRules(forv_)).code(), StatusCode::kInternal);
}

// --- Notifications ------------------------------------------------------------------------

TEST_P(StoreFollowupTest, ADuplicateNotificationIsNotStoredAndReturnsZero) {
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(int64_t first, tx->InsertNotification(NewNotification(alice_, "k1", kBase)));
  EXPECT_GT(first, 0);
  Notification again = NewNotification(alice_, "k1", kBase + 99);
  again.kind = NotificationKind::kEscalation;
  ASSERT_OK_AND_ASSIGN(int64_t dup, tx->InsertNotification(again));
  EXPECT_EQ(dup, 0);
  // The same key for another user is a different notification.
  ASSERT_OK_AND_ASSIGN(int64_t bobs, tx->InsertNotification(NewNotification(bob_, "k1", kBase)));
  EXPECT_GT(bobs, first);
  // The transaction goes on after the duplicate.
  ASSERT_OK_AND_ASSIGN(int64_t second,
                       tx->InsertNotification(NewNotification(alice_, "k2", kBase + 1)));
  EXPECT_GT(second, bobs);
  Notification no_user = NewNotification(987654, "k1", kBase);
  EXPECT_STATUS(tx->InsertNotification(no_user), StatusCode::kInvalidArgument,
                "storage.foreign_key");
  ASSERT_OK(tx->Commit());
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<Notification> list,
                       read->ListNotifications(alice_, false, 0, 100));
  ASSERT_EQ(list.size(), 2u);
  Notification expected = NewNotification(alice_, "k1", kBase);
  expected.id = first;
  ExpectNotificationEq(list[1], expected);
  ASSERT_OK_AND_ASSIGN(int64_t unread, read->CountUnreadNotifications(alice_));
  EXPECT_EQ(unread, 2);
}

TEST_P(StoreFollowupTest, NotificationsListNewestFirstPageAndMarkRead) {
  std::vector<int64_t> ids;  // alice's, oldest first
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (int k = 0; k < 5; ++k) {
      Notification n = NewNotification(alice_, "a" + std::to_string(k), kBase + k);
      if (k == 1) {
        n.incident_id.reset();
        n.kind = NotificationKind::kRuleBreached;
        n.ref = "acknowledged";
      }
      ASSERT_OK_AND_ASSIGN(int64_t id, tx->InsertNotification(n));
      ids.push_back(id);
    }
    ASSERT_OK(StatusOf(tx->InsertNotification(NewNotification(bob_, "b0", kBase))));
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  ASSERT_OK_AND_ASSIGN(std::vector<Notification> all, tx->ListNotifications(alice_, false, 0, 10));
  EXPECT_EQ(Ids(all), (std::vector<int64_t>{ids[4], ids[3], ids[2], ids[1], ids[0]}));
  EXPECT_EQ(all[3].incident_id, std::nullopt);
  EXPECT_EQ(all[3].kind, NotificationKind::kRuleBreached);
  EXPECT_EQ(all[3].ref, "acknowledged");
  ASSERT_OK_AND_ASSIGN(std::vector<Notification> page, tx->ListNotifications(alice_, false, 0, 2));
  EXPECT_EQ(Ids(page), (std::vector<int64_t>{ids[4], ids[3]}));
  ASSERT_OK_AND_ASSIGN(page, tx->ListNotifications(alice_, false, page.back().id, 2));
  EXPECT_EQ(Ids(page), (std::vector<int64_t>{ids[2], ids[1]}));
  EXPECT_STATUS(tx->ListNotifications(alice_, false, 0, 0), StatusCode::kInvalidArgument,
                "storage.bad_page");

  // Mark one: only the owner can, and only once.
  ASSERT_OK_AND_ASSIGN(int64_t changed, tx->MarkNotificationsRead(bob_, ids[3], kBase + 100));
  EXPECT_EQ(changed, 0);
  ASSERT_OK_AND_ASSIGN(changed, tx->MarkNotificationsRead(alice_, ids[3], kBase + 100));
  EXPECT_EQ(changed, 1);
  ASSERT_OK_AND_ASSIGN(changed, tx->MarkNotificationsRead(alice_, ids[3], kBase + 200));
  EXPECT_EQ(changed, 0);
  ASSERT_OK_AND_ASSIGN(int64_t unread, tx->CountUnreadNotifications(alice_));
  EXPECT_EQ(unread, 4);
  ASSERT_OK_AND_ASSIGN(page, tx->ListNotifications(alice_, true, 0, 10));
  EXPECT_EQ(Ids(page), (std::vector<int64_t>{ids[4], ids[2], ids[1], ids[0]}));
  ASSERT_OK_AND_ASSIGN(page, tx->ListNotifications(alice_, true, ids[4], 2));
  EXPECT_EQ(Ids(page), (std::vector<int64_t>{ids[2], ids[1]}));
  ASSERT_OK_AND_ASSIGN(all, tx->ListNotifications(alice_, false, 0, 10));
  EXPECT_EQ(all[1].read_at, std::optional<TimeMs>(kBase + 100));

  // Mark all: alice's unread ones, not bob's, and the one already read keeps its time.
  ASSERT_OK_AND_ASSIGN(changed, tx->MarkNotificationsRead(alice_, std::nullopt, kBase + 300));
  EXPECT_EQ(changed, 4);
  ASSERT_OK(tx->Commit());
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(unread, read->CountUnreadNotifications(alice_));
  EXPECT_EQ(unread, 0);
  ASSERT_OK_AND_ASSIGN(unread, read->CountUnreadNotifications(bob_));
  EXPECT_EQ(unread, 1);
  ASSERT_OK_AND_ASSIGN(page, read->ListNotifications(alice_, true, 0, 10));
  EXPECT_TRUE(page.empty());
  ASSERT_OK_AND_ASSIGN(all, read->ListNotifications(alice_, false, 0, 10));
  ASSERT_EQ(all.size(), 5u);
  EXPECT_EQ(all[0].read_at, std::optional<TimeMs>(kBase + 300));
  EXPECT_EQ(all[1].read_at, std::optional<TimeMs>(kBase + 100));
}

// --- Mail outbox -------------------------------------------------------------------------

TEST_P(StoreFollowupTest, OutboxListsDueUnsentMailOldestFirstAndUpdates) {
  const TimeMs now = kBase + 1000;
  OutboxMail due = NewMail(1, now - 10);
  OutboxMail exactly_now = NewMail(2, now);
  OutboxMail later = NewMail(3, now + 1);
  OutboxMail sent = NewMail(4, now - 20);
  sent.sent_at = now - 5;
  sent.attempts = 1;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(due.id, tx->InsertMail(due));
    ASSERT_OK_AND_ASSIGN(later.id, tx->InsertMail(later));
    ASSERT_OK_AND_ASSIGN(exactly_now.id, tx->InsertMail(exactly_now));
    ASSERT_OK_AND_ASSIGN(sent.id, tx->InsertMail(sent));
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(std::vector<OutboxMail> list, tx->ListDueMail(now, 10));
    ASSERT_EQ(list.size(), 2u);
    ExpectMailEq(list[0], due);
    ExpectMailEq(list[1], exactly_now);
    ASSERT_OK_AND_ASSIGN(list, tx->ListDueMail(now, 1));
    EXPECT_EQ(Ids(list), std::vector<int64_t>{due.id});
    EXPECT_STATUS(tx->ListDueMail(now, 0), StatusCode::kInvalidArgument, "storage.bad_page");

    // A failed attempt moves it on; a sent one leaves the queue.
    due.attempts = 1;
    due.next_attempt_at = now + 60'000;
    due.last_error = "451 4.7.1 try again later";
    ASSERT_OK(tx->UpdateMail(due));
    exactly_now.attempts = 1;
    exactly_now.sent_at = now;
    ASSERT_OK(tx->UpdateMail(exactly_now));
    OutboxMail missing = due;
    missing.id = 987654;
    EXPECT_STATUS(tx->UpdateMail(missing), StatusCode::kNotFound, "mail.not_found");
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<OutboxMail> list, tx->ListDueMail(now, 10));
  EXPECT_TRUE(list.empty());
  ASSERT_OK_AND_ASSIGN(list, tx->ListDueMail(now + 60'000, 10));
  ASSERT_EQ(list.size(), 2u);
  ExpectMailEq(list[0], due);
  ExpectMailEq(list[1], later);
}

// --- Upgrading a version-2 database -------------------------------------------------------

TEST_P(StoreFollowupTest, AVersionTwoDatabaseIsUpgradedAndSeriousIncidentsBackfilled) {
  const std::string url = GetParam().fresh_url(dir_ / "v2");
  std::filesystem::create_directories(dir_ / "v2");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> v2, OpenStore(url));  // creates a SQLite file
  }
  const SqlDialect dialect =
      GetParam().name == "sqlite" ? SqlDialect::kSqlite : SqlDialect::kPostgresql;
  // Two incidents as version 2 stored them: one serious (severity 3), one not.
  const std::string incident_columns =
      "INSERT INTO incidents (unit_id, reporter_id, category, occurred_at, place_type,"
      " outside_workplace, tied_to_role, description, injury, weapon, death_threat, severity,"
      " perpetrator_relation, perpetrator_note, sensitive, status, created_at, updated_at,"
      " acknowledged_at, closed_at, version) VALUES ";
  ASSERT_OK(GetParam().exec_raw(
      url,
      std::string(kCreateMetaTableSql) + ";\n" + MigrationSql(Migrations()[0], dialect) + "\n" +
          MigrationSql(Migrations()[1], dialect) +
          "\nINSERT INTO schema_migrations (version, name, applied_at) VALUES (1, 'initial', 0);"
          "\nINSERT INTO schema_migrations (version, name, applied_at)"
          " VALUES (2, 'org_generation', 0);"
          "\nINSERT INTO org_units (parent_id, kind, name) VALUES (NULL, 'kommun', 'Gamla');"
          "\nINSERT INTO users (username, display_name, email, unit_id, active, password_hash,"
          " created_at) VALUES ('u', 'U', 'u@k.se', 1, 1, 'h', 0);\n" +
          incident_columns +
          "(1, 1, 'hot', 100, 'reception', 0, 0, 'Allvarligt', 'ingen', 1, 0, 3, NULL, '', 0,"
          " 'ny', 1000, 1000, NULL, NULL, 1);\n" +
          incident_columns +
          "(1, 1, 'hot', 200, 'reception', 0, 0, 'Lindrigt', 'ingen', 0, 0, 2, NULL, '', 0,"
          " 'ny', 2000, 2000, NULL, NULL, 1);"
          "\nINSERT INTO measures (incident_id, title, responsible_user_id, due_date, status,"
          " created_by, created_at, done_at, done_by) VALUES (1, 'Gammal', 1, 5, 'oppen', 1, 1,"
          " NULL, NULL);"));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int before, store->SchemaVersion());
  EXPECT_EQ(before, 2);
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());  // twice is a no-op
  ASSERT_OK_AND_ASSIGN(int after, store->SchemaVersion());
  EXPECT_EQ(after, kSchemaVersion);
  {
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(Incident serious, read->GetIncident(1));
    EXPECT_EQ(serious.description, "Allvarligt");
    EXPECT_TRUE(serious.weapon);
    EXPECT_EQ(serious.severity, 3);
    EXPECT_TRUE(serious.aimed_at_person);
    EXPECT_EQ(serious.serious_since, std::optional<TimeMs>(1000));
    EXPECT_EQ(serious.coordinator_consulted_at, std::nullopt);
    EXPECT_EQ(serious.open_measures, 1);
    ASSERT_OK_AND_ASSIGN(Incident minor, read->GetIncident(2));
    EXPECT_EQ(minor.description, "Lindrigt");
    EXPECT_TRUE(minor.aimed_at_person);
    EXPECT_EQ(minor.serious_since, std::nullopt);
    MeasureQuery q;
    q.incident_id = 1;
    ASSERT_OK_AND_ASSIGN(std::vector<Measure> measures, read->ListMeasures(q));
    ASSERT_EQ(measures.size(), 1u);
    EXPECT_EQ(measures[0].title, "Gammal");
    EXPECT_EQ(measures[0].kind, MeasureKind::kAtgard);
    EXPECT_EQ(measures[0].support_type, std::nullopt);
    EXPECT_FALSE(measures[0].support_group);
    EXPECT_EQ(measures[0].support_user_id, std::nullopt);
    EXPECT_EQ(measures[0].follow_up_date, std::nullopt);
  }
  {
    // The new tables are there and usable.
    ASSERT_OK_AND_ASSIGN(auto tx, store->BeginWrite());
    Notification n = NewNotification(1, "k", 1);
    n.incident_id = 2;
    ASSERT_OK_AND_ASSIGN(int64_t id, tx->InsertNotification(n));
    EXPECT_GT(id, 0);
    ASSERT_OK(tx->Commit());
  }
  store.reset();
  if (GetParam().drop) GetParam().drop(url);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreFollowupTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
