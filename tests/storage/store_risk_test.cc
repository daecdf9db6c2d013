// Store contract: risk templates and assessments, the measure uses of the
// knowledge bank, the person behind an incident, security plans with their
// measures and log (schema version 4), and upgrading a version-3 database.
#include "storage/migrations.h"
#include "store_test_support.h"

namespace trygg::store_test {
namespace {

constexpr TimeMs kDay = 24LL * 3600 * 1000;
constexpr TimeMs kBase = 1'790'000'000'000;

void ExpectAssessmentEq(const RiskAssessment& a, const RiskAssessment& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.forvaltning_id, e.forvaltning_id);
  EXPECT_EQ(a.template_version, e.template_version);
  EXPECT_EQ(a.meeting_type, e.meeting_type);
  EXPECT_EQ(a.event_at, e.event_at);
  EXPECT_EQ(a.title, e.title);
  EXPECT_EQ(a.participants, e.participants);
  ASSERT_EQ(a.answers.size(), e.answers.size());
  for (size_t k = 0; k < e.answers.size(); ++k) {
    EXPECT_EQ(a.answers[k].code, e.answers[k].code) << k;
    EXPECT_EQ(a.answers[k].yes, e.answers[k].yes) << k;
  }
  EXPECT_EQ(a.subject_key, e.subject_key);
  EXPECT_EQ(a.score, e.score);
  EXPECT_EQ(a.level, e.level);
  ASSERT_EQ(a.measures.size(), e.measures.size());
  for (size_t k = 0; k < e.measures.size(); ++k) {
    EXPECT_EQ(a.measures[k].code, e.measures[k].code) << k;
    EXPECT_EQ(a.measures[k].proposed, e.measures[k].proposed) << k;
    EXPECT_EQ(a.measures[k].decided, e.measures[k].decided) << k;
    EXPECT_EQ(a.measures[k].rating, e.measures[k].rating) << k;
  }
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
  EXPECT_EQ(a.decided_by, e.decided_by);
  EXPECT_EQ(a.decided_at, e.decided_at);
  EXPECT_EQ(a.decision_note, e.decision_note);
  EXPECT_EQ(a.followed_up_by, e.followed_up_by);
  EXPECT_EQ(a.followed_up_at, e.followed_up_at);
  EXPECT_EQ(a.incident_occurred, e.incident_occurred);
  EXPECT_EQ(a.incident_id, e.incident_id);
  EXPECT_EQ(a.outcome_note, e.outcome_note);
  EXPECT_EQ(a.version, e.version);
}

void ExpectPlanEq(const SecurityPlan& a, const SecurityPlan& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.unit_id, e.unit_id);
  EXPECT_EQ(a.forvaltning_id, e.forvaltning_id);
  EXPECT_EQ(a.scope, e.scope);
  EXPECT_EQ(a.title, e.title);
  EXPECT_EQ(a.subject_key, e.subject_key);
  EXPECT_EQ(a.threats, e.threats);
  EXPECT_EQ(a.threat_level, e.threat_level);
  EXPECT_EQ(a.review_date, e.review_date);
  EXPECT_EQ(a.people, e.people);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.protected_case, e.protected_case);
  EXPECT_EQ(a.routine.handling_unit_id, e.routine.handling_unit_id);
  EXPECT_EQ(a.routine.handling_group, e.routine.handling_group);
  EXPECT_EQ(a.routine.omit_handlaggare_name, e.routine.omit_handlaggare_name);
  EXPECT_EQ(a.routine.secure_room_only, e.routine.secure_room_only);
  EXPECT_EQ(a.routine.two_staff_always, e.routine.two_staff_always);
  EXPECT_EQ(a.routine.no_home_visits, e.routine.no_home_visits);
  EXPECT_EQ(a.routine.instructions, e.routine.instructions);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.updated_at, e.updated_at);
  EXPECT_EQ(a.version, e.version);
}

void ExpectPlanMeasureEq(const PlanMeasure& a, const PlanMeasure& e) {
  EXPECT_EQ(a.id, e.id);
  EXPECT_EQ(a.plan_id, e.plan_id);
  EXPECT_EQ(a.title, e.title);
  EXPECT_EQ(a.owner_user_id, e.owner_user_id);
  EXPECT_EQ(a.due_date, e.due_date);
  EXPECT_EQ(a.status, e.status);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
  EXPECT_EQ(a.done_at, e.done_at);
  EXPECT_EQ(a.done_by, e.done_by);
}

void ExpectTemplateEq(const StoredRiskTemplate& a, const StoredRiskTemplate& e) {
  EXPECT_EQ(a.forvaltning_id, e.forvaltning_id);
  EXPECT_EQ(a.version, e.version);
  EXPECT_EQ(a.body, e.body);
  EXPECT_EQ(a.created_by, e.created_by);
  EXPECT_EQ(a.created_at, e.created_at);
}

class StoreRiskTest : public StoreTest {
 protected:
  // A planned assessment with only the required fields set.
  RiskAssessment NewAssessment(UnitId unit, UserId creator, TimeMs event_at) const {
    RiskAssessment a;
    a.unit_id = unit;
    a.forvaltning_id = unit == unit_c_ ? forv2_ : forv_;
    a.meeting_type = MeetingType::kHembesok;
    a.event_at = event_at;
    a.title = "Hembesök";
    a.created_by = creator;
    a.created_at = kBase;
    a.updated_at = kBase;
    return a;
  }

  SecurityPlan NewPlan(UnitId unit, UserId creator, TimeMs review_date) const {
    SecurityPlan p;
    p.unit_id = unit;
    p.forvaltning_id = unit == unit_c_ ? forv2_ : forv_;
    p.title = "Receptionen";
    p.review_date = review_date;
    p.created_by = creator;
    p.created_at = kBase;
    p.updated_at = kBase;
    return p;
  }

  Result<int64_t> AddAssessment(const RiskAssessment& a) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertAssessment(a); });
  }

  Result<int64_t> AddPlan(const SecurityPlan& p) {
    return InsertCommitted([&](StoreTx& tx) { return tx.InsertSecurityPlan(p); });
  }

  Result<std::vector<int64_t>> AssessmentIds(const AssessmentQuery& q) {
    return ListedIds([&](StoreTx& tx) { return tx.ListAssessments(q); });
  }

  Result<std::vector<int64_t>> PlanIds(const PlanQuery& q) {
    return ListedIds([&](StoreTx& tx) { return tx.ListSecurityPlans(q); });
  }
};

// --- Risk templates ---------------------------------------------------------------

TEST_P(StoreRiskTest, TemplatesAreVersionedPerForvaltning) {
  StoredRiskTemplate v1{forv_, 1, R"({"factors":[{"code":"hot"}]})", alice_, kBase};
  StoredRiskTemplate v2{forv_, 2, R"({"factors":[{"code":"vapen"}],"ö":"å"})", bob_, kBase + 5};
  StoredRiskTemplate other{forv2_, 1, "{}", dave_, kBase + 7};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_STATUS(tx->LatestRiskTemplate(forv_), StatusCode::kNotFound, "risk_template.not_found");
    ASSERT_OK(tx->InsertRiskTemplate(v2));  // versions need not arrive in order
    ASSERT_OK(tx->InsertRiskTemplate(v1));
    ASSERT_OK(tx->InsertRiskTemplate(other));
    StoredRiskTemplate again = v1;
    again.body = "{}";
    EXPECT_STATUS(tx->InsertRiskTemplate(again), StatusCode::kAlreadyExists,
                  "risk_template.duplicate_version");
    // The failed insert left the transaction usable.
    ASSERT_OK_AND_ASSIGN(StoredRiskTemplate got, tx->GetRiskTemplate(forv_, 1));
    ExpectTemplateEq(got, v1);
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(StoredRiskTemplate latest, tx->LatestRiskTemplate(forv_));
  ExpectTemplateEq(latest, v2);
  ASSERT_OK_AND_ASSIGN(latest, tx->LatestRiskTemplate(forv2_));
  ExpectTemplateEq(latest, other);
  ASSERT_OK_AND_ASSIGN(StoredRiskTemplate got, tx->GetRiskTemplate(forv_, 1));
  ExpectTemplateEq(got, v1);
  EXPECT_STATUS(tx->GetRiskTemplate(forv_, 3), StatusCode::kNotFound, "risk_template.not_found");
  EXPECT_STATUS(tx->GetRiskTemplate(forv2_, 2), StatusCode::kNotFound, "risk_template.not_found");
  EXPECT_STATUS(tx->LatestRiskTemplate(unit_a_), StatusCode::kNotFound, "risk_template.not_found");
}

// --- Risk assessments -------------------------------------------------------------

TEST_P(StoreRiskTest, AssessmentRoundTripsEveryFieldAndKeepsChildOrder) {
  // Optional fields unset, no child rows.
  RiskAssessment a = NewAssessment(unit_a_, alice_, kBase + kDay);
  ASSERT_OK_AND_ASSIGN(a.id, AddAssessment(a));
  EXPECT_GT(a.id, 0);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
    ExpectAssessmentEq(got, a);
    EXPECT_EQ(got.decided_by, std::nullopt);
    EXPECT_EQ(got.incident_id, std::nullopt);
    EXPECT_STATUS(tx->GetAssessment(a.id + 1000), StatusCode::kNotFound, "risk.not_found");
  }
  // Every field set; children in an order that is not sorted.
  ASSERT_OK_AND_ASSIGN(IncidentId incident,
                       AddIncident(NewIncident(unit_a_, alice_, {bob_}, kBase + 2 * kDay)));
  RiskAssessment full = a;
  full.unit_id = unit_b_;
  full.template_version = 3;
  full.meeting_type = MeetingType::kTvangsatgard;
  full.event_at = kBase + 2 * kDay;
  full.title = "Omhändertagande enligt LVU — möte på förvaltningen";
  full.participants = {carol_, alice_, bob_};
  full.answers = {{"vapen", true}, {"hot_tidigare", false}, {"alkohol", true}};
  full.subject_key = "k1:3f2a9c";
  full.score = 7;
  full.level = RiskLevel::kMycketHog;
  full.measures = {{"tva_personal", true, true, 5},
                   {"vaktbolag", true, false, std::nullopt},
                   {"larm", false, true, 1}};
  full.status = AssessmentStatus::kUppfoljd;
  full.created_at = kBase + 1;
  full.updated_at = kBase + 9;
  full.decided_by = bob_;
  full.decided_at = kBase + 3;
  full.decision_note = "Två personal och larm.";
  full.followed_up_by = carol_;
  full.followed_up_at = kBase + 8;
  full.incident_occurred = true;
  full.incident_id = incident;
  full.outcome_note = "Hot uttalades, ingen skada.";
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateAssessment(full, 1));
    full.version = 2;
    ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
    ExpectAssessmentEq(got, full);
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
    ExpectAssessmentEq(got, full);
  }
  // An update replaces the child rows: fewer, reordered, and none at all.
  RiskAssessment fewer = full;
  fewer.participants = {bob_};
  fewer.answers = {{"alkohol", false}};
  fewer.measures = {{"larm", true, false, std::nullopt}};
  fewer.decided_by.reset();
  fewer.decided_at.reset();
  fewer.followed_up_by.reset();
  fewer.followed_up_at.reset();
  fewer.incident_id.reset();
  fewer.subject_key = "";
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateAssessment(fewer, 2));
    fewer.version = 3;
    ASSERT_OK(tx->Commit());
  }
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
    ExpectAssessmentEq(got, fewer);
  }
  RiskAssessment none = fewer;
  none.participants.clear();
  none.answers.clear();
  none.measures.clear();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateAssessment(none, 3));
    none.version = 4;
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
  ExpectAssessmentEq(got, none);
}

TEST_P(StoreRiskTest, AssessmentUpdateChecksVersionAndIsAllOrNothing) {
  RiskAssessment a = NewAssessment(unit_a_, alice_, kBase);
  a.participants = {bob_};
  a.answers = {{"hot_tidigare", true}};
  ASSERT_OK_AND_ASSIGN(a.id, AddAssessment(a));
  ASSERT_OK_AND_ASSIGN(auto tx, Write());
  RiskAssessment changed = a;
  changed.title = "Ändrad";
  EXPECT_STATUS(tx->UpdateAssessment(changed, 7), StatusCode::kConflict, "risk.stale_version");
  RiskAssessment missing = changed;
  missing.id = a.id + 1000;
  EXPECT_STATUS(tx->UpdateAssessment(missing, 1), StatusCode::kNotFound, "risk.not_found");
  // A participant who does not exist: nothing of the update stays.
  RiskAssessment broken = changed;
  broken.participants = {carol_, 987654};
  broken.answers = {{"vapen", true}};
  EXPECT_STATUS(tx->UpdateAssessment(broken, 1), StatusCode::kInvalidArgument,
                "storage.foreign_key");
  RiskAssessment twice = changed;
  twice.participants = {carol_, carol_};
  EXPECT_STATUS(tx->UpdateAssessment(twice, 1), StatusCode::kInvalidArgument,
                "risk.duplicate_participant");
  EXPECT_STATUS(tx->InsertAssessment(twice), StatusCode::kInvalidArgument,
                "risk.duplicate_participant");
  {
    ASSERT_OK_AND_ASSIGN(RiskAssessment got, tx->GetAssessment(a.id));
    ExpectAssessmentEq(got, a);
  }
  // An insert that fails on a child row leaves no assessment behind.
  RiskAssessment orphan = NewAssessment(unit_a_, alice_, kBase);
  orphan.participants = {987654};
  EXPECT_STATUS(tx->InsertAssessment(orphan), StatusCode::kInvalidArgument, "storage.foreign_key");
  ASSERT_OK_AND_ASSIGN(std::vector<RiskAssessment> all, tx->ListAssessments({}));
  EXPECT_EQ(Ids(all), std::vector<int64_t>{a.id});
  // The transaction is still usable and the right version wins.
  ASSERT_OK(tx->UpdateAssessment(changed, 1));
  changed.version = 2;
  EXPECT_STATUS(tx->UpdateAssessment(changed, 1), StatusCode::kConflict, "risk.stale_version");
  ASSERT_OK(tx->Commit());
  ASSERT_OK_AND_ASSIGN(auto read, Read());
  ASSERT_OK_AND_ASSIGN(RiskAssessment got, read->GetAssessment(a.id));
  ExpectAssessmentEq(got, changed);
}

TEST_P(StoreRiskTest, AssessmentsAreListedByScopeFiltersAndEventDescending) {
  // a1 (unit_a, alice), a2 (unit_b, carol, bob takes part), a3 (unit_c, dave),
  // a4 (unit_a, bob, same event time as a1: the higher id first).
  RiskAssessment a1 = NewAssessment(unit_a_, alice_, kBase + 3 * kDay);
  a1.subject_key = "s1";
  RiskAssessment a2 = NewAssessment(unit_b_, carol_, kBase + 5 * kDay);
  a2.participants = {dave_, bob_};
  a2.status = AssessmentStatus::kBeslutad;
  a2.subject_key = "s1";
  RiskAssessment a3 = NewAssessment(unit_c_, dave_, kBase + 1 * kDay);
  RiskAssessment a4 = NewAssessment(unit_a_, bob_, kBase + 3 * kDay);
  ASSERT_OK_AND_ASSIGN(a1.id, AddAssessment(a1));
  ASSERT_OK_AND_ASSIGN(a2.id, AddAssessment(a2));
  ASSERT_OK_AND_ASSIGN(a3.id, AddAssessment(a3));
  ASSERT_OK_AND_ASSIGN(a4.id, AddAssessment(a4));

  AssessmentQuery q;  // neither set: every assessment
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a4.id, a1.id, a3.id}));

  q.scope.units = std::vector<UnitId>{unit_a_};
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a4.id, a1.id}));
  q.scope.units = std::vector<UnitId>{};
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_TRUE(ids.empty());

  q.scope.units.reset();
  q.scope.involving = bob_;  // creator of a4, participant of a2
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a4.id}));
  q.scope.involving = dave_;  // creator of a3, participant of a2
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a3.id}));

  q.scope.units = std::vector<UnitId>{unit_a_};  // both: either passes
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a4.id, a1.id, a3.id}));
  q.scope.units = std::vector<UnitId>{};
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a3.id}));

  AssessmentQuery filtered;
  filtered.status = AssessmentStatus::kOppen;
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(filtered));
  EXPECT_EQ(ids, (std::vector<int64_t>{a4.id, a1.id, a3.id}));
  filtered.subject_key = "s1";
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(filtered));
  EXPECT_EQ(ids, (std::vector<int64_t>{a1.id}));
  filtered.status.reset();
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(filtered));
  EXPECT_EQ(ids, (std::vector<int64_t>{a2.id, a1.id}));
  filtered.subject_key = "nobody";
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(filtered));
  EXPECT_TRUE(ids.empty());

  AssessmentQuery page;
  page.limit = 2;
  page.offset = 1;
  ASSERT_OK_AND_ASSIGN(ids, AssessmentIds(page));
  EXPECT_EQ(ids, (std::vector<int64_t>{a4.id, a1.id}));

  // Listed assessments come complete.
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<RiskAssessment> list, tx->ListAssessments({}));
  ASSERT_EQ(list.size(), 4u);
  ExpectAssessmentEq(list[0], a2);
  ExpectAssessmentEq(list[3], a3);
  page.limit = 0;
  EXPECT_STATUS(tx->ListAssessments(page), StatusCode::kInvalidArgument, "storage.bad_page");
  page.limit = 501;
  EXPECT_STATUS(tx->ListAssessments(page), StatusCode::kInvalidArgument, "storage.bad_page");
  page.limit = 10;
  page.offset = -1;
  EXPECT_STATUS(tx->ListAssessments(page), StatusCode::kInvalidArgument, "storage.bad_page");
}

TEST_P(StoreRiskTest, MeasureUsesAreTheDecidedRatedMeasuresOfFollowedUpAssessments) {
  RiskAssessment done = NewAssessment(unit_a_, alice_, kBase);
  done.status = AssessmentStatus::kUppfoljd;
  done.meeting_type = MeetingType::kNegativtBeslut;
  done.level = RiskLevel::kHog;
  done.incident_occurred = true;
  done.measures = {{"larm", true, true, 4},
                   {"vakt", true, false, std::nullopt},          // not decided
                   {"tva_personal", false, true, std::nullopt},  // not rated
                   {"skyddat_rum", false, true, 2}};
  RiskAssessment other = NewAssessment(unit_c_, dave_, kBase);  // förvaltning 2
  other.status = AssessmentStatus::kUppfoljd;
  other.level = RiskLevel::kLag;
  other.measures = {{"larm", true, true, 5}};
  RiskAssessment decided = NewAssessment(unit_a_, alice_, kBase);  // not followed up yet
  decided.status = AssessmentStatus::kBeslutad;
  decided.measures = {{"larm", true, true, 3}};
  ASSERT_OK_AND_ASSIGN(done.id, AddAssessment(done));
  ASSERT_OK_AND_ASSIGN(other.id, AddAssessment(other));
  ASSERT_OK_AND_ASSIGN(decided.id, AddAssessment(decided));

  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<MeasureUse> uses, tx->ListMeasureUses(forv_));
  ASSERT_EQ(uses.size(), 2u);
  EXPECT_EQ(uses[0].code, "larm");
  EXPECT_EQ(uses[0].forvaltning_id, forv_);
  EXPECT_EQ(uses[0].meeting_type, MeetingType::kNegativtBeslut);
  EXPECT_EQ(uses[0].level, RiskLevel::kHog);
  EXPECT_EQ(uses[0].rating, 4);
  EXPECT_TRUE(uses[0].incident_occurred);
  EXPECT_EQ(uses[1].code, "skyddat_rum");
  EXPECT_EQ(uses[1].rating, 2);

  ASSERT_OK_AND_ASSIGN(uses, tx->ListMeasureUses(std::nullopt));
  ASSERT_EQ(uses.size(), 3u);
  EXPECT_EQ(uses[2].code, "larm");
  EXPECT_EQ(uses[2].forvaltning_id, forv2_);
  EXPECT_EQ(uses[2].meeting_type, MeetingType::kHembesok);
  EXPECT_EQ(uses[2].level, RiskLevel::kLag);
  EXPECT_EQ(uses[2].rating, 5);
  EXPECT_FALSE(uses[2].incident_occurred);

  ASSERT_OK_AND_ASSIGN(uses, tx->ListMeasureUses(unit_a_));
  EXPECT_TRUE(uses.empty());
}

// --- The person behind an incident ------------------------------------------------

TEST_P(StoreRiskTest, IncidentSubjectsLinkIncidentsToAPerson) {
  ASSERT_OK_AND_ASSIGN(IncidentId old_one,
                       AddIncident(NewIncident(unit_a_, alice_, {bob_, alice_}, kBase + 1)));
  ASSERT_OK_AND_ASSIGN(IncidentId newer,
                       AddIncident(NewIncident(unit_c_, dave_, {dave_}, kBase + 9, true)));
  ASSERT_OK_AND_ASSIGN(IncidentId same_time,
                       AddIncident(NewIncident(unit_b_, carol_, {}, kBase + 9)));
  ASSERT_OK_AND_ASSIGN(IncidentId unlinked,
                       AddIncident(NewIncident(unit_a_, alice_, {}, kBase + 5)));
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(std::string key, tx->GetIncidentSubject(old_one));
    EXPECT_EQ(key, "");
    ASSERT_OK(tx->PutIncidentSubject(old_one, "k1:aa", alice_, kBase));
    ASSERT_OK(tx->PutIncidentSubject(newer, "k1:aa", bob_, kBase));
    ASSERT_OK(tx->PutIncidentSubject(same_time, "k1:bb", bob_, kBase));
    ASSERT_OK(tx->PutIncidentSubject(same_time, "k1:aa", bob_, kBase + 1));  // replaces
    ASSERT_OK(tx->PutIncidentSubject(unlinked, "k1:cc", bob_, kBase));
    ASSERT_OK(tx->PutIncidentSubject(unlinked, "", bob_, kBase + 1));  // removes
    ASSERT_OK(tx->PutIncidentSubject(unlinked, "", bob_, kBase + 2));  // nothing to remove
    EXPECT_STATUS(tx->PutIncidentSubject(987654, "k1:aa", bob_, kBase),
                  StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::string key, tx->GetIncidentSubject(same_time));
  EXPECT_EQ(key, "k1:aa");
  ASSERT_OK_AND_ASSIGN(key, tx->GetIncidentSubject(unlinked));
  EXPECT_EQ(key, "");
  ASSERT_OK_AND_ASSIGN(std::vector<Incident> list, tx->ListIncidentsBySubject("k1:aa"));
  EXPECT_EQ(Ids(list), (std::vector<int64_t>{same_time, newer, old_one}));
  // Full rows, the exposed list included.
  ASSERT_OK_AND_ASSIGN(Incident expected, tx->GetIncident(old_one));
  ExpectIncidentEq(list[2], expected);
  EXPECT_EQ(list[2].exposed_user_ids, (std::vector<UserId>{bob_, alice_}));
  EXPECT_TRUE(list[1].sensitive);
  ASSERT_OK_AND_ASSIGN(list, tx->ListIncidentsBySubject("k1:bb"));
  EXPECT_TRUE(list.empty());
  ASSERT_OK_AND_ASSIGN(list, tx->ListIncidentsBySubject(""));
  EXPECT_TRUE(list.empty());
}

// --- Security plans ---------------------------------------------------------------

TEST_P(StoreRiskTest, PlanRoundTripsEveryFieldAndReplacesPeople) {
  SecurityPlan p = NewPlan(unit_a_, alice_, kBase + 30 * kDay);
  ASSERT_OK_AND_ASSIGN(p.id, AddPlan(p));
  EXPECT_GT(p.id, 0);
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(SecurityPlan got, tx->GetSecurityPlan(p.id));
    ExpectPlanEq(got, p);
    EXPECT_EQ(got.routine.handling_unit_id, 0);
    EXPECT_STATUS(tx->GetSecurityPlan(p.id + 1000), StatusCode::kNotFound, "plan.not_found");
  }
  SecurityPlan full = p;
  full.unit_id = unit_b_;
  full.scope = PlanScope::kArende;
  full.title = "Ärende med skyddad handläggning";
  full.subject_key = "k1:77";
  full.threats = "Upprepade dödshot mot handläggaren.\nKänd vapeninnehav.";
  full.threat_level = RiskLevel::kMycketHog;
  full.review_date = kBase + 60 * kDay;
  full.people = {carol_, alice_};
  full.status = PlanStatus::kAvslutad;
  full.protected_case = true;
  full.routine.handling_unit_id = unit_c_;
  full.routine.handling_group = {dave_, bob_, carol_};  // carol is also a person
  full.routine.omit_handlaggare_name = false;
  full.routine.secure_room_only = false;
  full.routine.two_staff_always = true;
  full.routine.no_home_visits = false;
  full.routine.instructions = "Telefonkontakt endast via växeln.";
  full.created_at = kBase + 1;
  full.updated_at = kBase + 2;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK(tx->UpdateSecurityPlan(full, 1));
    full.version = 2;
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Read());
    ASSERT_OK_AND_ASSIGN(SecurityPlan got, tx->GetSecurityPlan(p.id));
    ExpectPlanEq(got, full);
  }
  SecurityPlan fewer = full;
  fewer.people = {bob_};
  fewer.routine.handling_group.clear();
  fewer.routine.handling_unit_id = 0;
  fewer.protected_case = false;
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    EXPECT_STATUS(tx->UpdateSecurityPlan(fewer, 1), StatusCode::kConflict, "plan.stale_version");
    SecurityPlan missing = fewer;
    missing.id = p.id + 1000;
    EXPECT_STATUS(tx->UpdateSecurityPlan(missing, 2), StatusCode::kNotFound, "plan.not_found");
    SecurityPlan twice = fewer;
    twice.people = {bob_, bob_};
    EXPECT_STATUS(tx->UpdateSecurityPlan(twice, 2), StatusCode::kInvalidArgument,
                  "plan.duplicate_person");
    twice.people = {bob_};
    twice.routine.handling_group = {alice_, alice_};
    EXPECT_STATUS(tx->InsertSecurityPlan(twice), StatusCode::kInvalidArgument,
                  "plan.duplicate_handling");
    SecurityPlan broken = fewer;
    broken.people = {bob_, 987654};
    EXPECT_STATUS(tx->UpdateSecurityPlan(broken, 2), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    ASSERT_OK_AND_ASSIGN(SecurityPlan got, tx->GetSecurityPlan(p.id));
    ExpectPlanEq(got, full);  // the failed update changed nothing
    ASSERT_OK(tx->UpdateSecurityPlan(fewer, 2));
    fewer.version = 3;
    ASSERT_OK(tx->Commit());
  }
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(SecurityPlan got, tx->GetSecurityPlan(p.id));
  ExpectPlanEq(got, fewer);
}

TEST_P(StoreRiskTest, PlansAreListedByScopeFiltersAndReviewDateDescending) {
  // p1 (unit_a, bob a person), p2 (unit_b, alice in the handling group),
  // p3 (unit_c), p4 (unit_a, same review date as p1).
  SecurityPlan p1 = NewPlan(unit_a_, alice_, kBase + 10 * kDay);
  p1.people = {bob_};
  p1.subject_key = "s9";
  SecurityPlan p2 = NewPlan(unit_b_, carol_, kBase + 20 * kDay);
  p2.protected_case = true;
  p2.routine.handling_group = {alice_};
  p2.status = PlanStatus::kAvslutad;
  SecurityPlan p3 = NewPlan(unit_c_, dave_, kBase + 5 * kDay);
  SecurityPlan p4 = NewPlan(unit_a_, alice_, kBase + 10 * kDay);
  p4.subject_key = "s9";
  ASSERT_OK_AND_ASSIGN(p1.id, AddPlan(p1));
  ASSERT_OK_AND_ASSIGN(p2.id, AddPlan(p2));
  ASSERT_OK_AND_ASSIGN(p3.id, AddPlan(p3));
  ASSERT_OK_AND_ASSIGN(p4.id, AddPlan(p4));

  PlanQuery q;
  ASSERT_OK_AND_ASSIGN(std::vector<int64_t> ids, PlanIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{p2.id, p4.id, p1.id, p3.id}));
  q.scope.units = std::vector<UnitId>{unit_c_, unit_b_};
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{p2.id, p3.id}));
  q.scope.units = std::vector<UnitId>{};
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(q));
  EXPECT_TRUE(ids.empty());
  q.scope.units.reset();
  q.scope.involving = alice_;  // handling group of p2; the creator of p1/p4 is not involved
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{p2.id}));
  q.scope.involving = bob_;
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{p1.id}));
  q.scope.units = std::vector<UnitId>{unit_c_};
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(q));
  EXPECT_EQ(ids, (std::vector<int64_t>{p1.id, p3.id}));

  PlanQuery filtered;
  filtered.status = PlanStatus::kAktiv;
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(filtered));
  EXPECT_EQ(ids, (std::vector<int64_t>{p4.id, p1.id, p3.id}));
  filtered.subject_key = "s9";
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(filtered));
  EXPECT_EQ(ids, (std::vector<int64_t>{p4.id, p1.id}));
  filtered.status = PlanStatus::kAvslutad;
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(filtered));
  EXPECT_TRUE(ids.empty());

  PlanQuery page;
  page.limit = 1;
  page.offset = 3;
  ASSERT_OK_AND_ASSIGN(ids, PlanIds(page));
  EXPECT_EQ(ids, std::vector<int64_t>{p3.id});

  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(std::vector<SecurityPlan> list, tx->ListSecurityPlans({}));
  ASSERT_EQ(list.size(), 4u);
  ExpectPlanEq(list[0], p2);
  ExpectPlanEq(list[2], p1);
  page.limit = 0;
  EXPECT_STATUS(tx->ListSecurityPlans(page), StatusCode::kInvalidArgument, "storage.bad_page");
}

TEST_P(StoreRiskTest, PlanMeasuresAndLog) {
  SecurityPlan p = NewPlan(unit_a_, alice_, kBase);
  ASSERT_OK_AND_ASSIGN(p.id, AddPlan(p));
  SecurityPlan other = NewPlan(unit_b_, carol_, kBase);
  ASSERT_OK_AND_ASSIGN(other.id, AddPlan(other));
  PlanMeasure late{
      0,      p.id,  "Byt lås",    bob_,        kBase + 9 * kDay, MeasureStatus::kOppen,
      alice_, kBase, std::nullopt, std::nullopt};
  PlanMeasure soon{
      0,      p.id,      "Installera larm", alice_,      kBase + 2 * kDay, MeasureStatus::kOppen,
      alice_, kBase + 1, std::nullopt,      std::nullopt};
  PlanMeasure elsewhere{0,      other.id, "Skyddsglas", carol_,      kBase, MeasureStatus::kOppen,
                        carol_, kBase,    std::nullopt, std::nullopt};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    ASSERT_OK_AND_ASSIGN(late.id, tx->InsertPlanMeasure(late));
    ASSERT_OK_AND_ASSIGN(soon.id, tx->InsertPlanMeasure(soon));
    ASSERT_OK_AND_ASSIGN(elsewhere.id, tx->InsertPlanMeasure(elsewhere));
    PlanMeasure orphan = late;
    orphan.plan_id = 987654;
    EXPECT_STATUS(tx->InsertPlanMeasure(orphan), StatusCode::kInvalidArgument,
                  "storage.foreign_key");
    soon.status = MeasureStatus::kKlar;
    soon.done_at = kBase + kDay;
    soon.done_by = bob_;
    ASSERT_OK(tx->UpdatePlanMeasure(soon));
    PlanMeasure missing = soon;
    missing.id = 987654;
    EXPECT_STATUS(tx->UpdatePlanMeasure(missing), StatusCode::kNotFound, "plan_measure.not_found");
    ASSERT_OK(tx->Commit());
  }
  // Log: oldest first, by time and then id.
  std::vector<PlanLogEntry> log = {{0, p.id, kBase + 5, alice_, "created", ""},
                                   {0, p.id, kBase + 3, bob_, "decision", "Ingen hembesök."},
                                   {0, p.id, kBase + 5, alice_, "measure_added", "7:oppen"},
                                   {0, other.id, kBase, carol_, "created", ""}};
  {
    ASSERT_OK_AND_ASSIGN(auto tx, Write());
    for (PlanLogEntry& e : log) {
      ASSERT_OK_AND_ASSIGN(e.id, tx->InsertPlanLog(e));
    }
    PlanLogEntry orphan = log[0];
    orphan.plan_id = 987654;
    EXPECT_STATUS(tx->InsertPlanLog(orphan), StatusCode::kInvalidArgument, "storage.foreign_key");
    ASSERT_OK(tx->Commit());
  }
  Reopen();
  ASSERT_OK_AND_ASSIGN(auto tx, Read());
  ASSERT_OK_AND_ASSIGN(PlanMeasure got, tx->GetPlanMeasure(soon.id));
  ExpectPlanMeasureEq(got, soon);
  EXPECT_STATUS(tx->GetPlanMeasure(987654), StatusCode::kNotFound, "plan_measure.not_found");
  ASSERT_OK_AND_ASSIGN(std::vector<PlanMeasure> measures, tx->ListPlanMeasures(p.id));
  ASSERT_EQ(measures.size(), 2u);
  ExpectPlanMeasureEq(measures[0], soon);
  ExpectPlanMeasureEq(measures[1], late);
  ASSERT_OK_AND_ASSIGN(measures, tx->ListPlanMeasures(987654));
  EXPECT_TRUE(measures.empty());

  ASSERT_OK_AND_ASSIGN(std::vector<PlanLogEntry> got_log, tx->ListPlanLog(p.id));
  ASSERT_EQ(got_log.size(), 3u);
  const std::vector<int64_t> expected_order = {log[1].id, log[0].id, log[2].id};
  EXPECT_EQ(Ids(got_log), expected_order);
  EXPECT_EQ(got_log[0].plan_id, p.id);
  EXPECT_EQ(got_log[0].at, kBase + 3);
  EXPECT_EQ(got_log[0].actor_id, bob_);
  EXPECT_EQ(got_log[0].action, "decision");
  EXPECT_EQ(got_log[0].detail, "Ingen hembesök.");
  ASSERT_OK_AND_ASSIGN(got_log, tx->ListPlanLog(other.id));
  EXPECT_EQ(Ids(got_log), std::vector<int64_t>{log[3].id});
}

// --- Upgrading a version-3 database -------------------------------------------------------

TEST_P(StoreRiskTest, AVersionThreeDatabaseIsUpgradedKeepingItsRows) {
  const std::string url = GetParam().fresh_url(dir_ / "v3");
  std::filesystem::create_directories(dir_ / "v3");
  {
    ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> v3, OpenStore(url));  // creates a SQLite file
  }
  std::string sql = SchemaSqlAt(3);
  sql +=
      "INSERT INTO org_units (parent_id, kind, name) VALUES (NULL, 'kommun', 'Gamla');\n"
      "INSERT INTO users (username, display_name, email, unit_id, active, password_hash,"
      " created_at) VALUES ('u', 'U', 'u@k.se', 1, 1, 'h', 0);\n"
      "INSERT INTO incidents (unit_id, reporter_id, category, occurred_at, place_type,"
      " outside_workplace, tied_to_role, description, injury, weapon, death_threat, severity,"
      " perpetrator_relation, perpetrator_note, sensitive, status, created_at, updated_at,"
      " acknowledged_at, closed_at, version, aimed_at_person, serious_since) VALUES"
      " (1, 1, 'hot', 100, 'reception', 0, 0, 'Från version 3', 'ingen', 1, 0, 3, NULL, '', 0,"
      " 'ny', 1000, 1000, NULL, NULL, 1, 0, 1000);\n"
      "INSERT INTO incident_exposed (incident_id, user_id, ord) VALUES (1, 1, 0);\n"
      "INSERT INTO police_reports (incident_id, reported, reporter, reported_by, reported_at,"
      " case_number, case_status, not_reported_reason, note, updated_by, updated_at) VALUES"
      " (1, 1, NULL, 1, 2000, '5000-K1', 'anmald', NULL, '', 1, 2000);";
  ASSERT_OK(GetParam().exec_raw(url, sql));
  ASSERT_OK_AND_ASSIGN(std::unique_ptr<Store> store, OpenStore(url));
  ASSERT_OK_AND_ASSIGN(int before, store->SchemaVersion());
  EXPECT_EQ(before, 3);
  ASSERT_OK(store->Migrate());
  ASSERT_OK(store->Migrate());  // twice is a no-op
  ASSERT_OK_AND_ASSIGN(int after, store->SchemaVersion());
  EXPECT_EQ(after, kSchemaVersion);
  {
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(Incident inc, read->GetIncident(1));
    EXPECT_EQ(inc.description, "Från version 3");
    EXPECT_FALSE(inc.aimed_at_person);
    EXPECT_EQ(inc.serious_since, std::optional<TimeMs>(1000));
    EXPECT_EQ(inc.exposed_user_ids, std::vector<UserId>{1});
    ASSERT_OK_AND_ASSIGN(PoliceReport report, read->GetPoliceReport(1));
    EXPECT_EQ(report.case_number, "5000-K1");
    ASSERT_OK_AND_ASSIGN(std::string key, read->GetIncidentSubject(1));
    EXPECT_EQ(key, "");
  }
  {
    // The new tables are there and usable.
    ASSERT_OK_AND_ASSIGN(auto tx, store->BeginWrite());
    ASSERT_OK(tx->PutIncidentSubject(1, "k1:ff", 1, 3000));
    ASSERT_OK(tx->InsertRiskTemplate({1, 1, "{}", 1, 3000}));
    RiskAssessment a;
    a.unit_id = 1;
    a.forvaltning_id = 1;
    a.event_at = 4000;
    a.title = "Efter uppgraderingen";
    a.created_by = 1;
    a.participants = {1};
    a.answers = {{"hot", true}};
    a.incident_id = 1;
    ASSERT_OK_AND_ASSIGN(int64_t assessment, tx->InsertAssessment(a));
    EXPECT_GT(assessment, 0);
    SecurityPlan p;
    p.unit_id = 1;
    p.forvaltning_id = 1;
    p.title = "Plan";
    p.people = {1};
    p.created_by = 1;
    ASSERT_OK_AND_ASSIGN(int64_t plan, tx->InsertSecurityPlan(p));
    ASSERT_OK_AND_ASSIGN(int64_t measure,
                         tx->InsertPlanMeasure({0, plan, "Larm", 1, 0, MeasureStatus::kOppen, 1, 0,
                                                std::nullopt, std::nullopt}));
    EXPECT_GT(measure, 0);
    ASSERT_OK(tx->Commit());
    ASSERT_OK_AND_ASSIGN(auto read, store->BeginRead());
    ASSERT_OK_AND_ASSIGN(std::vector<Incident> linked, read->ListIncidentsBySubject("k1:ff"));
    EXPECT_EQ(Ids(linked), std::vector<int64_t>{1});
  }
  store.reset();
  if (GetParam().drop) GetParam().drop(url);
}

INSTANTIATE_TEST_SUITE_P(Engines, StoreRiskTest, ::testing::ValuesIn(Engines()), EngineName);

}  // namespace
}  // namespace trygg::store_test
