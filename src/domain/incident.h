// Incidents and what hangs on them: measures, notes and the logbook.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "domain/org.h"

namespace trygg {

using IncidentId = int64_t;

enum class Category {
  kHot, kVald, kTrakasserier, kOtillatenPaverkan, kForolampning, kSkadegorelse, kStoldInbrott,
  kAnnat,
};
enum class PlaceType {
  kReception, kBesoksrum, kHembesok, kTelefon, kDigitalt, kUtanforArbetsplatsen, kAnnat,
};
enum class PerpetratorRelation { kBrukare, kAnhorig, kOkand, kAnnan };
enum class Injury { kIngen, kLindrig, kAllvarlig };
// ny → mottagen → utreds → avslutad; avslutad → utreds on reopening.
enum class IncidentStatus { kNy, kMottagen, kUtreds, kAvslutad };
enum class MeasureStatus { kOppen, kKlar };
// A measure is an åtgärd, or a support (stödinsats) for the exposed.
enum class MeasureKind { kAtgard, kStod };
// The kinds of support (stödinsatser) a chef offers.
enum class SupportType {
  kSamtalMedChef, kAvlastningssamtal, kForetagshalsovard, kKrisstod, kJuridisktStod, kAnnat,
};

// Severity 1–4. See docs/domain.md for what each level means.
constexpr int kSeverityLindrig = 1;
constexpr int kSeverityMattlig = 2;
constexpr int kSeverityAllvarlig = 3;  // "serious": the säkerhetssamordnare is drawn in
constexpr int kSeverityMycketAllvarlig = 4;

std::string_view CategoryCode(Category v);
std::optional<Category> ParseCategory(std::string_view code);
std::string_view PlaceTypeCode(PlaceType v);
std::optional<PlaceType> ParsePlaceType(std::string_view code);
std::string_view PerpetratorRelationCode(PerpetratorRelation v);
std::optional<PerpetratorRelation> ParsePerpetratorRelation(std::string_view code);
std::string_view InjuryCode(Injury v);
std::optional<Injury> ParseInjury(std::string_view code);
std::string_view IncidentStatusCode(IncidentStatus v);
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view code);
std::string_view MeasureStatusCode(MeasureStatus v);
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view code);
std::string_view MeasureKindCode(MeasureKind v);
std::optional<MeasureKind> ParseMeasureKind(std::string_view code);
std::string_view SupportTypeCode(SupportType v);
std::optional<SupportType> ParseSupportType(std::string_view code);

struct Incident {
  IncidentId id = 0;
  UnitId unit_id = 0;
  UserId reporter_id = 0;
  Category category = Category::kAnnat;
  TimeMs occurred_at = 0;
  PlaceType place_type = PlaceType::kAnnat;
  bool outside_workplace = false;
  bool tied_to_role = true;
  std::vector<UserId> exposed_user_ids;  // at least one
  std::string description;
  Injury injury = Injury::kIngen;
  bool weapon = false;
  bool death_threat = false;  // a serious threat to kill
  int severity = kSeverityLindrig;
  std::optional<PerpetratorRelation> perpetrator_relation;
  std::string perpetrator_note;  // chef and säkerhetssamordnare only
  bool sensitive = false;
  IncidentStatus status = IncidentStatus::kNy;
  TimeMs created_at = 0;
  TimeMs updated_at = 0;
  std::optional<TimeMs> acknowledged_at;
  std::optional<TimeMs> closed_at;
  // False when the crime is not aimed at one person (e.g. threats against the
  // förvaltning's staff in general): the chef reports it to the police.
  bool aimed_at_person = true;
  // When the severity first reached allvarlig: starts the clock for notifying
  // Arbetsmiljöverket and consulting the säkerhetssamordnare. Set by the app.
  std::optional<TimeMs> serious_since;
  // When the chef recorded that the säkerhetssamordnare was consulted (or the
  // säkerhetssamordnare first wrote a note).
  std::optional<TimeMs> coordinator_consulted_at;
  int64_t version = 1;  // bumped on every change; guards concurrent updates
  // Read-only, filled in by the store when it reads the incident: its
  // measures with status oppen at that moment. Ignored when storing.
  int open_measures = 0;

  bool Involves(UserId user) const;
};

struct Measure {
  int64_t id = 0;
  IncidentId incident_id = 0;
  std::string title;
  UserId responsible_user_id = 0;
  TimeMs due_date = 0;  // midnight UTC of the due day
  MeasureStatus status = MeasureStatus::kOppen;
  UserId created_by = 0;
  TimeMs created_at = 0;
  std::optional<TimeMs> done_at;
  std::optional<UserId> done_by;
  // Support only (kind kStod): its type, whether it is for the whole work
  // group or one person, and when to follow it up.
  MeasureKind kind = MeasureKind::kAtgard;
  std::optional<SupportType> support_type;
  bool support_group = false;
  std::optional<UserId> support_user_id;  // the person supported, when not the group
  std::optional<TimeMs> follow_up_date;   // midnight UTC of that day
};

struct Note {
  int64_t id = 0;
  IncidentId incident_id = 0;
  UserId author_id = 0;
  std::string text;
  TimeMs created_at = 0;
};

// One line in an incident's logbook: who did what, when. `action` is a code
// such as "created", "status_changed", "measure_added"; `detail` is short
// machine-readable context such as "ny>mottagen" or a measure id.
struct LogEntry {
  int64_t id = 0;
  IncidentId incident_id = 0;
  TimeMs at = 0;
  UserId actor_id = 0;
  std::string action;
  std::string detail;
};

}  // namespace trygg
