// Small-cell protection: hides counts that could identify a person, and enough other counts that no
// total gives them away.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

namespace trygg {

inline constexpr int kDefaultSmallCellThreshold = 5;

// A two-way table of counts with its margins, as published: nullopt is a
// hidden ("..") figure.
struct ProtectedTable {
  int rows = 0;
  int cols = 0;
  std::vector<std::optional<int64_t>> cells;  // rows * cols, row-major
  std::vector<std::optional<int64_t>> row_totals;
  std::vector<std::optional<int64_t>> col_totals;
  std::optional<int64_t> total;

  // Cells and margins all shown, as given (exact figures).
  static ProtectedTable Exact(const std::vector<int64_t>& cells, int rows, int cols);
};

// Which figures of a rows × cols table, in ProtectedTable's shape: true marks a
// figure. An empty vector marks none of its kind.
struct FigureMask {
  std::vector<bool> cells;       // rows * cols, row-major, or empty
  std::vector<bool> row_totals;  // rows, or empty
  std::vector<bool> col_totals;  // cols, or empty
  bool total = false;

  bool operator==(const FigureMask&) const = default;
};

// The figures `table` hides (all four vectors sized to the table).
FigureMask HiddenFigures(const ProtectedTable& table);

struct ProtectionOptions {
  // Figures to hide as primary whatever their value, besides the small ones:
  // for a measure that counts part of another, the figures whose showing
  // would give away the parent or a small rest (parent − part) published
  // elsewhere. They get every guarantee a small figure gets.
  FigureMask forced;
};

// Protects `cells` (rows × cols, row-major, each ≥ 0) and the margins computed
// from them, for a threshold t ≥ 1:
// - primary: every figure (cell or margin) with 0 < value < t is hidden, and
//   every figure options.forced marks (a forced figure of a one-way table's
//   cell or its row total forces both);
// - complementary: then, in every line — a row with its row total, a column
//   with its column total, and the row of column totals with the grand total —
//   that has hidden figures, at least two are hidden and the hidden figures
//   sum to at least t, so that subtracting the shown figures of a line from
//   its total never yields a hidden figure or narrows it below t. Further
//   figures are hidden, smallest nonzero first (cells before margins), until
//   every line holds; a line that cannot hold hides its total as well.
// - range: then, for every primary figure of value v, the hidden figures are
//   made to admit a non-negative integer completion, consistent with every
//   shown figure and every line, in which that figure is ≥ max(t, v + 1) (for
//   a small figure: ≥ t; for a forced one ≥ t: not its own value). Further figures
//   are hidden (cheapest first: fewest, cells before margins, nonzero before
//   zero, smaller first) until each does; the table is a flow network
//   (S → row total → cell → column total → grand total → S) and this is a
//   max-flow check per primary figure.
// The two steps repeat until neither hides more. Guarantee (tested by attack:
// tests/domain/small_cells_test.cc): no line has exactly one hidden figure,
// so no total minus shown figures ever gives a hidden one; and no primary
// figure (0 < v < t, or forced) is determined by all the shown figures
// together — each has at least two feasible values, one of them ≥ t, so
// nobody can even tell it is small. (Not guaranteed: that complements, which
// are neither small nor forced, stay undetermined.)
// Zeros are shown (a zero identifies nobody) unless hidden as complements.
// A one-way table is rows × 1: its single column is the line with the total;
// its row totals equal its cells and are hidden with them (likewise 1 × cols).
// Deterministic: the same table gives the same result. Cost: a few ms for a
// 300 × 12 table with some hundred small cells; up to ~0.2 s when most of such
// a table is small.
ProtectedTable Protect(const std::vector<int64_t>& cells, int rows, int cols, int threshold);
ProtectedTable Protect(const std::vector<int64_t>& cells, int rows, int cols, int threshold,
                       const ProtectionOptions& options);

}  // namespace trygg
