// trygg seed-demo: fill an empty database with the Storåsa kommun demo (password trygg-demo).
#include <iostream>

#include "cli/common.h"
#include "cli/demo_seed.h"
#include "core/clock.h"

namespace trygg::cli {

int RunSeedDemo(const Args& args) {
  const std::vector<FlagSpec> spec = {
      DbFlag(),
      {"seed", "N", "random seed for names and incidents (default 1)"},
      {"incidents", "N", "number of incidents over the last two years (default 300)"},
      PseudonymKeyFlag(),
  };
  Flags flags;
  if (auto exit = ParseFlags(
          args, spec,
          "seed-demo [--db PATH] [--seed N] [--incidents N] [--pseudonym-key-file PATH]",
          "Creates the fictional Storåsa kommun: three districts (norr, soder, vaster), their "
          "units, ~44 users (every password: trygg-demo) and incidents over two years. Refuses "
          "a database that already has users.",
          &flags)) {
    return *exit;
  }
  Result<long long> seed = flags.GetInt("seed", 1, 0, INT64_MAX);
  Result<long long> incidents = flags.GetInt("incidents", 300, 0, 100000);
  for (const Status& s : {seed.status(), incidents.status()}) {
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
  options.incidents = static_cast<int>(*incidents);
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
  if (s.skipped_events > 0) {
    std::cout << "Note: " << s.skipped_events << " simulated steps were refused (see stderr).\n";
  }
  std::cout << "Start the server with `trygg serve` and log in at http://127.0.0.1:8080/ as e.g. "
               "medarbetare.norr.eb, chef.norr.eb or admin — password trygg-demo.\n";
  return 0;
}

}  // namespace trygg::cli
