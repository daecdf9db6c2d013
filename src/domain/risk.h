// Risk assessment before a special risk moment (särskilt riskmoment): the
// template of risk factors, the level rule, the proposed measures, and the
// assessment's life from planning to follow-up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "domain/incident.h"
#include "domain/org.h"

namespace trygg {

// Ordered: each level is higher than the one before.
enum class RiskLevel { kLag, kForhojd, kHog, kMycketHog };
// The kind of planned event the assessment is made for.
enum class MeetingType {
  kNegativtBeslut,    // a negative decision is communicated
  kTvangsatgard,      // a compulsory measure (LVU/LVM), a child taken into care
  kKlientMedHotbild,  // a client with earlier threats or violence is met
  kHembesok,          // a home visit
  kAnnat,
};
// oppen (answers may change) → beslutad (the chef decided the measures) →
// uppfoljd (after the event: outcome and ratings recorded).
enum class AssessmentStatus { kOppen, kBeslutad, kUppfoljd };

std::string_view RiskLevelCode(RiskLevel v);  // "lag", "forhojd", "hog", "mycket_hog"
std::optional<RiskLevel> ParseRiskLevel(std::string_view code);
std::string_view RiskLevelLabelSv(RiskLevel v);  // "låg", "förhöjd", "hög", "mycket hög"
std::string_view RiskLevelLabelEn(RiskLevel v);  // "low", "elevated", "high", "very high"
std::string_view MeetingTypeCode(MeetingType v);
std::optional<MeetingType> ParseMeetingType(std::string_view code);
const std::vector<MeetingType>& AllMeetingTypes();
std::string_view AssessmentStatusCode(AssessmentStatus v);
std::optional<AssessmentStatus> ParseAssessmentStatus(std::string_view code);

// One question of the template, answered yes or no. A risk factor has a
// positive weight, a protective factor a negative one. A yes answer to a
// factor with a `floor` lifts the level to at least that level whatever the
// score (e.g. known access to weapons: at least hög).
struct RiskFactor {
  std::string code;  // [a-z0-9_]{1,40}, unique in the template
  std::string label_sv;
  std::string label_en;
  std::string help_sv;
  std::string help_en;
  int weight = 1;  // -10..10, not 0
  std::optional<RiskLevel> floor;
};

// A measure the template can propose. It is proposed when the level is at
// least `from_level`, or when any factor in `factors` is answered yes.
struct RiskMeasureDef {
  std::string code;  // [a-z0-9_]{1,40}, unique in the template
  std::string label_sv;
  std::string label_en;
  RiskLevel from_level = RiskLevel::kHog;
  std::vector<std::string> factors;  // codes of factors in the same template
};

// A förvaltning's template, immutable once stored: a change stores a new
// version. Version 0 is the built-in default (forvaltning_id 0).
struct RiskTemplate {
  UnitId forvaltning_id = 0;
  int version = 0;
  std::vector<RiskFactor> factors;  // 1..40, in the order asked
  // Score thresholds, strictly increasing: a score of at least forhojd_from is
  // förhöjd, at least hog_from hög, at least mycket_hog_from mycket hög.
  int forhojd_from = 2;
  int hog_from = 5;
  int mycket_hog_from = 9;
  // Earlier incidents linked to the named person (see subject.h): any at all
  // add history_weight to the score; history_floor_count or more, or any of
  // severity allvarlig or worse, lift the level to at least hög.
  int history_weight = 3;
  int history_floor_count = 3;
  std::vector<RiskMeasureDef> measures;  // 1..40
  UserId created_by = 0;
  TimeMs created_at = 0;
};

// The built-in template (version 0): the factors and measure catalogue the
// routines describe (see docs/risk.md).
RiskTemplate DefaultRiskTemplate();

// Codes valid and unique, labels present (≤ 200 chars, help ≤ 1000), weights
// in range, thresholds increasing and positive, measure factor codes known,
// sizes in range. Error: InvalidArgument("risk_template.<field>"), <field>
// one of factors, factor_code, factor_label, factor_help, factor_weight,
// factor_floor (låg, or on a protective factor), thresholds, history_weight
// (0..10), history_floor_count (1..100), measures, measure_code,
// measure_label, measure_factors; the detail names the entry
// ("factors[3].weight").
Status ValidateRiskTemplate(const RiskTemplate& t);

// What the named person's earlier incidents say, as far as the level rule
// uses them (counted across the whole city; who may see which of them is
// the app's concern, not the rule's).
struct RiskHistory {
  int earlier_incidents = 0;
  int highest_severity = 0;  // 0 when none
  std::optional<TimeMs> latest_at;
  // False when the reader may not see the history (see SubjectService): the
  // history reason then says only that incidents are linked — no count, date
  // or severity. The score and level are the same either way.
  bool details = true;
};

struct FactorAnswer {
  std::string code;
  bool yes = false;
};

// One line of "why": a yes factor and its points, the history, or a floor.
struct RiskReason {
  enum class Kind { kFactor, kHistory, kFloor };
  Kind kind = Kind::kFactor;
  std::string factor_code;         // kFactor, and kFloor when a factor set the floor
  int points = 0;                  // added to the score (negative for protective)
  std::optional<RiskLevel> floor;  // kFloor (and kHistory when it lifted the level)
  std::string text_sv;
  std::string text_en;
};

struct RiskResult {
  int score = 0;  // sum of yes weights + history, never below 0
  RiskLevel level = RiskLevel::kLag;
  std::vector<RiskReason> reasons;    // in template order, history last
  std::vector<std::string> proposed;  // measure codes, in catalogue order
  // The whole explanation as sentences, the reasons joined by "; ", e.g.
  // "Poäng 4 (förhöjd från 2, hög från 5, mycket hög från 9). Tidigare hot
  // eller våld +3; Stödperson närvarar -1; 3 tidigare händelser knutna till
  // personen (senast 2026-10-02, högsta allvarlighetsgrad 3) +3, minst hög.
  // Nivå: hög." ("Inga riskfaktorer" / "No risk factors" when there is no
  // reason; dates are Stockholm dates).
  std::string explanation_sv;
  std::string explanation_en;
};

// The level rule. Answers naming no factor of `t` are ignored; unanswered
// factors count as no; of several answers to one factor the last counts.
// score = the yes weights + history_weight when earlier_incidents > 0,
// floored at 0; the level is the score's by the thresholds. Then the floors
// of yes factors, in template order, each lifting the level when it is
// higher (one kFloor reason for each that did); then the history (only when
// earlier_incidents > 0): history_floor_count or more, or highest_severity
// ≥ 3 (allvarlig), lifts to at least hög, and the kHistory reason carries
// that floor when it did lift. Reasons: kFactor per yes factor (template
// order), then kHistory, then the kFloor reasons. Proposed: every measure
// of the catalogue whose from_level the level reaches or one of whose
// factors is answered yes. Deterministic: the same input gives the same
// result.
RiskResult AssessRisk(const RiskTemplate& t, const std::vector<FactorAnswer>& answers,
                      const RiskHistory& history);

// A measure on an assessment: proposed by the rule and/or decided by the
// chef, and after the event rated 1 (no use) .. 5 (very useful).
struct AssessmentMeasure {
  std::string code;
  bool proposed = false;
  bool decided = false;
  std::optional<int> rating;
};

struct RiskAssessment {
  int64_t id = 0;
  UnitId unit_id = 0;
  UnitId forvaltning_id = 0;  // of unit_id, set by the app
  int template_version = 0;
  MeetingType meeting_type = MeetingType::kAnnat;
  TimeMs event_at = 0;
  std::string title;                 // short, no personal data: "Beslutsmöte ekonomiskt bistånd"
  std::vector<UserId> participants;  // employees taking part
  std::vector<FactorAnswer> answers;
  // The keyed hash of the person the meeting is with (see subject.h); empty
  // when none is named. Never the identifier itself.
  std::string subject_key;
  int score = 0;                            // as computed when last answered
  RiskLevel level = RiskLevel::kLag;        // as computed when last answered
  std::vector<AssessmentMeasure> measures;  // in catalogue order
  AssessmentStatus status = AssessmentStatus::kOppen;
  UserId created_by = 0;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::optional<UserId> decided_by;
  std::optional<TimeMs> decided_at;
  std::string decision_note;
  std::optional<UserId> followed_up_by;
  std::optional<TimeMs> followed_up_at;
  bool incident_occurred = false;
  std::optional<IncidentId> incident_id;  // the report made after the event
  std::string outcome_note;
  int64_t version = 1;  // bumped on every change; guards concurrent updates
};

// Fits: title 1..200 chars, answers ≤ 40 with distinct valid codes,
// participants ≤ 50 (positive ids), subject_key empty or a key, notes ≤ 2000,
// measure codes distinct, ratings 1..5 and only on decided measures. Error:
// InvalidArgument("risk.<field>"): title, answers, participants, subject_key,
// decision_note, outcome_note, measures, rating (detail: the measure code).
Status ValidateAssessment(const RiskAssessment& a);

// --- Knowledge bank (kunskapsbank): how measures worked out.

// One decided, rated measure of a followed-up assessment.
struct MeasureUse {
  std::string code;
  UnitId forvaltning_id = 0;
  MeetingType meeting_type = MeetingType::kAnnat;
  RiskLevel level = RiskLevel::kLag;
  int rating = 0;  // 1..5
  bool incident_occurred = false;
};

// Figures are only shown from `min_count` uses: below that every figure of
// the row (uses included) is unset and `suppressed` is true.
struct KnowledgeRow {
  std::string code;
  bool suppressed = false;
  std::optional<int64_t> uses;
  std::optional<double> mean_rating;     // 1..5, one decimal
  std::optional<double> incident_share;  // 0..1: an incident still happened
  // Uses per meeting type. A type with fewer than min_count uses is hidden in
  // `other_meeting_types`; while the hidden types together have fewer than
  // min_count uses, the smallest shown type is hidden too (complementary
  // suppression), so `uses` minus the shown types never reveals a small count.
  // `other_meeting_types` is unset when nothing is hidden. Types without
  // uses are left out. mean_rating is rounded to one decimal (half up);
  // incident_share is exact (incidents / uses).
  std::vector<std::pair<MeetingType, int64_t>> by_meeting_type;
  std::optional<int64_t> other_meeting_types;
};

// One row per measure code in `codes` (the catalogue's order), from `uses`.
std::vector<KnowledgeRow> KnowledgeBank(const std::vector<std::string>& codes,
                                        const std::vector<MeasureUse>& uses, int min_count = 5);

}  // namespace trygg
