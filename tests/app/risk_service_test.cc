#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "app/risk_template_codec.h"
#include "app_fixture.h"

namespace trygg::testing {
namespace {

class RiskServiceTest : public AppFixture {
 protected:
  static NewAssessment Meeting(std::vector<FactorAnswer> answers = {},
                               const std::string& case_number = "") {
    NewAssessment in;
    in.meeting_type = MeetingType::kNegativtBeslut;
    in.event_at = clock().NowMs() + 2 * kMsPerDay;
    in.title = "Beslutsmöte ekonomiskt bistånd";
    in.answers = std::move(answers);
    if (!case_number.empty()) {
      in.subject_kind = SubjectIdKind::kArendenummer;
      in.subject_identifier = case_number;
    }
    return in;
  }

  static AssessmentView Open(const Principal& who, const NewAssessment& in) {
    auto r = app().risk().Create(who, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return *r;
  }

  static void Name(const Principal& who, IncidentId id, const std::string& case_number) {
    Status s =
        app().subjects().PutIncidentSubject(who, id, SubjectIdKind::kArendenummer, case_number);
    EXPECT_TRUE(s.ok()) << s.ToString();
  }

  static const AssessmentMeasure* FindMeasure(const AssessmentView& v, const std::string& code) {
    for (const AssessmentMeasure& m : v.assessment.measures) {
      if (m.code == code) return &m;
    }
    return nullptr;
  }

  static std::vector<AuditRecord> Audit() {
    auto tx = store_->BeginRead();
    EXPECT_TRUE(tx.ok());
    auto records = (*tx)->ListAudit(0, 100000);
    EXPECT_TRUE(records.ok());
    return *records;
  }
};

TEST_F(RiskServiceTest, ReadAccessIsCreatorParticipantsAndManagersCoveringTheUnit) {
  NewAssessment in = Meeting({{"negativt_beslut", true}});
  in.participants = {people().colleague.user.id};
  AssessmentView v = Open(people().employee, in);
  const int64_t id = v.assessment.id;
  EXPECT_EQ(v.assessment.unit_id, org().eb) << "the creator's own unit by default";
  EXPECT_EQ(v.assessment.forvaltning_id, org().norr);
  EXPECT_EQ(v.assessment.template_version, 0);
  EXPECT_EQ(v.assessment.status, AssessmentStatus::kOppen);
  EXPECT_TRUE(v.may_edit);
  EXPECT_FALSE(v.may_decide);
  EXPECT_FALSE(v.history) << "no history for an employee";

  for (const Principal* p : {&people().employee, &people().colleague, &people().chef_eb,
                             &people().chef_ifo, &people().sakerhet}) {
    auto r = app().risk().Get(*p, id);
    EXPECT_TRUE(r.ok()) << p->user.username << ": " << r.status().ToString();
  }
  for (const Principal* p : {&people().chef_rec, &people().skyddsombud, &people().analytiker,
                             &people().admin, &people().sakerhet_soder}) {
    auto r = app().risk().Get(*p, id);
    EXPECT_EQ(r.status().code(), StatusCode::kNotFound) << p->user.username;
    EXPECT_EQ(r.status().reason(), "risk.not_found");
  }
  EXPECT_EQ(app().risk().Get(people().chef_eb, 999999).status().reason(), "risk.not_found");

  auto chef_view = app().risk().Get(people().chef_eb, id);
  ASSERT_TRUE(chef_view.ok());
  EXPECT_TRUE(chef_view->may_decide);
  EXPECT_TRUE(chef_view->may_edit);
  EXPECT_FALSE(chef_view->may_follow_up) << "not decided yet";
}

TEST_F(RiskServiceTest, CreateChecksUnitAndInput) {
  NewAssessment in = Meeting();
  in.unit_id = org().rec;
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "risk.forbidden");
  EXPECT_TRUE(app().risk().Create(people().sakerhet_soder, in).ok())
      << "a säkerhetssamordnare for units they cover";
  in.unit_id = 999999;
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "risk.unit_id");
  in = Meeting();
  in.event_at = 0;
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "risk.event_at");
  in = Meeting();
  in.title = "";
  EXPECT_EQ(app().risk().Create(people().employee, in).status().code(),
            StatusCode::kInvalidArgument);
  in = Meeting({{"no_such_factor", true}});
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "risk.answers");
  in = Meeting();
  in.participants = {999999};
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "risk.participants");
  in = Meeting({}, "");
  in.subject_kind = SubjectIdKind::kPersonnummer;
  in.subject_identifier = "19121212-1213";  // fails the Luhn check
  EXPECT_EQ(app().risk().Create(people().employee, in).status().reason(), "subject.identifier");
}

TEST_F(RiskServiceTest, ThreeEarlierIncidentsGiveAtLeastHogWithTheHistoryAndWarningCounts) {
  const std::string client = "EB-2026-0042";
  // Two incidents in Norr, one in Söder, all linked to the same client.
  for (int i = 0; i < 2; ++i) {
    IncidentView inc = Report(people().employee, org().eb);
    Name(people().chef_eb, inc.incident.id, client);
  }
  IncidentView far = Report(people().chef_rec, org().rec);
  Name(people().chef_rec, far.incident.id, client);

  AssessmentView v = Open(people().chef_eb, Meeting({}, client));
  EXPECT_TRUE(v.subject_named);
  EXPECT_TRUE(v.assessment.subject_key.empty()) << "the key never leaves the app";
  EXPECT_GE(v.assessment.level, RiskLevel::kHog);
  EXPECT_GE(v.result.level, RiskLevel::kHog);
  EXPECT_TRUE(
      std::any_of(v.result.reasons.begin(), v.result.reasons.end(),
                  [](const RiskReason& r) { return r.kind == RiskReason::Kind::kHistory; }));
  ASSERT_TRUE(v.history);
  EXPECT_EQ(v.history->in_scope, 2);
  EXPECT_EQ(v.history->elsewhere, 1);
  EXPECT_EQ(v.history->total, 3);
  ASSERT_EQ(v.history->unit_names.size(), 1u);
  EXPECT_EQ(v.history->unit_names[0], "Norr / IFO / Ekonomiskt bistånd");
  EXPECT_TRUE(v.history->latest_at);
  EXPECT_GE(v.history->highest_severity, 1);
  EXPECT_FALSE(v.history->protected_case);
  // Proposals follow the level: hög proposes the secure room.
  const AssessmentMeasure* room = FindMeasure(v, "sakerhetsrum");
  ASSERT_NE(room, nullptr);
  EXPECT_TRUE(room->proposed);
  EXPECT_FALSE(room->decided);

  // An employee named as participant gets the level but no history.
  NewAssessment in = Meeting({}, client);
  AssessmentView mine = Open(people().employee, in);
  EXPECT_GE(mine.assessment.level, RiskLevel::kHog);
  EXPECT_FALSE(mine.history);
  auto read = app().risk().Get(people().employee, mine.assessment.id);
  ASSERT_TRUE(read.ok());
  EXPECT_FALSE(read->history);
  EXPECT_GE(read->result.level, RiskLevel::kHog);

  // The chef of the other förvaltning sees it the other way round.
  NewAssessment there = Meeting({}, client);
  there.unit_id = org().rec;
  AssessmentView theirs = Open(people().chef_rec, there);
  ASSERT_TRUE(theirs.history);
  EXPECT_EQ(theirs.history->in_scope, 1);
  EXPECT_EQ(theirs.history->elsewhere, 2);
}

TEST_F(RiskServiceTest, DecideFollowUpAndRatingFlowWithStateErrors) {
  AssessmentView v = Open(people().employee, Meeting({{"vapen", true}}));
  const int64_t id = v.assessment.id;
  EXPECT_GE(v.assessment.level, RiskLevel::kHog) << "the weapons floor";
  ASSERT_NE(FindMeasure(v, "polis"), nullptr);
  EXPECT_TRUE(FindMeasure(v, "polis")->proposed);
  EXPECT_EQ(FindMeasure(v, "byte_handlaggare"), nullptr) << "not proposed";
  auto& risk = app().risk();

  EXPECT_EQ(risk.Decide(people().employee, id, {"ej_ensam"}, "", std::nullopt).status().reason(),
            "risk.forbidden");
  EXPECT_EQ(risk.Decide(people().chef_rec, id, {"ej_ensam"}, "", std::nullopt).status().reason(),
            "risk.not_found");
  EXPECT_EQ(risk.FollowUp(people().employee, id, {}, std::nullopt).status().reason(),
            "risk.not_decided");
  EXPECT_EQ(risk.Decide(people().chef_eb, id, {"ej_ensam", "no_such"}, "", std::nullopt)
                .status()
                .reason(),
            "risk.measures");

  auto decided =
      risk.Decide(people().chef_eb, id, {"ej_ensam", "byte_handlaggare"}, "Två på mötet", 1);
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->assessment.status, AssessmentStatus::kBeslutad);
  EXPECT_EQ(decided->assessment.decided_by, people().chef_eb.user.id);
  EXPECT_TRUE(decided->assessment.decided_at);
  EXPECT_EQ(decided->assessment.decision_note, "Två på mötet");
  EXPECT_EQ(decided->assessment.version, 2);
  const AssessmentMeasure* polis = FindMeasure(*decided, "polis");
  ASSERT_NE(polis, nullptr);
  EXPECT_TRUE(polis->proposed);
  EXPECT_FALSE(polis->decided);
  const AssessmentMeasure* byte = FindMeasure(*decided, "byte_handlaggare");
  ASSERT_NE(byte, nullptr);
  EXPECT_FALSE(byte->proposed);
  EXPECT_TRUE(byte->decided);
  EXPECT_FALSE(decided->may_edit);
  EXPECT_TRUE(decided->may_follow_up);

  AssessmentPatch patch;
  patch.title = "Nytt namn";
  EXPECT_EQ(risk.Update(people().employee, id, patch, std::nullopt).status().reason(),
            "risk.not_open");
  // A new decision replaces the first; a stale version is refused.
  EXPECT_EQ(risk.Decide(people().sakerhet, id, {"ej_ensam"}, "", 1).status().code(),
            StatusCode::kConflict);
  auto again = risk.Decide(people().sakerhet, id, {"ej_ensam", "polis"}, "", 2);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->assessment.decided_by, people().sakerhet.user.id);
  EXPECT_EQ(FindMeasure(*again, "byte_handlaggare"), nullptr) << "no longer decided";
  EXPECT_TRUE(FindMeasure(*again, "polis")->decided);

  AssessmentFollowUp fu;
  fu.incident_occurred = false;
  fu.outcome_note = "Mötet gick lugnt";
  fu.ratings = {{"sakerhetsrum", 4}};  // proposed, not decided
  EXPECT_EQ(risk.FollowUp(people().employee, id, fu, std::nullopt).status().reason(),
            "risk.ratings");
  fu.ratings = {{"ej_ensam", 6}};
  EXPECT_EQ(risk.FollowUp(people().employee, id, fu, std::nullopt).status().reason(),
            "risk.ratings");
  fu.ratings = {{"ej_ensam", 0}};
  EXPECT_EQ(risk.FollowUp(people().employee, id, fu, std::nullopt).status().reason(),
            "risk.ratings");
  EXPECT_EQ(risk.FollowUp(people().skyddsombud, id, fu, std::nullopt).status().reason(),
            "risk.not_found");
  fu.ratings = {{"ej_ensam", 5}, {"polis", 3}};
  EXPECT_EQ(risk.FollowUp(people().employee, id, fu, 2).status().code(), StatusCode::kConflict);
  auto followed = risk.FollowUp(people().employee, id, fu, 3);
  ASSERT_TRUE(followed.ok()) << followed.status().ToString();
  EXPECT_EQ(followed->assessment.status, AssessmentStatus::kUppfoljd);
  EXPECT_EQ(followed->assessment.followed_up_by, people().employee.user.id);
  EXPECT_EQ(followed->assessment.outcome_note, "Mötet gick lugnt");
  EXPECT_EQ(FindMeasure(*followed, "ej_ensam")->rating, 5);
  EXPECT_EQ(FindMeasure(*followed, "polis")->rating, 3);
  EXPECT_FALSE(FindMeasure(*followed, "sakerhetsrum")->rating);
  EXPECT_FALSE(followed->may_decide);

  EXPECT_EQ(risk.Decide(people().chef_eb, id, {"ej_ensam"}, "", std::nullopt).status().reason(),
            "risk.followed_up");
  auto read = risk.Get(people().chef_eb, id);
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(read->assessment.version, 4);
}

TEST_F(RiskServiceTest, UpdateRecomputesAndRefusesAStaleVersion) {
  AssessmentView v = Open(people().employee, Meeting());
  const int64_t id = v.assessment.id;
  EXPECT_EQ(v.assessment.level, RiskLevel::kLag);
  EXPECT_TRUE(v.assessment.measures.empty());
  AssessmentPatch patch;
  patch.answers = std::vector<FactorAnswer>{{"tidigare_hot_vald", true}, {"eskalering", true}};
  auto r = app().risk().Update(people().employee, id, patch, 1);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->assessment.score, 5);
  EXPECT_EQ(r->assessment.level, RiskLevel::kHog);
  EXPECT_EQ(r->result.score, 5);
  EXPECT_EQ(r->assessment.version, 2);
  EXPECT_FALSE(r->assessment.measures.empty());
  EXPECT_EQ(app().risk().Update(people().employee, id, patch, 1).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(app().risk().Update(people().colleague, id, patch, std::nullopt).status().reason(),
            "risk.not_found");
  NewAssessment in = Meeting();
  in.participants = {people().colleague.user.id};
  AssessmentView shared = Open(people().employee, in);
  EXPECT_EQ(app()
                .risk()
                .Update(people().colleague, shared.assessment.id, patch, std::nullopt)
                .status()
                .reason(),
            "risk.forbidden")
      << "a participant reads but does not edit";
  auto by_chef = app().risk().Update(people().chef_ifo, shared.assessment.id, patch, 1);
  EXPECT_TRUE(by_chef.ok()) << by_chef.status().ToString();
}

TEST_F(RiskServiceTest, LinkIncidentCopiesTheNamedPersonToTheIncident) {
  const std::string client = "EB-2026-0777";
  AssessmentView v = Open(people().employee, Meeting({}, client));
  const int64_t id = v.assessment.id;
  IncidentView inc = Report(people().employee, org().eb);
  auto& risk = app().risk();
  EXPECT_EQ(risk.LinkIncident(people().employee, id, inc.incident.id).status().reason(),
            "risk.not_decided");
  ASSERT_TRUE(risk.Decide(people().chef_eb, id, {"ej_ensam"}, "", std::nullopt).ok());
  IncidentView elsewhere = Report(people().chef_rec, org().rec);
  EXPECT_EQ(risk.LinkIncident(people().employee, id, elsewhere.incident.id).status().reason(),
            "incident.not_found");
  auto linked = risk.LinkIncident(people().employee, id, inc.incident.id);
  ASSERT_TRUE(linked.ok()) << linked.status().ToString();
  EXPECT_EQ(linked->assessment.incident_id, inc.incident.id);
  EXPECT_TRUE(linked->assessment.incident_occurred);
  EXPECT_EQ(risk.LinkIncident(people().employee, id, elsewhere.incident.id).status().reason(),
            "risk.incident_linked");

  auto history = app().subjects().IncidentSubjectHistory(people().chef_eb, inc.incident.id);
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_TRUE(*history) << "the person is linked to the incident";
  EXPECT_EQ((*history)->total, 0) << "that incident itself left out";

  // The next assessment naming the client sees the incident.
  AssessmentView next = Open(people().chef_eb, Meeting({}, client));
  ASSERT_TRUE(next.history);
  EXPECT_EQ(next.history->in_scope, 1);
  EXPECT_EQ(next.history->total, 1);
  // The linked assessment's own result leaves its incident out.
  auto again = risk.Get(people().chef_eb, id);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->history->total, 0);
}

TEST_F(RiskServiceTest, ListShowsWhatTheCallerMaySee) {
  NewAssessment in = Meeting();
  in.title = "Hembesök listtest";
  in.meeting_type = MeetingType::kHembesok;
  AssessmentView v = Open(people().colleague, in);
  auto has = [&](const Principal& who) {
    auto page = app().risk().List(who, AssessmentQuery{});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return std::any_of(page->items.begin(), page->items.end(), [&](const AssessmentView& row) {
      return row.assessment.id == v.assessment.id;
    });
  };
  EXPECT_TRUE(has(people().colleague));
  EXPECT_TRUE(has(people().chef_eb));
  EXPECT_TRUE(has(people().sakerhet));
  EXPECT_FALSE(has(people().employee));
  EXPECT_FALSE(has(people().chef_rec));
  EXPECT_FALSE(has(people().skyddsombud));
  EXPECT_FALSE(has(people().admin));

  auto page = app().risk().List(people().chef_ifo, AssessmentQuery{});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, static_cast<int64_t>(page->items.size()));
  for (const AssessmentView& row : page->items) EXPECT_TRUE(row.assessment.subject_key.empty());
  AssessmentQuery q;
  q.limit = 1;
  auto one = app().risk().List(people().chef_ifo, q);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->items.size(), 1u);
  EXPECT_EQ(one->total, page->total);
  q.limit = 0;
  EXPECT_EQ(app().risk().List(people().chef_ifo, q).status().reason(), "query.limit");
  q.limit = 501;
  EXPECT_EQ(app().risk().List(people().chef_ifo, q).status().reason(), "query.limit");
  q.limit = 10;
  q.status = AssessmentStatus::kUppfoljd;
  auto followed = app().risk().List(people().chef_ifo, q);
  ASSERT_TRUE(followed.ok());
  for (const AssessmentView& row : followed->items) {
    EXPECT_EQ(row.assessment.status, AssessmentStatus::kUppfoljd);
  }
}

TEST_F(RiskServiceTest, AuditRecordsAreWrittenAndCarryNoIdentifier) {
  const std::string client = "AUD-9911";
  IncidentView inc = Report(people().employee, org().eb);
  Name(people().chef_eb, inc.incident.id, client);
  AssessmentView v = Open(people().employee, Meeting({{"vapen", true}}, client));
  const int64_t id = v.assessment.id;
  ASSERT_TRUE(app().risk().Get(people().chef_eb, id).ok());
  AssessmentPatch patch;
  patch.title = "Ändrad titel";
  ASSERT_TRUE(app().risk().Update(people().employee, id, patch, std::nullopt).ok());
  ASSERT_TRUE(app().risk().Decide(people().chef_eb, id, {"polis"}, "", std::nullopt).ok());
  IncidentView after = Report(people().employee, org().eb);
  ASSERT_TRUE(app().risk().LinkIncident(people().employee, id, after.incident.id).ok());
  AssessmentFollowUp fu;
  fu.incident_occurred = true;
  fu.ratings = {{"polis", 2}};
  ASSERT_TRUE(app().risk().FollowUp(people().employee, id, fu, std::nullopt).ok());
  ASSERT_TRUE(app().subjects().IncidentSubjectHistory(people().chef_eb, inc.incident.id).ok());

  Pseudonymizer p(PseudonymKey());
  auto key = p.Key(SubjectIdKind::kArendenummer, client, clock().NowMs());
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  std::set<std::string> actions;
  for (const AuditRecord& r : Audit()) {
    EXPECT_EQ(r.detail.find(client), std::string::npos) << r.action;
    EXPECT_EQ(r.detail.find(*key), std::string::npos) << r.action;
    EXPECT_EQ(r.detail.find("AUD"), std::string::npos) << r.action;
    if (r.target_type == "risk_assessment" && r.target_id == id) actions.insert(r.action);
    if (r.target_type == "incident") actions.insert(r.action);
  }
  for (const char* a :
       {"risk.created", "risk.read", "risk.updated", "risk.decided", "risk.incident_linked",
        "risk.followed_up", "incident.subject_set", "incident.subject_history_read"}) {
    EXPECT_TRUE(actions.count(a)) << a;
  }
}

// Template versions: in their own database, since they change what every
// later assessment of the förvaltning uses.
class RiskTemplateServiceTest : public AppFixture {};

TEST_F(RiskTemplateServiceTest, VersionsAreKeptAndAssessmentsKeepTheirVersionsLabels) {
  auto& risk = app().risk();
  auto def = risk.Template(people().employee, org().norr);
  ASSERT_TRUE(def.ok()) << def.status().ToString();
  EXPECT_EQ(def->version, 0);
  EXPECT_EQ(risk.Template(people().employee, org().eb).status().reason(), "unit.not_forvaltning");

  RiskTemplate t = *def;
  t.factors[0].label_sv = "Version ett";
  EXPECT_EQ(risk.PutTemplate(people().employee, org().norr, t).status().reason(),
            "risk_template.forbidden");
  EXPECT_EQ(risk.PutTemplate(people().sakerhet_soder, org().norr, t).status().reason(),
            "risk_template.forbidden");
  EXPECT_EQ(risk.PutTemplate(people().chef_ifo, org().norr, t).status().reason(),
            "risk_template.forbidden");
  RiskTemplate bad = t;
  bad.hog_from = bad.forhojd_from;  // thresholds must increase
  EXPECT_EQ(risk.PutTemplate(people().admin, org().norr, bad).status().code(),
            StatusCode::kInvalidArgument);

  auto v1 = risk.PutTemplate(people().admin, org().norr, t);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v1->forvaltning_id, org().norr);
  EXPECT_EQ(v1->created_by, people().admin.user.id);
  AssessmentView first = *risk.Create(people().employee, [] {
    NewAssessment in;
    in.event_at = clock().NowMs() + kMsPerDay;
    in.title = "Möte";
    return in;
  }());
  EXPECT_EQ(first.assessment.template_version, 1);
  EXPECT_EQ(first.risk_template.factors[0].label_sv, "Version ett");

  t.factors[0].label_sv = "Version två";
  t.factors[0].weight = 4;
  auto v2 = risk.PutTemplate(people().sakerhet, org().norr, t);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->version, 2);
  auto latest = risk.Template(people().analytiker, org().norr);
  ASSERT_TRUE(latest.ok());
  EXPECT_EQ(latest->version, 2);
  EXPECT_EQ(latest->factors[0].label_sv, "Version två");
  EXPECT_EQ(latest->factors.size(), def->factors.size());
  EXPECT_EQ(latest->measures.size(), def->measures.size());
  auto soder = risk.Template(people().employee, org().soder);
  ASSERT_TRUE(soder.ok());
  EXPECT_EQ(soder->version, 0) << "other förvaltningar keep the default";

  auto old = risk.Get(people().employee, first.assessment.id);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->assessment.template_version, 1);
  EXPECT_EQ(old->risk_template.version, 1);
  EXPECT_EQ(old->risk_template.factors[0].label_sv, "Version ett");

  bool audited = false;
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  auto records = (*tx)->ListAudit(0, 100000);
  ASSERT_TRUE(records.ok());
  for (const AuditRecord& r : *records) {
    if (r.action == "risk_template.changed" && r.target_id == org().norr) audited = true;
  }
  EXPECT_TRUE(audited);
}

TEST(RiskTemplateCodecTest, RoundTripsTheDefaultAndRefusesGarbage) {
  RiskTemplate t = DefaultRiskTemplate();
  t.forvaltning_id = 7;
  t.version = 3;
  t.created_by = 11;
  t.created_at = 12345;
  StoredRiskTemplate stored = RiskTemplateToStored(t);
  EXPECT_EQ(stored.version, 3);
  auto back = RiskTemplateFromStored(stored);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->forvaltning_id, 7);
  EXPECT_EQ(back->version, 3);
  EXPECT_EQ(back->created_by, 11);
  EXPECT_EQ(back->created_at, 12345);
  ASSERT_EQ(back->factors.size(), t.factors.size());
  for (size_t i = 0; i < t.factors.size(); ++i) {
    EXPECT_EQ(back->factors[i].code, t.factors[i].code);
    EXPECT_EQ(back->factors[i].label_sv, t.factors[i].label_sv);
    EXPECT_EQ(back->factors[i].help_en, t.factors[i].help_en);
    EXPECT_EQ(back->factors[i].weight, t.factors[i].weight);
    EXPECT_EQ(back->factors[i].floor, t.factors[i].floor);
  }
  ASSERT_EQ(back->measures.size(), t.measures.size());
  for (size_t i = 0; i < t.measures.size(); ++i) {
    EXPECT_EQ(back->measures[i].code, t.measures[i].code);
    EXPECT_EQ(back->measures[i].from_level, t.measures[i].from_level);
    EXPECT_EQ(back->measures[i].factors, t.measures[i].factors);
  }
  EXPECT_EQ(back->forhojd_from, t.forhojd_from);
  EXPECT_EQ(back->hog_from, t.hog_from);
  EXPECT_EQ(back->mycket_hog_from, t.mycket_hog_from);
  EXPECT_EQ(back->history_weight, t.history_weight);
  EXPECT_EQ(back->history_floor_count, t.history_floor_count);

  for (
      const char* body :
      {"", "{", "[]", R"({"factors":[]})",
       R"({"factors":[{"code":"a","label_sv":"A","label_en":"A","weight":1,"floor":"hogst"}],"measures":[],"thresholds":{"forhojd":2,"hog":5,"mycket_hog":9},"history":{"weight":3,"floor_count":3}})"}) {
    stored.body = body;
    auto r = RiskTemplateFromStored(stored);
    EXPECT_EQ(r.status().code(), StatusCode::kInternal) << body;
  }
}

// The knowledge bank in its own database: it counts every followed-up use.
class KnowledgeBankServiceTest : public AppFixture {
 protected:
  static void FollowedUp(const Principal& who, UnitId unit, MeetingType type, int rating,
                         bool incident) {
    NewAssessment in;
    in.unit_id = unit;
    in.meeting_type = type;
    in.event_at = clock().NowMs() + kMsPerDay;
    in.title = "Möte";
    auto a = app().risk().Create(who, in);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    auto d = app().risk().Decide(who, a->assessment.id, {"ej_ensam"}, "", std::nullopt);
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    AssessmentFollowUp fu;
    fu.incident_occurred = incident;
    fu.ratings = {{"ej_ensam", rating}};
    auto f = app().risk().FollowUp(who, a->assessment.id, fu, std::nullopt);
    ASSERT_TRUE(f.ok()) << f.status().ToString();
  }

  static const KnowledgeRow& Row(const KnowledgeBankView& v, const std::string& code) {
    auto it = std::find_if(v.rows.begin(), v.rows.end(),
                           [&](const KnowledgeRow& r) { return r.code == code; });
    EXPECT_NE(it, v.rows.end());
    return *it;
  }
};

TEST_F(KnowledgeBankServiceTest, FiguresAreHiddenBelowFiveAndShownFromFive) {
  auto& risk = app().risk();
  EXPECT_EQ(risk.KnowledgeBank(people().employee, org().eb).status().reason(),
            "unit.not_forvaltning");
  for (int i = 0; i < 4; ++i) {
    FollowedUp(people().chef_eb, org().eb, MeetingType::kNegativtBeslut, 4, i == 0);
  }
  auto four = risk.KnowledgeBank(people().employee, org().norr);
  ASSERT_TRUE(four.ok()) << four.status().ToString();
  EXPECT_EQ(four->min_count, 5);
  EXPECT_EQ(four->forvaltning_id, org().norr);
  EXPECT_EQ(four->rows.size(), four->catalogue.measures.size());
  const KnowledgeRow& hidden = Row(*four, "ej_ensam");
  EXPECT_TRUE(hidden.suppressed);
  EXPECT_FALSE(hidden.uses);
  EXPECT_FALSE(hidden.mean_rating);
  EXPECT_FALSE(hidden.incident_share);

  FollowedUp(people().chef_eb, org().eb, MeetingType::kNegativtBeslut, 2, false);
  auto five = risk.KnowledgeBank(people().analytiker, org().norr);
  ASSERT_TRUE(five.ok());
  const KnowledgeRow& shown = Row(*five, "ej_ensam");
  EXPECT_FALSE(shown.suppressed);
  EXPECT_EQ(shown.uses, 5);
  ASSERT_TRUE(shown.mean_rating);
  EXPECT_NEAR(*shown.mean_rating, 3.6, 0.05);
  ASSERT_TRUE(shown.incident_share);
  EXPECT_NEAR(*shown.incident_share, 0.2, 1e-9);
  EXPECT_TRUE(Row(*five, "polis").suppressed) << "never used";

  auto soder = risk.KnowledgeBank(people().employee, org().soder);
  ASSERT_TRUE(soder.ok());
  EXPECT_TRUE(Row(*soder, "ej_ensam").suppressed) << "no uses in Söder";
  auto city = risk.KnowledgeBank(people().employee, std::nullopt);
  ASSERT_TRUE(city.ok());
  EXPECT_FALSE(city->forvaltning_id);
  EXPECT_EQ(city->catalogue.version, 0);
  EXPECT_EQ(Row(*city, "ej_ensam").uses, 5);
}

}  // namespace
}  // namespace trygg::testing
