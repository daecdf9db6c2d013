// trygg copy: move a whole installation from one database to another (e.g.
// SQLite to PostgreSQL), resumably, verifying the copy afterwards.
#include <chrono>
#include <filesystem>
#include <iostream>

#include "app/store_copy.h"
#include "cli/common.h"

namespace trygg::cli {
namespace {

// Prints "table: done/total (p %)" at most once a second, and at each table's end.
class ProgressPrinter {
 public:
  bool operator()(const CopyProgress& p) {
    const auto now = std::chrono::steady_clock::now();
    if (p.done < p.total && now - last_ < std::chrono::seconds(1)) return true;
    last_ = now;
    std::cerr << "  " << p.table << ": " << p.done << "/" << p.total;
    if (p.total > 0) std::cerr << " (" << (p.done * 100 / p.total) << " %)";
    std::cerr << "\n";
    return true;
  }

 private:
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int RunCopy(const Args& args) {
  const std::vector<FlagSpec> spec = {
      {"from", "URL", "the installation to copy (sqlite:PATH, a path, or postgresql://…)"},
      {"to", "URL", "where to copy it; created and migrated if empty"},
      {"batch", "N", "rows per transaction (default 5000)"},
      {"db-pool", "N", "PostgreSQL sessions per side (default 8)"},
  };
  Flags flags;
  if (auto exit = ParseFlags(
          args, spec, "copy --from URL --to URL",
          "Copies organisation, users, role grants, incidents, notes, measures, logbooks and the "
          "audit chain from one database to another, with the same ids. Stop the servers using "
          "--from first. Safe to rerun: an interrupted copy goes on where it stopped. Afterwards "
          "every table's row count and contents, and the audit chain, are verified on both "
          "sides. Sessions are not copied: users sign in again.",
          &flags)) {
    return *exit;
  }
  const std::optional<std::string> from_url = flags.Get("from");
  const std::optional<std::string> to_url = flags.Get("to");
  if (!from_url || !to_url) {
    std::cerr << "trygg copy: --from and --to are both required\n";
    return 2;
  }
  if (*from_url == *to_url) {
    std::cerr << "trygg copy: --from and --to name the same database\n";
    return 2;
  }
  Result<long long> batch = flags.GetInt("batch", 5000, 1, 100000);
  Result<StoreOptions> options = DatabaseOptions(flags);
  for (const Status& s : {batch.status(), options.status()}) {
    if (!s.ok()) {
      std::cerr << "trygg copy: " << s.detail() << "\n";
      return 2;
    }
  }
  if (from_url->find("://") == std::string::npos) {
    const std::string path = from_url->rfind("sqlite:", 0) == 0 ? from_url->substr(7) : *from_url;
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
      std::cerr << "trygg copy: no database file at " << path << "\n";
      return 1;
    }
  }
  // The source is opened, never migrated: copying must not change it.
  Result<std::unique_ptr<Store>> from = OpenStore(*from_url, *options);
  if (!from.ok()) return Fail("copy", from.status());
  Result<std::unique_ptr<Store>> to = OpenMigrated(*to_url, *options);
  if (!to.ok()) return Fail("copy", to.status());

  CopyOptions copy;
  copy.batch_rows = static_cast<int>(*batch);
  ProgressPrinter printer;
  copy.on_progress = [&printer](const CopyProgress& p) { return printer(p); };
  std::cerr << "Copying…\n";
  Result<CopyReport> report = CopyStore(**from, **to, copy);
  if (!report.ok()) return Fail("copy", report.status());
  std::cout << "Copied and verified:\n";
  for (const CopyReport::Table& t : report->tables) {
    std::cout << "  " << t.name << ": " << t.rows << " rows";
    if (t.copied_now != t.rows) std::cout << " (" << t.copied_now << " in this run)";
    std::cout << "\n";
  }
  std::cout << "Audit chain verified on both: " << report->audit_records << " records, head "
            << report->audit_head << "\n";
  return 0;
}

}  // namespace trygg::cli
