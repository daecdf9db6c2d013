#include "app/stats_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app_fixture.h"

namespace trygg::testing {
namespace {

// A published table's figures as one list: cells (row-major), row totals,
// column totals, grand total; and the lines that tie them: parts add up to
// their total.
std::vector<std::optional<int64_t>> Flatten(const ProtectedTable& t) {
  std::vector<std::optional<int64_t>> out = t.cells;
  out.insert(out.end(), t.row_totals.begin(), t.row_totals.end());
  out.insert(out.end(), t.col_totals.begin(), t.col_totals.end());
  out.push_back(t.total);
  return out;
}

struct Line {
  std::vector<int> parts;
  int total = 0;
};

std::vector<Line> LinesOf(int rows, int cols) {
  const int row_total = rows * cols, col_total = rows * cols + rows,
            total = rows * cols + rows + cols;
  std::vector<Line> lines;
  for (int r = 0; r < rows; ++r) {
    Line l{{}, row_total + r};
    for (int c = 0; c < cols; ++c) l.parts.push_back(r * cols + c);
    lines.push_back(l);
  }
  for (int c = 0; c < cols; ++c) {
    Line l{{}, col_total + c};
    for (int r = 0; r < rows; ++r) l.parts.push_back(r * cols + c);
    lines.push_back(l);
  }
  Line by_col{{}, total}, by_row{{}, total};
  for (int c = 0; c < cols; ++c) by_col.parts.push_back(col_total + c);
  for (int r = 0; r < rows; ++r) by_row.parts.push_back(row_total + r);
  lines.push_back(by_col);
  lines.push_back(by_row);
  return lines;
}

// The difference attack: solves every line with exactly one unknown figure
// from the others, again and again. Returns how many figures it solved.
int DifferenceAttack(int rows, int cols, std::vector<std::optional<int64_t>> known) {
  int solved = 0;
  const std::vector<Line> lines = LinesOf(rows, cols);
  for (bool progress = true; progress;) {
    progress = false;
    for (const Line& line : lines) {
      int unknown = -1, count = 0;
      int64_t parts = 0;
      for (int f : line.parts) {
        if (known[f]) {
          parts += *known[f];
        } else {
          unknown = f, ++count;
        }
      }
      if (!known[line.total]) unknown = line.total, ++count;
      if (count != 1) continue;
      known[unknown] = unknown == line.total ? parts : *known[line.total] - parts;
      ++solved;
      progress = true;
    }
  }
  return solved;
}

// What anyone derives from two published tables, parent and part: the rest
// (parent − part) wherever both are shown.
ProtectedTable RestOf(const ProtectedTable& parent, const ProtectedTable& part) {
  auto minus = [](std::optional<int64_t> a, std::optional<int64_t> b) -> std::optional<int64_t> {
    if (!a || !b) return std::nullopt;
    return *a - *b;
  };
  ProtectedTable rest;
  rest.rows = parent.rows;
  rest.cols = parent.cols;
  for (size_t i = 0; i < parent.cells.size(); ++i) {
    rest.cells.push_back(minus(parent.cells[i], part.cells[i]));
  }
  for (size_t i = 0; i < parent.row_totals.size(); ++i) {
    rest.row_totals.push_back(minus(parent.row_totals[i], part.row_totals[i]));
  }
  for (size_t i = 0; i < parent.col_totals.size(); ++i) {
    rest.col_totals.push_back(minus(parent.col_totals[i], part.col_totals[i]));
  }
  rest.total = minus(parent.total, part.total);
  return rest;
}

// "" when `t` shows no small figure (0 < v < threshold), has no line with
// exactly one hidden figure, and the difference attack solves nothing in it;
// otherwise what failed.
std::string Attack(const ProtectedTable& t, const std::string& name) {
  const std::vector<std::optional<int64_t>> figures = Flatten(t);
  for (const auto& v : figures) {
    if (v && *v > 0 && *v < kDefaultSmallCellThreshold) return name + ": a small figure shown";
  }
  for (const Line& line : LinesOf(t.rows, t.cols)) {
    int hidden = figures[line.total] ? 0 : 1;
    for (int f : line.parts) hidden += figures[f] ? 0 : 1;
    // A one-way table's row "line" is a cell and its equal row total.
    if (hidden == 1 && line.parts.size() > 1) return name + ": a line with one hidden figure";
  }
  if (DifferenceAttack(t.rows, t.cols, figures) > 0) return name + ": difference attack";
  return "";
}

// The measures that count part of another, with their parents.
constexpr std::pair<StatsMeasure, StatsMeasure> kPartsOf[] = {
    {StatsMeasure::kPolice, StatsMeasure::kCount},
    {StatsMeasure::kOutside, StatsMeasure::kCount},
    {StatsMeasure::kTied, StatsMeasure::kCount},
    {StatsMeasure::kNoticeApplies, StatsMeasure::kCount},
    {StatsMeasure::kSupportApplies, StatsMeasure::kCount},
    {StatsMeasure::kNoticeOnTime, StatsMeasure::kNoticeApplies},
    {StatsMeasure::kSupportOnTime, StatsMeasure::kSupportApplies},
};

// Attacks every measure of `t` and every rest (parent − part) anyone can
// derive from two of them; also checks that a part is hidden wherever its
// parent is. "" or what failed.
std::string AttackAll(const StatsTable& t) {
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    const std::string failure =
        Attack(t.measures[m], std::string(StatsMeasureCode(static_cast<StatsMeasure>(m))));
    if (!failure.empty()) return failure;
  }
  for (const auto& [part, parent] : kPartsOf) {
    const ProtectedTable& a = t.measures[static_cast<int>(parent)];
    const ProtectedTable& b = t.measures[static_cast<int>(part)];
    const std::string name =
        std::string(StatsMeasureCode(parent)) + " - " + std::string(StatsMeasureCode(part));
    const std::string failure = Attack(RestOf(a, b), name);
    if (!failure.empty()) return failure;
    const auto shown_parent = Flatten(a), shown_part = Flatten(b);
    for (size_t f = 0; f < shown_parent.size(); ++f) {
      if (!shown_parent[f] && shown_part[f]) return name + ": part shown, parent hidden";
    }
  }
  return "";
}

class StatsServiceTest : public AppFixture {
 protected:
  // A new user working in `unit` with the given grants.
  static Principal NewPerson(const std::string& username, UnitId unit,
                             const std::vector<std::pair<Role, UnitId>>& grants) {
    auto r = app().users().Create(
        nullptr, NewUser{username, "Person " + username, "", unit, "correct horse battery"});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    for (const auto& [role, on] : grants) {
      auto g = app().users().Grant(nullptr, r->user.id, role, on);
      EXPECT_TRUE(g.ok()) << g.status().ToString();
    }
    return As(r->user.id);
  }

  static UnitId NewUnit(std::optional<UnitId> parent, UnitKind kind, const std::string& name) {
    auto r = app().org().Create(nullptr, OrgUnit{0, parent, kind, name});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r->id;
  }

  // Reports an incident of `category` in `unit` as `who`, occurring at `at`.
  static IncidentId ReportAt(const Principal& who, UnitId unit, TimeMs at,
                             Category category = Category::kHot) {
    NewIncident in;
    in.unit_id = unit;
    in.category = category;
    in.occurred_at = at;
    in.place_type = PlaceType::kBesoksrum;
    in.description = "Hot vid besök";
    auto r = app().incidents().Create(who, in, nullptr);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->incident.id : 0;
  }

  // The employee reports their own incident to the police.
  static void PoliceReported(const Principal& who, IncidentId id) {
    PoliceReportInput in;
    in.reported = true;
    in.reporter = PoliceReporter::kMedarbetare;
    in.reported_at = clock().NowMs();
    auto r = app().followup().PutPoliceReport(who, id, in);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
  }

  // A one-way table by enhet over the month starting at `month`.
  static StatsQuery ByEnhet(const char* month, const char* next) {
    StatsQuery q;
    q.rows = StatsDim::kEnhet;
    q.filter.from = StatsDayOf(*ParseLocalDate(month));
    q.filter.to = StatsDayOf(*ParseLocalDate(next));
    return q;
  }

  static TimeMs At(const char* iso) { return *ParseIso8601(iso); }

  static size_t RowOf(const StatsTable& t, UnitId unit) {
    for (size_t r = 0; r < t.rows.size(); ++r) {
      if (t.rows[r].unit_id == unit) return r;
    }
    ADD_FAILURE() << "no row for unit " << unit;
    return 0;
  }

  static std::optional<int64_t> Count(const StatsTable& t, size_t row) {
    return t.measures[static_cast<int>(StatsMeasure::kCount)].row_totals[row];
  }

  static std::optional<LocalDate> ParseLocalDate(const char* text) {
    int y = 0, m = 0, d = 0;
    if (std::sscanf(text, "%d-%d-%d", &y, &m, &d) != 3) return std::nullopt;
    return LocalDate{y, m, d};
  }
};

TEST_F(StatsServiceTest, OnlyStatsRolesReadAndOnlyWithinTheirScope) {
  StatsQuery q;
  q.rows = StatsDim::kCategory;
  EXPECT_EQ(app().stats().Table(people().employee, q).status().reason(), "stats.forbidden");
  EXPECT_EQ(app().stats().Equivalence(people().employee).status().reason(), "stats.forbidden");
  q.filter.units = {org().rec};
  EXPECT_EQ(app().stats().Table(people().chef_eb, q).status().reason(), "stats.out_of_scope");
  EXPECT_EQ(app().stats().Table(people().skyddsombud, q).status().reason(), "stats.out_of_scope");
  q.filter.units = {org().eb};
  EXPECT_TRUE(app().stats().Table(people().chef_eb, q).ok());
  EXPECT_TRUE(app().stats().Table(people().analytiker, q).ok());
  EXPECT_TRUE(app().stats().Table(people().admin, q).ok());

  StatsQuery bad;
  bad.rows = StatsDim::kNone;
  EXPECT_EQ(app().stats().Table(people().analytiker, bad).status().reason(), "stats.dims");
  bad.rows = bad.cols = StatsDim::kYear;
  EXPECT_EQ(app().stats().Table(people().analytiker, bad).status().reason(), "stats.dims");
  bad.cols = StatsDim::kNone;
  bad.filter.from = bad.filter.to = 9000;
  EXPECT_EQ(app().stats().Table(people().analytiker, bad).status().reason(), "stats.range");
}

TEST_F(StatsServiceTest, AnalystSeesProtectedFiguresAChefExactOnesForOwnUnits) {
  // March 2025: three incidents in EB (one reported to the police), seven in BoU.
  IncidentId first = 0;
  for (int i = 0; i < 3; ++i) {
    IncidentId id = ReportAt(people().employee, org().eb, At("2025-03-10T10:00:00Z") + i);
    if (i == 0) first = id;
  }
  PoliceReported(people().employee, first);
  for (int i = 0; i < 7; ++i) ReportAt(people().skyddsombud, org().bou, At("2025-03-12T10:00:00Z"));
  const StatsQuery q = ByEnhet("2025-03-01", "2025-04-01");

  auto analyst = app().stats().Table(people().analytiker, q);
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  EXPECT_FALSE(analyst->exact);
  EXPECT_EQ(analyst->threshold, kDefaultSmallCellThreshold);
  const size_t eb = RowOf(*analyst, org().eb);
  EXPECT_FALSE(Count(*analyst, eb).has_value()) << "3 < 5 is hidden";
  EXPECT_FALSE(analyst->row_figures[eb].police_rate.has_value());
  // Nothing hidden can be recovered from the total and the shown rows.
  const ProtectedTable& counts = analyst->measures[static_cast<int>(StatsMeasure::kCount)];
  int hidden = 0;
  for (const auto& c : counts.cells) hidden += c.has_value() ? 0 : 1;
  if (counts.total) {
    EXPECT_GE(hidden, 2);
  }
  EXPECT_FALSE(analyst->measures[static_cast<int>(StatsMeasure::kPolice)].total.has_value())
      << "one police report in the whole table is hidden";

  auto chef = app().stats().Table(people().chef_eb, q);
  ASSERT_TRUE(chef.ok()) << chef.status().ToString();
  EXPECT_TRUE(chef->exact);
  ASSERT_EQ(chef->rows.size(), 1u) << "the chef of EB counts EB only";
  EXPECT_EQ(Count(*chef, 0), 3);
  ASSERT_TRUE(chef->row_figures[0].police_rate.has_value());
  EXPECT_DOUBLE_EQ(*chef->row_figures[0].police_rate, 1.0 / 3.0);

  auto chef_ifo = app().stats().Table(people().chef_ifo, q);
  ASSERT_TRUE(chef_ifo.ok());
  EXPECT_TRUE(chef_ifo->exact);
  EXPECT_EQ(Count(*chef_ifo, RowOf(*chef_ifo, org().eb)), 3);
  EXPECT_EQ(Count(*chef_ifo, RowOf(*chef_ifo, org().bou)), 7);
  EXPECT_EQ(chef_ifo->measures[0].total, 10);

  // The skyddsombud covers IFO too, but reads protected figures.
  auto so = app().stats().Table(people().skyddsombud, q);
  ASSERT_TRUE(so.ok());
  EXPECT_FALSE(so->exact);
  EXPECT_FALSE(Count(*so, RowOf(*so, org().eb)).has_value());

  // A chef of EB who is also an analyst: exact over EB, protected when the query spans more.
  Principal both =
      NewPerson("chef.ana", org().eb, {{Role::kChef, org().eb}, {Role::kAnalytiker, org().kommun}});
  auto wide = app().stats().Table(both, q);
  ASSERT_TRUE(wide.ok());
  EXPECT_FALSE(wide->exact);
  EXPECT_FALSE(Count(*wide, RowOf(*wide, org().eb)).has_value());
  StatsQuery own = q;
  own.filter.units = {org().eb};
  auto narrow = app().stats().Table(both, own);
  ASSERT_TRUE(narrow.ok());
  EXPECT_TRUE(narrow->exact);
  EXPECT_EQ(Count(*narrow, RowOf(*narrow, org().eb)), 3);
}

TEST_F(StatsServiceTest, FiguresUseHeadcountsAndShowMediansOnlyForLargeEnoughRows) {
  // June 2025: six incidents in BoU, each acknowledged two hours after it was
  // reported; five in the reception (the complement of EB's one).
  for (int i = 0; i < 6; ++i) {
    IncidentId id = ReportAt(people().skyddsombud, org().bou, At("2025-06-03T08:00:00Z"));
    clock().Advance(2 * kMsPerHour);
    ASSERT_TRUE(app()
                    .incidents()
                    .Transition(people().chef_ifo, id, IncidentAction::kAcknowledge, "", {})
                    .ok());
  }
  ReportAt(people().employee, org().eb, At("2025-06-04T08:00:00Z"));  // EB: one, unacknowledged
  for (int i = 0; i < 5; ++i) ReportAt(people().chef_rec, org().rec, At("2025-06-05T08:00:00Z"));
  UnitProfile bou;
  bou.unit_id = org().bou;
  bou.headcount = 50;
  ASSERT_TRUE(app().kpis().PutProfile(people().admin, bou).ok());
  UnitProfile eb;
  eb.unit_id = org().eb;
  eb.headcount = 20;
  ASSERT_TRUE(app().kpis().PutProfile(people().admin, eb).ok());

  StatsQuery q = ByEnhet("2025-06-01", "2025-07-01");
  q.medians = true;
  auto analyst = app().stats().Table(people().analytiker, q);
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  const size_t b = RowOf(*analyst, org().bou);
  const StatsFigures& f = analyst->row_figures[b];
  ASSERT_EQ(Count(*analyst, b), 6);
  EXPECT_EQ(f.headcount, 50);
  ASSERT_TRUE(f.per_100.has_value());
  EXPECT_DOUBLE_EQ(*f.per_100, 12.0);
  ASSERT_TRUE(f.median_ack_hours.has_value());
  EXPECT_DOUBLE_EQ(*f.median_ack_hours, 2.0);
  const size_t e = RowOf(*analyst, org().eb);
  EXPECT_EQ(analyst->row_figures[e].headcount, 20);
  EXPECT_FALSE(analyst->row_figures[e].per_100.has_value()) << "its count is hidden";
  EXPECT_FALSE(analyst->row_figures[e].median_ack_hours.has_value());
  EXPECT_EQ(analyst->total_figures.headcount, 70);

  auto chef = app().stats().Table(people().chef_ifo, q);
  ASSERT_TRUE(chef.ok());
  const size_t ce = RowOf(*chef, org().eb);
  ASSERT_TRUE(chef->row_figures[ce].per_100.has_value());
  EXPECT_DOUBLE_EQ(*chef->row_figures[ce].per_100, 5.0);
  EXPECT_EQ(chef->total_figures.headcount, 70);
}

TEST_F(StatsServiceTest, TableAuditsDimsAndExactness) {
  StatsQuery q;
  q.rows = StatsDim::kCategory;
  q.cols = StatsDim::kYear;
  ASSERT_TRUE(app().stats().Table(people().analytiker, q).ok());
  ASSERT_TRUE(app().stats().FlushAudit().ok());  // the writer may not have run yet
  auto tx = store_->BeginRead();
  ASSERT_TRUE(tx.ok());
  auto last = (*tx)->LastAudit();
  ASSERT_TRUE(last.ok() && last->has_value());
  EXPECT_EQ((*last)->action, "stats.table");
  EXPECT_EQ((*last)->detail, "rows=category;cols=year;exact=0");
}

TEST_F(StatsServiceTest, ATableIncludesWhatAnotherProcessWrote) {
  StatsQuery q = ByEnhet("2025-08-01", "2025-09-01");
  auto before = app().stats().Table(people().chef_eb, q);
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  ASSERT_EQ(before->measures[0].total, 0);

  auto other_store = OpenStore("sqlite:" + (dir_ / "t.db").string());
  ASSERT_TRUE(other_store.ok()) << other_store.status().ToString();
  App other(**other_store, clock());
  NewIncident in;
  in.unit_id = org().eb;
  in.category = Category::kTrakasserier;
  in.occurred_at = At("2025-08-15T12:00:00Z");
  in.place_type = PlaceType::kTelefon;
  in.description = "Ringde upprepade gånger";
  ASSERT_TRUE(other.incidents().Create(people().employee, in, nullptr).ok());

  auto after = app().stats().Table(people().chef_eb, q);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->measures[0].total, 1);
}

TEST_F(StatsServiceTest, EquivalenceRowsHoldEachForvaltningsSetUpAndMarkShortfalls) {
  const TimeMs now = clock().NowMs();
  const UnitId vaster = NewUnit(org().kommun, UnitKind::kForvaltning, "Väster");
  const UnitId hemtjanst = NewUnit(vaster, UnitKind::kEnhet, "Hemtjänst");
  Principal sak = NewPerson("sak.v", vaster, {{Role::kSakerhetssamordnare, vaster}});
  Principal u1 = NewPerson("v1", hemtjanst, {});
  Principal u2 = NewPerson("v2", hemtjanst, {});
  Principal u3 = NewPerson("v3", hemtjanst, {});
  Principal chef = NewPerson("chef.v", hemtjanst, {{Role::kChef, hemtjanst}});

  UnitProfile profile;
  profile.unit_id = vaster;
  profile.headcount = 50;
  profile.secure_rooms = 0;
  profile.coordinator_full_time = true;
  profile.alarm_tested_at = now - 40 * kMsPerDay;
  ASSERT_TRUE(app().kpis().PutProfile(sak, profile).ok());

  {
    auto tx = store_->BeginWrite();
    ASSERT_TRUE(tx.ok());
    Routine current;
    current.unit_id = vaster;
    current.title = "Hot i hemmet";
    current.owner_user_id = sak.user.id;
    current.published_at = now - 10 * kMsPerDay;
    current.revision_date = *ParseDate("2027-06-30");
    current.created_by = sak.user.id;
    Routine overdue = current;
    overdue.title = "Larm";
    overdue.revision_date = *ParseDate("2026-10-01");
    auto a = (*tx)->InsertRoutine(current);
    auto b = (*tx)->InsertRoutine(overdue);
    ASSERT_TRUE(a.ok() && b.ok()) << a.status().ToString();
    for (const Principal* p : {&u1, &u2, &sak}) {
      ASSERT_TRUE((*tx)->PutRoutineAck({*a, 1, p->user.id, now}).ok());
    }
    for (const Principal* p : {&u1, &u2, &u3, &sak}) {
      ASSERT_TRUE((*tx)->PutRoutineAck({*b, 1, p->user.id, now}).ok());
    }
    Exercise recent;
    recent.unit_id = hemtjanst;
    recent.kind = ExerciseKind::kLarmovning;
    recent.held_on = *ParseDate("2026-09-15");
    recent.scenario = "Larmet går i hemtjänstlokalen";
    recent.created_by = sak.user.id;
    Exercise old = recent;
    old.held_on = *ParseDate("2025-09-15");
    ASSERT_TRUE((*tx)->InsertExercise(recent).ok());
    ASSERT_TRUE((*tx)->InsertExercise(old).ok());
    ASSERT_TRUE((*tx)->Commit().ok());
  }
  // Six incidents in the last year, three of them reported to the police, three
  // with support offered.
  const Principal* reporters[] = {&u1, &u2, &u3};
  for (int i = 0; i < 6; ++i) {
    const Principal& who = *reporters[i % 3];
    IncidentId id = ReportAt(who, hemtjanst, now - (i + 1) * 20 * kMsPerDay);
    if (i < 3) PoliceReported(who, id);
    if (i % 2 == 0) {  // support offered at once for three of them
      NewMeasure support;
      support.title = "Avlastningssamtal";
      support.responsible_user_id = chef.user.id;
      support.due_date = now + kMsPerDay;
      support.kind = MeasureKind::kStod;
      support.support_type = SupportType::kAvlastningssamtal;
      support.support_user_id = who.user.id;
      auto m = app().incidents().AddMeasure(chef, id, support);
      ASSERT_TRUE(m.ok()) << m.status().ToString();
    }
  }
  ReportAt(u1, hemtjanst, now - 400 * kMsPerDay);  // more than a year ago: not counted

  auto m = app().stats().Equivalence(sak);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_TRUE(m->exact);
  EXPECT_EQ(m->as_of, now);
  ASSERT_EQ(m->rows.size(), 1u);
  const EquivalenceRow& row = m->rows[0];
  EXPECT_EQ(row.forvaltning_id, vaster);
  EXPECT_EQ(row.name, "Väster");
  ASSERT_EQ(row.cells.size(), AllEquivalenceColumns().size());
  auto cell = [&](EquivalenceColumn c) {
    for (const EquivalenceCell& x : row.cells) {
      if (x.column == c) return x;
    }
    ADD_FAILURE() << "no cell " << EquivalenceColumnCode(c);
    return EquivalenceCell{};
  };
  auto expect = [&](EquivalenceColumn c, std::optional<double> value, bool short_of) {
    EquivalenceCell x = cell(c);
    if (value) {
      ASSERT_TRUE(x.value.has_value()) << EquivalenceColumnCode(c);
      EXPECT_NEAR(*x.value, *value, 1e-9) << EquivalenceColumnCode(c);
    } else {
      EXPECT_FALSE(x.value.has_value()) << EquivalenceColumnCode(c);
    }
    EXPECT_EQ(x.short_of_standard, short_of) << EquivalenceColumnCode(c);
  };
  expect(EquivalenceColumn::kCoordinatorFullTime, 1.0, false);
  expect(EquivalenceColumn::kRoutinesCurrent, 0.5, true);
  // v3 has not acknowledged the current one; the chef has acknowledged nothing.
  expect(EquivalenceColumn::kAckShare, 0.6, true);
  expect(EquivalenceColumn::kExercises12m, 1.0, true);
  expect(EquivalenceColumn::kSecureRooms, 0.0, true);
  expect(EquivalenceColumn::kAlarmTested1m, 0.0, true);
  expect(EquivalenceColumn::kIncidentsPer100, 12.0, false);
  expect(EquivalenceColumn::kPoliceRate, 0.5, false);
  expect(EquivalenceColumn::kSupportOnTime, 0.5, true);

  // The analyst sees every förvaltning by name, with small counts protected.
  auto analyst = app().stats().Equivalence(people().analytiker);
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  EXPECT_FALSE(analyst->exact);
  std::vector<std::string> names;
  for (const EquivalenceRow& r : analyst->rows) names.push_back(r.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Norr", "Söder", "Väster"}));
  const EquivalenceRow& v = analyst->rows[2];
  for (const EquivalenceCell& x : v.cells) {
    if (x.column == EquivalenceColumn::kPoliceRate) {
      EXPECT_FALSE(x.value.has_value()) << "three police reports are hidden";
      EXPECT_FALSE(x.short_of_standard);
    }
    if (x.column == EquivalenceColumn::kRoutinesCurrent) {
      EXPECT_EQ(x.value, 0.5);
    }
  }
  // Söder has no profile: its profile cells are unknown, never marked.
  for (const EquivalenceCell& x : analyst->rows[1].cells) {
    if (x.column == EquivalenceColumn::kCoordinatorFullTime ||
        x.column == EquivalenceColumn::kSecureRooms) {
      EXPECT_FALSE(x.value.has_value());
      EXPECT_FALSE(x.short_of_standard);
    }
  }
}

// October 2024: 20 incidents in EB, 18 of them reported to the police; 30 in
// BoU, 10 reported. Every count is large, and so are the police figures — but
// the 2 in EB that were NOT reported are a small group: showing 20 and 18 side
// by side would give them away.
TEST_F(StatsServiceTest, APartIsHiddenWhereTheRestIsSmallAndNoLineGivesEitherAway) {
  for (int i = 0; i < 20; ++i) {
    IncidentId id = ReportAt(people().employee, org().eb, At("2024-10-06T10:00:00Z") + i);
    if (i < 18) PoliceReported(people().employee, id);
  }
  for (int i = 0; i < 30; ++i) {
    IncidentId id = ReportAt(people().skyddsombud, org().bou, At("2024-10-08T10:00:00Z") + i);
    if (i < 10) PoliceReported(people().skyddsombud, id);
  }
  const StatsQuery q = ByEnhet("2024-10-01", "2024-11-01");
  auto analyst = app().stats().Table(people().analytiker, q);
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  ASSERT_FALSE(analyst->exact);
  const size_t eb = RowOf(*analyst, org().eb), bou = RowOf(*analyst, org().bou);
  const ProtectedTable& count = analyst->measures[static_cast<int>(StatsMeasure::kCount)];
  const ProtectedTable& police = analyst->measures[static_cast<int>(StatsMeasure::kPolice)];
  EXPECT_EQ(count.cells[eb], 20);
  EXPECT_EQ(count.cells[bou], 30);
  EXPECT_EQ(count.total, 50);
  EXPECT_FALSE(police.cells[eb].has_value()) << "20 − 18 = 2 would be given away";
  EXPECT_FALSE(police.row_totals[eb].has_value());
  EXPECT_FALSE(police.cells[bou].has_value()) << "the complement that keeps 18 company";
  EXPECT_EQ(police.total, 28);
  EXPECT_FALSE(analyst->row_figures[eb].police_rate.has_value());
  EXPECT_FALSE(analyst->row_figures[bou].police_rate.has_value());
  ASSERT_TRUE(analyst->total_figures.police_rate.has_value());
  EXPECT_DOUBLE_EQ(*analyst->total_figures.police_rate, 28.0 / 50.0);
  // Every other enhet counts nothing: zeros are shown.
  for (size_t r = 0; r < analyst->rows.size(); ++r) {
    if (r != eb && r != bou) {
      EXPECT_EQ(police.cells[r], 0) << r;
    }
  }
  EXPECT_EQ(AttackAll(*analyst), "");
  const ProtectedTable not_reported = RestOf(count, police);
  EXPECT_FALSE(not_reported.cells[eb].has_value());
  EXPECT_EQ(not_reported.total, 22);

  // Everything anyone can tell from count and police together: police in EB
  // and BoU are unknown, each at most its shown count, and add up to 28. For
  // all anyone can tell, the not reported in EB may be 5 or more (police 15 in
  // EB, 13 in BoU), and they may be as few as the truth: nothing pins them.
  std::vector<int64_t> not_reported_eb;
  for (int64_t p_eb = 0; p_eb <= *count.cells[eb]; ++p_eb) {
    const int64_t p_bou = *police.total - p_eb;
    if (p_bou >= 0 && p_bou <= *count.cells[bou]) not_reported_eb.push_back(20 - p_eb);
  }
  ASSERT_FALSE(not_reported_eb.empty());
  EXPECT_GE(*std::max_element(not_reported_eb.begin(), not_reported_eb.end()), 5);
  EXPECT_GT(not_reported_eb.size(), 2u);

  // The chef over both enheter sees it all, exactly.
  auto chef = app().stats().Table(people().chef_ifo, q);
  ASSERT_TRUE(chef.ok()) << chef.status().ToString();
  EXPECT_TRUE(chef->exact);
  const size_t ce = RowOf(*chef, org().eb);
  EXPECT_EQ(chef->measures[static_cast<int>(StatsMeasure::kCount)].cells[ce], 20);
  EXPECT_EQ(chef->measures[static_cast<int>(StatsMeasure::kPolice)].cells[ce], 18);
  EXPECT_EQ(chef->measures[static_cast<int>(StatsMeasure::kPolice)].total, 28);
  ASSERT_TRUE(chef->row_figures[ce].police_rate.has_value());
  EXPECT_DOUBLE_EQ(*chef->row_figures[ce].police_rate, 0.9);
  for (const ProtectedTable& m : chef->measures) {
    for (const auto& c : Flatten(m)) EXPECT_TRUE(c.has_value());
  }
}

// November 2024, enhet × category: EB hot 20 (18 to the police), EB
// trakasserier 9 (4), BoU hot 12 (6), BoU trakasserier 7 (7). Small police
// figures, small rests and rests of zero side by side; each measure, and each
// rest anyone can take from two of them, resists the difference attack.
TEST_F(StatsServiceTest, CrossTableOfPartsResistsTheDifferenceAttackOnEveryRest) {
  struct Group {
    const Principal* who;
    UnitId unit;
    Category category;
    int incidents;
    int police;
  };
  const Group groups[] = {
      {&people().employee, org().eb, Category::kHot, 20, 18},
      {&people().employee, org().eb, Category::kTrakasserier, 9, 4},
      {&people().skyddsombud, org().bou, Category::kHot, 12, 6},
      {&people().skyddsombud, org().bou, Category::kTrakasserier, 7, 7},
  };
  for (const Group& g : groups) {
    for (int i = 0; i < g.incidents; ++i) {
      IncidentId id = ReportAt(*g.who, g.unit, At("2024-11-10T10:00:00Z") + i, g.category);
      if (i < g.police) PoliceReported(*g.who, id);
    }
  }
  StatsQuery q = ByEnhet("2024-11-01", "2024-12-01");
  q.cols = StatsDim::kCategory;
  auto analyst = app().stats().Table(people().analytiker, q);
  ASSERT_TRUE(analyst.ok()) << analyst.status().ToString();
  ASSERT_FALSE(analyst->exact);
  size_t hot = 0, trak = 0;
  for (size_t c = 0; c < analyst->cols.size(); ++c) {
    if (analyst->cols[c].key == "hot") hot = c;
    if (analyst->cols[c].key == "trakasserier") trak = c;
  }
  ASSERT_NE(hot, trak);
  const size_t cols = analyst->cols.size();
  const size_t eb = RowOf(*analyst, org().eb);
  const ProtectedTable& count = analyst->measures[static_cast<int>(StatsMeasure::kCount)];
  const ProtectedTable& police = analyst->measures[static_cast<int>(StatsMeasure::kPolice)];
  EXPECT_EQ(count.cells[eb * cols + hot], 20);
  EXPECT_EQ(count.cells[eb * cols + trak], 9);
  EXPECT_FALSE(police.cells[eb * cols + hot].has_value()) << "20 − 18 is small";
  EXPECT_FALSE(police.cells[eb * cols + trak].has_value()) << "4 is small";
  EXPECT_EQ(AttackAll(*analyst), "");

  auto chef = app().stats().Table(people().chef_ifo, q);
  ASSERT_TRUE(chef.ok()) << chef.status().ToString();
  EXPECT_TRUE(chef->exact);
  const size_t ce = RowOf(*chef, org().eb);
  const size_t chef_cols = chef->cols.size();
  const ProtectedTable& chef_police = chef->measures[static_cast<int>(StatsMeasure::kPolice)];
  EXPECT_EQ(chef_police.cells[ce * chef_cols + hot], 18);
  EXPECT_EQ(chef_police.cells[ce * chef_cols + trak], 4);
  EXPECT_EQ(chef_police.total, 35);
}

}  // namespace
}  // namespace trygg::testing
