// seed-demo for statistics and equivalence: unit profiles, routines, acknowledgements, exercises,
// findings and KPIs, through the app services.
#include "cli/demo_stats.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <set>
#include <sstream>

#include "core/time.h"
#include "domain/calendar.h"

namespace trygg::cli {
namespace {

// After the incidents and the risk demo at the same instant.
constexpr int64_t kOrderBase = int64_t{3} << 40;

TimeMs Days(int64_t n) { return n * kMsPerDay; }
TimeMs DayStart(TimeMs t) { return t - t % kMsPerDay; }

// How each district (Norra, Södra, Västra) keeps its safety work.
struct DistrictStyle {
  bool coordinator_full_time;
  int secure_rooms;
  int alarm_tested_days_ago;
  double ack_share;                  // staff who acknowledge a routine
  int exercises_min, exercises_max;  // per enhet and year
  double no_exercise;                // share of enheter without any exercise
};
constexpr DistrictStyle kStyles[] = {
    {true, 3, 9, 0.96, 2, 3, 0.0},
    {true, 1, 36, 0.82, 1, 3, 0.15},
    {false, 0, 80, 0.6, 0, 1, 0.4},
};
const DistrictStyle& StyleOf(size_t district) { return kStyles[district % 3]; }

const std::vector<std::string> kScenarios = {
    "Larmövning i receptionen: en besökare hotar personalen med kniv. Larmet testades och "
    "väktaren kom inom fem minuter.",
    "Övningsscenario: en upprörd förälder vägrar lämna besöksrummet efter ett beslut om "
    "placering.",
    "Utbildning i hot och våld: bemötande, lågaffektivt förhållningssätt och hur händelser "
    "rapporteras i Trygg.",
    "Larmövning: överfallslarmet i besöksrummen testades, ett larm nådde inte fram till "
    "receptionen.",
    "Övningsscenario vid hembesök: hotfull anhörig i hallen, medarbetarna övade att avbryta "
    "och lämna.",
    "Utrymningsövning efter hot via telefon om att en person är på väg till kontoret.",
    "Utbildning: polisanmälan, vem gör vad och vilket stöd medarbetaren får.",
};
const std::vector<std::string> kFindings = {
    "Överfallslarmet i besöksrum 2 når inte receptionen.",
    "Nya medarbetare vet inte var larmknapparna sitter.",
    "Besöksrummet saknar en andra utgång.",
    "Rutinen för hembesök säger inte hur man avbryter ett besök.",
    "Receptionens glasruta går att öppna från utsidan.",
    "Telefonlistan till väktarbolaget är inaktuell.",
    "Ingen samlingsplats utanför huset är bestämd.",
};

struct RoutineSpec {
  const char* title;
  const char* summary;
  int district;  // −1: the whole kommun
  int published_days_ago;
  int revision_in_days;  // from now; negative: past due
  int revised_days_ago;  // a new version; 0: none
};
constexpr RoutineSpec kRoutines[] = {
    {"Rutin vid hot och våld",
     "Hur du agerar vid hot och våld, larmar, rapporterar i Trygg och får stöd efteråt.", -1, 420,
     300, 60},
    {"Rutin för polisanmälan",
     "När en händelse polisanmäls, vem som gör det (chefen vid brott mot verksamheten) och hur "
     "förvaltningens adress används i stället för din egen.",
     -1, 250, 120, 0},
    {"Säkerhetsrutin för hembesök",
     "Riskbedömning före hembesök, alltid två vid förhöjd risk, mobil med larmfunktion och "
     "avstämning efter besöket.",
     0, 300, 200, 0},
    {"Rutin för larm och utrymning i receptionen",
     "Larmknappar, vem som larmar väktare och polis, och hur receptionen utryms.", 1, 500, -30, 0},
    {"Rutin för stöd efter en händelse",
     "Chefens samtal samma dag, avlastningssamtal, företagshälsovård och uppföljning inom två "
     "veckor.",
     2, 150, 215, 0},
};

// What the planned steps use when they run (after the planner is gone).
struct StepContext {
  App& app;
  const DemoWorld& world;
  DemoStatsSummary* sum;
  Principal Who(const std::string& username) const { return world.Get(username).AsPrincipal(); }
};

class Planner {
 public:
  Planner(App& app, const DemoWorld& world, const std::vector<DemoEnhet>& enheter, uint64_t seed,
          TimeMs now, DemoStatsSummary* summary)
      : ctx_(std::make_shared<StepContext>(StepContext{app, world, summary})),
        world_(world),
        enheter_(enheter),
        rnd_(seed ^ 0x57A75ull),
        now_(now) {}

  std::vector<DemoEvent> Plan() {
    Profiles();
    for (const RoutineSpec& spec : kRoutines) RoutineWithAcks(spec);
    Exercises();
    Kpis();
    return std::move(events_);
  }

 private:
  void Add(TimeMs at, std::function<Status()> run) {
    events_.push_back(DemoEvent{at, kOrderBase + order_++, false, std::move(run)});
  }
  // Office hours on the day `days_ago` before now.
  TimeMs OfficeDay(int64_t days_ago) {
    return DemoOfficeTime(DayStart(now_ - Days(days_ago)) + 7 * kMsPerHour, rnd_);
  }

  // --- Unit profiles: entered by each district's säkerhetssamordnare a
  //     month ago; the alarm test dates as of their last test.
  void Profiles() {
    const TimeMs at = OfficeDay(30);
    for (size_t d = 0; d < world_.districts.size(); ++d) {
      const DemoDistrict& district = world_.districts[d];
      const DistrictStyle& style = StyleOf(d);
      std::vector<UnitProfile> profiles;
      UnitProfile f;
      f.unit_id = district.forvaltning;
      f.headcount = static_cast<int>(rnd_.Between(6, 12));  // the förvaltning's own staff
      f.secure_rooms = style.secure_rooms;
      f.coordinator_full_time = style.coordinator_full_time;
      f.alarm_tested_at = DayStart(now_ - Days(style.alarm_tested_days_ago)) + 9 * kMsPerHour;
      profiles.push_back(f);
      UnitProfile a;
      a.unit_id = district.avdelning;
      a.headcount = static_cast<int>(rnd_.Between(2, 4));
      profiles.push_back(a);
      for (const DemoEnhet& e : enheter_) {
        if (e.district != d) continue;
        UnitProfile p;
        p.unit_id = e.id;
        p.headcount = e.headcount;
        p.secure_rooms = e.key == "eb" || e.key == "bou" ? std::min(style.secure_rooms, 1) : 0;
        profiles.push_back(p);
      }
      const std::string who = "sakerhet." + district.key;
      Add(at + static_cast<TimeMs>(d) * kMsPerHour, [c = ctx_, who, profiles] {
        for (const UnitProfile& p : profiles) {
          TRYGG_RETURN_IF_ERROR(c->app.kpis().PutProfile(c->Who(who), p).status());
          ++c->sum->profiles;
        }
        return Status::Ok();
      });
    }
  }

  // Staff whose home unit lies in the routine's scope, with their district.
  std::vector<std::pair<std::string, size_t>> StaffIn(int district) const {
    std::vector<std::pair<std::string, size_t>> out;
    for (const auto& [name, p] : world_.people) {
      for (size_t d = 0; d < world_.districts.size(); ++d) {
        const DemoDistrict& dd = world_.districts[d];
        bool in = p.user.unit_id == dd.forvaltning || p.user.unit_id == dd.avdelning;
        for (const auto& [key, id] : dd.enheter) in = in || p.user.unit_id == id;
        if (in && (district < 0 || static_cast<size_t>(district) == d)) out.emplace_back(name, d);
      }
      if (district < 0 && p.user.unit_id == world_.kommun) out.emplace_back(name, 0);
    }
    return out;
  }

  void RoutineWithAcks(const RoutineSpec& spec) {
    auto id = std::make_shared<int64_t>(0);
    const bool city = spec.district < 0;
    const std::string creator =
        city ? "admin" : "sakerhet." + world_.districts[static_cast<size_t>(spec.district)].key;
    const TimeMs published = OfficeDay(spec.published_days_ago);
    NewRoutine in;
    in.unit_id =
        city ? world_.kommun : world_.districts[static_cast<size_t>(spec.district)].forvaltning;
    in.title = spec.title;
    in.summary = spec.summary;
    in.document_url = "https://intranat.storasa.example/rutiner/" + std::to_string(order_ + 1);
    in.owner_user_id = world_.Get(city ? "analytiker" : creator).user.id;
    in.revision_date = DayStart(now_ + Days(spec.revision_in_days));
    Add(published, [c = ctx_, creator, in, id] {
      TRYGG_ASSIGN_OR_RETURN(RoutineView v, c->app.routines().Create(c->Who(creator), in));
      *id = v.routine.id;
      ++c->sum->routines;
      return Status::Ok();
    });
    const std::vector<std::pair<std::string, size_t>> staff = StaffIn(spec.district);
    auto acks = [&](TimeMs from, TimeMs until, double scale) {
      for (const auto& [name, d] : staff) {
        if (!rnd_.Chance(StyleOf(d).ack_share * scale)) continue;
        // Most within the first three weeks, some after the reminder.
        const int64_t day = rnd_.Chance(0.75) ? rnd_.Between(0, 19) : rnd_.Between(20, 45);
        const TimeMs at = DemoOfficeTime(from + Days(day) + rnd_.Between(1, 8) * kMsPerHour, rnd_);
        if (at >= until) continue;
        Add(at, [c = ctx_, name, id] {
          TRYGG_RETURN_IF_ERROR(c->app.routines().Acknowledge(c->Who(name), *id).status());
          ++c->sum->acknowledgements;
          return Status::Ok();
        });
      }
    };
    if (spec.revised_days_ago == 0) {
      acks(published, now_, 1.0);
      return;
    }
    const TimeMs revised = OfficeDay(spec.revised_days_ago);
    acks(published, revised, 1.0);
    Add(revised, [c = ctx_, creator, id] {
      RoutinePatch patch;
      patch.new_version = true;
      patch.summary =
          std::string(kRoutines[0].summary) +
          " Ny version: larmkedjan till väktarbolaget och stödet efteråt är förtydligade.";
      TRYGG_RETURN_IF_ERROR(c->app.routines().Update(c->Who(creator), *id, patch).status());
      ++c->sum->routine_versions;
      return Status::Ok();
    });
    acks(revised + kMsPerHour, now_, 0.95);
  }

  // --- Exercises over the last two years, recorded by the unit's chef (the
  //     demo's own enheter) or the district's säkerhetssamordnare.
  void Exercises() {
    for (const DemoEnhet& e : enheter_) {
      const DistrictStyle& style = StyleOf(e.district);
      const std::string dkey = world_.districts[e.district].key;
      if (rnd_.Chance(style.no_exercise)) continue;
      for (int year = 0; year < 2; ++year) {
        const int64_t count = rnd_.Between(style.exercises_min, style.exercises_max);
        for (int64_t k = 0; k < count; ++k) {
          const int64_t days_ago = year * 365 + rnd_.Between(5, 360);
          const TimeMs held = DayStart(now_ - Days(days_ago));
          const std::string who = e.key.empty() ? "sakerhet." + dkey : "chef." + dkey + "." + e.key;
          NewExercise in;
          in.unit_id = e.id;
          in.kind =
              std::vector<ExerciseKind>{ExerciseKind::kOvning, ExerciseKind::kLarmovning,
                                        ExerciseKind::kUtbildning}[rnd_.Weighted({45, 35, 20})];
          in.held_on = held;
          in.scenario = rnd_.Pick(kScenarios);
          in.participants =
              static_cast<int>(std::max<int64_t>(2, e.headcount * (50 + rnd_.Below(50)) / 100));
          const int64_t findings = rnd_.Weighted({30, 40, 30});
          for (int64_t f = 0; f < findings; ++f) {
            NewFinding nf;
            nf.text = rnd_.Pick(kFindings);
            if (rnd_.Chance(0.6)) {
              nf.owner_user_id = world_.Get(who).user.id;
              nf.due_date = DayStart(held + Days(rnd_.Between(14, 90)));
            }
            in.findings.push_back(nf);
          }
          const TimeMs at = DemoOfficeTime(held + Days(rnd_.Between(0, 3)) + 8 * kMsPerHour, rnd_);
          if (at > now_) continue;
          Add(at, [c = ctx_, who, in] {
            TRYGG_ASSIGN_OR_RETURN(ExerciseView v, c->app.exercises().Create(c->Who(who), in));
            ++c->sum->exercises;
            for (const ExerciseFinding& f : v.findings) {
              ++c->sum->findings;
              if (f.owner_user_id && f.due_date) ++c->sum->finding_measures;
            }
            return Status::Ok();
          });
        }
      }
    }
  }

  // --- KPIs: the analyst enters each year's figures in January (and the
  //     April consultant count in May), five years back.
  void Kpis() {
    const int this_year = StockholmDate(now_).year;
    for (size_t d = 0; d < world_.districts.size(); ++d) {
      const UnitId forvaltning = world_.districts[d].forvaltning;
      for (int year = this_year - 4; year <= this_year; ++year) {
        const int t = year - (this_year - 4);  // 0..4
        auto value = [&](KpiKind kind, KpiGroup group, KpiPeriod period, double v) {
          KpiValue k;
          k.forvaltning_id = forvaltning;
          k.kind = kind;
          k.group = group;
          k.year = year;
          k.period = period;
          k.value = v;
          return k;
        };
        // Turnover (percent): Norra steady, Södra falling after measures, Västra rising.
        const double base_ss[] = {13.0, 19.0, 16.0};
        const double trend[] = {0.2, -1.6, 2.6};
        const double ss =
            std::round((base_ss[d % 3] + trend[d % 3] * t + 2.0 * (rnd_.Unit() - 0.5)) * 10) / 10;
        const double bh = std::round((ss * 0.8 + 2.0 * (rnd_.Unit() - 0.5)) * 10) / 10;
        const double consultants_base[] = {2, 6, 5};
        const double consultants_trend[] = {0, -0.8, 1.8};
        const double april =
            std::max(0.0, std::round(consultants_base[d % 3] + consultants_trend[d % 3] * t +
                                     rnd_.Between(-1, 1)));
        const double november = std::max(0.0, april + static_cast<double>(rnd_.Between(-1, 2)));
        const double vfu_base[] = {10, 6, 4};
        const double vfu_trend[] = {0.5, 0.3, -0.6};
        const double vfu =
            std::max(0.0, std::round(vfu_base[d % 3] + vfu_trend[d % 3] * t + rnd_.Between(-1, 1)));

        std::vector<KpiValue> spring = {
            value(KpiKind::kKonsulter, KpiGroup::kAlla, KpiPeriod::kApril, april)};
        std::vector<KpiValue> year_end = {
            value(KpiKind::kPersonalrorlighet, KpiGroup::kSocialsekreterare, KpiPeriod::kAr, ss),
            value(KpiKind::kPersonalrorlighet, KpiGroup::kBistandshandlaggare, KpiPeriod::kAr, bh),
            value(KpiKind::kKonsulter, KpiGroup::kAlla, KpiPeriod::kNovember, november),
            value(KpiKind::kVfu, KpiGroup::kAlla, KpiPeriod::kAr, vfu)};
        const TimeMs may = StockholmMidnight(LocalDate{year, 5, 12}) + 9 * kMsPerHour;
        const TimeMs january = StockholmMidnight(LocalDate{year + 1, 1, 20}) + 9 * kMsPerHour;
        for (auto [at, values] : {std::pair{may, spring}, std::pair{january, year_end}}) {
          // Before the demo organisation existed: entered on its first day.
          const TimeMs when = std::max(at, now_ - Days(735) + static_cast<TimeMs>(d) * kMsPerHour);
          Add(when, [c = ctx_, values] {
            TRYGG_ASSIGN_OR_RETURN(int n, c->app.kpis().Put(c->Who("analytiker"), values));
            c->sum->kpis += n;
            return Status::Ok();
          });
        }
      }
    }
  }

  std::shared_ptr<StepContext> ctx_;
  const DemoWorld& world_;
  const std::vector<DemoEnhet>& enheter_;
  DemoRandom rnd_;
  TimeMs now_;
  std::vector<DemoEvent> events_;
  int64_t order_ = 0;
};

}  // namespace

std::vector<DemoEvent> PlanDemoStats(App& app, const DemoWorld& world,
                                     const std::vector<DemoEnhet>& enheter, uint64_t seed,
                                     TimeMs now, DemoStatsSummary* summary) {
  return Planner(app, world, enheter, seed, now, summary).Plan();
}

std::string DemoStatsText(const DemoStatsSummary& s) {
  std::ostringstream out;
  out << "Statistics and equivalence: " << s.profiles << " unit profiles, " << s.routines
      << " routines (" << s.routine_versions << " revised) with " << s.acknowledgements
      << " acknowledgements, " << s.exercises << " exercises with " << s.findings << " findings ("
      << s.finding_measures << " as measures), " << s.kpis << " KPI values.\n";
  return out.str();
}

}  // namespace trygg::cli
