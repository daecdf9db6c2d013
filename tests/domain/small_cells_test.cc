#include "domain/small_cells.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace trygg {
namespace {

// The figures of a table as one list, in the order cells (row-major), row
// totals, column totals, grand total, and the lines that tie them together: a
// line's parts add up to its total.
struct Line {
  std::vector<int> parts;
  int total = 0;
};

struct Layout {
  int rows = 0;
  int cols = 0;
  int Cell(int r, int c) const { return r * cols + c; }
  int RowTotal(int r) const { return rows * cols + r; }
  int ColTotal(int c) const { return rows * cols + rows + c; }
  int Total() const { return rows * cols + rows + cols; }
  int Figures() const { return Total() + 1; }

  std::vector<Line> Lines() const {
    std::vector<Line> lines;
    for (int r = 0; r < rows; ++r) {
      Line l{{}, RowTotal(r)};
      for (int c = 0; c < cols; ++c) l.parts.push_back(Cell(r, c));
      lines.push_back(l);
    }
    for (int c = 0; c < cols; ++c) {
      Line l{{}, ColTotal(c)};
      for (int r = 0; r < rows; ++r) l.parts.push_back(Cell(r, c));
      lines.push_back(l);
    }
    Line margin_row{{}, Total()};
    for (int c = 0; c < cols; ++c) margin_row.parts.push_back(ColTotal(c));
    lines.push_back(margin_row);
    Line margin_col{{}, Total()};
    for (int r = 0; r < rows; ++r) margin_col.parts.push_back(RowTotal(r));
    lines.push_back(margin_col);
    return lines;
  }
};

std::vector<std::optional<int64_t>> Flatten(const ProtectedTable& t) {
  std::vector<std::optional<int64_t>> out = t.cells;
  out.insert(out.end(), t.row_totals.begin(), t.row_totals.end());
  out.insert(out.end(), t.col_totals.begin(), t.col_totals.end());
  out.push_back(t.total);
  return out;
}

std::string Describe(const std::vector<int64_t>& cells, int rows, int cols, int t) {
  std::ostringstream s;
  s << rows << "x" << cols << " t=" << t << " [";
  for (size_t i = 0; i < cells.size(); ++i) s << (i ? "," : "") << cells[i];
  s << "]";
  return s.str();
}

// Attack 1: the difference attack. Repeatedly finds a line with exactly one
// unknown figure and solves it from the others. Returns the figures it solved.
std::vector<int> DifferenceAttack(const Layout& layout, std::vector<std::optional<int64_t>> known) {
  std::vector<int> solved;
  const std::vector<Line> lines = layout.Lines();
  bool progress = true;
  while (progress) {
    progress = false;
    for (const Line& line : lines) {
      int unknown = -1, count = 0;
      int64_t parts = 0;
      for (int f : line.parts) {
        if (known[f]) {
          parts += *known[f];
        } else {
          unknown = f;
          ++count;
        }
      }
      if (!known[line.total]) unknown = line.total, ++count;
      if (count != 1) continue;
      known[unknown] = unknown == line.total ? parts : *known[line.total] - parts;
      solved.push_back(unknown);
      progress = true;
    }
  }
  return solved;
}

// Attack 2: an exhaustive search over non-negative integer values for the
// hidden figures that agree with every shown figure and every line. Complete
// (bounds propagation, then branching on every value of the smallest domain),
// so "no solution" means there is none within the bounds.
class Solver {
 public:
  Solver(const Layout& layout, const std::vector<std::optional<int64_t>>& published, int64_t bound)
      : lines_(layout.Lines()), published_(published) {
    for (const auto& v : published) {
      lo_.push_back(v ? *v : 0);
      hi_.push_back(v ? *v : bound);
    }
  }

  // A solution in which figure f ≥ at_least, or nullopt.
  std::optional<std::vector<int64_t>> FindWith(int f, int64_t at_least) {
    std::vector<int64_t> lo = lo_, hi = hi_;
    lo[f] = std::max(lo[f], at_least);
    nodes_ = 0;
    return Search(lo, hi);
  }

  // True when `values` agrees with the published figures and every line.
  bool Valid(const std::vector<int64_t>& values) const {
    for (size_t f = 0; f < values.size(); ++f) {
      if (values[f] < 0) return false;
      if (published_[f] && *published_[f] != values[f]) return false;
    }
    for (const Line& line : lines_) {
      int64_t sum = 0;
      for (int p : line.parts) sum += values[p];
      if (sum != values[line.total]) return false;
    }
    return true;
  }

  int64_t nodes() const { return nodes_; }

 private:
  bool Propagate(std::vector<int64_t>& lo, std::vector<int64_t>& hi) const {
    bool changed = true;
    while (changed) {
      changed = false;
      for (const Line& line : lines_) {
        // sum(parts) − total = 0
        int64_t sum_lo = -hi[line.total], sum_hi = -lo[line.total];
        for (int p : line.parts) sum_lo += lo[p], sum_hi += hi[p];
        if (sum_lo > 0 || sum_hi < 0) return false;
        for (int p : line.parts) {
          // p = −(rest), rest ∈ [sum_lo − lo[p], sum_hi − hi[p]]
          const int64_t new_hi = -(sum_lo - lo[p]);
          const int64_t new_lo = -(sum_hi - hi[p]);
          if (new_hi < hi[p]) hi[p] = new_hi, changed = true;
          if (new_lo > lo[p]) lo[p] = new_lo, changed = true;
          if (lo[p] > hi[p]) return false;
          if (changed) break;
        }
        if (changed) break;
        // total = rest, rest ∈ [sum_lo + hi[total], sum_hi + lo[total]]
        const int t = line.total;
        const int64_t new_lo = sum_lo + hi[t], new_hi = sum_hi + lo[t];
        if (new_hi < hi[t]) hi[t] = new_hi, changed = true;
        if (new_lo > lo[t]) lo[t] = new_lo, changed = true;
        if (lo[t] > hi[t]) return false;
        if (changed) break;
      }
    }
    return true;
  }

  std::optional<std::vector<int64_t>> Search(std::vector<int64_t> lo, std::vector<int64_t> hi) {
    ++nodes_;
    if (!Propagate(lo, hi)) return std::nullopt;
    int branch = -1;
    for (size_t f = 0; f < lo.size(); ++f) {
      if (lo[f] == hi[f]) continue;
      if (branch < 0 || hi[f] - lo[f] < hi[branch] - lo[branch]) branch = static_cast<int>(f);
    }
    if (branch < 0) return Valid(lo) ? std::optional(lo) : std::nullopt;
    for (int64_t v = lo[branch]; v <= hi[branch]; ++v) {
      std::vector<int64_t> l = lo, h = hi;
      l[branch] = h[branch] = v;
      if (auto found = Search(l, h)) return found;
    }
    return std::nullopt;
  }

  std::vector<Line> lines_;
  std::vector<std::optional<int64_t>> published_;
  std::vector<int64_t> lo_, hi_;
  int64_t nodes_ = 0;
};

std::vector<int64_t> TrueFigures(const std::vector<int64_t>& cells, int rows, int cols) {
  const ProtectedTable exact = ProtectedTable::Exact(cells, rows, cols);
  std::vector<int64_t> out;
  for (const auto& v : Flatten(exact)) out.push_back(*v);
  return out;
}

// A mask as one list, in Flatten's order (`figures` long; empty vectors mark none).
std::vector<bool> FlattenMask(const FigureMask& mask, int rows, int cols) {
  std::vector<bool> out(rows * cols + rows + cols + 1, false);
  auto copy = [&](const std::vector<bool>& from, int at, int n) {
    for (int i = 0; i < n && i < static_cast<int>(from.size()); ++i) out[at + i] = from[i];
  };
  copy(mask.cells, 0, rows * cols);
  copy(mask.row_totals, rows * cols, rows);
  copy(mask.col_totals, rows * cols + rows, cols);
  out.back() = mask.total;
  return out;
}

// Checks everything Protect promises for one table, with figures `forced` as
// primary; returns "" or what failed.
std::string CheckProtection(const std::vector<int64_t>& cells, int rows, int cols, int t,
                            const FigureMask& forced = {}) {
  const Layout layout{rows, cols};
  const ProtectedTable table = Protect(cells, rows, cols, t, ProtectionOptions{forced});
  const std::vector<std::optional<int64_t>> published = Flatten(table);
  const std::vector<int64_t> truth = TrueFigures(cells, rows, cols);
  const std::vector<bool> force = FlattenMask(forced, rows, cols);
  const std::string what = Describe(cells, rows, cols, t);
  if (published.size() != truth.size()) return what + ": wrong shape";
  auto primary = [&](size_t f) { return force[f] || (truth[f] > 0 && truth[f] < t); };
  for (size_t f = 0; f < truth.size(); ++f) {
    // Shown figures are exact; small and forced figures are never shown.
    if (published[f] && *published[f] != truth[f]) return what + ": wrong figure";
    if (published[f] && truth[f] > 0 && truth[f] < t) return what + ": small figure shown";
    if (published[f] && force[f]) return what + ": forced figure " + std::to_string(f) + " shown";
  }
  // The line rule: no line has exactly one hidden figure.
  for (const Line& line : layout.Lines()) {
    int hidden = published[line.total] ? 0 : 1;
    for (int p : line.parts) hidden += published[p] ? 0 : 1;
    if (hidden == 1) return what + ": a line with one hidden figure";
  }
  // Attack 1 solves nothing.
  if (!DifferenceAttack(layout, published).empty()) return what + ": difference attack";
  // Attack 2: every small figure could, for all anyone can tell, be ≥ t — so
  // it has at least two possible values (its own, < t, and one ≥ t) and
  // nobody can tell it is small. A forced figure of value v could just as well
  // be ≥ max(t, v + 1): not determined, not known to be small. A solution never
  // needs a figure above the true grand total + t (moving max(t − v, 1) along
  // one cycle of the flow network).
  int64_t grand = truth.back();
  Solver solver(layout, published, grand + t);
  for (size_t f = 0; f < truth.size(); ++f) {
    if (!primary(f)) continue;
    const int64_t reach = std::max<int64_t>(t, truth[f] + 1);
    const auto found = solver.FindWith(static_cast<int>(f), reach);
    if (!found) return what + ": figure " + std::to_string(f) + " cannot reach t";
    if (!solver.Valid(*found)) return what + ": solver returned a bad witness";
  }
  return "";
}

TEST(SmallCellsTest, ExactShowsEverythingWithMargins) {
  const ProtectedTable t = ProtectedTable::Exact({1, 2, 3, 4, 5, 6}, 2, 3);
  EXPECT_EQ(t.rows, 2);
  EXPECT_EQ(t.cols, 3);
  ASSERT_EQ(t.cells.size(), 6u);
  EXPECT_EQ(t.cells[4], 5);
  EXPECT_EQ(t.row_totals, (std::vector<std::optional<int64_t>>{6, 15}));
  EXPECT_EQ(t.col_totals, (std::vector<std::optional<int64_t>>{5, 7, 9}));
  EXPECT_EQ(t.total, 21);
}

TEST(SmallCellsTest, TableWithoutSmallCellsIsUnchanged) {
  const std::vector<int64_t> cells = {10, 0, 7, 5, 30, 0, 0, 0, 9};
  const ProtectedTable exact = ProtectedTable::Exact(cells, 3, 3);
  const ProtectedTable got = Protect(cells, 3, 3, 5);
  EXPECT_EQ(Flatten(got), Flatten(exact));
}

TEST(SmallCellsTest, ZerosAreShown) {
  const ProtectedTable got = Protect({0, 20, 0, 0, 30, 40}, 2, 3, 5);
  for (const auto& c : got.cells) EXPECT_TRUE(c.has_value());
  EXPECT_EQ(got.cells[0], 0);
}

TEST(SmallCellsTest, SmallCellGetsComplementsInRowAndColumn) {
  // 2 is small: its row, its column and a fourth cell closing the cycle are hidden.
  const ProtectedTable got = Protect({2, 10, 20, 8, 30, 40}, 2, 3, 5);
  EXPECT_FALSE(got.cells[0]);
  EXPECT_FALSE(got.cells[1]);  // 10 is the smallest nonzero in row 0
  EXPECT_FALSE(got.cells[3]);  // 8 is the only other cell in column 0
  EXPECT_FALSE(got.cells[4]);  // closes the cycle in row 1
  EXPECT_TRUE(got.cells[2]);
  EXPECT_TRUE(got.cells[5]);
  for (const auto& m : got.row_totals) EXPECT_TRUE(m.has_value());
  for (const auto& m : got.col_totals) EXPECT_TRUE(m.has_value());
  EXPECT_EQ(got.total, 110);
  EXPECT_EQ(CheckProtection({2, 10, 20, 8, 30, 40}, 2, 3, 5), "");
}

TEST(SmallCellsTest, SmallMarginIsHidden) {
  // Row 0 totals 3, all its cells are small.
  const ProtectedTable got = Protect({1, 2, 0, 40, 50, 60}, 2, 3, 5);
  EXPECT_FALSE(got.row_totals[0]);
  EXPECT_FALSE(got.cells[0]);
  EXPECT_FALSE(got.cells[1]);
  EXPECT_EQ(CheckProtection({1, 2, 0, 40, 50, 60}, 2, 3, 5), "");
}

TEST(SmallCellsTest, OneWayTableHidesRowTotalsWithCells) {
  const ProtectedTable got = Protect({3, 12, 20, 0, 7}, 5, 1, 5);
  ASSERT_EQ(got.cells.size(), 5u);
  EXPECT_FALSE(got.cells[0]);  // small
  EXPECT_FALSE(got.cells[4]);  // the smallest nonzero other: 3 + 7 ≥ 5
  EXPECT_EQ(got.cells[1], 12);
  EXPECT_EQ(got.cells[2], 20);
  EXPECT_EQ(got.cells[3], 0);
  for (int r = 0; r < 5; ++r) EXPECT_EQ(got.row_totals[r], got.cells[r]) << r;
  EXPECT_EQ(got.total, 42);
  EXPECT_EQ(got.col_totals[0], 42);
  EXPECT_EQ(CheckProtection({3, 12, 20, 0, 7}, 5, 1, 5), "");
}

TEST(SmallCellsTest, OneWayTableWithTwoSmallCellsSummingBelowThreshold) {
  // 1 + 2 < 5: a third figure must go.
  const ProtectedTable got = Protect({1, 2, 9, 30}, 4, 1, 5);
  EXPECT_FALSE(got.cells[0]);
  EXPECT_FALSE(got.cells[1]);
  EXPECT_FALSE(got.cells[2]);
  EXPECT_EQ(got.cells[3], 30);
  EXPECT_EQ(got.total, 42);
  EXPECT_EQ(CheckProtection({1, 2, 9, 30}, 4, 1, 5), "");
}

TEST(SmallCellsTest, SmallGrandTotalHidesEverythingNonzero) {
  const ProtectedTable got = Protect({1, 0, 0, 2}, 2, 2, 5);
  EXPECT_FALSE(got.total);
  EXPECT_FALSE(got.cells[0]);
  EXPECT_FALSE(got.cells[3]);
  EXPECT_EQ(CheckProtection({1, 0, 0, 2}, 2, 2, 5), "");
}

TEST(SmallCellsTest, ThresholdOneHidesNothing) {
  const std::vector<int64_t> cells = {1, 2, 3, 4};
  EXPECT_EQ(Flatten(Protect(cells, 2, 2, 1)), Flatten(ProtectedTable::Exact(cells, 2, 2)));
}

TEST(SmallCellsTest, EmptyTable) {
  const ProtectedTable got = Protect({}, 0, 1, 5);
  EXPECT_EQ(got.rows, 0);
  EXPECT_TRUE(got.cells.empty());
  EXPECT_EQ(got.total, 0);
}

TEST(SmallCellsTest, Deterministic) {
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> value(0, 9);
  std::vector<int64_t> cells(12 * 8);
  for (auto& c : cells) c = value(rng);
  const auto first = Flatten(Protect(cells, 12, 8, 5));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(Flatten(Protect(cells, 12, 8, 5)), first);
}

TEST(SmallCellsTest, DifferenceAttackFailsOnAWorkedExample) {
  // Someone with the published rows, columns and totals subtracts what they
  // see from each total; every line has two or more unknowns.
  const std::vector<int64_t> cells = {1, 14, 22, 9, 3, 17, 25, 30, 4};
  const ProtectedTable got = Protect(cells, 3, 3, 5);
  EXPECT_TRUE(DifferenceAttack(Layout{3, 3}, Flatten(got)).empty());
  EXPECT_EQ(CheckProtection(cells, 3, 3, 5), "");
}

// Thousands of small random tables (1–4 × 1–4, mostly small values), each
// attacked by the difference attack and the exhaustive search:
// - no line has exactly one hidden figure, so the difference attack never
//   solves anything;
// - every figure v with 0 < v < t (cell or margin) has a consistent
//   non-negative integer completion in which it is ≥ t: it is not determined
//   (it has at least two feasible values) and cannot be shown to be small.
TEST(SmallCellsTest, RandomTablesResistDifferenceAndExhaustiveAttacks) {
  std::mt19937 rng(20260601);
  std::uniform_int_distribution<int> size(1, 4);
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<int> small(1, 4);
  std::uniform_int_distribution<int> large(5, 12);
  int failures = 0;
  int checked = 0;
  for (int i = 0; i < 4000; ++i) {
    const int rows = size(rng), cols = size(rng);
    const int t = i % 4 == 0 ? 3 : 5;
    std::vector<int64_t> cells(rows * cols);
    for (auto& c : cells) {
      const int k = kind(rng);
      c = k < 3 ? 0 : k < 7 ? small(rng) : large(rng);
    }
    const std::string failure = CheckProtection(cells, rows, cols, t);
    ++checked;
    if (!failure.empty()) {
      ADD_FAILURE() << failure;
      if (++failures > 10) break;
    }
  }
  EXPECT_EQ(checked, 4000);
}

TEST(SmallCellsTest, HiddenFiguresMarksWhatATableHides) {
  const ProtectedTable got = Protect({2, 10, 20, 8, 30, 40}, 2, 3, 5);
  const FigureMask hidden = HiddenFigures(got);
  EXPECT_EQ(hidden.cells, (std::vector<bool>{true, true, false, true, true, false}));
  EXPECT_EQ(hidden.row_totals, (std::vector<bool>{false, false}));
  EXPECT_EQ(hidden.col_totals, (std::vector<bool>{false, false, false}));
  EXPECT_FALSE(hidden.total);
  const FigureMask none = HiddenFigures(ProtectedTable::Exact({1, 2}, 1, 2));
  EXPECT_EQ(none.cells, (std::vector<bool>{false, false}));
}

TEST(SmallCellsTest, NoForcedFiguresIsPlainProtection) {
  const std::vector<int64_t> cells = {1, 14, 22, 9, 3, 17, 25, 30, 4};
  EXPECT_EQ(Flatten(Protect(cells, 3, 3, 5, ProtectionOptions{})),
            Flatten(Protect(cells, 3, 3, 5)));
  FigureMask all_false;
  all_false.cells.assign(9, false);
  all_false.row_totals.assign(3, false);
  EXPECT_EQ(Flatten(Protect(cells, 3, 3, 5, ProtectionOptions{all_false})),
            Flatten(Protect(cells, 3, 3, 5)));
}

TEST(SmallCellsTest, ForcedLargeCellIsHiddenWithComplements) {
  // No small figure at all: 18 is forced (its rest elsewhere is small). A lone
  // hidden 18 would be its row total minus 40; so its row, its column and a
  // fourth cell closing the cycle go, and it could be 19 as well as 18.
  const std::vector<int64_t> cells = {18, 40, 30, 50};
  FigureMask forced;
  forced.cells = {true, false, false, false};
  const ProtectedTable got = Protect(cells, 2, 2, 5, ProtectionOptions{forced});
  for (const auto& c : got.cells) EXPECT_FALSE(c.has_value());
  EXPECT_EQ(got.row_totals, (std::vector<std::optional<int64_t>>{58, 80}));
  EXPECT_EQ(got.col_totals, (std::vector<std::optional<int64_t>>{48, 90}));
  EXPECT_EQ(got.total, 138);
  EXPECT_TRUE(DifferenceAttack(Layout{2, 2}, Flatten(got)).empty());
  EXPECT_EQ(CheckProtection(cells, 2, 2, 5, forced), "");
}

TEST(SmallCellsTest, ForcedMarginsAndZerosAreProtectedToo) {
  // A forced row total, and a forced zero (its parent is hidden elsewhere):
  // the zero could, for all anyone can tell, be 5 or more.
  const std::vector<int64_t> cells = {0, 12, 9, 20, 7, 6, 11, 30, 8};
  FigureMask forced;
  forced.cells = {true, false, false, false, false, false, false, false, false};
  forced.row_totals = {false, true, false};
  const ProtectedTable got = Protect(cells, 3, 3, 5, ProtectionOptions{forced});
  EXPECT_FALSE(got.cells[0].has_value());
  EXPECT_FALSE(got.row_totals[1].has_value());
  EXPECT_EQ(CheckProtection(cells, 3, 3, 5, forced), "");

  FigureMask grand;
  grand.total = true;
  EXPECT_FALSE(Protect(cells, 3, 3, 5, ProtectionOptions{grand}).total.has_value());
  EXPECT_EQ(CheckProtection(cells, 3, 3, 5, grand), "");
}

TEST(SmallCellsTest, ForcedCellOfAOneWayTableHidesItsRowTotal) {
  const std::vector<int64_t> cells = {18, 12, 20, 40};
  FigureMask forced;
  forced.cells = {true, false, false, false};
  const ProtectedTable got = Protect(cells, 4, 1, 5, ProtectionOptions{forced});
  EXPECT_FALSE(got.cells[0].has_value());
  EXPECT_FALSE(got.row_totals[0].has_value());
  EXPECT_FALSE(got.cells[1].has_value()) << "the smallest other keeps it company";
  EXPECT_EQ(got.total, 90);
  EXPECT_EQ(CheckProtection(cells, 4, 1, 5, forced), "");
  FigureMask by_total;
  by_total.row_totals = {true, false, false, false};
  EXPECT_EQ(Flatten(Protect(cells, 4, 1, 5, ProtectionOptions{by_total})), Flatten(got));
}

// As RandomTablesResistDifferenceAndExhaustiveAttacks, with random figures
// forced (cells, margins, zeros and large ones alike): every forced figure is
// hidden, the line rule holds, the difference attack solves nothing, and each
// forced figure v could be ≥ max(t, v + 1) — the guarantees small figures get.
TEST(SmallCellsTest, RandomForcedFiguresGetTheSameGuarantees) {
  std::mt19937 rng(20260602);
  std::uniform_int_distribution<int> size(1, 4);
  std::uniform_int_distribution<int> kind(0, 9);
  std::uniform_int_distribution<int> small(1, 4);
  std::uniform_int_distribution<int> large(5, 25);
  std::bernoulli_distribution force(0.15);
  int failures = 0;
  int checked = 0;
  int forced_count = 0;
  for (int i = 0; i < 3000; ++i) {
    const int rows = size(rng), cols = size(rng);
    const int t = i % 4 == 0 ? 3 : 5;
    std::vector<int64_t> cells(rows * cols);
    for (auto& c : cells) {
      const int k = kind(rng);
      c = k < 2 ? 0 : k < 4 ? small(rng) : large(rng);
    }
    FigureMask forced;
    for (int f = 0; f < rows * cols; ++f) forced.cells.push_back(force(rng));
    for (int r = 0; r < rows; ++r) forced.row_totals.push_back(force(rng));
    for (int c = 0; c < cols; ++c) forced.col_totals.push_back(force(rng));
    forced.total = force(rng) && force(rng);
    for (bool b : FlattenMask(forced, rows, cols)) forced_count += b ? 1 : 0;
    const std::string failure = CheckProtection(cells, rows, cols, t, forced);
    ++checked;
    if (!failure.empty()) {
      ADD_FAILURE() << failure;
      if (++failures > 10) break;
    }
  }
  EXPECT_EQ(checked, 3000);
  EXPECT_GT(forced_count, 3000);
}

}  // namespace
}  // namespace trygg
