#include "domain/risk.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

namespace trygg {
namespace {

constexpr TimeMs kOct2At10Utc = 1'790'935'200'000;  // 2026-10-02 12:00 in Stockholm

// Ten factors of weight 1 (f0..f9), so every score can be reached.
RiskTemplate UnitTemplate() {
  RiskTemplate t;
  for (int i = 0; i < 10; ++i) {
    RiskFactor f;
    f.code = "f" + std::to_string(i);
    f.label_sv = "Faktor " + std::to_string(i);
    f.label_en = "Factor " + std::to_string(i);
    f.weight = 1;
    t.factors.push_back(f);
  }
  RiskMeasureDef m;
  m.code = "m";
  m.label_sv = "Åtgärd";
  m.label_en = "Measure";
  t.measures.push_back(m);
  return t;
}

std::vector<FactorAnswer> Yes(const std::vector<std::string>& codes) {
  std::vector<FactorAnswer> out;
  for (const auto& c : codes) out.push_back({c, true});
  return out;
}

std::vector<FactorAnswer> FirstYes(int n) {
  std::vector<FactorAnswer> out;
  for (int i = 0; i < n; ++i) out.push_back({"f" + std::to_string(i), true});
  return out;
}

RiskHistory History(int earlier, int highest_severity = 0,
                    std::optional<TimeMs> latest_at = std::nullopt) {
  RiskHistory h;
  h.earlier_incidents = earlier;
  h.highest_severity = highest_severity;
  h.latest_at = latest_at;
  return h;
}

bool Proposed(const RiskResult& r, std::string_view code) {
  return std::find(r.proposed.begin(), r.proposed.end(), code) != r.proposed.end();
}

TEST(RiskTest, CodesRoundTrip) {
  for (auto v : {RiskLevel::kLag, RiskLevel::kForhojd, RiskLevel::kHog, RiskLevel::kMycketHog}) {
    EXPECT_EQ(ParseRiskLevel(RiskLevelCode(v)), v);
  }
  EXPECT_EQ(RiskLevelCode(RiskLevel::kMycketHog), "mycket_hog");
  EXPECT_EQ(RiskLevelLabelSv(RiskLevel::kForhojd), "förhöjd");
  EXPECT_EQ(RiskLevelLabelEn(RiskLevel::kMycketHog), "very high");
  EXPECT_FALSE(ParseRiskLevel("medel").has_value());
  ASSERT_EQ(AllMeetingTypes().size(), 5u);
  for (auto v : AllMeetingTypes()) EXPECT_EQ(ParseMeetingType(MeetingTypeCode(v)), v);
  EXPECT_EQ(MeetingTypeCode(MeetingType::kKlientMedHotbild), "klient_med_hotbild");
  EXPECT_EQ(ParseMeetingType("tvangsatgard"), MeetingType::kTvangsatgard);
  for (auto v :
       {AssessmentStatus::kOppen, AssessmentStatus::kBeslutad, AssessmentStatus::kUppfoljd}) {
    EXPECT_EQ(ParseAssessmentStatus(AssessmentStatusCode(v)), v);
  }
  EXPECT_EQ(AssessmentStatusCode(AssessmentStatus::kUppfoljd), "uppfoljd");
  EXPECT_FALSE(ParseAssessmentStatus("").has_value());
}

TEST(RiskTest, LevelAtEachThreshold) {
  const RiskTemplate t = UnitTemplate();  // 2 / 5 / 9
  const std::pair<int, RiskLevel> cases[] = {
      {0, RiskLevel::kLag},       {1, RiskLevel::kLag},        {2, RiskLevel::kForhojd},
      {4, RiskLevel::kForhojd},   {5, RiskLevel::kHog},        {8, RiskLevel::kHog},
      {9, RiskLevel::kMycketHog}, {10, RiskLevel::kMycketHog},
  };
  for (const auto& [n, level] : cases) {
    const RiskResult r = AssessRisk(t, FirstYes(n), {});
    EXPECT_EQ(r.score, n);
    EXPECT_EQ(r.level, level) << "score " << n;
    EXPECT_EQ(r.reasons.size(), static_cast<size_t>(n));
  }
}

TEST(RiskTest, CustomThresholdsAreUsed) {
  RiskTemplate t = UnitTemplate();
  t.forhojd_from = 1;
  t.hog_from = 3;
  t.mycket_hog_from = 4;
  EXPECT_EQ(AssessRisk(t, FirstYes(1), {}).level, RiskLevel::kForhojd);
  EXPECT_EQ(AssessRisk(t, FirstYes(3), {}).level, RiskLevel::kHog);
  EXPECT_EQ(AssessRisk(t, FirstYes(4), {}).level, RiskLevel::kMycketHog);
}

TEST(RiskTest, NoAnswersUnknownCodesAndLastAnswerWins) {
  const RiskTemplate t = UnitTemplate();
  RiskResult r = AssessRisk(t, {}, {});
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.level, RiskLevel::kLag);
  EXPECT_TRUE(r.reasons.empty());
  EXPECT_TRUE(r.proposed.empty());

  r = AssessRisk(t, {{"okand", true}, {"f0", true}, {"f1", false}}, {});
  EXPECT_EQ(r.score, 1);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].factor_code, "f0");

  r = AssessRisk(t, {{"f0", true}, {"f0", false}}, {});
  EXPECT_EQ(r.score, 0);
  r = AssessRisk(t, {{"f0", false}, {"f0", true}}, {});
  EXPECT_EQ(r.score, 1);
}

TEST(RiskTest, ReasonsFollowTemplateOrderNotAnswerOrder) {
  const RiskTemplate t = UnitTemplate();
  const RiskResult r = AssessRisk(t, Yes({"f7", "f2", "f4"}), {});
  ASSERT_EQ(r.reasons.size(), 3u);
  EXPECT_EQ(r.reasons[0].factor_code, "f2");
  EXPECT_EQ(r.reasons[1].factor_code, "f4");
  EXPECT_EQ(r.reasons[2].factor_code, "f7");
  for (const auto& reason : r.reasons) {
    EXPECT_EQ(reason.kind, RiskReason::Kind::kFactor);
    EXPECT_EQ(reason.points, 1);
    EXPECT_FALSE(reason.floor.has_value());
  }
  EXPECT_EQ(r.reasons[0].text_sv, "Faktor 2: +1");
  EXPECT_EQ(r.reasons[0].text_en, "Factor 2: +1");
}

TEST(RiskTest, ProtectiveWeightsSubtractButTheScoreStopsAtZero) {
  RiskTemplate t = UnitTemplate();
  t.factors[8].weight = -1;
  t.factors[9].weight = -3;
  // 3 - 1 = 2: förhöjd.
  RiskResult r = AssessRisk(t, Yes({"f0", "f1", "f2", "f8"}), {});
  EXPECT_EQ(r.score, 2);
  EXPECT_EQ(r.level, RiskLevel::kForhojd);
  // 1 - 3 = -2: floored at 0, låg; the reason still says -3.
  r = AssessRisk(t, Yes({"f0", "f9"}), {});
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.level, RiskLevel::kLag);
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_EQ(r.reasons[1].points, -3);
  EXPECT_EQ(r.reasons[1].text_sv, "Faktor 9: -3");
  // A protective answer cannot eat into the history floor.
  r = AssessRisk(t, Yes({"f9", "f8"}), History(3, 1));
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.level, RiskLevel::kHog);
}

TEST(RiskTest, FactorFloorsLiftTheLevel) {
  RiskTemplate t = UnitTemplate();
  t.factors[0].floor = RiskLevel::kHog;
  t.factors[1].floor = RiskLevel::kMycketHog;
  t.factors[2].floor = RiskLevel::kForhojd;

  // f0 alone: score 1 (låg), lifted to hög.
  RiskResult r = AssessRisk(t, Yes({"f0"}), {});
  EXPECT_EQ(r.score, 1);
  EXPECT_EQ(r.level, RiskLevel::kHog);
  ASSERT_EQ(r.reasons.size(), 2u);
  EXPECT_EQ(r.reasons[1].kind, RiskReason::Kind::kFloor);
  EXPECT_EQ(r.reasons[1].factor_code, "f0");
  EXPECT_EQ(r.reasons[1].floor, RiskLevel::kHog);
  EXPECT_EQ(r.reasons[1].points, 0);
  EXPECT_EQ(r.reasons[1].text_sv, "Faktor 0 lyfter nivån till minst hög");
  EXPECT_EQ(r.reasons[1].text_en, "Factor 0 lifts the level to at least high");

  // Both: each raises in turn (hög, then mycket hög), two floor reasons.
  r = AssessRisk(t, Yes({"f0", "f1"}), {});
  EXPECT_EQ(r.level, RiskLevel::kMycketHog);
  ASSERT_EQ(r.reasons.size(), 4u);
  EXPECT_EQ(r.reasons[2].floor, RiskLevel::kHog);
  EXPECT_EQ(r.reasons[3].floor, RiskLevel::kMycketHog);

  // A floor at or below the scored level adds no reason: 5 yes = hög already,
  // and f2's förhöjd floor is below it.
  r = AssessRisk(t, Yes({"f0", "f3", "f4", "f5", "f6"}), {});
  EXPECT_EQ(r.level, RiskLevel::kHog);
  EXPECT_EQ(r.reasons.size(), 5u);
  r = AssessRisk(t, Yes({"f2", "f3", "f4"}), {});
  EXPECT_EQ(r.level, RiskLevel::kForhojd);
  EXPECT_EQ(r.reasons.size(), 3u);
  // A floor on a factor answered no does nothing.
  r = AssessRisk(t, {{"f0", false}, {"f1", false}}, {});
  EXPECT_EQ(r.level, RiskLevel::kLag);
}

TEST(RiskTest, HistoryAddsWeightAndLiftsToHog) {
  const RiskTemplate t = UnitTemplate();  // history_weight 3, floor count 3

  // One earlier incident, not serious: +3 (förhöjd), no floor.
  RiskResult r = AssessRisk(t, {}, History(1, 1));
  EXPECT_EQ(r.score, 3);
  EXPECT_EQ(r.level, RiskLevel::kForhojd);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].kind, RiskReason::Kind::kHistory);
  EXPECT_EQ(r.reasons[0].points, 3);
  EXPECT_FALSE(r.reasons[0].floor.has_value());
  EXPECT_EQ(r.reasons[0].text_sv,
            "1 tidigare händelse knuten till personen (högsta allvarlighetsgrad 1): +3");
  EXPECT_EQ(r.reasons[0].text_en,
            "1 earlier incident linked to the person (highest severity 1): +3");

  // Two, not serious: still no floor.
  r = AssessRisk(t, {}, History(2, 2));
  EXPECT_EQ(r.level, RiskLevel::kForhojd);

  // Three earlier incidents: at least hög, and the history reason says so.
  r = AssessRisk(t, {}, History(3, 1, kOct2At10Utc));
  EXPECT_EQ(r.score, 3);
  EXPECT_EQ(r.level, RiskLevel::kHog);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].floor, RiskLevel::kHog);
  EXPECT_EQ(r.reasons[0].text_sv,
            "3 tidigare händelser knutna till personen (senast 2026-10-02, högsta "
            "allvarlighetsgrad 1): +3, minst hög");
  EXPECT_EQ(r.reasons[0].text_en,
            "3 earlier incidents linked to the person (latest 2026-10-02, highest severity 1): "
            "+3, at least high");

  // One serious (allvarlig) incident: at least hög.
  r = AssessRisk(t, {}, History(1, 3));
  EXPECT_EQ(r.level, RiskLevel::kHog);
  EXPECT_EQ(r.reasons[0].floor, RiskLevel::kHog);

  // Already mycket hög by score: the history adds points but lifts nothing.
  r = AssessRisk(t, FirstYes(6), History(4, 4));
  EXPECT_EQ(r.score, 9);
  EXPECT_EQ(r.level, RiskLevel::kMycketHog);
  EXPECT_FALSE(r.reasons.back().floor.has_value());

  // No earlier incidents: no history reason and no points.
  r = AssessRisk(t, FirstYes(1), {});
  EXPECT_EQ(r.score, 1);
  EXPECT_EQ(r.reasons.size(), 1u);

  // The template's own history settings are used.
  RiskTemplate t2 = t;
  t2.history_weight = 0;
  t2.history_floor_count = 1;
  r = AssessRisk(t2, {}, History(1, 1));
  EXPECT_EQ(r.score, 0);
  EXPECT_EQ(r.level, RiskLevel::kHog);
}

TEST(RiskTest, HistoryComesAfterFactorsAndFloorReasonsLast) {
  RiskTemplate t = UnitTemplate();
  t.factors[3].floor = RiskLevel::kMycketHog;
  const RiskResult r = AssessRisk(t, Yes({"f3", "f1"}), History(1));
  ASSERT_EQ(r.reasons.size(), 4u);
  EXPECT_EQ(r.reasons[0].factor_code, "f1");
  EXPECT_EQ(r.reasons[1].factor_code, "f3");
  EXPECT_EQ(r.reasons[2].kind, RiskReason::Kind::kHistory);
  EXPECT_EQ(r.reasons[2].text_sv, "1 tidigare händelse knuten till personen: +3");
  EXPECT_EQ(r.reasons[3].kind, RiskReason::Kind::kFloor);
  EXPECT_EQ(r.score, 5);
  EXPECT_EQ(r.level, RiskLevel::kMycketHog);
}

TEST(RiskTest, ExplanationTextWithHistoryFloor) {
  // Default template: 3 - 1 - 1 + 3 = 4 (förhöjd), three earlier incidents lift it to hög.
  const RiskResult r = AssessRisk(
      DefaultRiskTemplate(), Yes({"stod_narvarande", "tidigare_hot_vald", "fungerande_kontakt"}),
      History(3, 3, kOct2At10Utc));
  EXPECT_EQ(r.score, 4);
  EXPECT_EQ(r.level, RiskLevel::kHog);
  EXPECT_EQ(r.explanation_sv,
            "Poäng 4 (förhöjd från 2, hög från 5, mycket hög från 9). Tidigare hot eller våld +3; "
            "Fungerande kontakt med handläggaren -1; Stödperson närvarar -1; 3 tidigare händelser "
            "knutna till personen (senast 2026-10-02, högsta allvarlighetsgrad 3) +3, minst hög. "
            "Nivå: hög.");
  EXPECT_EQ(r.explanation_en,
            "Score 4 (elevated from 2, high from 5, very high from 9). Earlier threats or violence "
            "+3; Working relationship with the handläggare -1; A trusted support person is "
            "present -1; 3 earlier incidents linked to the person (latest 2026-10-02, highest "
            "severity 3) +3, at least high. Level: high.");
}

TEST(RiskTest, HistoryWithoutDetailsGivesTheSameLevelButNoFacts) {
  // A reader who may not see the history (an employee) gets the same score
  // and level, but not the count, date or severity.
  const std::vector<FactorAnswer> answers = Yes({"tidigare_hot_vald"});
  RiskHistory hidden = History(3, 3, kOct2At10Utc);
  hidden.details = false;
  const RiskResult full = AssessRisk(DefaultRiskTemplate(), answers, History(3, 3, kOct2At10Utc));
  const RiskResult r = AssessRisk(DefaultRiskTemplate(), answers, hidden);
  EXPECT_EQ(r.score, full.score);
  EXPECT_EQ(r.level, full.level);
  EXPECT_EQ(r.proposed, full.proposed);
  EXPECT_EQ(r.explanation_sv,
            "Poäng 6 (förhöjd från 2, hög från 5, mycket hög från 9). Tidigare hot eller våld +3; "
            "Tidigare händelser knutna till personen +3. Nivå: hög.");
  EXPECT_EQ(r.reasons.back().text_en, "Earlier incidents linked to the person: +3");
  for (const std::string& text : {r.explanation_sv, r.explanation_en}) {
    EXPECT_EQ(text.find("2026"), std::string::npos) << text;
    EXPECT_EQ(text.find("3 "), std::string::npos) << text;
  }
}

TEST(RiskTest, ExplanationTextWithFactorFloorAndWithNothing) {
  RiskResult r = AssessRisk(DefaultRiskTemplate(), Yes({"vapen"}), {});
  EXPECT_EQ(r.score, 3);
  EXPECT_EQ(r.level, RiskLevel::kHog);
  EXPECT_EQ(r.explanation_sv,
            "Poäng 3 (förhöjd från 2, hög från 5, mycket hög från 9). Känd tillgång till vapen "
            "+3; Känd tillgång till vapen lyfter nivån till minst hög. Nivå: hög.");
  EXPECT_EQ(r.explanation_en,
            "Score 3 (elevated from 2, high from 5, very high from 9). Known access to weapons "
            "+3; Known access to weapons lifts the level to at least high. Level: high.");

  r = AssessRisk(DefaultRiskTemplate(), {}, {});
  EXPECT_EQ(r.explanation_sv,
            "Poäng 0 (förhöjd från 2, hög från 5, mycket hög från 9). Inga riskfaktorer. "
            "Nivå: låg.");
  EXPECT_EQ(r.explanation_en,
            "Score 0 (elevated from 2, high from 5, very high from 9). No risk factors. "
            "Level: low.");
}

TEST(RiskTest, AssessRiskIsDeterministic) {
  const RiskTemplate t = DefaultRiskTemplate();
  const auto answers = Yes({"paverkad", "eskalering", "fixering"});
  const RiskHistory h = History(2, 2, kOct2At10Utc);
  const RiskResult a = AssessRisk(t, answers, h);
  const RiskResult b = AssessRisk(t, answers, h);
  EXPECT_EQ(a.score, b.score);
  EXPECT_EQ(a.level, b.level);
  EXPECT_EQ(a.proposed, b.proposed);
  EXPECT_EQ(a.explanation_sv, b.explanation_sv);
  EXPECT_EQ(a.explanation_en, b.explanation_en);
}

TEST(RiskTest, ProposedMeasuresByLevelAndFactor) {
  RiskTemplate t = UnitTemplate();
  t.measures.clear();
  auto add = [&t](std::string code, RiskLevel from, std::vector<std::string> factors) {
    RiskMeasureDef m;
    m.code = std::move(code);
    m.label_sv = "x";
    m.label_en = "x";
    m.from_level = from;
    m.factors = std::move(factors);
    t.measures.push_back(std::move(m));
  };
  add("alltid", RiskLevel::kLag, {});
  add("hog", RiskLevel::kHog, {});
  add("f9_eller_mycket_hog", RiskLevel::kMycketHog, {"f9"});
  add("forhojd", RiskLevel::kForhojd, {"f8", "f9"});

  EXPECT_EQ(AssessRisk(t, {}, {}).proposed, std::vector<std::string>{"alltid"});
  EXPECT_EQ(AssessRisk(t, FirstYes(2), {}).proposed,
            (std::vector<std::string>{"alltid", "forhojd"}));
  EXPECT_EQ(AssessRisk(t, FirstYes(5), {}).proposed,
            (std::vector<std::string>{"alltid", "hog", "forhojd"}));
  EXPECT_EQ(AssessRisk(t, FirstYes(9), {}).proposed,
            (std::vector<std::string>{"alltid", "hog", "f9_eller_mycket_hog", "forhojd"}));
  // A factor answered yes proposes its measures whatever the level (score 1: låg).
  EXPECT_EQ(AssessRisk(t, Yes({"f9"}), {}).proposed,
            (std::vector<std::string>{"alltid", "f9_eller_mycket_hog", "forhojd"}));
  // A level lifted by the history proposes by the lifted level.
  EXPECT_EQ(AssessRisk(t, {}, History(3)).proposed,
            (std::vector<std::string>{"alltid", "hog", "forhojd"}));
}

TEST(RiskTest, DefaultTemplateProposals) {
  const RiskTemplate t = DefaultRiskTemplate();
  EXPECT_TRUE(AssessRisk(t, {}, {}).proposed.empty());

  // Earlier threats alone: 3, förhöjd; the extra colleague follows the factor.
  RiskResult r = AssessRisk(t, Yes({"tidigare_hot_vald"}), {});
  EXPECT_EQ(r.level, RiskLevel::kForhojd);
  EXPECT_EQ(r.proposed,
            (std::vector<std::string>{"ej_ensam", "reception_informerad", "extra_kollega"}));

  // Fixation: lifted to hög, and a change of handläggare is proposed.
  r = AssessRisk(t, Yes({"fixering"}), {});
  EXPECT_EQ(r.level, RiskLevel::kHog);
  EXPECT_EQ(r.proposed, (std::vector<std::string>{"ej_ensam", "reception_informerad",
                                                  "extra_kollega", "larm_testat", "sakerhetsrum",
                                                  "digitalt_mote", "byte_handlaggare"}));

  // Weapons: hög, plus protection guard and police.
  r = AssessRisk(t, Yes({"vapen"}), {});
  EXPECT_TRUE(Proposed(r, "personskyddsvaktare"));
  EXPECT_TRUE(Proposed(r, "polis"));
  EXPECT_TRUE(Proposed(r, "sakerhetsrum"));
  EXPECT_FALSE(Proposed(r, "byte_handlaggare"));

  // Mycket hög proposes the whole catalogue.
  r = AssessRisk(t, Yes({"tidigare_hot_vald", "hot_mot_anhoriga", "eskalering", "paverkad"}), {});
  EXPECT_EQ(r.score, 10);
  EXPECT_EQ(r.level, RiskLevel::kMycketHog);
  EXPECT_EQ(r.proposed.size(), t.measures.size());
}

TEST(RiskTemplateTest, DefaultTemplateIsValid) {
  const RiskTemplate t = DefaultRiskTemplate();
  EXPECT_TRUE(ValidateRiskTemplate(t).ok()) << ValidateRiskTemplate(t).ToString();
  EXPECT_EQ(t.version, 0);
  EXPECT_EQ(t.forvaltning_id, 0);
  EXPECT_GE(t.factors.size(), 10u);
  EXPECT_LE(t.factors.size(), 12u);
  EXPECT_EQ(t.forhojd_from, 2);
  EXPECT_EQ(t.hog_from, 5);
  EXPECT_EQ(t.mycket_hog_from, 9);
  EXPECT_EQ(t.history_weight, 3);
  EXPECT_EQ(t.history_floor_count, 3);

  auto factor = [&t](std::string_view code) -> const RiskFactor* {
    for (const auto& f : t.factors) {
      if (f.code == code) return &f;
    }
    return nullptr;
  };
  ASSERT_NE(factor("tidigare_hot_vald"), nullptr);
  EXPECT_EQ(factor("tidigare_hot_vald")->weight, 3);
  ASSERT_NE(factor("vapen"), nullptr);
  EXPECT_EQ(factor("vapen")->floor, RiskLevel::kHog);
  EXPECT_EQ(factor("kriminellt_natverk")->floor, RiskLevel::kHog);
  EXPECT_EQ(factor("fixering")->floor, RiskLevel::kHog);
  EXPECT_EQ(factor("paverkad")->weight, 2);
  EXPECT_EQ(factor("negativt_beslut")->weight, 2);
  EXPECT_LT(factor("fungerande_kontakt")->weight, 0);
  EXPECT_LT(factor("stod_narvarande")->weight, 0);
  for (const auto& f : t.factors) {
    EXPECT_FALSE(f.label_sv.empty());
    EXPECT_FALSE(f.label_en.empty());
    EXPECT_FALSE(f.help_sv.empty()) << f.code;
    EXPECT_FALSE(f.help_en.empty()) << f.code;
  }
  std::set<std::string> measures;
  for (const auto& m : t.measures) measures.insert(m.code);
  EXPECT_EQ(measures,
            (std::set<std::string>{"digitalt_mote", "extra_kollega", "sakerhetsrum",
                                   "personskyddsvaktare", "polis", "larm_testat",
                                   "reception_informerad", "ej_ensam", "byte_handlaggare"}));
}

TEST(RiskTemplateTest, ValidationNamesTheField) {
  const RiskTemplate base = DefaultRiskTemplate();
  struct Case {
    const char* name;
    void (*mutate)(RiskTemplate&);
    const char* reason;
  };
  const Case cases[] = {
      {"no factors", [](RiskTemplate& t) { t.factors.clear(); }, "risk_template.factors"},
      {"41 factors",
       [](RiskTemplate& t) {
         while (t.factors.size() < 41) {
           RiskFactor f = t.factors[0];
           f.code = "x" + std::to_string(t.factors.size());
           t.factors.push_back(f);
         }
       },
       "risk_template.factors"},
      {"bad code", [](RiskTemplate& t) { t.factors[1].code = "Vapen"; },
       "risk_template.factor_code"},
      {"empty code", [](RiskTemplate& t) { t.factors[1].code = ""; }, "risk_template.factor_code"},
      {"long code", [](RiskTemplate& t) { t.factors[1].code = std::string(41, 'a'); },
       "risk_template.factor_code"},
      {"duplicate code", [](RiskTemplate& t) { t.factors[1].code = t.factors[0].code; },
       "risk_template.factor_code"},
      {"blank label", [](RiskTemplate& t) { t.factors[2].label_sv = "  "; },
       "risk_template.factor_label"},
      {"missing en label", [](RiskTemplate& t) { t.factors[2].label_en = ""; },
       "risk_template.factor_label"},
      {"long label", [](RiskTemplate& t) { t.factors[2].label_sv = std::string(201, 'x'); },
       "risk_template.factor_label"},
      {"long help", [](RiskTemplate& t) { t.factors[2].help_en = std::string(1001, 'x'); },
       "risk_template.factor_help"},
      {"zero weight", [](RiskTemplate& t) { t.factors[0].weight = 0; },
       "risk_template.factor_weight"},
      {"weight 11", [](RiskTemplate& t) { t.factors[0].weight = 11; },
       "risk_template.factor_weight"},
      {"weight -11", [](RiskTemplate& t) { t.factors[0].weight = -11; },
       "risk_template.factor_weight"},
      {"floor lag", [](RiskTemplate& t) { t.factors[0].floor = RiskLevel::kLag; },
       "risk_template.factor_floor"},
      {"protective floor",
       [](RiskTemplate& t) {
         t.factors[0].weight = -1;
         t.factors[0].floor = RiskLevel::kHog;
       },
       "risk_template.factor_floor"},
      {"thresholds equal", [](RiskTemplate& t) { t.hog_from = t.forhojd_from; },
       "risk_template.thresholds"},
      {"thresholds decreasing", [](RiskTemplate& t) { t.mycket_hog_from = 4; },
       "risk_template.thresholds"},
      {"threshold zero", [](RiskTemplate& t) { t.forhojd_from = 0; }, "risk_template.thresholds"},
      {"history weight", [](RiskTemplate& t) { t.history_weight = -1; },
       "risk_template.history_weight"},
      {"history count", [](RiskTemplate& t) { t.history_floor_count = 0; },
       "risk_template.history_floor_count"},
      {"no measures", [](RiskTemplate& t) { t.measures.clear(); }, "risk_template.measures"},
      {"measure code", [](RiskTemplate& t) { t.measures[0].code = "ej ensam"; },
       "risk_template.measure_code"},
      {"duplicate measure", [](RiskTemplate& t) { t.measures[1].code = t.measures[0].code; },
       "risk_template.measure_code"},
      {"measure label", [](RiskTemplate& t) { t.measures[0].label_en = ""; },
       "risk_template.measure_label"},
      {"unknown factor", [](RiskTemplate& t) { t.measures[0].factors = {"finns_inte"}; },
       "risk_template.measure_factors"},
  };
  for (const Case& c : cases) {
    RiskTemplate t = base;
    c.mutate(t);
    const Status s = ValidateRiskTemplate(t);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << c.name;
    EXPECT_EQ(s.reason(), c.reason) << c.name;
  }
  // The detail points at the entry.
  RiskTemplate t = base;
  t.factors[4].weight = 0;
  EXPECT_EQ(ValidateRiskTemplate(t).detail(), "factors[4].weight");
  // Help texts may be empty; a protective factor with weight -10 is fine.
  t = base;
  t.factors[0].help_sv.clear();
  t.factors[0].help_en.clear();
  t.factors.back().weight = -10;
  EXPECT_TRUE(ValidateRiskTemplate(t).ok());
}

RiskAssessment ValidAssessment() {
  RiskAssessment a;
  a.unit_id = 7;
  a.title = "Beslutsmöte ekonomiskt bistånd";
  a.participants = {3, 4};
  a.answers = {{"vapen", true}, {"paverkad", false}};
  a.measures = {{"ej_ensam", true, true, 4}, {"polis", true, false, std::nullopt}};
  a.subject_key = std::string(64, 'a');
  return a;
}

TEST(RiskTest, ValidateAssessment) {
  EXPECT_TRUE(ValidateAssessment(ValidAssessment()).ok());
  struct Case {
    void (*mutate)(RiskAssessment&);
    const char* reason;
  };
  const Case cases[] = {
      {[](RiskAssessment& a) { a.title = ""; }, "risk.title"},
      {[](RiskAssessment& a) { a.title = std::string(201, 'x'); }, "risk.title"},
      {[](RiskAssessment& a) {
         a.answers.resize(41, {"x", true});
       },
       "risk.answers"},
      {[](RiskAssessment& a) {
         a.answers.push_back({"vapen", false});
       },
       "risk.answers"},
      {[](RiskAssessment& a) { a.participants.resize(51, 9); }, "risk.participants"},
      {[](RiskAssessment& a) { a.decision_note = std::string(2001, 'x'); }, "risk.decision_note"},
      {[](RiskAssessment& a) { a.outcome_note = std::string(2001, 'x'); }, "risk.outcome_note"},
      {[](RiskAssessment& a) { a.measures[0].rating = 6; }, "risk.rating"},
      {[](RiskAssessment& a) { a.measures[0].rating = 0; }, "risk.rating"},
      {[](RiskAssessment& a) { a.measures[1].rating = 3; }, "risk.rating"},  // not decided
      {[](RiskAssessment& a) { a.subject_key = "198001011234"; }, "risk.subject_key"},
      {[](RiskAssessment& a) { a.measures[1].code = "ej_ensam"; }, "risk.measures"},
  };
  for (const Case& c : cases) {
    RiskAssessment a = ValidAssessment();
    c.mutate(a);
    EXPECT_EQ(ValidateAssessment(a).reason(), c.reason);
  }
  RiskAssessment a = ValidAssessment();
  a.title = std::string(200, 'x');
  a.subject_key.clear();
  a.decision_note = std::string(2000, 'x');
  EXPECT_TRUE(ValidateAssessment(a).ok());
}

MeasureUse Use(std::string code, MeetingType type, int rating, bool incident = false) {
  MeasureUse u;
  u.code = std::move(code);
  u.forvaltning_id = 2;
  u.meeting_type = type;
  u.level = RiskLevel::kHog;
  u.rating = rating;
  u.incident_occurred = incident;
  return u;
}

void AddUses(std::vector<MeasureUse>& uses, const std::string& code, MeetingType type, int n,
             int rating = 4) {
  for (int i = 0; i < n; ++i) uses.push_back(Use(code, type, rating));
}

TEST(RiskKnowledgeBankTest, RowsBelowMinCountHaveNoFigures) {
  std::vector<MeasureUse> uses;
  AddUses(uses, "polis", MeetingType::kHembesok, 4);
  AddUses(uses, "ej_ensam", MeetingType::kHembesok, 5);
  const auto rows = KnowledgeBank({"ej_ensam", "polis", "sakerhetsrum"}, uses);
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].code, "ej_ensam");
  EXPECT_FALSE(rows[0].suppressed);
  EXPECT_EQ(rows[0].uses, 5);
  for (size_t i : {1u, 2u}) {
    const KnowledgeRow& row = rows[i];
    EXPECT_TRUE(row.suppressed) << row.code;
    EXPECT_FALSE(row.uses.has_value());
    EXPECT_FALSE(row.mean_rating.has_value());
    EXPECT_FALSE(row.incident_share.has_value());
    EXPECT_TRUE(row.by_meeting_type.empty());
    EXPECT_FALSE(row.other_meeting_types.has_value());
  }
  EXPECT_EQ(rows[1].code, "polis");
  EXPECT_EQ(rows[2].code, "sakerhetsrum");
  // A smaller threshold shows the 4.
  EXPECT_EQ(KnowledgeBank({"polis"}, uses, 4)[0].uses, 4);
}

TEST(RiskKnowledgeBankTest, MeanRatingAndIncidentShare) {
  std::vector<MeasureUse> uses;
  // Ratings 5,4,4,3,5,2 → 23/6 = 3.833 → 3.8; incidents 2 of 6.
  const int ratings[] = {5, 4, 4, 3, 5, 2};
  for (int i = 0; i < 6; ++i) {
    uses.push_back(Use("extra_kollega", MeetingType::kNegativtBeslut, ratings[i], i < 2));
  }
  uses.push_back(Use("annan_kod", MeetingType::kNegativtBeslut, 1, true));  // not asked for
  const auto rows = KnowledgeBank({"extra_kollega"}, uses);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].uses, 6);
  EXPECT_DOUBLE_EQ(*rows[0].mean_rating, 3.8);
  EXPECT_DOUBLE_EQ(*rows[0].incident_share, 2.0 / 6.0);
  ASSERT_EQ(rows[0].by_meeting_type.size(), 1u);
  EXPECT_EQ(rows[0].by_meeting_type[0], std::make_pair(MeetingType::kNegativtBeslut, int64_t{6}));
  EXPECT_FALSE(rows[0].other_meeting_types.has_value());

  // 34 / 8 = 4.25 rounds to 4.3.
  uses.clear();
  for (int r : {4, 4, 4, 5, 4, 5, 4, 4}) uses.push_back(Use("x", MeetingType::kAnnat, r));
  EXPECT_DOUBLE_EQ(*KnowledgeBank({"x"}, uses)[0].mean_rating, 4.3);
}

TEST(RiskKnowledgeBankTest, SmallMeetingTypesAreHidden) {
  std::vector<MeasureUse> uses;
  AddUses(uses, "sakerhetsrum", MeetingType::kNegativtBeslut, 7);
  AddUses(uses, "sakerhetsrum", MeetingType::kHembesok, 5);
  AddUses(uses, "sakerhetsrum", MeetingType::kTvangsatgard, 3);
  AddUses(uses, "sakerhetsrum", MeetingType::kAnnat, 2);
  const KnowledgeRow row = KnowledgeBank({"sakerhetsrum"}, uses)[0];
  EXPECT_EQ(row.uses, 17);
  // 3 + 2 hidden = 5, enough: no complementary suppression needed.
  ASSERT_EQ(row.by_meeting_type.size(), 2u);
  EXPECT_EQ(row.by_meeting_type[0], std::make_pair(MeetingType::kNegativtBeslut, int64_t{7}));
  EXPECT_EQ(row.by_meeting_type[1], std::make_pair(MeetingType::kHembesok, int64_t{5}));
  EXPECT_EQ(row.other_meeting_types, 5);
}

TEST(RiskKnowledgeBankTest, HiddenCountCannotBeRecoveredFromTheTotal) {
  std::vector<MeasureUse> uses;
  AddUses(uses, "polis", MeetingType::kNegativtBeslut, 10);
  AddUses(uses, "polis", MeetingType::kHembesok, 6);
  AddUses(uses, "polis", MeetingType::kKlientMedHotbild, 8);
  AddUses(uses, "polis", MeetingType::kTvangsatgard, 2);  // the small count to protect
  const KnowledgeRow row = KnowledgeBank({"polis"}, uses)[0];
  ASSERT_FALSE(row.suppressed);
  ASSERT_TRUE(row.uses.has_value());
  EXPECT_EQ(*row.uses, 26);

  // The attack: total minus every shown type.
  int64_t shown = 0;
  for (const auto& [type, n] : row.by_meeting_type) {
    EXPECT_NE(type, MeetingType::kTvangsatgard);
    EXPECT_GE(n, 5);
    shown += n;
  }
  const int64_t remainder = *row.uses - shown;
  EXPECT_NE(remainder, 2) << "the hidden tvångsåtgärd count leaks";
  EXPECT_GE(remainder, 5);
  // The smallest shown type (hembesök, 6) went into the hidden group with it.
  ASSERT_EQ(row.by_meeting_type.size(), 2u);
  EXPECT_EQ(row.by_meeting_type[0].first, MeetingType::kNegativtBeslut);
  EXPECT_EQ(row.by_meeting_type[1].first, MeetingType::kKlientMedHotbild);
  EXPECT_EQ(row.other_meeting_types, 8);
  EXPECT_EQ(remainder, *row.other_meeting_types);
}

TEST(RiskKnowledgeBankTest, EveryTypeHiddenWhenNeeded) {
  // 6 + 1: hiding the 1 alone is not enough, and the 6 is the only shown type.
  std::vector<MeasureUse> uses;
  AddUses(uses, "digitalt_mote", MeetingType::kNegativtBeslut, 6);
  AddUses(uses, "digitalt_mote", MeetingType::kHembesok, 1);
  const KnowledgeRow row = KnowledgeBank({"digitalt_mote"}, uses)[0];
  EXPECT_EQ(row.uses, 7);
  EXPECT_TRUE(row.by_meeting_type.empty());
  EXPECT_EQ(row.other_meeting_types, 7);

  // The same row without small types hides nothing.
  uses.pop_back();
  const KnowledgeRow plain = KnowledgeBank({"digitalt_mote"}, uses)[0];
  EXPECT_EQ(plain.by_meeting_type.size(), 1u);
  EXPECT_FALSE(plain.other_meeting_types.has_value());
}

}  // namespace
}  // namespace trygg
