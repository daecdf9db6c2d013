// trygg seed-demo: fill an empty database with the Storåsa kommun demo (password trygg-demo).
#include <chrono>
#include <cstdio>
#include <iostream>

#include "cli/common.h"
#include "cli/demo_seed.h"
#include "core/clock.h"

namespace trygg::cli {

int RunSeedDemo(const Args& args) {
  const std::vector<FlagSpec> spec = {
      DbFlag(),
      {"seed", "N", "random seed for names and incidents (default 1)"},
      {"incidents", "N",
       "number of incidents (default 300). Up to 1000: each with its whole lifecycle over the "
       "last two years. More: 300 such, the rest historical incidents written in bulk over "
       "--years years across --units enheter (10M takes minutes)"},
      {"years", "N", "years of bulk history (default 10)"},
      {"units", "N", "enheter for the bulk history; synthetic ones are added (default 300)"},
      PseudonymKeyFlag(),
  };
  Flags flags;
  if (auto exit = ParseFlags(
          args, spec,
          "seed-demo [--db PATH] [--seed N] [--incidents N] [--years N] [--units N] "
          "[--pseudonym-key-file PATH]",
          "Creates the fictional Storåsa kommun: three districts (norr, soder, vaster), their "
          "units, ~44 users (every password: trygg-demo) and incidents over two years. Refuses "
          "a database that already has users.",
          &flags)) {
    return *exit;
  }
  Result<long long> seed = flags.GetInt("seed", 1, 0, INT64_MAX);
  Result<long long> incidents = flags.GetInt("incidents", 300, 0, 100000000);
  Result<long long> years = flags.GetInt("years", 10, 1, 30);
  Result<long long> units = flags.GetInt("units", 300, 12, 5000);
  for (const Status& s : {seed.status(), incidents.status(), years.status(), units.status()}) {
    if (!s.ok()) {
      std::cerr << "trygg seed-demo: " << s.detail() << "\n";
      return 2;
    }
  }
  Result<std::string> pseudonym_key = PseudonymKey(flags);
  if (!pseudonym_key.ok()) return Fail("seed-demo", pseudonym_key.status());
  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("seed-demo", store.status());

  DemoOptions options;
  options.seed = static_cast<uint64_t>(*seed);
  constexpr long long kLifecycleMax = 1000, kLifecycleWithBulk = 300;
  options.incidents =
      static_cast<int>(*incidents <= kLifecycleMax ? *incidents : kLifecycleWithBulk);
  options.bulk_incidents = *incidents <= kLifecycleMax ? 0 : *incidents - kLifecycleWithBulk;
  options.enheter = static_cast<int>(*units);
  options.years = static_cast<int>(*years);
  auto started = std::chrono::steady_clock::now();
  auto last_print = started;
  options.on_bulk_progress = [&](int64_t done, int64_t total) {
    const auto t = std::chrono::steady_clock::now();
    if (done == 0) {  // the bulk writing starts: rates from here
      started = last_print = t;
      return;
    }
    if (done < total && t - last_print < std::chrono::seconds(2)) return;
    last_print = t;
    const double s = std::chrono::duration<double>(t - started).count();
    std::fprintf(stderr, "  bulk history: %lld/%lld incidents (%.0f %%), %.0f s, %.0f/s\n",
                 static_cast<long long>(done), static_cast<long long>(total),
                 100.0 * static_cast<double>(done) / static_cast<double>(total), s,
                 static_cast<double>(done) / std::max(s, 0.001));
  };
  options.now = SystemClock().NowMs();
  options.pseudonym_key = std::move(pseudonym_key).value();
  Result<DemoSummary> summary = SeedDemo(**store, options);
  if (!summary.ok()) {
    if (summary.status().reason() == "demo.not_empty") {
      std::cerr << "trygg seed-demo: " << summary.status().detail() << "\n";
      return 1;
    }
    return Fail("seed-demo", summary.status());
  }
  const DemoSummary& s = *summary;
  std::cout << "Demo data created: " << s.units << " units, " << s.users << " users, "
            << s.incidents << " incidents (";
  bool first = true;
  for (const auto& [status, n] : s.by_status) {
    std::cout << (first ? "" : ", ") << status << " " << n;
    first = false;
  }
  std::cout << "), " << s.open_measures << " open measures (" << s.overdue_measures
            << " overdue).\n";
  std::cout << "After the incidents: " << s.police_reported << " police reports, "
            << s.police_not_reported << " decisions not to report, " << s.support_measures
            << " support measures, " << s.authority_notices << " notices to authorities.\n";
  if (s.bulk.incidents > 0) {
    std::cout << "Bulk history: " << s.bulk.incidents << " incidents over " << *years
              << " years across " << *units << " enheter (" << s.bulk.outside_workplace
              << " outside the workplace), written in " << static_cast<int64_t>(s.bulk.seconds)
              << " s.\n";
  }
  if (s.skipped_events > 0) {
    std::cout << "Note: " << s.skipped_events << " simulated steps were refused (see stderr).\n";
  }
  std::cout << "Start the server with `trygg serve` and log in at http://127.0.0.1:8080/ as e.g. "
               "medarbetare.norr.eb, chef.norr.eb or admin — password trygg-demo.\n";
  return 0;
}

}  // namespace trygg::cli
