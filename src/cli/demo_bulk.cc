// seed-demo at scale: synthetic enheter and millions of historical incidents written in bulk rows.
#include "cli/demo_bulk.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

#include "cli/demo_seed.h"
#include "cli/demo_texts.h"
#include "core/time.h"
#include "domain/calendar.h"
#include "domain/stats.h"
#include "domain/workflow.h"

namespace trygg::cli {
namespace {

// The part of each district's name used for synthetic enheter ("Enhet Nord 12").
const char* const kDistrictWords[] = {"Nord", "Syd", "Väst", "Öst", "Central"};
const char* const kExtraAvdelningar[] = {"Äldreomsorg", "Funktionsstöd"};

// --- Rows by column name -----------------------------------------------------

// Places values given in a fixed order of column names into a table's rows
// (columns not named stay NULL), so the writer does not depend on column order.
class RowLayout {
 public:
  static Result<RowLayout> Of(std::string_view table, std::vector<std::string_view> names) {
    RowLayout layout;
    for (const TableInfo& t : CopiedTables()) {
      if (t.name == table) layout.table_ = &t;
    }
    if (layout.table_ == nullptr) {
      return Status::FailedPrecondition(
          table == "incident_facts" ? "demo.no_facts_table" : "demo.no_table", std::string(table));
    }
    for (std::string_view n : names) {
      int found = -1;
      for (size_t c = 0; c < layout.table_->columns.size(); ++c) {
        if (layout.table_->columns[c].name == n) found = static_cast<int>(c);
      }
      if (found < 0) {
        return Status::FailedPrecondition("demo.no_column",
                                          std::string(table) + "." + std::string(n));
      }
      layout.index_.push_back(found);
    }
    return layout;
  }
  const TableInfo& table() const { return *table_; }
  // `values` in the order of the names given to Of.
  TableRow Make(std::vector<std::optional<std::string>>&& values) const {
    TableRow row(table_->columns.size());
    for (size_t k = 0; k < values.size(); ++k) row[index_[k]] = std::move(values[k]);
    return row;
  }

 private:
  const TableInfo* table_ = nullptr;
  std::vector<int> index_;
};

std::string S(int64_t v) { return std::to_string(v); }
std::optional<std::string> Opt(const std::optional<int64_t>& v) {
  return v ? std::optional<std::string>(std::to_string(*v)) : std::nullopt;
}

// --- Distributions -----------------------------------------------------------

// Category mix: threats most common, then harassment, undue influence, violence…
constexpr Category kCategoryOrder[] = {
    Category::kHot,          Category::kTrakasserier, Category::kOtillatenPaverkan,
    Category::kVald,         Category::kForolampning, Category::kSkadegorelse,
    Category::kStoldInbrott, Category::kAnnat};
constexpr double kCategoryWeights[] = {38, 17, 12, 11, 10, 5, 3, 4};

// Severity weights 1–4 per category (kCategoryOrder), skewed low.
constexpr double kSeverityWeights[][4] = {
    {46, 34, 16, 4}, {60, 32, 7, 1}, {36, 45, 16, 3}, {16, 46, 29, 9},
    {74, 23, 3, 0},  {58, 34, 8, 0}, {55, 36, 9, 0},  {80, 18, 2, 0},
};
// Share outside the workplace per category (overall ≈ 20 %).
constexpr double kOutsideShare[] = {0.24, 0.27, 0.22, 0.10, 0.18, 0.05, 0.05, 0.12};
// Share reported to the police per category, before severity and district.
constexpr double kPoliceShare[] = {0.50, 0.12, 0.35, 0.70, 0.08, 0.55, 0.85, 0.04};

// Per district (Norra, Södra, Västra, then the same again for more): police
// reporting, support on time, notice on time, and late acknowledgements.
struct DistrictHabits {
  double police, support_on_time, notice_on_time, late_ack;
};
constexpr DistrictHabits kHabits[] = {
    {1.00, 0.93, 0.95, 0.08}, {0.80, 0.86, 0.90, 0.14}, {1.10, 0.76, 0.80, 0.22}};
const DistrictHabits& Habits(size_t district) { return kHabits[district % 3]; }

size_t Pick(DemoRandom& rnd, const double* weights, size_t n) {
  double total = 0;
  for (size_t k = 0; k < n; ++k) total += weights[k];
  double r = rnd.Unit() * total;
  for (size_t k = 0; k < n; ++k) {
    if (r < weights[k]) return k;
    r -= weights[k];
  }
  return n - 1;
}

// Approximately standard normal (Irwin–Hall of 4 uniforms, rescaled).
double Normal(DemoRandom& rnd) {
  return (rnd.Unit() + rnd.Unit() + rnd.Unit() + rnd.Unit() - 2.0) * 1.7320508;
}

// The relative incident rate of a UTC day: seasons, weekdays, holidays, growth.
double DayWeight(TimeMs day_start, TimeMs first_day, TimeMs last_day) {
  constexpr double kMonth[] = {1.00, 1.05, 1.10, 1.05, 1.00, 0.85,
                               0.55, 0.80, 1.10, 1.15, 1.10, 0.85};
  constexpr double kWeekday[] = {1.10, 1.05, 1.00, 1.00, 0.90, 0.25, 0.20};
  const LocalDate date = StockholmDate(day_start + 12 * kMsPerHour);
  double w = kMonth[date.month - 1] * kWeekday[Weekday(date)];
  if (IsSwedishHoliday(date) && Weekday(date) < 5) w *= 0.3;
  // Reporting grows ~7 % a year (better routines, more reporting).
  const double years = static_cast<double>(day_start - first_day) / (365.25 * kMsPerDay);
  (void)last_day;
  return w * std::pow(1.07, years);
}

struct Staff {
  std::vector<UserId> reporters;  // who reports from the unit
  UserId chef = 0;                // who acknowledges, reports impersonal crimes, offers support
  UserId coordinator = 0;         // the district's säkerhetssamordnare
};

// Who works where: the demo's own units use their own people; synthetic ones
// the district's medarbetare and avdelningschef.
std::map<UnitId, Staff> StaffOf(const DemoWorld& world, const std::vector<DemoEnhet>& enheter) {
  std::map<UnitId, Staff> out;
  for (const DemoEnhet& e : enheter) {
    const DemoDistrict& d = world.districts[e.district];
    Staff s;
    s.coordinator = world.Get("sakerhet." + d.key).user.id;
    if (!e.key.empty()) {
      s.chef = world.Get("chef." + d.key + "." + e.key).user.id;
      for (const auto& [name, p] : world.people) {
        if (name.rfind("medarbetare." + d.key + "." + e.key, 0) == 0)
          s.reporters.push_back(p.user.id);
      }
    } else {
      s.chef = world.Get("avdchef." + d.key).user.id;
      for (const auto& [name, p] : world.people) {
        if (name.rfind("medarbetare." + d.key + ".", 0) == 0) s.reporters.push_back(p.user.id);
      }
    }
    out[e.id] = std::move(s);
  }
  return out;
}

// One batch of rows, by table.
struct Batch {
  std::vector<TableRow> incidents, exposed, police, notices, measures, facts;
};

struct Layouts {
  RowLayout incidents, exposed, police, notices, measures, facts;
};

Result<Layouts> MakeLayouts() {
  Layouts l;
  TRYGG_ASSIGN_OR_RETURN(l.incidents, RowLayout::Of("incidents", {"id",
                                                                  "unit_id",
                                                                  "reporter_id",
                                                                  "category",
                                                                  "occurred_at",
                                                                  "place_type",
                                                                  "outside_workplace",
                                                                  "tied_to_role",
                                                                  "description",
                                                                  "injury",
                                                                  "weapon",
                                                                  "death_threat",
                                                                  "severity",
                                                                  "perpetrator_relation",
                                                                  "perpetrator_note",
                                                                  "sensitive",
                                                                  "status",
                                                                  "created_at",
                                                                  "updated_at",
                                                                  "acknowledged_at",
                                                                  "closed_at",
                                                                  "version",
                                                                  "aimed_at_person",
                                                                  "serious_since",
                                                                  "coordinator_consulted_at"}));
  TRYGG_ASSIGN_OR_RETURN(l.exposed,
                         RowLayout::Of("incident_exposed", {"incident_id", "user_id", "ord"}));
  TRYGG_ASSIGN_OR_RETURN(
      l.police,
      RowLayout::Of("police_reports", {"incident_id", "reported", "reporter", "reported_by",
                                       "reported_at", "case_number", "case_status",
                                       "not_reported_reason", "note", "updated_by", "updated_at"}));
  TRYGG_ASSIGN_OR_RETURN(
      l.notices,
      RowLayout::Of("authority_notices", {"id", "incident_id", "authority", "notified_at",
                                          "channel", "reference", "recorded_by", "recorded_at"}));
  TRYGG_ASSIGN_OR_RETURN(
      l.measures,
      RowLayout::Of("measures", {"id", "incident_id", "title", "responsible_user_id", "due_date",
                                 "status", "created_by", "created_at", "done_at", "done_by", "kind",
                                 "support_type", "support_group", "support_user_id"}));
  TRYGG_ASSIGN_OR_RETURN(
      l.facts, RowLayout::Of("incident_facts", {"seq", "incident_id", "unit_id", "day", "attrs",
                                                "ack_hours", "close_days"}));
  return l;
}

Result<int64_t> NextKey(Store& store, const RowLayout& layout) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(std::vector<int64_t> last, tx->LastKey(layout.table()));
  return last.empty() ? 1 : last.front() + 1;
}

// Writes one generated incident's rows into `batch`, counting into `sum`.
class IncidentMaker {
 public:
  IncidentMaker(const Layouts& layouts, const std::vector<std::vector<PolicyRule>>& rules,
                TimeMs now, DemoRandom& rnd)
      : l_(layouts), rules_(rules), now_(now), rnd_(rnd) {}

  void Make(IncidentId id, int64_t seq, int64_t* notice_id, int64_t* measure_id,
            const DemoEnhet& unit, const Staff& staff, TimeMs occurred, Batch& batch,
            DemoBulkSummary& sum) {
    const DistrictHabits& habits = Habits(unit.district);
    const size_t c = Pick(rnd_, kCategoryWeights, std::size(kCategoryWeights));
    Incident inc;
    inc.id = id;
    inc.unit_id = unit.id;
    inc.category = kCategoryOrder[c];
    inc.occurred_at = occurred;
    inc.severity = 1 + static_cast<int>(Pick(rnd_, kSeverityWeights[c], 4));
    inc.outside_workplace = rnd_.Chance(kOutsideShare[c]);
    if (inc.outside_workplace) {
      inc.place_type = rnd_.Chance(0.7)
                           ? PlaceType::kUtanforArbetsplatsen
                           : (rnd_.Chance(0.6) ? PlaceType::kDigitalt : PlaceType::kTelefon);
    } else {
      constexpr PlaceType kPlaces[] = {PlaceType::kReception, PlaceType::kBesoksrum,
                                       PlaceType::kHembesok,  PlaceType::kTelefon,
                                       PlaceType::kDigitalt,  PlaceType::kAnnat};
      constexpr double kPlaceWeights[] = {35, 25, 10, 15, 8, 7};
      inc.place_type = kPlaces[Pick(rnd_, kPlaceWeights, 6)];
    }
    inc.tied_to_role = rnd_.Chance(0.93);
    inc.aimed_at_person = inc.category != Category::kSkadegorelse &&
                          inc.category != Category::kStoldInbrott && !rnd_.Chance(0.04);
    const bool serious = IsSerious(inc.severity);
    if (inc.category == Category::kVald) {
      inc.injury = serious && rnd_.Chance(0.25)
                       ? Injury::kAllvarlig
                       : (rnd_.Chance(0.4) ? Injury::kLindrig : Injury::kIngen);
    }
    if (serious && (inc.category == Category::kHot || inc.category == Category::kVald)) {
      inc.weapon = rnd_.Chance(0.2);
      inc.death_threat = inc.category == Category::kHot && rnd_.Chance(0.35);
    }
    if (!rnd_.Chance(0.05)) {
      inc.perpetrator_relation = std::vector<PerpetratorRelation>{
          PerpetratorRelation::kBrukare, PerpetratorRelation::kAnhorig, PerpetratorRelation::kOkand,
          PerpetratorRelation::kAnnan}[rnd_.Weighted({70, 15, 10, 5})];
    }
    inc.sensitive = rnd_.Chance(0.03);
    inc.description = inc.outside_workplace ? rnd_.Pick(DemoOutsideDescriptions())
                                            : rnd_.Pick(DemoDescriptions(inc.category));
    inc.reporter_id = rnd_.Pick(staff.reporters);
    inc.exposed_user_ids = {inc.reporter_id};
    if (staff.reporters.size() > 1 && rnd_.Chance(0.1)) {
      const UserId other = rnd_.Pick(staff.reporters);
      if (other != inc.reporter_id) inc.exposed_user_ids.push_back(other);
    }
    // Reported within hours (sometimes the next day), acknowledged in office
    // hours, closed after days to weeks.
    inc.created_at = occurred + static_cast<TimeMs>(rnd_.Chance(0.8) ? rnd_.Between(5, 240)
                                                                     : rnd_.Between(240, 2880)) *
                                    kMsPerMinute;
    TimeMs ack = DemoOfficeTime(inc.created_at + rnd_.Between(10, 300) * kMsPerMinute, rnd_);
    if (rnd_.Chance(habits.late_ack)) ack += rnd_.Between(1, 6) * kMsPerDay;
    ack = std::min(ack, now_ - kMsPerHour);
    inc.acknowledged_at = ack;
    const double close_days = std::exp(2.7 + 0.8 * Normal(rnd_)) + (serious ? 10 : 0);
    const TimeMs closed = DemoOfficeTime(
        ack + static_cast<TimeMs>(close_days * static_cast<double>(kMsPerDay)), rnd_);
    if (closed < now_ - kMsPerHour) {
      inc.status = IncidentStatus::kAvslutad;
      inc.closed_at = closed;
    } else {
      inc.status = IncidentStatus::kUtreds;
    }
    if (serious) {
      inc.serious_since = inc.created_at;
      if (rnd_.Chance(0.85))
        inc.coordinator_consulted_at = inc.created_at + rnd_.Between(1, 30) * kMsPerHour;
    }
    inc.updated_at = inc.closed_at.value_or(ack);
    inc.version = inc.closed_at ? 4 : 3;

    // The police report, or a recorded decision not to.
    double p_police = kPoliceShare[c] * habits.police * (serious ? 1.4 : 1.0);
    const double years_ago = static_cast<double>(now_ - occurred) / (365.25 * kMsPerDay);
    p_police *= 1.0 - 0.025 * years_ago;  // reporting has become more common
    std::optional<PoliceReport> police;
    if (rnd_.Chance(p_police)) {
      PoliceReport r;
      r.incident_id = id;
      r.reported = true;
      const bool by_chef = ImpersonalCrime(inc) || rnd_.Chance(0.3);
      r.reporter = by_chef ? PoliceReporter::kChef : PoliceReporter::kMedarbetare;
      r.reported_by = by_chef ? staff.chef : inc.reporter_id;
      r.reported_at = inc.created_at +
                      (rnd_.Chance(0.8) ? rnd_.Between(1, 30) : rnd_.Between(30, 200)) * kMsPerHour;
      r.case_number = "5000-K" + S(100000 + (id * 7919) % 900000) + "-" +
                      S(StockholmDate(*r.reported_at).year % 100);
      r.case_status =
          years_ago < 0.3
              ? PoliceCaseStatus::kAnmald
              : std::vector<PoliceCaseStatus>{
                    PoliceCaseStatus::kNedlagd, PoliceCaseStatus::kAtal, PoliceCaseStatus::kDom,
                    PoliceCaseStatus::kForundersokning}[rnd_.Weighted({65, 8, 12, 15})];
      r.updated_by = *r.reported_by;
      r.updated_at = *r.reported_at;
      police = r;
      ++sum.police_reported;
    } else if ((inc.category == Category::kHot || inc.category == Category::kVald) &&
               rnd_.Chance(0.6)) {
      PoliceReport r;
      r.incident_id = id;
      r.reported = false;
      r.not_reported_reason = std::vector<NotReportedReason>{
          NotReportedReason::kMedarbetarenAvstar, NotReportedReason::kEjBrott,
          NotReportedReason::kUnderlagSaknas,
          NotReportedReason::kAnnat}[rnd_.Weighted({45, 25, 20, 10})];
      r.updated_by = staff.chef;
      r.updated_at = ack;
      police = r;
      ++sum.police_not_reported;
    }

    // Arbetsmiljöverket for serious incidents, mostly the same day.
    std::vector<AuthorityNotice> notices;
    if (RequiresArbetsmiljoverket(inc) && rnd_.Chance(0.97)) {
      AuthorityNotice n;
      n.incident_id = id;
      n.authority = Authority::kArbetsmiljoverket;
      n.notified_at = rnd_.Chance(habits.notice_on_time)
                          ? inc.created_at + rnd_.Between(10, 240) * kMsPerMinute
                          : inc.created_at + rnd_.Between(1, 10) * kMsPerDay;
      n.channel = NoticeChannel::kETjanst;
      n.reference = "AV " + S(StockholmDate(n.notified_at).year) + "/" + S(10000 + id % 90000);
      n.recorded_by = staff.chef;
      n.recorded_at = n.notified_at;
      notices.push_back(n);
    }

    // Support to the exposed, for the categories of the support rule.
    std::vector<Measure> measures;
    const bool support_kind = inc.category == Category::kHot || inc.category == Category::kVald ||
                              inc.category == Category::kTrakasserier ||
                              inc.category == Category::kOtillatenPaverkan ||
                              inc.category == Category::kForolampning;
    if (support_kind && inc.aimed_at_person && rnd_.Chance(0.93)) {
      Measure m;
      m.id = (*measure_id)++;
      m.incident_id = id;
      m.kind = MeasureKind::kStod;
      m.support_type = std::vector<SupportType>{
          SupportType::kSamtalMedChef, SupportType::kAvlastningssamtal,
          SupportType::kForetagshalsovard, SupportType::kKrisstod}[rnd_.Weighted({50, 25, 15, 10})];
      m.title = "Stöd: " + std::string(SupportTypeCode(*m.support_type));
      m.responsible_user_id = staff.chef;
      m.created_by = staff.chef;
      m.created_at = rnd_.Chance(habits.support_on_time)
                         ? std::max(ack, inc.created_at + rnd_.Between(1, 20) * kMsPerHour)
                         : inc.created_at + rnd_.Between(4, 14) * kMsPerDay;
      m.due_date = (m.created_at / kMsPerDay + 7) * kMsPerDay;
      m.status = MeasureStatus::kKlar;
      m.done_at = m.created_at + rnd_.Between(1, 72) * kMsPerHour;
      m.done_by = staff.chef;
      m.support_user_id = inc.reporter_id;
      if (*m.done_at > now_ - kMsPerHour || m.created_at > now_ - kMsPerHour) {
        --(*measure_id);  // too recent: not offered yet
      } else {
        measures.push_back(m);
      }
    }

    IncidentRecord record;
    record.incident = &inc;
    record.police = police ? &*police : nullptr;
    record.notices = &notices;
    record.measures = &measures;
    FactsRow facts = EncodeFacts(FactsOf(record, rules_[unit.district], now_));
    facts.seq = seq;

    // Rows.
    batch.incidents.push_back(l_.incidents.Make(
        {S(id),
         S(inc.unit_id),
         S(inc.reporter_id),
         std::string(CategoryCode(inc.category)),
         S(inc.occurred_at),
         std::string(PlaceTypeCode(inc.place_type)),
         S(inc.outside_workplace),
         S(inc.tied_to_role),
         inc.description,
         std::string(InjuryCode(inc.injury)),
         S(inc.weapon),
         S(inc.death_threat),
         S(inc.severity),
         inc.perpetrator_relation
             ? std::optional<std::string>(PerpetratorRelationCode(*inc.perpetrator_relation))
             : std::nullopt,
         std::string(),
         S(inc.sensitive),
         std::string(IncidentStatusCode(inc.status)),
         S(inc.created_at),
         S(inc.updated_at),
         Opt(inc.acknowledged_at),
         Opt(inc.closed_at),
         S(inc.version),
         S(inc.aimed_at_person),
         Opt(inc.serious_since),
         Opt(inc.coordinator_consulted_at)}));
    for (size_t k = 0; k < inc.exposed_user_ids.size(); ++k) {
      batch.exposed.push_back(
          l_.exposed.Make({S(id), S(inc.exposed_user_ids[k]), S(static_cast<int64_t>(k))}));
    }
    if (police) {
      const PoliceReport& r = *police;
      batch.police.push_back(l_.police.Make(
          {S(id), S(r.reported),
           r.reporter ? std::optional<std::string>(PoliceReporterCode(*r.reporter)) : std::nullopt,
           r.reported_by ? Opt(*r.reported_by) : std::nullopt, Opt(r.reported_at), r.case_number,
           std::string(PoliceCaseStatusCode(r.case_status)),
           r.not_reported_reason
               ? std::optional<std::string>(NotReportedReasonCode(*r.not_reported_reason))
               : std::nullopt,
           std::string(), S(r.updated_by), S(r.updated_at)}));
    }
    for (const AuthorityNotice& n : notices) {
      batch.notices.push_back(
          l_.notices.Make({S((*notice_id)++), S(id), std::string(AuthorityCode(n.authority)),
                           S(n.notified_at), std::string(NoticeChannelCode(n.channel)), n.reference,
                           S(n.recorded_by), S(n.recorded_at)}));
      ++sum.authority_notices;
    }
    for (const Measure& m : measures) {
      batch.measures.push_back(l_.measures.Make(
          {S(m.id), S(id), m.title, S(m.responsible_user_id), S(m.due_date),
           std::string(MeasureStatusCode(m.status)), S(m.created_by), S(m.created_at),
           Opt(m.done_at), m.done_by ? Opt(*m.done_by) : std::nullopt,
           std::string(MeasureKindCode(m.kind)), std::string(SupportTypeCode(*m.support_type)),
           S(0), S(*m.support_user_id)}));
      ++sum.support_measures;
    }
    batch.facts.push_back(
        l_.facts.Make({S(facts.seq), S(facts.incident_id), S(facts.unit_id), S(facts.day),
                       S(facts.attrs), S(facts.ack_hours), S(facts.close_days)}));
    sum.outside_workplace += inc.outside_workplace ? 1 : 0;
  }

 private:
  const Layouts& l_;
  const std::vector<std::vector<PolicyRule>>& rules_;
  TimeMs now_;
  DemoRandom& rnd_;
};

Status WriteBatch(Store& store, const Layouts& l, Batch& b) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginBulkWrite());
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.incidents.table(), b.incidents));
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.exposed.table(), b.exposed));
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.police.table(), b.police));
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.notices.table(), b.notices));
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.measures.table(), b.measures));
  TRYGG_RETURN_IF_ERROR(tx->WriteRows(l.facts.table(), b.facts));
  for (const RowLayout* t : {&l.incidents, &l.notices, &l.measures}) {
    TRYGG_RETURN_IF_ERROR(tx->ResetIdSequence(t->table()));
  }
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  b = Batch();
  return Status::Ok();
}

}  // namespace

Result<std::vector<DemoEnhet>> ExtendDemoUnits(App& app, const DemoWorld& world, int target_enheter,
                                               uint64_t seed) {
  DemoRandom rnd(seed ^ 0xB11Cull);
  std::vector<DemoEnhet> out;
  // The demo's own: sizes fitting their work.
  for (size_t d = 0; d < world.districts.size(); ++d) {
    for (const std::string& key : kDemoUnitKeys) {
      DemoEnhet e;
      e.id = world.districts[d].enheter.at(key);
      e.district = d;
      e.key = key;
      const std::map<std::string, std::pair<int, int>> sizes = {
          {"eb", {28, 42}}, {"bou", {30, 48}}, {"vux", {14, 24}}, {"rec", {5, 9}}};
      const std::map<std::string, double> risk = {
          {"eb", 1.5}, {"bou", 1.1}, {"vux", 1.3}, {"rec", 2.2}};
      e.headcount = static_cast<int>(rnd.Between(sizes.at(key).first, sizes.at(key).second));
      e.risk = risk.at(key) * (0.85 + 0.3 * rnd.Unit());
      out.push_back(e);
    }
  }
  const int missing = target_enheter - static_cast<int>(out.size());
  if (missing <= 0 || world.districts.empty()) return out;
  // Two more avdelningar per district, then enheter round-robin over districts
  // and over each district's three avdelningar.
  std::vector<std::vector<UnitId>> avdelningar(world.districts.size());
  for (size_t d = 0; d < world.districts.size(); ++d) {
    avdelningar[d].push_back(world.districts[d].avdelning);
    for (const char* name : kExtraAvdelningar) {
      TRYGG_ASSIGN_OR_RETURN(OrgUnit u,
                             app.org().Create(nullptr, OrgUnit{0, world.districts[d].forvaltning,
                                                               UnitKind::kAvdelning, name}));
      avdelningar[d].push_back(u.id);
    }
  }
  std::vector<int> numbered(world.districts.size(), 0);
  for (int k = 0; k < missing; ++k) {
    const size_t d = static_cast<size_t>(k) % world.districts.size();
    const size_t a = (static_cast<size_t>(k) / world.districts.size()) % avdelningar[d].size();
    const std::string name = std::string("Enhet ") + kDistrictWords[d % std::size(kDistrictWords)] +
                             " " + S(++numbered[d]);
    TRYGG_ASSIGN_OR_RETURN(OrgUnit u, app.org().Create(nullptr, OrgUnit{0, avdelningar[d][a],
                                                                        UnitKind::kEnhet, name}));
    DemoEnhet e;
    e.id = u.id;
    e.district = d;
    // Sizes from a handful of people to large units (log-normal, 6–120).
    e.headcount = std::clamp(static_cast<int>(std::exp(3.0 + 0.55 * Normal(rnd))), 6, 120);
    // Äldreomsorg meets fewer threats than IFO; each unit has its own climate.
    const double base = a == 0 ? 1.3 : (a == 1 ? 0.55 : 0.9);
    e.risk = base * (0.5 + rnd.Unit());
    out.push_back(e);
  }
  return out;
}

Result<DemoBulkSummary> WriteDemoBulk(Store& store, const DemoWorld& world,
                                      const std::vector<DemoEnhet>& enheter,
                                      const DemoBulkOptions& options) {
  const auto started = std::chrono::steady_clock::now();
  DemoBulkSummary sum;
  if (options.incidents <= 0 || enheter.empty()) return sum;
  TRYGG_ASSIGN_OR_RETURN(Layouts layouts, MakeLayouts());
  std::vector<std::vector<PolicyRule>> rules;
  {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
    for (const DemoDistrict& d : world.districts) {
      TRYGG_ASSIGN_OR_RETURN(std::vector<PolicyRule> stored, tx->ListPolicyRules(d.forvaltning));
      rules.push_back(EffectiveRules(stored));
    }
  }
  TRYGG_ASSIGN_OR_RETURN(int64_t next_id, NextKey(store, layouts.incidents));
  TRYGG_ASSIGN_OR_RETURN(int64_t notice_id, NextKey(store, layouts.notices));
  TRYGG_ASSIGN_OR_RETURN(int64_t measure_id, NextKey(store, layouts.measures));
  int64_t seq = 0;
  {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(seq, tx->LastFactsSeq());
  }
  const std::map<UnitId, Staff> staff = StaffOf(world, enheter);
  for (const auto& [unit, s] : staff) {
    if (s.reporters.empty()) return Status::Internal("demo: a unit without reporters");
  }

  // Units by headcount × risk.
  std::vector<double> unit_cum;
  double unit_total = 0;
  for (const DemoEnhet& e : enheter) unit_cum.push_back(unit_total += e.headcount * e.risk);

  // Days from `years` years ago to a week ago, each with its share of the count.
  const TimeMs last_day = (options.now / kMsPerDay - 7) * kMsPerDay;
  const TimeMs first_day =
      last_day - static_cast<TimeMs>(std::max(1, options.years) * 365.25) * kMsPerDay;
  std::vector<double> day_cum;
  double day_total = 0;
  for (TimeMs d = first_day; d <= last_day; d += kMsPerDay) {
    day_cum.push_back(day_total += DayWeight(d, first_day, last_day));
  }

  DemoRandom rnd(options.seed ^ 0xB0C5B0C5ull);
  IncidentMaker maker(layouts, rules, options.now, rnd);
  Batch batch;
  sum.first_id = next_id;
  if (options.on_progress) options.on_progress(0, options.incidents);
  int64_t done = 0, previous_target = 0;
  const double n = static_cast<double>(options.incidents);
  for (size_t day = 0; day < day_cum.size(); ++day) {
    const int64_t target = std::llround(n * day_cum[day] / day_total);
    const int64_t today = target - previous_target;
    previous_target = target;
    // Times within the day: office hours mostly (UTC 06–16), some evenings; sorted.
    std::vector<TimeMs> times;
    for (int64_t k = 0; k < today; ++k) {
      const int hour = static_cast<int>(rnd.Weighted({10, 20, 20, 12, 18, 14, 6, 3, 3, 2, 2}) + 6);
      times.push_back(first_day + static_cast<TimeMs>(day) * kMsPerDay + hour * kMsPerHour +
                      rnd.Below(3600) * kMsPerSecond);
    }
    std::sort(times.begin(), times.end());
    for (TimeMs t : times) {
      const double r = rnd.Unit() * unit_total;
      const size_t u = static_cast<size_t>(std::upper_bound(unit_cum.begin(), unit_cum.end(), r) -
                                           unit_cum.begin());
      const DemoEnhet& unit = enheter[std::min(u, enheter.size() - 1)];
      maker.Make(next_id++, ++seq, &notice_id, &measure_id, unit, staff.at(unit.id), t, batch, sum);
      ++done;
      if (static_cast<int>(batch.incidents.size()) >= options.batch) {
        TRYGG_RETURN_IF_ERROR(WriteBatch(store, layouts, batch));
        if (options.on_progress) options.on_progress(done, options.incidents);
      }
    }
  }
  if (!batch.incidents.empty()) {
    TRYGG_RETURN_IF_ERROR(WriteBatch(store, layouts, batch));
    if (options.on_progress) options.on_progress(done, options.incidents);
  }
  sum.incidents = done;
  sum.last_id = next_id - 1;
  sum.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return sum;
}

}  // namespace trygg::cli
