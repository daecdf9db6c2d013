#include "domain/risk.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "core/text.h"
#include "domain/calendar.h"
#include "domain/codes.h"
#include "domain/subject.h"

namespace trygg {
namespace {

constexpr CodeTable<RiskLevel, 4> kLevels{{{
    {RiskLevel::kLag, "lag"},
    {RiskLevel::kForhojd, "forhojd"},
    {RiskLevel::kHog, "hog"},
    {RiskLevel::kMycketHog, "mycket_hog"},
}}};
constexpr CodeTable<RiskLevel, 4> kLevelLabelsSv{{{
    {RiskLevel::kLag, "låg"},
    {RiskLevel::kForhojd, "förhöjd"},
    {RiskLevel::kHog, "hög"},
    {RiskLevel::kMycketHog, "mycket hög"},
}}};
constexpr CodeTable<RiskLevel, 4> kLevelLabelsEn{{{
    {RiskLevel::kLag, "low"},
    {RiskLevel::kForhojd, "elevated"},
    {RiskLevel::kHog, "high"},
    {RiskLevel::kMycketHog, "very high"},
}}};
constexpr CodeTable<MeetingType, 5> kMeetingTypes{{{
    {MeetingType::kNegativtBeslut, "negativt_beslut"},
    {MeetingType::kTvangsatgard, "tvangsatgard"},
    {MeetingType::kKlientMedHotbild, "klient_med_hotbild"},
    {MeetingType::kHembesok, "hembesok"},
    {MeetingType::kAnnat, "annat"},
}}};
constexpr CodeTable<AssessmentStatus, 3> kAssessmentStatuses{{{
    {AssessmentStatus::kOppen, "oppen"},
    {AssessmentStatus::kBeslutad, "beslutad"},
    {AssessmentStatus::kUppfoljd, "uppfoljd"},
}}};

constexpr size_t kMaxCodeChars = 40;
constexpr size_t kMaxLabelChars = 200;
constexpr size_t kMaxHelpChars = 1000;
constexpr size_t kMaxFactors = 40;
constexpr size_t kMaxMeasures = 40;
constexpr int kMaxWeight = 10;
constexpr int kMaxThreshold = 1000;
constexpr int kMaxHistoryWeight = 10;
constexpr int kMaxHistoryFloorCount = 100;
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxAnswers = 40;
constexpr size_t kMaxParticipants = 50;
constexpr size_t kMaxAssessmentNoteChars = 2000;
constexpr int kHistorySeverityFloor = 3;  // allvarlig or worse lifts to hög

// [a-z0-9_]{1,40}
bool ValidCode(std::string_view s) {
  if (s.empty() || s.size() > kMaxCodeChars) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool FitsOptionalText(std::string_view s, size_t max_chars) { return Utf8Length(s) <= max_chars; }

Status TemplateError(std::string field, std::string detail) {
  return Status::InvalidArgument("risk_template." + std::move(field), std::move(detail));
}

std::string Indexed(std::string_view list, size_t i, std::string_view field) {
  return std::string(list) + "[" + std::to_string(i) + "]." + std::string(field);
}

std::string Signed(int points) {
  return points >= 0 ? "+" + std::to_string(points) : std::to_string(points);
}

std::string DateText(TimeMs t) {
  const LocalDate d = StockholmDate(t);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

RiskLevel LevelFromScore(const RiskTemplate& t, int score) {
  if (score >= t.mycket_hog_from) return RiskLevel::kMycketHog;
  if (score >= t.hog_from) return RiskLevel::kHog;
  if (score >= t.forhojd_from) return RiskLevel::kForhojd;
  return RiskLevel::kLag;
}

RiskFactor Factor(std::string code, std::string label_sv, std::string label_en, std::string help_sv,
                  std::string help_en, int weight, std::optional<RiskLevel> floor = std::nullopt) {
  RiskFactor f;
  f.code = std::move(code);
  f.label_sv = std::move(label_sv);
  f.label_en = std::move(label_en);
  f.help_sv = std::move(help_sv);
  f.help_en = std::move(help_en);
  f.weight = weight;
  f.floor = floor;
  return f;
}

RiskMeasureDef MeasureDef(std::string code, std::string label_sv, std::string label_en,
                          RiskLevel from_level, std::vector<std::string> factors = {}) {
  RiskMeasureDef m;
  m.code = std::move(code);
  m.label_sv = std::move(label_sv);
  m.label_en = std::move(label_en);
  m.from_level = from_level;
  m.factors = std::move(factors);
  return m;
}

}  // namespace

std::string_view RiskLevelCode(RiskLevel v) { return kLevels.Code(v); }
std::optional<RiskLevel> ParseRiskLevel(std::string_view code) { return kLevels.Parse(code); }
std::string_view RiskLevelLabelSv(RiskLevel v) { return kLevelLabelsSv.Code(v); }
std::string_view RiskLevelLabelEn(RiskLevel v) { return kLevelLabelsEn.Code(v); }
std::string_view MeetingTypeCode(MeetingType v) { return kMeetingTypes.Code(v); }
std::optional<MeetingType> ParseMeetingType(std::string_view code) {
  return kMeetingTypes.Parse(code);
}
const std::vector<MeetingType>& AllMeetingTypes() {
  static const std::vector<MeetingType> kAll = kMeetingTypes.Values();
  return kAll;
}
std::string_view AssessmentStatusCode(AssessmentStatus v) { return kAssessmentStatuses.Code(v); }
std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view code) {
  return kAssessmentStatuses.Parse(code);
}

RiskTemplate DefaultRiskTemplate() {
  RiskTemplate t;
  t.forvaltning_id = 0;
  t.version = 0;
  t.forhojd_from = 2;
  t.hog_from = 5;
  t.mycket_hog_from = 9;
  t.history_weight = 3;
  t.history_floor_count = 3;
  t.factors = {
      Factor("tidigare_hot_vald", "Tidigare hot eller våld", "Earlier threats or violence",
             "Personen har tidigare hotat eller utövat våld mot personal, här eller i en annan "
             "verksamhet.",
             "The person has threatened or used violence against staff before, here or elsewhere.",
             3),
      Factor("vapen", "Känd tillgång till vapen", "Known access to weapons",
             "Det finns uppgifter om att personen har eller kan få tillgång till vapen.",
             "There is information that the person has or can get access to weapons.", 3,
             RiskLevel::kHog),
      Factor("kriminellt_natverk", "Koppling till kriminellt nätverk", "Ties to a criminal network",
             "Personen eller personens närstående har kopplingar till kriminella nätverk.",
             "The person or someone close to them has ties to a criminal network.", 3,
             RiskLevel::kHog),
      Factor("fixering", "Fixering vid en namngiven medarbetare", "Fixation on a named employee",
             "Personen har fixerat sig vid en viss medarbetare, t.ex. söker upp, bevakar eller "
             "hänger ut hen.",
             "The person is fixated on a particular employee, e.g. seeks them out, watches or "
             "exposes them.",
             3, RiskLevel::kHog),
      Factor("hot_mot_anhoriga", "Hot mot anhöriga", "Threats against relatives",
             "Personen har hotat medarbetares anhöriga eller sina egna anhöriga.",
             "The person has threatened employees' relatives or their own relatives.", 3),
      Factor("otillaten_paverkan", "Försök till otillåten påverkan",
             "Attempts at unlawful influence",
             "Personen har försökt påverka ett beslut genom trakasserier, hot, smutskastning "
             "eller liknande.",
             "The person has tried to influence a decision through harassment, threats, smears "
             "or the like.",
             2),
      Factor("negativt_beslut", "Negativt beslut eller tvångsåtgärd meddelas",
             "A negative or compulsory decision is communicated",
             "Vid mötet meddelas ett avslag, en indragning eller en tvångsåtgärd (LVU/LVM).",
             "A refusal, a withdrawal or a compulsory measure (LVU/LVM) is communicated at the "
             "meeting.",
             2),
      Factor("eskalering", "Upptrappning den senaste tiden", "Recent escalation",
             "Personens beteende har trappats upp den senaste tiden: fler kontakter, hårdare "
             "tonläge, nya hot.",
             "The person's behaviour has escalated recently: more contacts, harsher tone, new "
             "threats.",
             2),
      Factor("paverkad", "Påverkad av alkohol eller droger",
             "Under the influence of alcohol or drugs",
             "Personen kan väntas vara påverkad av alkohol eller droger vid mötet.",
             "The person can be expected to be under the influence of alcohol or drugs at the "
             "meeting.",
             2),
      Factor("psykisk_ohalsa_akut", "Akut psykisk ohälsa", "Acute mental illness",
             "Personen är i en akut psykisk kris eller har uttalat förvirrade eller hotfulla "
             "tankar.",
             "The person is in an acute mental crisis or has voiced confused or threatening "
             "thoughts.",
             2),
      Factor("fungerande_kontakt", "Fungerande kontakt med handläggaren",
             "Working relationship with the handläggare",
             "Personen och handläggaren har en fungerande kontakt sedan tidigare (skyddande "
             "faktor).",
             "The person and the handläggare already have a working relationship (protective "
             "factor).",
             -1),
      Factor("stod_narvarande", "Stödperson närvarar", "A trusted support person is present",
             "En person som klienten litar på, t.ex. en anhörig eller ett ombud, deltar i mötet "
             "(skyddande faktor).",
             "Someone the client trusts, e.g. a relative or a representative, takes part in the "
             "meeting (protective factor).",
             -1),
  };
  t.measures = {
      MeasureDef("ej_ensam", "Ingen medarbetare träffar personen ensam",
                 "No employee meets the person alone", RiskLevel::kForhojd),
      MeasureDef("reception_informerad", "Receptionen informeras före mötet",
                 "Reception is informed before the meeting", RiskLevel::kForhojd),
      MeasureDef("extra_kollega", "En extra kollega närvarar vid mötet",
                 "An extra colleague is present at the meeting", RiskLevel::kHog,
                 {"tidigare_hot_vald"}),
      MeasureDef("larm_testat", "Larmet testas före mötet",
                 "The alarm is tested before the meeting", RiskLevel::kHog),
      MeasureDef("sakerhetsrum", "Mötet hålls i ett säkerhetsrum",
                 "The meeting is held in a secure room", RiskLevel::kHog),
      MeasureDef("digitalt_mote", "Mötet hålls digitalt eller per telefon",
                 "The meeting is held digitally or by phone", RiskLevel::kHog),
      MeasureDef("personskyddsvaktare", "Personskyddsväktare beställs",
                 "A protection guard is booked", RiskLevel::kMycketHog,
                 {"vapen", "kriminellt_natverk"}),
      MeasureDef("polis", "Polisen närvarar eller informeras", "The police are present or informed",
                 RiskLevel::kMycketHog, {"vapen", "kriminellt_natverk"}),
      MeasureDef("byte_handlaggare", "Byte av handläggare övervägs",
                 "A change of handläggare is considered", RiskLevel::kMycketHog, {"fixering"}),
  };
  return t;
}

Status ValidateRiskTemplate(const RiskTemplate& t) {
  if (t.factors.empty() || t.factors.size() > kMaxFactors) {
    return TemplateError("factors", "1..40 factors");
  }
  std::set<std::string> factor_codes;
  for (size_t i = 0; i < t.factors.size(); ++i) {
    const RiskFactor& f = t.factors[i];
    if (!ValidCode(f.code) || !factor_codes.insert(f.code).second) {
      return TemplateError("factor_code", Indexed("factors", i, "code"));
    }
    if (!FitsText(f.label_sv, kMaxLabelChars) || !FitsText(f.label_en, kMaxLabelChars)) {
      return TemplateError("factor_label", Indexed("factors", i, "label"));
    }
    if (!FitsOptionalText(f.help_sv, kMaxHelpChars) ||
        !FitsOptionalText(f.help_en, kMaxHelpChars)) {
      return TemplateError("factor_help", Indexed("factors", i, "help"));
    }
    if (f.weight == 0 || f.weight < -kMaxWeight || f.weight > kMaxWeight) {
      return TemplateError("factor_weight", Indexed("factors", i, "weight"));
    }
    // A floor must lift (not låg) and only a risk factor may lift the level.
    if (f.floor && (*f.floor == RiskLevel::kLag || f.weight < 0)) {
      return TemplateError("factor_floor", Indexed("factors", i, "floor"));
    }
  }
  if (t.forhojd_from < 1 || t.hog_from <= t.forhojd_from || t.mycket_hog_from <= t.hog_from ||
      t.mycket_hog_from > kMaxThreshold) {
    return TemplateError("thresholds", "");
  }
  if (t.history_weight < 0 || t.history_weight > kMaxHistoryWeight) {
    return TemplateError("history_weight", "");
  }
  if (t.history_floor_count < 1 || t.history_floor_count > kMaxHistoryFloorCount) {
    return TemplateError("history_floor_count", "");
  }
  if (t.measures.empty() || t.measures.size() > kMaxMeasures) {
    return TemplateError("measures", "1..40 measures");
  }
  std::set<std::string> measure_codes;
  for (size_t i = 0; i < t.measures.size(); ++i) {
    const RiskMeasureDef& m = t.measures[i];
    if (!ValidCode(m.code) || !measure_codes.insert(m.code).second) {
      return TemplateError("measure_code", Indexed("measures", i, "code"));
    }
    if (!FitsText(m.label_sv, kMaxLabelChars) || !FitsText(m.label_en, kMaxLabelChars)) {
      return TemplateError("measure_label", Indexed("measures", i, "label"));
    }
    if (m.factors.size() > kMaxFactors) {
      return TemplateError("measure_factors", Indexed("measures", i, "factors"));
    }
    std::set<std::string> seen;
    for (const std::string& code : m.factors) {
      if (!factor_codes.contains(code) || !seen.insert(code).second) {
        return TemplateError("measure_factors", Indexed("measures", i, "factors"));
      }
    }
  }
  return Status::Ok();
}

RiskResult AssessRisk(const RiskTemplate& t, const std::vector<FactorAnswer>& answers,
                      const RiskHistory& history) {
  // The last answer for a code wins; unknown codes are ignored below.
  std::map<std::string, bool, std::less<>> yes;
  for (const FactorAnswer& a : answers) yes[a.code] = a.yes;
  auto answered_yes = [&yes](std::string_view code) {
    auto it = yes.find(code);
    return it != yes.end() && it->second;
  };

  RiskResult r;
  std::vector<std::string> parts_sv;
  std::vector<std::string> parts_en;
  int raw = 0;
  for (const RiskFactor& f : t.factors) {
    if (!answered_yes(f.code)) continue;
    raw += f.weight;
    RiskReason reason;
    reason.kind = RiskReason::Kind::kFactor;
    reason.factor_code = f.code;
    reason.points = f.weight;
    reason.text_sv = f.label_sv + ": " + Signed(f.weight);
    reason.text_en = f.label_en + ": " + Signed(f.weight);
    r.reasons.push_back(std::move(reason));
    parts_sv.push_back(f.label_sv + " " + Signed(f.weight));
    parts_en.push_back(f.label_en + " " + Signed(f.weight));
  }
  const bool has_history = history.earlier_incidents > 0;
  if (has_history) raw += t.history_weight;
  r.score = std::max(raw, 0);
  r.level = LevelFromScore(t, r.score);

  // Floors of yes factors, in template order: each that raises the level.
  std::vector<RiskReason> floor_reasons;
  for (const RiskFactor& f : t.factors) {
    if (!f.floor || !answered_yes(f.code) || *f.floor <= r.level) continue;
    r.level = *f.floor;
    RiskReason reason;
    reason.kind = RiskReason::Kind::kFloor;
    reason.factor_code = f.code;
    reason.floor = *f.floor;
    reason.text_sv =
        f.label_sv + " lyfter nivån till minst " + std::string(RiskLevelLabelSv(*f.floor));
    reason.text_en =
        f.label_en + " lifts the level to at least " + std::string(RiskLevelLabelEn(*f.floor));
    floor_reasons.push_back(std::move(reason));
  }

  // The history, after the factors' floors.
  if (has_history) {
    const bool history_floor = history.earlier_incidents >= t.history_floor_count ||
                               history.highest_severity >= kHistorySeverityFloor;
    RiskReason reason;
    reason.kind = RiskReason::Kind::kHistory;
    reason.points = t.history_weight;
    if (history_floor && r.level < RiskLevel::kHog) {
      r.level = RiskLevel::kHog;
      reason.floor = RiskLevel::kHog;
    }
    const int n = history.earlier_incidents;
    std::string sv = "Tidigare händelser knutna till personen";
    std::string en = "Earlier incidents linked to the person";
    if (history.details) {
      sv = std::to_string(n) + (n == 1 ? " tidigare händelse knuten till personen"
                                       : " tidigare händelser knutna till personen");
      en = std::to_string(n) + (n == 1 ? " earlier incident linked to the person"
                                       : " earlier incidents linked to the person");
    }
    std::vector<std::string> facts_sv;
    std::vector<std::string> facts_en;
    if (history.details && history.latest_at) {
      facts_sv.push_back("senast " + DateText(*history.latest_at));
      facts_en.push_back("latest " + DateText(*history.latest_at));
    }
    if (history.details && history.highest_severity > 0) {
      facts_sv.push_back("högsta allvarlighetsgrad " + std::to_string(history.highest_severity));
      facts_en.push_back("highest severity " + std::to_string(history.highest_severity));
    }
    if (!facts_sv.empty()) {
      sv += " (" + facts_sv[0] + (facts_sv.size() > 1 ? ", " + facts_sv[1] : "") + ")";
      en += " (" + facts_en[0] + (facts_en.size() > 1 ? ", " + facts_en[1] : "") + ")";
    }
    std::string tail_sv = Signed(t.history_weight);
    std::string tail_en = Signed(t.history_weight);
    if (reason.floor) {
      tail_sv += ", minst " + std::string(RiskLevelLabelSv(*reason.floor));
      tail_en += ", at least " + std::string(RiskLevelLabelEn(*reason.floor));
    }
    reason.text_sv = sv + ": " + tail_sv;
    reason.text_en = en + ": " + tail_en;
    parts_sv.push_back(sv + " " + tail_sv);
    parts_en.push_back(en + " " + tail_en);
    r.reasons.push_back(std::move(reason));
  }
  for (RiskReason& reason : floor_reasons) {
    parts_sv.push_back(reason.text_sv);
    parts_en.push_back(reason.text_en);
    r.reasons.push_back(std::move(reason));
  }

  for (const RiskMeasureDef& m : t.measures) {
    bool propose = r.level >= m.from_level;
    for (const std::string& code : m.factors) propose = propose || answered_yes(code);
    if (propose) r.proposed.push_back(m.code);
  }

  auto join = [](const std::vector<std::string>& parts) {
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out += "; ";
      out += parts[i];
    }
    return out;
  };
  r.explanation_sv = "Poäng " + std::to_string(r.score) + " (förhöjd från " +
                     std::to_string(t.forhojd_from) + ", hög från " + std::to_string(t.hog_from) +
                     ", mycket hög från " + std::to_string(t.mycket_hog_from) + "). " +
                     (parts_sv.empty() ? "Inga riskfaktorer" : join(parts_sv)) +
                     ". Nivå: " + std::string(RiskLevelLabelSv(r.level)) + ".";
  r.explanation_en = "Score " + std::to_string(r.score) + " (elevated from " +
                     std::to_string(t.forhojd_from) + ", high from " + std::to_string(t.hog_from) +
                     ", very high from " + std::to_string(t.mycket_hog_from) + "). " +
                     (parts_en.empty() ? "No risk factors" : join(parts_en)) +
                     ". Level: " + std::string(RiskLevelLabelEn(r.level)) + ".";
  return r;
}

Status ValidateAssessment(const RiskAssessment& a) {
  if (!FitsText(a.title, kMaxTitleChars)) return Status::InvalidArgument("risk.title");
  if (a.answers.size() > kMaxAnswers) return Status::InvalidArgument("risk.answers");
  std::set<std::string_view> answered;
  for (const FactorAnswer& ans : a.answers) {
    if (!ValidCode(ans.code) || !answered.insert(ans.code).second) {
      return Status::InvalidArgument("risk.answers");
    }
  }
  if (a.participants.size() > kMaxParticipants) {
    return Status::InvalidArgument("risk.participants");
  }
  for (UserId p : a.participants) {
    if (p <= 0) return Status::InvalidArgument("risk.participants");
  }
  if (!a.subject_key.empty() && !IsSubjectKey(a.subject_key)) {
    return Status::InvalidArgument("risk.subject_key");
  }
  if (!FitsOptionalText(a.decision_note, kMaxAssessmentNoteChars)) {
    return Status::InvalidArgument("risk.decision_note");
  }
  if (!FitsOptionalText(a.outcome_note, kMaxAssessmentNoteChars)) {
    return Status::InvalidArgument("risk.outcome_note");
  }
  if (a.measures.size() > kMaxMeasures) return Status::InvalidArgument("risk.measures");
  std::set<std::string_view> measure_codes;
  for (const AssessmentMeasure& m : a.measures) {
    if (!ValidCode(m.code) || !measure_codes.insert(m.code).second) {
      return Status::InvalidArgument("risk.measures");
    }
    if (m.rating && (!m.decided || *m.rating < 1 || *m.rating > 5)) {
      return Status::InvalidArgument("risk.rating", m.code);
    }
  }
  return Status::Ok();
}

std::vector<KnowledgeRow> KnowledgeBank(const std::vector<std::string>& codes,
                                        const std::vector<MeasureUse>& uses, int min_count) {
  const int64_t min = std::max(min_count, 1);
  const std::vector<MeetingType>& types = AllMeetingTypes();
  std::vector<KnowledgeRow> rows;
  rows.reserve(codes.size());
  for (const std::string& code : codes) {
    KnowledgeRow row;
    row.code = code;
    int64_t n = 0;
    int64_t rating_sum = 0;
    int64_t incidents = 0;
    std::vector<int64_t> per_type(types.size(), 0);
    for (const MeasureUse& u : uses) {
      if (u.code != code) continue;
      ++n;
      rating_sum += u.rating;
      if (u.incident_occurred) ++incidents;
      for (size_t i = 0; i < types.size(); ++i) {
        if (types[i] == u.meeting_type) ++per_type[i];
      }
    }
    if (n < min) {
      row.suppressed = true;
      rows.push_back(std::move(row));
      continue;
    }
    row.uses = n;
    row.mean_rating =
        std::round(static_cast<double>(rating_sum) * 10.0 / static_cast<double>(n)) / 10.0;
    row.incident_share = static_cast<double>(incidents) / static_cast<double>(n);

    // Types with no use are left out; small ones are hidden, and while the
    // hidden ones together are small, the smallest shown one joins them.
    std::vector<bool> shown(types.size(), false);
    int64_t hidden = 0;
    for (size_t i = 0; i < types.size(); ++i) {
      if (per_type[i] >= min) {
        shown[i] = true;
      } else {
        hidden += per_type[i];
      }
    }
    while (hidden > 0 && hidden < min) {
      std::optional<size_t> smallest;
      for (size_t i = 0; i < types.size(); ++i) {
        if (shown[i] && (!smallest || per_type[i] < per_type[*smallest])) smallest = i;
      }
      if (!smallest) break;  // cannot happen: every use is then hidden and n >= min
      shown[*smallest] = false;
      hidden += per_type[*smallest];
    }
    for (size_t i = 0; i < types.size(); ++i) {
      if (shown[i]) row.by_meeting_type.emplace_back(types[i], per_type[i]);
    }
    if (hidden > 0) row.other_meeting_types = hidden;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace trygg
