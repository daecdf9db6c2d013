// seed-demo, part 4: before a risky meeting — named persons, risk assessments,
// security plans and a template version, through the App's use cases.
#include "cli/demo_risk.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>

#include "cli/demo_followup.h"
#include "cli/demo_texts.h"
#include "core/time.h"
#include "domain/calendar.h"

namespace trygg::cli {
namespace {

// After every incident event of the same instant (plan order tie-break).
constexpr int64_t kOrderBase = int64_t{1} << 40;

TimeMs Minutes(int64_t n) { return n * kMsPerMinute; }
TimeMs Days(int64_t n) { return n * kMsPerDay; }
TimeMs DayStart(TimeMs t) { return t - t % kMsPerDay; }

// --- Persons.

struct DemoSubject {
  SubjectIdKind kind = SubjectIdKind::kArendenummer;
  std::string identifier;
  std::string district;  // where the person is a client
  std::string unit;
};

// What the events share once they have run.
struct RiskState {
  std::set<IncidentId> linked;  // incidents naming a person
  bool test_person_serious = false;
};

// Which incident a chef names the person behind.
enum class Pick { kAny, kSeriousFirst };

// --- Assessments.

enum class Lifecycle {
  kComplete,         // decided, event held, followed up
  kNotFollowedUp,    // decided, event held, never followed up
  kDecidedUpcoming,  // decided, event ahead
  kOpenUpcoming,     // answered, event ahead, not decided yet
};

struct LiveAssessment {
  int64_t id = 0;
  std::vector<std::string> proposed;
  RiskLevel level = RiskLevel::kLag;
  std::vector<std::string> decided;
  IncidentId incident = 0;  // reported after the event, when one happened
};

// How useful a measure tends to be (mean rating) and how much it keeps an
// incident from happening (a factor on the chance).
struct MeasureEffect {
  const char* code;
  double usefulness;
  double incident_factor;
  double keep;  // the chance a chef keeps it when proposed
};
constexpr MeasureEffect kEffects[] = {
    {"ej_ensam", 4.1, 0.8, 0.92},           {"reception_informerad", 3.4, 0.95, 0.9},
    {"extra_kollega", 4.3, 0.75, 0.9},      {"larm_testat", 3.1, 1.0, 0.85},
    {"sakerhetsrum", 4.5, 0.6, 0.85},       {"digitalt_mote", 3.8, 0.4, 0.55},
    {"personskyddsvaktare", 4.6, 0.5, 0.8}, {"polis", 3.9, 0.7, 0.7},
    {"byte_handlaggare", 3.7, 0.7, 0.6},
};
const MeasureEffect* Effect(const std::string& code) {
  for (const MeasureEffect& e : kEffects) {
    if (code == e.code) return &e;
  }
  return nullptr;
}

double BaseIncidentChance(RiskLevel level) {
  switch (level) {
    case RiskLevel::kLag:
      return 0.06;
    case RiskLevel::kForhojd:
      return 0.16;
    case RiskLevel::kHog:
      return 0.3;
    case RiskLevel::kMycketHog:
      return 0.45;
  }
  return 0.1;
}

// How strongly each factor of the default template tends to be present, for
// a low, middle and high-risk situation. Unknown codes (a förvaltning's own
// factors) get the last row.
struct FactorOdds {
  const char* code;
  std::array<double, 3> p;
};
constexpr FactorOdds kFactorOdds[] = {
    {"tidigare_hot_vald", {0.08, 0.45, 0.85}},  {"vapen", {0.0, 0.04, 0.3}},
    {"kriminellt_natverk", {0.0, 0.04, 0.3}},   {"fixering", {0.0, 0.05, 0.25}},
    {"hot_mot_anhoriga", {0.0, 0.08, 0.3}},     {"otillaten_paverkan", {0.05, 0.25, 0.5}},
    {"eskalering", {0.05, 0.3, 0.6}},           {"paverkad", {0.08, 0.2, 0.35}},
    {"psykisk_ohalsa_akut", {0.05, 0.15, 0.3}}, {"fungerande_kontakt", {0.6, 0.4, 0.12}},
    {"stod_narvarande", {0.2, 0.15, 0.1}},      {"", {0.05, 0.15, 0.3}},
};

const std::vector<std::string>& Titles(MeetingType type, const std::string& unit) {
  static const auto* eb_negative = new std::vector<std::string>{
      "Beslutsmöte om avslag på ekonomiskt bistånd", "Besked om indraget bistånd",
      "Återkoppling efter avslag", "Beslut om återkrav meddelas"};
  static const auto* bou_negative = new std::vector<std::string>{
      "Beslut om avslutad insats meddelas", "Avslag på ansökan om stödinsats"};
  static const auto* vux_negative =
      new std::vector<std::string>{"Avslag på ansökan om boende", "Besked om avslutat boendestöd"};
  static const auto* compulsory =
      new std::vector<std::string>{"Omhändertagande enligt LVU", "Möte om placering enligt LVU",
                                   "Ansökan om vård enligt LVM meddelas"};
  static const auto* threat = new std::vector<std::string>{
      "Möte med klient med tidigare hot", "Uppföljningsmöte, klient med hotbild",
      "Planerat besök i receptionen, tidigare hot"};
  static const auto* home = new std::vector<std::string>{
      "Hembesök i utredning", "Hembesök inför beslut", "Hembesök efter orosanmälan"};
  static const auto* other = new std::vector<std::string>{
      "Samverkansmöte med anhöriga", "Överlämning till ny handläggare", "Nätverksmöte"};
  switch (type) {
    case MeetingType::kNegativtBeslut:
      return unit == "bou" ? *bou_negative : unit == "vux" ? *vux_negative : *eb_negative;
    case MeetingType::kTvangsatgard:
      return *compulsory;
    case MeetingType::kKlientMedHotbild:
      return *threat;
    case MeetingType::kHembesok:
      return *home;
    case MeetingType::kAnnat:
      return *other;
  }
  return *other;
}

MeetingType MeetingFor(const std::string& unit, DemoRandom& rnd) {
  using M = MeetingType;
  if (unit == "eb") {
    return std::vector<M>{M::kNegativtBeslut, M::kKlientMedHotbild, M::kHembesok,
                          M::kAnnat}[rnd.Weighted({55, 30, 5, 10})];
  }
  if (unit == "bou") {
    return std::vector<M>{M::kTvangsatgard, M::kHembesok, M::kKlientMedHotbild, M::kNegativtBeslut,
                          M::kAnnat}[rnd.Weighted({35, 30, 20, 10, 5})];
  }
  if (unit == "vux") {
    return std::vector<M>{M::kHembesok, M::kKlientMedHotbild, M::kNegativtBeslut, M::kTvangsatgard,
                          M::kAnnat}[rnd.Weighted({30, 35, 20, 10, 5})];
  }
  return rnd.Chance(0.75) ? M::kKlientMedHotbild : M::kAnnat;
}

const std::vector<std::string> kDecisionNotes = {
    "",
    "",
    "Säkerhetssamordnaren konsulterad.",
    "Mötet bokas i säkerhetsrummet på plan 1.",
    "Två handläggare deltar; receptionen informeras dagen före.",
    "Väktare beställd via säkerhetssamordnaren.",
    "Om klienten uteblir bokas nästa möte digitalt.",
};
const std::vector<std::string> kCalmOutcomes = {
    "Mötet genomfördes enligt plan.",
    "Klienten var upprörd men lugnade sig; inga hot.",
    "Beskedet togs emot sakligt. Åtgärderna gav trygghet.",
    "Klienten uteblev; nytt möte bokas med samma åtgärder.",
    "Mötet gick lugnt. Extra kollega bidrog till att samtalet hölls sakligt.",
    "Klienten höjde rösten en gång men mötet kunde slutföras.",
};
const std::vector<std::string> kIncidentOutcomes = {
    "Klienten hotade handläggaren när beslutet meddelades; mötet avbröts och händelsen är "
    "rapporterad.",
    "Klienten blev aggressiv och slog i bordet; larmet användes och mötet avbröts.",
    "Hot mot handläggaren vid mötet trots åtgärderna. Rapporterat.",
};

// --- Security plans.

struct PlanMeasureSpec {
  const char* title;
  const char* owner;  // username; "%s" is the district key
  int due_days;       // after the plan is created
  int done_days;      // after the plan is created; < 0: not done
};
struct PlanDecisionSpec {
  int days;        // after the plan is created
  const char* by;  // username; "%s" is the district key
  const char* text;
};
struct PlanSpec {
  const char* district;
  const char* unit;
  PlanScope scope;
  const char* title;
  const char* threats;
  RiskLevel level;
  int created_days_ago;
  int review_days;  // from now; negative: the review is overdue
  int subject;      // index of a case-number person, or -1
  std::vector<const char*> people;
  bool protected_case;
  const char* handling_district;  // protected: where the case is handled
  const char* handling_unit;
  std::vector<const char*> handling_group;
  const char* instructions;
  std::vector<PlanMeasureSpec> measures;
  std::vector<PlanDecisionSpec> decisions;
  int closed_days;  // after creation; < 0: still active
};

std::string Expand(const char* pattern, const std::string& district) {
  std::string s = pattern;
  const size_t at = s.find("%s");
  if (at != std::string::npos) s.replace(at, 2, district);
  return s;
}

const std::vector<PlanSpec>& PlanSpecs() {
  static const auto* specs = new std::vector<PlanSpec>{
      {"norr",
       "rec",
       PlanScope::kEnhet,
       "Receptionen – upprepade hot vid besök",
       "Under hösten har flera besökare uppträtt hotfullt i receptionen efter avslag, vid två "
       "tillfällen med tillhyggen. Risken bedöms störst på utbetalningsdagar och måndagar.",
       RiskLevel::kHog,
       150,
       20,
       -1,
       {"chef.%s.rec", "medarbetare.%s.rec"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Väktare i receptionen på utbetalningsdagar", "chef.%s.rec", 14, 10},
        {"Larmknapparna testas varje måndag", "medarbetare.%s.rec", 7, 5},
        {"Glasskydd vid disken monteras", "avdchef.%s", 60, -1},
        {"Rutin för tidsbokade besök införs", "chef.%s.rec", 30, 26}},
       {},
       -1},
      {"norr",
       "bou",
       PlanScope::kArende,
       "Skyddat ärende – barn och unga",
       "Vårdnadshavaren har hotat handläggare och deras familjer efter ett omhändertagande enligt "
       "LVU och har kopplingar till ett kriminellt nätverk. Ärendet kan inte handläggas på gängse "
       "sätt.",
       RiskLevel::kMycketHog,
       120,
       10,
       0,
       {"medarbetare.%s.bou", "medarbetare.%s.bou2"},
       true,
       "norr",
       "bou",
       {"chef.%s.bou", "medarbetare.%s.bou2"},
       "Alla kontakter går via enhetschefen. Möten bokas endast i säkerhetsrummet på plan 2 med "
       "personskyddsväktare. Beslut skickas utan handläggarens namn, med enhetens "
       "funktionsbrevlåda som avsändare.",
       {{"Personskyddsväktare vid alla möten", "sakerhet.%s", 3, 2},
        {"Polisen informeras om hotbilden", "sakerhet.%s", 2, 1},
        {"Skyddade personuppgifter för berörda handläggare utreds", "chef.%s.bou", 30, -1}},
       {{5, "chef.%s.bou", "Beslut om fortsatt vård enligt LVU skickat utan handläggarens namn."},
        {21, "medarbetare.%s.bou2",
         "Umgängesmöte hölls i säkerhetsrummet med två handläggare och väktare."},
        {48, "chef.%s.bou",
         "Begäran om hembesök avslogs enligt rutinen; möte erbjöds på kontoret."},
        {90, "sakerhet.%s", "Polisen kontaktad inför förhandlingen i förvaltningsrätten."}},
       -1},
      {"norr",
       "eb",
       PlanScope::kArende,
       "Klient med fixering vid handläggare",
       "Klienten söker upp handläggaren utanför arbetet och skriver om hen i sociala medier. "
       "Inga direkta hot, men en tydlig upptrappning den senaste månaden.",
       RiskLevel::kHog,
       60,
       -5,
       1,
       {"medarbetare.%s.eb2"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Byte av handläggare", "chef.%s.eb", 7, 6},
        {"Möten endast digitalt under tre månader", "chef.%s.eb", 3, 2},
        {"Uppföljning med säkerhetssamordnaren", "sakerhet.%s", 45, -1}},
       {},
       -1},
      {"soder",
       "eb",
       PlanScope::kArende,
       "Skyddat ärende – ekonomiskt bistånd",
       "Allvarliga hot mot handläggare och receptionspersonal, med uppgifter om tillgång till "
       "vapen. Ärendet handläggs av Västra stadsdelsförvaltning enligt rutinen för ärenden med "
       "allvarliga hot.",
       RiskLevel::kMycketHog,
       100,
       25,
       3,
       {"chef.%s.eb", "medarbetare.%s.eb"},
       true,
       "vaster",
       "eb",
       {"chef.vaster.eb", "medarbetare.vaster.eb"},
       "Ärendet handläggs av Västra ekonomiskt bistånd. Inga besök i Södras reception: klienten "
       "hänvisas till bokade möten i Västra. Beslut undertecknas av enhetschefen.",
       {{"Överlämning av ärendet till Västra", "chef.%s.eb", 5, 4},
        {"Receptionen i Södra informeras om hänvisningen", "chef.%s.rec", 3, 3},
        {"Polisen informeras om hotbilden", "sakerhet.%s", 2, 1}},
       {{6, "sakerhet.%s", "Ärendet överlämnat till Västra ekonomiskt bistånd enligt rutinen."},
        {34, "chef.vaster.eb", "Beslut om ekonomiskt bistånd skickat utan handläggarens namn."},
        {62, "medarbetare.vaster.eb",
         "Klienten sökte upp Södras reception; hänvisades till bokat möte i Västra."}},
       -1},
      {"soder",
       "vux",
       PlanScope::kEnhet,
       "Vuxenenheten – hot och uthängning i sociala medier",
       "Två medarbetare har hängts ut med namn och bild i en grupp i sociala medier, med "
       "uppmaningar att söka upp dem.",
       RiskLevel::kForhojd,
       90,
       40,
       -1,
       {"medarbetare.%s.vux", "medarbetare.%s.vux2"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Polisanmälan av uthängningen", "chef.%s.vux", 2, 1},
        {"Genomgång av medarbetarnas synlighet på nätet", "chef.%s.vux", 21, 30},
        {"Stödsamtal med berörda medarbetare", "chef.%s.vux", 7, 5}},
       {},
       -1},
      {"soder",
       "rec",
       PlanScope::kEnhet,
       "Receptionen – inbrottsförsök och skadegörelse",
       "Upprepade inbrottsförsök och skadegörelse vid entrén under våren.",
       RiskLevel::kForhojd,
       300,
       -200,
       -1,
       {"chef.%s.rec"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Kameraövervakning vid entrén utreds", "avdchef.%s", 30, 28},
        {"Låsbyte och ny passagekontroll", "chef.%s.rec", 14, 12}},
       {},
       100},
      {"vaster",
       "eb",
       PlanScope::kArende,
       "Klient med vapeninnehav – inför beslut",
       "Uppgifter från polisen om att klienten har tillgång till vapen. Ett negativt beslut ska "
       "meddelas inom kort.",
       RiskLevel::kHog,
       30,
       30,
       2,
       {"medarbetare.%s.eb"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Möte i säkerhetsrum med personskyddsväktare", "chef.%s.eb", 5, 4},
        {"Polisen informeras", "sakerhet.%s", 2, 1},
        {"Larmrutinen gås igenom på APT", "chef.%s.eb", 20, -1}},
       {},
       -1},
      {"vaster",
       "rec",
       PlanScope::kEnhet,
       "Receptionen Västra – översyn efter hot",
       "Ett hot med kniv i receptionen i våras. Översyn av bemanning, larm och möblering.",
       RiskLevel::kForhojd,
       200,
       -20,
       -1,
       {"chef.%s.rec", "medarbetare.%s.rec"},
       false,
       nullptr,
       nullptr,
       {},
       nullptr,
       {{"Ny larmknapp vid disken", "avdchef.%s", 30, 40},
        {"Alltid två personer i receptionen", "chef.%s.rec", 14, 14},
        {"Larmövning med väktarbolaget", "chef.%s.rec", 60, -1}},
       {},
       -1},
  };
  return *specs;
}

// --- The planner.

class RiskPlanner {
 public:
  RiskPlanner(App& app, const DemoWorld& world, uint64_t seed, TimeMs now)
      : app_(app),
        world_(world),
        rnd_(seed ^ 0x815CAB1E815CAB1Eull),
        now_(now),
        followup_(app, world, seed ^ 0xA55E55A55E55ull, now),
        named_(app.context().pseudonyms.configured()),
        state_(std::make_shared<RiskState>()) {}

  std::vector<DemoEvent> Plan() {
    MakeSubjects();
    if (named_) PlanLinks();
    PlanTemplate();
    PlanAssessments();
    PlanSecurityPlans();
    return std::move(events_);
  }

 private:
  void Add(TimeMs at, std::function<Status()> run) {
    events_.push_back(DemoEvent{at, kOrderBase + order_++, false, std::move(run)});
  }
  const DemoDistrict& District(const std::string& key) const {
    for (const DemoDistrict& d : world_.districts) {
      if (d.key == key) return d;
    }
    return world_.districts.front();
  }
  UnitId Unit(const std::string& district, const std::string& unit) const {
    return District(district).enheter.at(unit);
  }
  UserId Id(const std::string& username) const { return world_.Get(username).user.id; }
  std::string OtherDistrict(const std::string& key) {
    std::vector<std::string> others;
    for (const DemoDistrict& d : world_.districts) {
      if (d.key != key) others.push_back(d.key);
    }
    return rnd_.Pick(others);
  }
  // `t`, or if outside office hours early the next working morning.
  TimeMs Office(TimeMs t) { return DemoOfficeTime(t, rnd_); }

  void MakeSubjects();
  void PlanLinks();
  void PlanLink(const DemoSubject& s, const std::string& district, const std::string& unit,
                TimeMs at, Pick pick, bool test_person);
  void PlanTemplate();
  void PlanAssessments();
  void PlanAssessment(Lifecycle lifecycle);
  void PlanIncidentAfter(const std::shared_ptr<LiveAssessment>& live, const std::string& d,
                         const std::string& u, MeetingType type, const std::string& reporter,
                         TimeMs event_at, double draw);
  void PlanSecurityPlans();

  App& app_;
  const DemoWorld& world_;
  DemoRandom rnd_;
  TimeMs now_;
  DemoFollowupPlanner followup_;
  bool named_;
  std::shared_ptr<RiskState> state_;
  std::vector<DemoSubject> subjects_;
  std::vector<DemoEvent> events_;
  int64_t order_ = 0;
};

void RiskPlanner::MakeSubjects() {
  const int year = StockholmDate(now_).year;
  std::set<std::string> used;
  // The first four are the persons of the case plans (see PlanSpecs).
  const std::vector<std::pair<std::string, std::string>> fixed = {
      {"norr", "bou"}, {"norr", "eb"}, {"vaster", "eb"}, {"soder", "eb"}};
  for (int i = 0; i < 20; ++i) {
    DemoSubject s;
    if (i < static_cast<int>(fixed.size())) {
      s.district = fixed[static_cast<size_t>(i)].first;
      s.unit = fixed[static_cast<size_t>(i)].second;
    } else {
      s.district = world_.districts[rnd_.Weighted({40, 35, 25})].key;
      s.unit = std::vector<std::string>{"eb", "bou", "vux"}[rnd_.Weighted({50, 25, 25})];
    }
    const std::string prefix = s.unit == "bou" ? "BOU" : s.unit == "vux" ? "VUX" : "EB";
    for (;;) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%s-%d-%04d", prefix.c_str(),
                    year - static_cast<int>(rnd_.Between(0, 2)),
                    static_cast<int>(rnd_.Between(12, 2999)));
      if (used.insert(buf).second) {
        s.identifier = buf;
        break;
      }
    }
    subjects_.push_back(std::move(s));
  }
}

void RiskPlanner::PlanLinks() {
  // The test person: three incidents in Norra / Ekonomiskt bistånd, one
  // allvarlig, named by the chef of that unit.
  DemoSubject test{SubjectIdKind::kPersonnummer, kDemoTestPersonnummer, "norr", "eb"};
  PlanLink(test, "norr", "eb", Office(now_ - Days(330)), Pick::kSeriousFirst, true);
  PlanLink(test, "norr", "eb", Office(now_ - Days(170)), Pick::kAny, true);
  PlanLink(test, "norr", "eb", Office(now_ - Days(25)), Pick::kSeriousFirst, true);

  for (size_t i = 0; i < subjects_.size(); ++i) {
    const DemoSubject& s = subjects_[i];
    const int count = 1 + static_cast<int>(rnd_.Weighted({25, 35, 22, 18}));
    const bool across = i == 3 || (i >= 4 && rnd_.Chance(0.25));
    std::vector<TimeMs> times;
    for (int k = 0; k < count; ++k) {
      times.push_back(now_ - Days(7) - static_cast<TimeMs>(rnd_.Unit() * 590.0 * kMsPerDay));
    }
    std::sort(times.begin(), times.end());
    for (int k = 0; k < count; ++k) {
      std::string d = s.district;
      std::string u = s.unit;
      if (k == 1 && across) {
        d = i == 3 ? "vaster" : OtherDistrict(s.district);
        u = rnd_.Chance(0.6) ? s.unit : "rec";
      } else if (k > 0 && rnd_.Chance(0.35)) {
        u = "rec";  // the person turned up at the reception
      }
      PlanLink(s, d, u, Office(times[static_cast<size_t>(k)]),
               i < 4 && k == 0 ? Pick::kSeriousFirst : Pick::kAny, false);
    }
  }
}

// At `at`, the chef of the unit names `s` as the person behind a recent
// incident of the unit that has no person named yet (one the person could be
// behind: a client or a relative, not sensitive).
void RiskPlanner::PlanLink(const DemoSubject& s, const std::string& district,
                           const std::string& unit, TimeMs at, Pick pick, bool test_person) {
  const std::string chef = "chef." + district + "." + unit;
  const UnitId unit_id = Unit(district, unit);
  Add(at,
      [&app = app_, &world = world_, state = state_, s, chef, unit_id, at, pick,
       test_person]() -> Status {
        const Principal who = world.Get(chef).AsPrincipal();
        auto find = [&](std::optional<int> min_severity,
                        std::optional<TimeMs> from) -> Result<std::optional<Incident>> {
          IncidentQuery q;
          q.unit_id = unit_id;
          q.occurred_to = at;
          q.occurred_from = from;
          q.min_severity = min_severity;
          q.limit = 200;
          TRYGG_ASSIGN_OR_RETURN(IncidentPage page, app.incidents().List(who, q));
          for (const IncidentView& v : page.items) {
            const Incident& inc = v.incident;
            if (state->linked.contains(inc.id) || inc.sensitive) continue;
            if (inc.perpetrator_relation &&
                *inc.perpetrator_relation != PerpetratorRelation::kBrukare &&
                *inc.perpetrator_relation != PerpetratorRelation::kAnhorig) {
              continue;
            }
            return std::optional<Incident>(inc);
          }
          return std::optional<Incident>();
        };
        std::optional<Incident> pick_one;
        if (pick == Pick::kSeriousFirst && !(test_person && state->test_person_serious)) {
          TRYGG_ASSIGN_OR_RETURN(pick_one, find(kSeverityAllvarlig, std::nullopt));
        }
        if (!pick_one) {
          TRYGG_ASSIGN_OR_RETURN(pick_one, find(std::nullopt, at - Days(120)));
        }
        if (!pick_one) {
          TRYGG_ASSIGN_OR_RETURN(pick_one, find(std::nullopt, std::nullopt));
        }
        if (!pick_one) return Status::Ok();  // nothing to name in this unit yet
        TRYGG_RETURN_IF_ERROR(
            app.subjects().PutIncidentSubject(who, pick_one->id, s.kind, s.identifier));
        state->linked.insert(pick_one->id);
        if (test_person && pick_one->severity >= kSeverityAllvarlig)
          state->test_person_serious = true;
        return Status::Ok();
      });
}

// Södra's säkerhetssamordnare weighs drug and alcohol influence higher (it
// came up in several incidents in Vuxenenheten): version 1.
void RiskPlanner::PlanTemplate() {
  Add(Office(now_ - Days(200)),
      [&app = app_, &world = world_, forvaltning = District("soder").forvaltning] {
        const Principal who = world.Get("sakerhet.soder").AsPrincipal();
        TRYGG_ASSIGN_OR_RETURN(RiskTemplate t, app.risk().Template(who, forvaltning));
        for (RiskFactor& f : t.factors) {
          if (f.code == "paverkad") f.weight = 3;
        }
        return app.risk().PutTemplate(who, forvaltning, t).status();
      });
}

void RiskPlanner::PlanAssessments() {
  for (int i = 0; i < 60; ++i) PlanAssessment(Lifecycle::kComplete);
  for (int i = 0; i < 3; ++i) PlanAssessment(Lifecycle::kNotFollowedUp);
  for (int i = 0; i < 5; ++i) PlanAssessment(Lifecycle::kDecidedUpcoming);
  for (int i = 0; i < 4; ++i) PlanAssessment(Lifecycle::kOpenUpcoming);
}

void RiskPlanner::PlanAssessment(Lifecycle lifecycle) {
  const std::string d = world_.districts[rnd_.Weighted({40, 35, 25})].key;
  const std::string u = kDemoUnitKeys[rnd_.Weighted({45, 25, 15, 15})];
  const std::string chef = "chef." + d + "." + u;
  const std::string employee = "medarbetare." + d + "." + u;
  const std::string colleague = u == "rec" ? chef : employee + "2";
  const size_t by = rnd_.Weighted({60, 15, 25});
  const std::string creator = by == 0 ? employee : by == 1 ? colleague : chef;
  std::vector<std::string> others;
  for (const std::string& p : {employee, colleague, chef}) {
    if (p != creator && std::find(others.begin(), others.end(), p) == others.end()) {
      others.push_back(p);
    }
  }
  std::vector<UserId> participants;
  for (const std::string& p : others) {
    if (p == chef || rnd_.Chance(0.5)) participants.push_back(Id(p));
  }
  // The one who follows up: the creator, or an employee taking part.
  const std::string follower = creator != chef ? creator : others.front();
  if (std::find(participants.begin(), participants.end(), Id(follower)) == participants.end() &&
      follower != creator) {
    participants.push_back(Id(follower));
  }

  const MeetingType type = MeetingFor(u, rnd_);
  NewAssessment in;
  in.unit_id = Unit(d, u);
  in.meeting_type = type;
  in.title = rnd_.Pick(Titles(type, u));
  in.participants = participants;

  // When: held in the last year, or ahead.
  TimeMs event_at = 0;
  TimeMs created = 0;
  if (lifecycle == Lifecycle::kComplete || lifecycle == Lifecycle::kNotFollowedUp) {
    const double age = 2.0 + 348.0 * std::pow(rnd_.Unit(), 1.1);
    event_at = Office(now_ - static_cast<TimeMs>(age * kMsPerDay));
    created = std::min(Office(event_at - Days(rnd_.Between(2, 20))), event_at - kMsPerDay);
  } else {
    event_at = Office(now_ + Days(rnd_.Between(1, 14)));
    created = std::min(Office(now_ - Days(rnd_.Between(2, 6))), now_ - kMsPerDay);
  }
  in.event_at = event_at;

  // The situation: low, middle or high risk, and the answers it gives.
  const size_t intensity = rnd_.Weighted({30, 45, 25});
  const bool negative = type == MeetingType::kNegativtBeslut || type == MeetingType::kTvangsatgard;
  std::vector<std::pair<std::string, double>> draws;
  for (const FactorOdds& f : kFactorOdds) {
    if (f.code[0] != '\0') draws.emplace_back(f.code, rnd_.Unit());
  }
  // Named: about a third, mostly a client of the same district.
  std::optional<size_t> subject;
  if (named_ && rnd_.Chance(0.35)) {
    std::vector<size_t> local;
    for (size_t i = 0; i < subjects_.size(); ++i) {
      if (subjects_[i].district == d) local.push_back(i);
    }
    if (!local.empty()) subject = rnd_.Pick(local);
  }
  if (subject) {
    in.subject_kind = subjects_[*subject].kind;
    in.subject_identifier = subjects_[*subject].identifier;
  }

  auto live = std::make_shared<LiveAssessment>();
  Add(created, [&app = app_, &world = world_, live, creator, in, intensity, negative, type,
                draws]() mutable {
    const Principal who = world.Get(creator).AsPrincipal();
    for (const auto& [code, draw] : draws) {
      double p = 0.15;
      for (const FactorOdds& f : kFactorOdds) {
        if (code == f.code) p = f.p[intensity];
      }
      bool yes = draw < p;
      if (code == "negativt_beslut") yes = negative ? draw < 0.95 : draw < 0.08;
      if (code == "tidigare_hot_vald" && type == MeetingType::kKlientMedHotbild) yes = true;
      in.answers.push_back({code, yes});
    }
    Result<AssessmentView> v = app.risk().Create(who, in);
    if (!v.ok()) return v.status();
    live->id = v->assessment.id;
    live->proposed = v->result.proposed;
    live->level = v->result.level;
    return Status::Ok();
  });
  if (lifecycle == Lifecycle::kOpenUpcoming) return;

  // The decision: the unit's chef, or the säkerhetssamordnare for some
  // serious ones. Most proposals kept, sometimes one added.
  const std::string decider = rnd_.Chance(0.2) ? "sakerhet." + d : chef;
  TimeMs decided_at = std::max(
      created + Minutes(30),
      std::min(Office(created + Minutes(rnd_.Between(60, 3 * 24 * 60))), event_at - kMsPerHour));
  if (lifecycle == Lifecycle::kDecidedUpcoming) {
    decided_at = std::min(decided_at, now_ - Minutes(rnd_.Between(10, 120)));
  }
  std::array<double, 12> keep{};
  for (double& k : keep) k = rnd_.Unit();
  const bool add_extra = rnd_.Chance(0.22);
  const std::string extra = rnd_.Pick(
      std::vector<std::string>{"extra_kollega", "ej_ensam", "larm_testat", "sakerhetsrum"});
  const std::string low_choice = rnd_.Chance(0.6) ? "reception_informerad" : "ej_ensam";
  const std::string note = rnd_.Pick(kDecisionNotes);
  Add(decided_at,
      [&app = app_, &world = world_, live, decider, keep, add_extra, extra, low_choice, note] {
        if (live->id == 0) return Status::NotFound("risk.not_found");
        std::vector<std::string> decided;
        for (size_t i = 0; i < live->proposed.size(); ++i) {
          const MeasureEffect* e = Effect(live->proposed[i]);
          if (keep[i % keep.size()] < (e ? e->keep : 0.8)) decided.push_back(live->proposed[i]);
        }
        if (add_extra && live->level >= RiskLevel::kForhojd &&
            std::find(decided.begin(), decided.end(), extra) == decided.end()) {
          decided.push_back(extra);
        }
        if (decided.empty()) {
          decided.push_back(live->proposed.empty() ? low_choice : live->proposed.front());
        }
        Result<AssessmentView> v = app.risk().Decide(world.Get(decider).AsPrincipal(), live->id,
                                                     decided, note, std::nullopt);
        if (!v.ok()) return v.status();
        live->decided.clear();
        for (const AssessmentMeasure& m : v->assessment.measures) {
          if (m.decided) live->decided.push_back(m.code);
        }
        return Status::Ok();
      });
  if (lifecycle != Lifecycle::kComplete) return;

  // After the event: sometimes an incident all the same, then the follow-up
  // with ratings (useful measures are rated higher).
  const double incident_draw = rnd_.Unit();
  PlanIncidentAfter(live, d, u, type, follower, event_at, incident_draw);
  const TimeMs followed_at = Office(event_at + Minutes(rnd_.Between(90, 4 * 24 * 60)));
  std::array<double, 12> noise{};
  for (double& n : noise) n = rnd_.Unit() * 2.4 - 1.2;
  std::array<double, 12> skip{};
  for (double& s : skip) s = rnd_.Unit();
  const std::string calm = rnd_.Pick(kCalmOutcomes);
  const std::string bad = rnd_.Pick(kIncidentOutcomes);
  Add(followed_at, [&app = app_, &world = world_, live, follower, noise, skip, calm, bad] {
    if (live->id == 0) return Status::NotFound("risk.not_found");
    AssessmentFollowUp f;
    f.incident_occurred = live->incident != 0;
    f.outcome_note = f.incident_occurred ? bad : calm;
    for (size_t i = 0; i < live->decided.size(); ++i) {
      if (skip[i % skip.size()] < 0.06) continue;  // not every measure gets a rating
      const MeasureEffect* e = Effect(live->decided[i]);
      double r = (e ? e->usefulness : 3.5) + noise[i % noise.size()];
      if (f.incident_occurred) r -= 0.9;
      f.ratings.emplace_back(live->decided[i],
                             static_cast<int>(std::clamp(std::lround(r), 1L, 5L)));
    }
    return app.risk()
        .FollowUp(world.Get(follower).AsPrincipal(), live->id, f, std::nullopt)
        .status();
  });
}

// Right after the event, if it went wrong (more likely at a higher level, less
// with strong measures): the employee reports the incident and links it to
// the assessment; the chef handles it like any other (demo_followup.h).
void RiskPlanner::PlanIncidentAfter(const std::shared_ptr<LiveAssessment>& live,
                                    const std::string& d, const std::string& u, MeetingType type,
                                    const std::string& reporter, TimeMs event_at, double draw) {
  const std::string chef = "chef." + d + "." + u;
  NewIncident facts;
  facts.unit_id = Unit(d, u);
  facts.category = std::vector<Category>{Category::kHot, Category::kVald,
                                         Category::kOtillatenPaverkan}[rnd_.Weighted({70, 15, 15})];
  facts.occurred_at = event_at + Minutes(rnd_.Between(10, 50));
  facts.place_type = type == MeetingType::kHembesok ? PlaceType::kHembesok
                     : u == "rec"                   ? PlaceType::kReception
                                                    : PlaceType::kBesoksrum;
  facts.tied_to_role = true;
  facts.description = rnd_.Pick(DemoDescriptions(facts.category));
  facts.exposed_user_ids = {Id(reporter)};
  facts.perpetrator_relation = PerpetratorRelation::kBrukare;
  facts.severity = 2;
  const TimeMs reported = event_at + Minutes(rnd_.Between(60, 180));
  Add(reported, [&app = app_, &world = world_, live, reporter, facts, draw] {
    if (live->id == 0 || live->decided.empty()) return Status::Ok();
    double p = BaseIncidentChance(live->level);
    for (const std::string& code : live->decided) {
      if (const MeasureEffect* e = Effect(code)) p *= e->incident_factor;
    }
    if (draw >= p) return Status::Ok();  // the meeting went as planned
    const Principal who = world.Get(reporter).AsPrincipal();
    std::vector<Informed> informed;
    Result<IncidentView> v = app.incidents().Create(who, facts, &informed);
    if (!v.ok()) return v.status();
    live->incident = v->incident.id;
    return app.risk().LinkIncident(who, live->id, live->incident).status();
  });

  // The incident's handling: steps that do nothing when no incident happened.
  auto id = std::shared_ptr<const IncidentId>(live, &live->incident);
  const DemoAddStep add = [this, live](TimeMs at, std::function<Status()> run) {
    Add(at, [live, run = std::move(run)] { return live->incident != 0 ? run() : Status::Ok(); });
  };
  const TimeMs acknowledged = Office(reported + Minutes(rnd_.Between(30, 600)));
  DemoFollowupCase c{id, facts, 2, std::nullopt, chef, reporter, "", reported, acknowledged};
  auto transition = [this, &add, id, chef](TimeMs at, IncidentAction action) {
    add(at, [&app = app_, &world = world_, id, chef, action] {
      return app.incidents()
          .Transition(world.Get(chef).AsPrincipal(), *id, action, "", std::nullopt)
          .status();
    });
  };
  transition(acknowledged, IncidentAction::kAcknowledge);
  const TimeMs investigate = Office(acknowledged + Minutes(rnd_.Between(60, 2 * 24 * 60)));
  transition(investigate, IncidentAction::kInvestigate);
  const TimeMs ready = followup_.Plan(c, add);
  transition(std::max(followup_.CloseAfter(ready), investigate + kMsPerDay),
             IncidentAction::kClose);
}

void RiskPlanner::PlanSecurityPlans() {
  for (const PlanSpec& spec : PlanSpecs()) {
    const std::string d = spec.district;
    const std::string coordinator = "sakerhet." + d;
    const TimeMs created = Office(now_ - Days(spec.created_days_ago));
    NewSecurityPlan in;
    in.unit_id = Unit(d, spec.unit);
    in.scope = spec.scope;
    in.title = spec.title;
    in.threats = spec.threats;
    in.threat_level = spec.level;
    in.review_date = DayStart(now_ + Days(spec.review_days));
    for (const char* p : spec.people) in.people.push_back(Id(Expand(p, d)));
    if (named_ && spec.subject >= 0) {
      in.subject_kind = subjects_[static_cast<size_t>(spec.subject)].kind;
      in.subject_identifier = subjects_[static_cast<size_t>(spec.subject)].identifier;
    }
    in.protected_case = spec.protected_case;
    if (spec.protected_case) {
      in.routine.handling_unit_id = Unit(spec.handling_district, spec.handling_unit);
      for (const char* p : spec.handling_group)
        in.routine.handling_group.push_back(Id(Expand(p, d)));
      in.routine.instructions = spec.instructions;
    }
    struct LivePlan {
      int64_t id = 0;
      std::vector<int64_t> measures;
    };
    auto live = std::make_shared<LivePlan>();
    live->measures.assign(spec.measures.size(), 0);
    Add(created, [&app = app_, &world = world_, live, coordinator, in] {
      Result<SecurityPlanView> v = app.plans().Create(world.Get(coordinator).AsPrincipal(), in);
      if (!v.ok()) return v.status();
      live->id = v->plan.id;
      return Status::Ok();
    });
    for (size_t i = 0; i < spec.measures.size(); ++i) {
      const PlanMeasureSpec& m = spec.measures[i];
      NewPlanMeasure nm;
      nm.title = m.title;
      nm.owner_user_id = Id(Expand(m.owner, d));
      nm.due_date = DayStart(created + Days(m.due_days));
      Add(created + Minutes(20 + 5 * static_cast<int64_t>(i)),
          [&app = app_, &world = world_, live, coordinator, nm, i] {
            if (live->id == 0) return Status::NotFound("plan.not_found");
            Result<SecurityPlanView> v =
                app.plans().AddMeasure(world.Get(coordinator).AsPrincipal(), live->id, nm);
            if (!v.ok()) return v.status();
            for (const PlanMeasure& pm : v->measures) {
              if (pm.title == nm.title) live->measures[i] = std::max(live->measures[i], pm.id);
            }
            return Status::Ok();
          });
      if (m.done_days < 0) continue;
      const std::string owner = Expand(m.owner, d);
      Add(Office(created + Days(m.done_days)), [&app = app_, &world = world_, live, owner, i] {
        if (live->id == 0 || live->measures[i] == 0) return Status::NotFound("plan.not_found");
        return app.plans()
            .SetMeasureStatus(world.Get(owner).AsPrincipal(), live->id, live->measures[i],
                              MeasureStatus::kKlar)
            .status();
      });
    }
    for (const PlanDecisionSpec& dec : spec.decisions) {
      const std::string by = Expand(dec.by, d);
      const std::string text = dec.text;
      Add(Office(created + Days(dec.days)), [&app = app_, &world = world_, live, by, text] {
        if (live->id == 0) return Status::NotFound("plan.not_found");
        return app.plans().LogDecision(world.Get(by).AsPrincipal(), live->id, text).status();
      });
    }
    if (spec.closed_days >= 0) {
      Add(Office(created + Days(spec.closed_days)),
          [&app = app_, &world = world_, live, coordinator] {
            if (live->id == 0) return Status::NotFound("plan.not_found");
            SecurityPlanPatch patch;
            patch.status = PlanStatus::kAvslutad;
            return app.plans()
                .Update(world.Get(coordinator).AsPrincipal(), live->id, patch, std::nullopt)
                .status();
          });
    }
  }
}

}  // namespace

std::vector<DemoEvent> PlanDemoRisk(App& app, const DemoWorld& world, uint64_t seed, TimeMs now) {
  if (!app.context().pseudonyms.configured()) {
    std::cerr << "seed-demo: no pseudonym key (--pseudonym-key-file): the demo names no persons "
                 "behind incidents, assessments or plans\n";
  }
  return RiskPlanner(app, world, seed, now).Plan();
}

Status SummariseDemoRisk(App& app, const DemoWorld& world, TimeMs now, DemoRiskSummary* out) {
  out->persons_named = app.context().pseudonyms.configured();
  std::map<UnitId, std::string> names;
  {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, app.context().store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<OrgUnit> units, tx->ListUnits());
    IncidentQuery all;
    for (const OrgUnit& u : units) {
      all.scope.all_units.push_back(u.id);
      names[u.id] = u.name;
    }
    std::set<std::string> keys;
    // Only the lifecycle incidents of the last two years can name a person
    // (and none without a key): bulk history (--incidents above 1000) is skipped.
    all.occurred_from = now - 800 * kMsPerDay;
    for (all.offset = 0, all.limit = 500; out->persons_named; all.offset += all.limit) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<Incident> page, tx->ListIncidents(all));
      for (const Incident& inc : page) {
        TRYGG_ASSIGN_OR_RETURN(std::string key, tx->GetIncidentSubject(inc.id));
        if (key.empty()) continue;
        ++out->person_links;
        keys.insert(std::move(key));
      }
      if (static_cast<int>(page.size()) < all.limit) break;
    }
    out->persons = static_cast<int64_t>(keys.size());

    AssessmentQuery aq;
    for (aq.offset = 0, aq.limit = 500;; aq.offset += aq.limit) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<RiskAssessment> page, tx->ListAssessments(aq));
      for (const RiskAssessment& a : page) {
        ++out->assessments;
        ++out->by_status[std::string(AssessmentStatusCode(a.status))];
        if (!a.subject_key.empty()) ++out->named_assessments;
      }
      if (static_cast<int>(page.size()) < aq.limit) break;
    }
    TRYGG_ASSIGN_OR_RETURN(std::vector<MeasureUse> uses, tx->ListMeasureUses(std::nullopt));
    out->rated_uses = static_cast<int64_t>(uses.size());

    PlanQuery pq;
    pq.limit = 500;
    TRYGG_ASSIGN_OR_RETURN(std::vector<SecurityPlan> plans, tx->ListSecurityPlans(pq));
    for (const SecurityPlan& p : plans) {
      ++out->plans;
      if (p.protected_case) ++out->protected_plans;
      TRYGG_ASSIGN_OR_RETURN(std::vector<PlanMeasure> measures, tx->ListPlanMeasures(p.id));
      for (const PlanMeasure& m : measures) {
        ++out->plan_measures;
        if (m.status == MeasureStatus::kOppen && m.due_date + kMsPerDay <= now) {
          ++out->overdue_plan_measures;
        }
      }
      TRYGG_ASSIGN_OR_RETURN(std::vector<PlanLogEntry> log, tx->ListPlanLog(p.id));
      out->plan_decisions += std::count_if(
          log.begin(), log.end(), [](const PlanLogEntry& e) { return e.action == "decision"; });
    }
    for (const DemoDistrict& d : world.districts) {
      Result<StoredRiskTemplate> t = tx->LatestRiskTemplate(d.forvaltning);
      if (t.ok()) out->template_versions += t->version;
    }
  }

  const Principal admin = world.Get("admin").AsPrincipal();
  auto shown = [](const KnowledgeBankView& kb) {
    return static_cast<int>(std::count_if(kb.rows.begin(), kb.rows.end(),
                                          [](const KnowledgeRow& r) { return !r.suppressed; }));
  };
  TRYGG_ASSIGN_OR_RETURN(KnowledgeBankView city, app.risk().KnowledgeBank(admin, std::nullopt));
  out->catalogue = static_cast<int>(city.rows.size());
  out->shown_city = shown(city);
  for (const DemoDistrict& d : world.districts) {
    TRYGG_ASSIGN_OR_RETURN(KnowledgeBankView kb, app.risk().KnowledgeBank(admin, d.forvaltning));
    out->shown_by_forvaltning[names[d.forvaltning]] = shown(kb);
  }
  return Status::Ok();
}

std::string DemoRiskText(const DemoRiskSummary& s) {
  std::ostringstream o;
  o << "Before risky meetings: " << s.assessments << " risk assessments (";
  bool first = true;
  for (const auto& [status, n] : s.by_status) {
    o << (first ? "" : ", ") << status << " " << n;
    first = false;
  }
  o << "; " << s.named_assessments << " naming a person), " << s.rated_uses
    << " rated measure uses; knowledge bank: " << s.shown_city << " of " << s.catalogue
    << " measures with figures city-wide";
  for (const auto& [name, n] : s.shown_by_forvaltning) o << ", " << n << " in " << name;
  o << ". " << s.plans << " security plans (" << s.protected_plans << " protected cases, "
    << s.plan_decisions << " logged decisions), " << s.plan_measures << " plan measures ("
    << s.overdue_plan_measures << " overdue); " << s.template_versions
    << " stored template version(s).\n";
  if (s.persons_named) {
    o << "Persons: " << s.persons << " named persons linked to " << s.person_links
      << " incidents (pseudonymised; test personnummer " << kDemoTestPersonnummer
      << " has three in Norra / Ekonomiskt bistånd).\n";
  } else {
    o << "Persons: none named (no pseudonym key).\n";
  }
  return o.str();
}

}  // namespace trygg::cli
