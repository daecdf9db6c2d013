#include "domain/small_cells.h"

#include <algorithm>
#include <limits>
#include <queue>
#include <utility>

namespace trygg {
namespace {

constexpr int64_t kInf = std::numeric_limits<int64_t>::max() / 4;

// The published figures of a table as one list: cells (row-major), then row
// totals, column totals and the grand total. Each figure is also an edge of a
// flow network S → row r → column c → K → S (row total r: S → row r; cell:
// row r → column c; column total c: column c → K; grand total: K → S), whose
// conservation laws are exactly the table's additivity. What an attacker can
// infer about a hidden figure from the shown ones is the range of that edge's
// flow over all non-negative flows that agree with the shown edges.
class Table {
 public:
  Table(const std::vector<int64_t>& cells, int rows, int cols, int threshold,
        const FigureMask& forced)
      : rows_(rows), cols_(cols), threshold_(threshold) {
    const int n = rows * cols + rows + cols + 1;
    value_.assign(n, 0);
    hidden_.assign(n, false);
    forced_.assign(n, false);
    from_.assign(n, 0);
    to_.assign(n, 0);
    for (int r = 0; r < rows; ++r) {
      for (int c = 0; c < cols; ++c) {
        const int64_t v = cells[r * cols + c];
        value_[Cell(r, c)] = v;
        value_[RowTotal(r)] += v;
        value_[ColTotal(c)] += v;
        value_[Total()] += v;
        Edge(Cell(r, c), RowNode(r), ColNode(c));
      }
      Edge(RowTotal(r), kSource, RowNode(r));
    }
    for (int c = 0; c < cols; ++c) Edge(ColTotal(c), ColNode(c), SinkNode());
    Edge(Total(), SinkNode(), kSource);
    BuildLines();
    auto force = [&](int f) {
      forced_[f] = true;
      if (const int m = Mirror(f); m >= 0) forced_[m] = true;
    };
    for (size_t i = 0; i < forced.cells.size() && i < static_cast<size_t>(rows * cols); ++i) {
      if (forced.cells[i]) force(static_cast<int>(i));
    }
    for (int r = 0; r < rows && r < static_cast<int>(forced.row_totals.size()); ++r) {
      if (forced.row_totals[r]) force(RowTotal(r));
    }
    for (int c = 0; c < cols && c < static_cast<int>(forced.col_totals.size()); ++c) {
      if (forced.col_totals[c]) force(ColTotal(c));
    }
    if (forced.total) force(Total());
  }

  int Cell(int r, int c) const { return r * cols_ + c; }
  int RowTotal(int r) const { return rows_ * cols_ + r; }
  int ColTotal(int c) const { return rows_ * cols_ + rows_ + c; }
  int Total() const { return rows_ * cols_ + rows_ + cols_; }
  int Figures() const { return static_cast<int>(value_.size()); }
  bool IsCell(int f) const { return f < rows_ * cols_; }
  bool Primary(int f) const { return forced_[f] || (value_[f] > 0 && value_[f] < threshold_); }

  void Protect() {
    for (int f = 0; f < Figures(); ++f) {
      if (Primary(f)) Hide(f);
    }
    // Hiding more only widens what the hidden figures can be, so a figure
    // once secured stays secured.
    std::vector<bool> secured(Figures(), false);
    bool changed = true;
    while (changed) {
      changed = EnforceLines();
      for (int f = 0; f < Figures(); ++f) {
        if (!Primary(f) || secured[f]) continue;
        changed = SecureRange(f) || changed;
        secured[f] = true;
      }
    }
  }

  ProtectedTable Published() const {
    ProtectedTable t;
    t.rows = rows_;
    t.cols = cols_;
    auto shown = [&](int f) -> std::optional<int64_t> {
      if (hidden_[f]) return std::nullopt;
      return value_[f];
    };
    for (int r = 0; r < rows_; ++r) {
      for (int c = 0; c < cols_; ++c) t.cells.push_back(shown(Cell(r, c)));
    }
    for (int r = 0; r < rows_; ++r) t.row_totals.push_back(shown(RowTotal(r)));
    for (int c = 0; c < cols_; ++c) t.col_totals.push_back(shown(ColTotal(c)));
    t.total = shown(Total());
    return t;
  }

 private:
  static constexpr int kSource = 0;
  int RowNode(int r) const { return 1 + r; }
  int ColNode(int c) const { return 1 + rows_ + c; }
  int SinkNode() const { return 1 + rows_ + cols_; }
  int Nodes() const { return 2 + rows_ + cols_; }

  void Edge(int f, int from, int to) {
    from_[f] = from;
    to_[f] = to;
  }

  // A line: figures that add up to the last one (its total). Lines of a single
  // figure and its total (a one-way table's rows) are the same number twice and
  // are kept together by Hide instead.
  struct Line {
    std::vector<int> parts;
    int total = 0;
  };

  void BuildLines() {
    for (int r = 0; r < rows_; ++r) {
      Line line{{}, RowTotal(r)};
      for (int c = 0; c < cols_; ++c) line.parts.push_back(Cell(r, c));
      lines_.push_back(std::move(line));
    }
    for (int c = 0; c < cols_; ++c) {
      Line line{{}, ColTotal(c)};
      for (int r = 0; r < rows_; ++r) line.parts.push_back(Cell(r, c));
      lines_.push_back(std::move(line));
    }
    Line margin_row{{}, Total()};
    for (int c = 0; c < cols_; ++c) margin_row.parts.push_back(ColTotal(c));
    lines_.push_back(std::move(margin_row));
    Line margin_col{{}, Total()};
    for (int r = 0; r < rows_; ++r) margin_col.parts.push_back(RowTotal(r));
    lines_.push_back(std::move(margin_col));
  }

  // The figure that always equals `f` (a one-way table's cell and its row
  // total, a single row's cell and its column total), or -1.
  int Mirror(int f) const {
    if (cols_ == 1) {
      if (IsCell(f)) return RowTotal(f);
      if (f >= RowTotal(0) && f < RowTotal(0) + rows_) return f - RowTotal(0);
      if (f == ColTotal(0)) return Total();
      if (f == Total()) return ColTotal(0);
    }
    if (rows_ == 1) {
      if (IsCell(f)) return ColTotal(f);
      if (f >= ColTotal(0) && f < ColTotal(0) + cols_) return f - ColTotal(0);
      if (f == RowTotal(0)) return Total();
      if (f == Total()) return RowTotal(0);
    }
    return -1;
  }

  // Hides `f` and whatever always equals it; false when already hidden.
  bool Hide(int f) {
    if (hidden_[f]) return false;
    hidden_[f] = true;
    const int m = Mirror(f);
    if (m >= 0) hidden_[m] = true;
    if (cols_ == 1 && rows_ == 1) {  // one cell: every figure is the same number
      std::fill(hidden_.begin(), hidden_.end(), true);
    }
    ++hidden_count_;
    return true;
  }

  // The line rule: a line with hidden figures has at least two of them, and
  // they sum to at least the threshold. Adds the smallest nonzero shown part
  // (then the total) until each line holds or cannot. True when it hid any.
  bool EnforceLines() {
    bool any = false;
    bool changed = true;
    while (changed) {
      changed = false;
      for (const Line& line : lines_) {
        if (line.parts.size() < 2) continue;
        while (true) {
          int count = 0;
          int64_t sum = 0;
          for (int f : line.parts) {
            if (hidden_[f]) ++count, sum += value_[f];
          }
          if (hidden_[line.total]) ++count, sum += value_[line.total];
          if (count == 0 || (count >= 2 && sum >= threshold_)) break;
          int pick = -1;
          for (int f : line.parts) {
            if (hidden_[f] || value_[f] == 0) continue;
            if (pick < 0 || value_[f] < value_[pick]) pick = f;
          }
          if (pick < 0 && !hidden_[line.total]) pick = line.total;
          if (pick < 0 && count < 2) {  // a lone hidden figure: a zero must keep it company
            for (int f : line.parts) {
              if (!hidden_[f]) {
                pick = f;
                break;
              }
            }
          }
          if (pick < 0) break;  // cannot reach the sum: SecureRange protects what it must
          Hide(pick);
          changed = any = true;
        }
      }
    }
    return any;
  }

  // The residual network, as arcs in pairs (arc i and i ^ 1 are opposite):
  // a hidden edge a → b of value w can carry more (a → b, unbounded) or up to
  // w less (b → a). Shown edges join it only when looking for complements.
  struct Arc {
    int to = 0;
    int figure = 0;
    int next = -1;  // the next arc out of the same node
  };

  void ClearGraph() {
    arcs_.clear();
    cap_.clear();
    first_.assign(Nodes(), -1);
  }

  void AddArcPair(int f, int64_t cap_forward, int64_t cap_backward) {
    const int a = from_[f], b = to_[f];
    arcs_.push_back({b, f, first_[a]});
    first_[a] = static_cast<int>(arcs_.size()) - 1;
    cap_.push_back(cap_forward);
    arcs_.push_back({a, f, first_[b]});
    first_[b] = static_cast<int>(arcs_.size()) - 1;
    cap_.push_back(cap_backward);
  }

  // The residual network of the hidden figures, rebuilt only when more have
  // been hidden since; `skip` gets no capacity.
  void ResetResidual(int skip) {
    if (graph_hidden_ != hidden_count_) {
      ClearGraph();
      for (int f = 0; f < Figures(); ++f) {
        if (hidden_[f]) AddArcPair(f, kInf, value_[f]);
      }
      base_cap_ = cap_;
      graph_hidden_ = hidden_count_;
    }
    arcs_.resize(base_cap_.size());
    cap_ = base_cap_;
    for (int n = 0; n < Nodes(); ++n) {
      while (first_[n] >= static_cast<int>(arcs_.size())) first_[n] = arcs_[first_[n]].next;
    }
    for (size_t i = 0; i < arcs_.size(); ++i) {
      if (arcs_[i].figure == skip) cap_[i] = 0;
    }
  }

  // Pushes up to `need` units from `s` to `t` along shortest augmenting paths;
  // returns how much went through.
  int64_t MaxFlow(int s, int t, int64_t need) {
    int64_t flow = 0;
    std::vector<int> via(Nodes());  // the arc that reached each node
    std::vector<int> queue;
    while (flow < need) {
      std::fill(via.begin(), via.end(), -1);
      queue.assign(1, s);
      via[s] = -2;
      for (size_t q = 0; q < queue.size() && via[t] == -1; ++q) {
        for (int i = first_[queue[q]]; i >= 0; i = arcs_[i].next) {
          if (cap_[i] > 0 && via[arcs_[i].to] == -1) {
            via[arcs_[i].to] = i;
            queue.push_back(arcs_[i].to);
            if (arcs_[i].to == t) break;
          }
        }
      }
      if (via[t] == -1) break;
      int64_t push = need - flow;
      for (int v = t; v != s; v = arcs_[via[v] ^ 1].to) push = std::min(push, cap_[via[v]]);
      for (int v = t; v != s; v = arcs_[via[v] ^ 1].to) {
        cap_[via[v]] -= push;
        cap_[via[v] ^ 1] += push;
      }
      flow += push;
    }
    return flow;
  }

  // The protection rule: a primary figure of value v (0 < v < t, or forced)
  // can, as far as anyone can tell from the shown figures, be as large as
  // max(t, v + 1) — so it is not determined, and nobody can tell it is small.
  // Its edge u → w can grow by as much as flow can return from w to u through
  // the other hidden edges. When that is less than max(t − v, 1), hides the
  // cheapest shown figures that open a
  // path for more (a shown edge can carry more forwards, or as much as its
  // value backwards). True when it hid any.
  bool SecureRange(int f) {
    const int64_t need = std::max<int64_t>(threshold_ - value_[f], 1);
    const int u = from_[f], w = to_[f];
    bool any = false;
    while (true) {
      ResetResidual(f);
      if (MaxFlow(w, u, need) >= need) return any;
      // Shown figures join the residual network at a cost: many new figures
      // cost most, then margins over cells, zeros over nonzero, and larger
      // over smaller values. Hidden arcs with capacity left cost nothing.
      for (int g = 0; g < Figures(); ++g) {
        if (!hidden_[g]) AddArcPair(g, kInf, value_[g]);
      }
      std::vector<int64_t> dist(Nodes(), kInf);
      std::vector<int> via(Nodes(), -1);
      using Item = std::pair<int64_t, int>;
      std::priority_queue<Item, std::vector<Item>, std::greater<>> heap;
      dist[w] = 0;
      heap.push({0, w});
      while (!heap.empty()) {
        const auto [d, a] = heap.top();
        heap.pop();
        if (d > dist[a]) continue;
        for (int i = first_[a]; i >= 0; i = arcs_[i].next) {
          if (cap_[i] <= 0) continue;
          const int g = arcs_[i].figure;
          const int64_t nd = d + (hidden_[g] ? 0 : HideCost(g));
          if (nd < dist[arcs_[i].to]) {
            dist[arcs_[i].to] = nd;
            via[arcs_[i].to] = i;
            heap.push({nd, arcs_[i].to});
          }
        }
      }
      if (dist[u] >= kInf) return any;  // cannot happen: hiding everything opens K → S
      bool hid = false;
      for (int v = u; v != w; v = arcs_[via[v] ^ 1].to) hid = Hide(arcs_[via[v]].figure) || hid;
      if (!hid) return any;
      any = true;
    }
  }

  int64_t HideCost(int f) const {
    int64_t cost = 1'000'000 + std::min<int64_t>(value_[f], 100'000);
    if (value_[f] == 0) cost += 200'000;
    const int m = Mirror(f);
    if (!IsCell(f) && !(m >= 0 && IsCell(m))) cost += 10'000'000;
    return cost;
  }

  int rows_ = 0;
  int cols_ = 0;
  int threshold_ = 1;
  std::vector<int64_t> value_;
  std::vector<bool> hidden_;
  std::vector<bool> forced_;
  std::vector<int> from_;
  std::vector<int> to_;
  std::vector<Line> lines_;
  int hidden_count_ = 0;   // grows with every Hide
  int graph_hidden_ = -1;  // hidden_count_ when the residual network was built
  std::vector<Arc> arcs_;
  std::vector<int64_t> cap_;
  std::vector<int64_t> base_cap_;
  std::vector<int> first_;
};

}  // namespace

ProtectedTable ProtectedTable::Exact(const std::vector<int64_t>& cells, int rows, int cols) {
  ProtectedTable t;
  t.rows = rows;
  t.cols = cols;
  t.row_totals.assign(rows, int64_t{0});
  t.col_totals.assign(cols, int64_t{0});
  int64_t total = 0;
  for (int r = 0; r < rows; ++r) {
    for (int c = 0; c < cols; ++c) {
      const int64_t v = cells[r * cols + c];
      t.cells.push_back(v);
      *t.row_totals[r] += v;
      *t.col_totals[c] += v;
      total += v;
    }
  }
  t.total = total;
  return t;
}

FigureMask HiddenFigures(const ProtectedTable& table) {
  FigureMask out;
  for (const auto& v : table.cells) out.cells.push_back(!v.has_value());
  for (const auto& v : table.row_totals) out.row_totals.push_back(!v.has_value());
  for (const auto& v : table.col_totals) out.col_totals.push_back(!v.has_value());
  out.total = !table.total.has_value();
  return out;
}

ProtectedTable Protect(const std::vector<int64_t>& cells, int rows, int cols, int threshold) {
  return Protect(cells, rows, cols, threshold, ProtectionOptions{});
}

ProtectedTable Protect(const std::vector<int64_t>& cells, int rows, int cols, int threshold,
                       const ProtectionOptions& options) {
  Table table(cells, rows, cols, std::max(threshold, 1), options.forced);
  table.Protect();
  return table.Published();
}

}  // namespace trygg
