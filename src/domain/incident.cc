#include "domain/incident.h"

#include <algorithm>

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<Category, 8> kCategories{{{
    {Category::kHot, "hot"},
    {Category::kVald, "vald"},
    {Category::kTrakasserier, "trakasserier"},
    {Category::kOtillatenPaverkan, "otillaten_paverkan"},
    {Category::kForolampning, "forolampning"},
    {Category::kSkadegorelse, "skadegorelse"},
    {Category::kStoldInbrott, "stold_inbrott"},
    {Category::kAnnat, "annat"},
}}};
constexpr CodeTable<PlaceType, 7> kPlaces{{{
    {PlaceType::kReception, "reception"},
    {PlaceType::kBesoksrum, "besoksrum"},
    {PlaceType::kHembesok, "hembesok"},
    {PlaceType::kTelefon, "telefon"},
    {PlaceType::kDigitalt, "digitalt"},
    {PlaceType::kUtanforArbetsplatsen, "utanfor_arbetsplatsen"},
    {PlaceType::kAnnat, "annat"},
}}};
constexpr CodeTable<PerpetratorRelation, 4> kRelations{{{
    {PerpetratorRelation::kBrukare, "brukare"},
    {PerpetratorRelation::kAnhorig, "anhorig"},
    {PerpetratorRelation::kOkand, "okand"},
    {PerpetratorRelation::kAnnan, "annan"},
}}};
constexpr CodeTable<Injury, 3> kInjuries{{{
    {Injury::kIngen, "ingen"},
    {Injury::kLindrig, "lindrig"},
    {Injury::kAllvarlig, "allvarlig"},
}}};
constexpr CodeTable<IncidentStatus, 4> kStatuses{{{
    {IncidentStatus::kNy, "ny"},
    {IncidentStatus::kMottagen, "mottagen"},
    {IncidentStatus::kUtreds, "utreds"},
    {IncidentStatus::kAvslutad, "avslutad"},
}}};
constexpr CodeTable<MeasureStatus, 2> kMeasureStatuses{{{
    {MeasureStatus::kOppen, "oppen"},
    {MeasureStatus::kKlar, "klar"},
}}};
constexpr CodeTable<MeasureKind, 2> kMeasureKinds{{{
    {MeasureKind::kAtgard, "atgard"},
    {MeasureKind::kStod, "stod"},
}}};
constexpr CodeTable<SupportType, 6> kSupportTypes{{{
    {SupportType::kSamtalMedChef, "samtal_med_chef"},
    {SupportType::kAvlastningssamtal, "avlastningssamtal"},
    {SupportType::kForetagshalsovard, "foretagshalsovard"},
    {SupportType::kKrisstod, "krisstod"},
    {SupportType::kJuridisktStod, "juridiskt_stod"},
    {SupportType::kAnnat, "annat"},
}}};

}  // namespace

std::string_view CategoryCode(Category v) { return kCategories.Code(v); }
std::optional<Category> ParseCategory(std::string_view c) { return kCategories.Parse(c); }
std::string_view PlaceTypeCode(PlaceType v) { return kPlaces.Code(v); }
std::optional<PlaceType> ParsePlaceType(std::string_view c) { return kPlaces.Parse(c); }
std::string_view PerpetratorRelationCode(PerpetratorRelation v) { return kRelations.Code(v); }
std::optional<PerpetratorRelation> ParsePerpetratorRelation(std::string_view c) {
  return kRelations.Parse(c);
}
std::string_view InjuryCode(Injury v) { return kInjuries.Code(v); }
std::optional<Injury> ParseInjury(std::string_view c) { return kInjuries.Parse(c); }
std::string_view IncidentStatusCode(IncidentStatus v) { return kStatuses.Code(v); }
std::optional<IncidentStatus> ParseIncidentStatus(std::string_view c) {
  return kStatuses.Parse(c);
}
std::string_view MeasureStatusCode(MeasureStatus v) { return kMeasureStatuses.Code(v); }
std::optional<MeasureStatus> ParseMeasureStatus(std::string_view c) {
  return kMeasureStatuses.Parse(c);
}

std::string_view MeasureKindCode(MeasureKind v) { return kMeasureKinds.Code(v); }
std::optional<MeasureKind> ParseMeasureKind(std::string_view c) { return kMeasureKinds.Parse(c); }
std::string_view SupportTypeCode(SupportType v) { return kSupportTypes.Code(v); }
std::optional<SupportType> ParseSupportType(std::string_view c) { return kSupportTypes.Parse(c); }

bool Incident::Involves(UserId user) const {
  return reporter_id == user ||
         std::find(exposed_user_ids.begin(), exposed_user_ids.end(), user) !=
             exposed_user_ids.end();
}

}  // namespace trygg
