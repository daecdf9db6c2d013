// trygg bench-stats: the three dashboard aggregations of issue 6 measured side by side — Trygg's
// stats index (with scope and small-cell protection) against SQLite GROUP BY without and with
// covering indexes; exports the rows as CSV for the DuckDB run.
#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>

#include "app/app.h"
#include "cli/common.h"
#include "core/clock.h"
#include "domain/calendar.h"

namespace trygg::cli {
namespace {

using Clock = std::chrono::steady_clock;

double MsSince(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

struct Timing {
  double median = 0, p95 = 0, min = 0;
};
// Runs `f` `runs` times (after one warm-up run when `warm`); the median, p95 and minimum in ms.
Timing Measure(int runs, bool warm, const std::function<void()>& f) {
  if (warm) f();
  std::vector<double> ms;
  for (int k = 0; k < runs; ++k) {
    const auto t = Clock::now();
    f();
    ms.push_back(MsSince(t));
  }
  std::sort(ms.begin(), ms.end());
  Timing out;
  out.median = ms[ms.size() / 2];
  out.p95 = ms[std::min(ms.size() - 1, static_cast<size_t>((ms.size() * 95 + 99) / 100) - 1)];
  out.min = ms.front();
  return out;
}

std::string Json(const Timing& t) {
  char buf[160];
  std::snprintf(buf, sizeof buf, "{\"median_ms\": %.3f, \"p95_ms\": %.3f, \"min_ms\": %.3f}",
                t.median, t.p95, t.min);
  return buf;
}

// --- SQLite, on its own file -------------------------------------------------

class Lite {
 public:
  ~Lite() {
    if (db_ != nullptr) sqlite3_close(db_);
  }
  Status Open(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) != SQLITE_OK)
      return Status::Unavailable("bench: cannot open " + path);
    return Exec(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -262144;");
  }
  Status Exec(const std::string& sql) {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      std::string m = err != nullptr ? err : "?";
      sqlite3_free(err);
      return Status::Internal("bench.sqlite: " + m + " in " + sql);
    }
    return Status::Ok();
  }
  // Every row of `sql` as integers.
  Result<std::vector<std::vector<int64_t>>> Rows(const std::string& sql) {
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
      return Status::Internal(std::string("bench.sqlite: ") + sqlite3_errmsg(db_));
    }
    std::vector<std::vector<int64_t>> rows;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
      std::vector<int64_t> row;
      for (int c = 0; c < sqlite3_column_count(st); ++c) row.push_back(sqlite3_column_int64(st, c));
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
      return Status::Internal(std::string("bench.sqlite: ") + sqlite3_errmsg(db_));
    return rows;
  }
  Result<int64_t> One(const std::string& sql) {
    TRYGG_ASSIGN_OR_RETURN(auto rows, Rows(sql));
    if (rows.empty() || rows[0].empty()) return Status::Internal("bench.sqlite: no row");
    return rows[0][0];
  }
  Result<int64_t> Bytes() {
    TRYGG_ASSIGN_OR_RETURN(int64_t pages, One("PRAGMA page_count"));
    TRYGG_ASSIGN_OR_RETURN(int64_t size, One("PRAGMA page_size"));
    return pages * size;
  }
  sqlite3* db() { return db_; }

 private:
  sqlite3* db_ = nullptr;
};

// The table the SQL engines query: one row per incident with decoded columns.
constexpr const char* kDecode =
    "SELECT unit_id, CAST(strftime('%Y', '2000-01-01', '+' || day || ' days') AS INTEGER) AS year, "
    "attrs & 7 AS category, ((attrs >> 3) & 3) + 1 AS severity, (attrs >> 10) & 1 AS police, "
    "(attrs >> 8) & 1 AS outside FROM src.incident_facts";

struct SqlQuery {
  std::string name, sql, index_columns;
};

std::string Path(const std::string& url) {
  if (url.rfind("sqlite:", 0) == 0) return url.substr(7);
  return url;
}

// Analyst principal by username, with its grants.
Result<Principal> PrincipalOf(Store& store, const std::string& username) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(User user, tx->GetUserByUsername(username));
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(user.id));
  Principal p;
  p.user = user;
  p.actor = Actor{user.id, user.unit_id, grants};
  return p;
}

int64_t CubeSum(const StatsCube& cube, StatsMeasure m) {
  int64_t s = 0;
  for (int64_t v : cube.cells[static_cast<int>(m)]) s += v;
  return s;
}

}  // namespace

int RunBenchStats(const Args& args) {
  const std::vector<FlagSpec> spec = {
      DbFlag(),
      {"runs", "N", "timed runs per in-memory query (default 30)"},
      {"sqlite-runs", "N", "timed runs per SQLite query (default 3)"},
      {"analyst", "USERNAME", "the analyst whose scope the tables use (default analytiker)"},
      {"sqlite-file", "PATH",
       "where the SQLite comparison table lives (default <db>.bench.sqlite)"},
      {"csv", "PATH", "also write the decoded rows as CSV (for bench/duckdb/run.mjs)"},
      {"skip-sqlite", "", "measure only Trygg's stats index"},
  };
  Flags flags;
  if (auto exit = ParseFlags(
          args, spec, "bench-stats --db FILE [--runs N] [--csv PATH]",
          "Measures the three dashboard aggregations of issue 6 on a database made by "
          "`trygg seed-demo --incidents N`: the stats index's load time and bytes per incident, "
          "StatsService::Table as an analyst (scope and small-cell protection) and the raw index "
          "query; then SQLite GROUP BY on a decoded copy of the facts, without and with the best "
          "covering index per query. Prints JSON on stdout, progress on stderr.",
          &flags)) {
    return *exit;
  }
  Result<long long> runs = flags.GetInt("runs", 30, 1, 10000);
  Result<long long> sqlite_runs = flags.GetInt("sqlite-runs", 3, 1, 1000);
  for (const Status& s : {runs.status(), sqlite_runs.status()}) {
    if (!s.ok()) {
      std::cerr << "trygg bench-stats: " << s.detail() << "\n";
      return 2;
    }
  }
  const std::string url = DatabaseUrl(flags);
  Result<std::unique_ptr<Store>> opened = OpenStore(url);
  if (!opened.ok()) return Fail("bench-stats", opened.status());
  Store& store = **opened;

  // --- (a) Trygg: load, memory, the three tables.
  std::cerr << "Loading the stats index…\n";
  StatsIndex fresh;
  auto t0 = Clock::now();
  if (Status s = fresh.Load(store); !s.ok()) return Fail("bench-stats", s);
  const double load_ms = MsSince(t0);
  const int64_t incidents = fresh.size();
  const int64_t memory = fresh.memory_bytes();
  std::cerr << "  " << incidents << " incidents in " << load_ms << " ms, " << memory << " bytes ("
            << (incidents > 0 ? static_cast<double>(memory) / static_cast<double>(incidents) : 0)
            << " per incident)\n";

  SystemClock clock;
  App app(store, clock);
  t0 = Clock::now();
  if (Status s = app.stats().Load(); !s.ok()) return Fail("bench-stats", s);
  const double service_load_ms = MsSince(t0);
  Result<Principal> analyst = PrincipalOf(store, flags.Get("analyst").value_or("analytiker"));
  if (!analyst.ok()) return Fail("bench-stats", analyst.status());
  std::vector<OrgUnit> units;
  {
    Result<std::unique_ptr<StoreTx>> tx = store.BeginRead();
    if (!tx.ok()) return Fail("bench-stats", tx.status());
    Result<std::vector<OrgUnit>> listed = (*tx)->ListUnits();
    if (!listed.ok()) return Fail("bench-stats", listed.status());
    units = std::move(listed).value();
  }
  const OrgTree tree(units);
  std::vector<UnitId> all_units;
  for (const OrgUnit& u : units) all_units.push_back(u.id);

  const int year = StockholmDate(clock.NowMs()).year - 1;  // the last whole year
  StatsQuery q1;
  q1.rows = StatsDim::kEnhet;
  q1.cols = StatsDim::kYear;
  q1.measures = MeasureBit(StatsMeasure::kCount);
  StatsQuery q2;
  q2.rows = StatsDim::kCategory;
  q2.cols = StatsDim::kSeverity;
  q2.filter.from = StatsDayOf(LocalDate{year, 1, 1});
  q2.filter.to = StatsDayOf(LocalDate{year + 1, 1, 1});
  q2.measures = MeasureBit(StatsMeasure::kCount) | MeasureBit(StatsMeasure::kPolice) |
                MeasureBit(StatsMeasure::kOutside);
  StatsQuery q3;
  q3.rows = StatsDim::kEnhet;
  q3.cols = StatsDim::kCategory;
  q3.filter.min_severity = 3;
  q3.measures = MeasureBit(StatsMeasure::kCount);
  const std::string y = std::to_string(year);
  const std::vector<std::pair<StatsQuery, SqlQuery>> queries = {
      {q1,
       {"enhet_x_year", "SELECT unit_id, year, COUNT(*) FROM f GROUP BY unit_id, year",
        "unit_id, year"}},
      {q2,
       {"category_x_severity_" + y,
        "SELECT category, severity, COUNT(*), SUM(police), SUM(outside) FROM f WHERE year = " + y +
            " GROUP BY category, severity",
        "year, category, severity, police, outside"}},
      {q3,
       {"enhet_x_category_sev3",
        "SELECT unit_id, category, COUNT(*) FROM f WHERE severity >= 3 GROUP BY unit_id, category",
        "unit_id, category, severity"}},
  };

  std::ostringstream json;
  json << "{\n  \"incidents\": " << incidents << ",\n  \"year\": " << year
       << ",\n  \"trygg\": {\"load_ms\": " << load_ms
       << ", \"service_load_ms\": " << service_load_ms << ", \"memory_bytes\": " << memory
       << ", \"bytes_per_incident\": "
       << (incidents > 0 ? static_cast<double>(memory) / static_cast<double>(incidents) : 0)
       << ", \"queries\": [";
  std::vector<std::vector<int64_t>> checks;  // per query: totals to compare with SQLite
  for (size_t k = 0; k < queries.size(); ++k) {
    const auto& [q, sqlq] = queries[k];
    Status failed = Status::Ok();
    Result<StatsTable> table = app.stats().Table(*analyst, q);
    if (!table.ok()) return Fail("bench-stats", table.status());
    const Timing served = Measure(static_cast<int>(*runs), true, [&] {
      Result<StatsTable> t = app.stats().Table(*analyst, q);
      if (!t.ok()) failed = t.status();
    });
    Result<StatsCube> cube = app.stats().index().Query(q, tree, all_units);
    if (!cube.ok()) return Fail("bench-stats", cube.status());
    const Timing raw = Measure(static_cast<int>(*runs), true, [&] {
      Result<StatsCube> c = app.stats().index().Query(q, tree, all_units);
      if (!c.ok()) failed = c.status();
    });
    if (!failed.ok()) return Fail("bench-stats", failed);
    checks.push_back({CubeSum(*cube, StatsMeasure::kCount), CubeSum(*cube, StatsMeasure::kPolice),
                      CubeSum(*cube, StatsMeasure::kOutside)});
    std::cerr << "  " << sqlq.name << ": Table " << served.median << " ms (p95 " << served.p95
              << "), index " << raw.median << " ms (p95 " << raw.p95 << "), " << cube->rows.size()
              << "×" << cube->cols.size() << " cells, exact " << (table->exact ? "yes" : "no")
              << "\n";
    json << (k == 0 ? "\n" : ",\n") << "    {\"name\": \"" << sqlq.name
         << "\", \"table\": " << Json(served) << ", \"index\": " << Json(raw)
         << ", \"rows\": " << cube->rows.size() << ", \"cols\": " << cube->cols.size()
         << ", \"total\": " << checks.back()[0]
         << ", \"exact\": " << (table->exact ? "true" : "false") << "}";
  }
  json << "\n  ]}";

  // --- (b) SQLite on a decoded copy of the facts.
  if (!flags.Has("skip-sqlite") || flags.Has("csv")) {
    const std::string path = flags.Get("sqlite-file").value_or(Path(url) + ".bench.sqlite");
    std::error_code ec;
    std::filesystem::remove(path, ec);
    Lite lite;
    Status s = lite.Open(path);
    std::cerr << "SQLite: building the table in " << path << "…\n";
    t0 = Clock::now();
    if (s.ok()) s = lite.Exec("ATTACH DATABASE 'file:" + Path(url) + "?mode=ro' AS src");
    if (s.ok()) s = lite.Exec(std::string("CREATE TABLE f AS ") + kDecode);
    if (s.ok()) s = lite.Exec("DETACH DATABASE src");
    if (!s.ok()) return Fail("bench-stats", s);
    const double build_ms = MsSince(t0);
    Result<int64_t> table_bytes = lite.Bytes();
    Result<int64_t> rows = lite.One("SELECT COUNT(*) FROM f");
    if (!table_bytes.ok() || !rows.ok()) return Fail("bench-stats", table_bytes.status());
    std::cerr << "  " << *rows << " rows, " << *table_bytes / 1000000 << " MB, " << build_ms
              << " ms\n";

    if (const std::optional<std::string> csv = flags.Get("csv")) {
      std::cerr << "Writing " << *csv << "…\n";
      std::ofstream out(*csv);
      out << "unit_id,year,category,severity,police,outside\n";
      sqlite3_stmt* st = nullptr;
      sqlite3_prepare_v2(lite.db(), "SELECT * FROM f", -1, &st, nullptr);
      std::string line;
      while (sqlite3_step(st) == SQLITE_ROW) {
        line.clear();
        for (int c = 0; c < 6; ++c) {
          if (c > 0) line += ',';
          line += std::to_string(sqlite3_column_int64(st, c));
        }
        line += '\n';
        out << line;
      }
      sqlite3_finalize(st);
      if (!out) return Fail("bench-stats", Status::Internal("bench: cannot write " + *csv));
    }

    json << ",\n  \"sqlite\": {\"rows\": " << *rows << ", \"table_bytes\": " << *table_bytes
         << ", \"build_ms\": " << build_ms << ", \"queries\": [";
    for (size_t k = 0; k < queries.size() && !flags.Has("skip-sqlite"); ++k) {
      const SqlQuery& sq = queries[k].second;
      std::vector<int64_t> totals;
      Status failed = Status::Ok();
      auto run = [&] {
        Result<std::vector<std::vector<int64_t>>> r = lite.Rows(sq.sql);
        if (!r.ok()) {
          failed = r.status();
          return;
        }
        totals.assign(3, 0);
        for (const auto& row : *r) {
          totals[0] += row[2];
          if (row.size() > 4) totals[1] += row[3], totals[2] += row[4];
        }
      };
      const Timing plain = Measure(static_cast<int>(*sqlite_runs), false, run);
      if (!failed.ok()) return Fail("bench-stats", failed);
      const std::string index = "f_" + std::to_string(k);
      const Result<int64_t> before = lite.Bytes();
      t0 = Clock::now();
      if (Status c = lite.Exec("CREATE INDEX " + index + " ON f (" + sq.index_columns + ")");
          !c.ok()) {
        return Fail("bench-stats", c);
      }
      const double index_ms = MsSince(t0);
      const Result<int64_t> after = lite.Bytes();
      const int64_t index_bytes = after.ok() && before.ok() ? *after - *before : 0;
      const Timing indexed = Measure(static_cast<int>(*sqlite_runs), true, run);
      if (!failed.ok()) return Fail("bench-stats", failed);
      const bool same = totals[0] == checks[k][0] &&
                        (k != 1 || (totals[1] == checks[k][1] && totals[2] == checks[k][2]));
      std::cerr << "  " << sq.name << ": no index " << plain.median << " ms, index ("
                << sq.index_columns << ") " << indexed.median << " ms; index built in " << index_ms
                << " ms, " << index_bytes / 1000000 << " MB; totals " << (same ? "equal" : "DIFFER")
                << "\n";
      json << (k == 0 ? "\n" : ",\n") << "    {\"name\": \"" << sq.name << "\", \"sql\": \""
           << sq.sql << "\", \"no_index\": " << Json(plain) << ", \"index\": \"" << sq.index_columns
           << "\", \"indexed\": " << Json(indexed) << ", \"index_build_ms\": " << index_ms
           << ", \"index_bytes\": " << index_bytes
           << ", \"same_totals\": " << (same ? "true" : "false") << "}";
    }
    json << "\n  ]}";
  }
  json << "\n}\n";
  std::cout << json.str();
  return 0;
}

}  // namespace trygg::cli
