// trygg: the command-line entry point; dispatches to the subcommands (wiring only).
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "core/crypto.h"

namespace {

constexpr const char* kUsage =
    "Usage: trygg <command> [options]\n"
    "\n"
    "Commands:\n"
    "  serve         run the web server (migrates the database first)\n"
    "  migrate       bring the database schema up to date\n"
    "  remind        run one pass of reminders and escalations now\n"
    "  seed-demo     fill an empty database with the Storåsa kommun demo\n"
    "  user add      create a user account\n"
    "  audit verify  check the audit log's hash chain\n"
    "  copy          move an installation to another database (e.g. to PostgreSQL)\n"
    "  keygen FILE   write a new pseudonymisation key (for --pseudonym-key-file)\n"
    "  bench-stats   measure the statistics aggregations against SQLite (bench/stats.sh)\n"
    "\n"
    "Run `trygg <command> --help` for a command's options.\n";

}  // namespace

int main(int argc, char** argv) {
  trygg::InitCrypto();
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    std::cout << kUsage;
    return args.empty() ? 2 : 0;
  }
  const std::string command = args[0];
  std::vector<std::string> rest(args.begin() + 1, args.end());
  using namespace trygg::cli;
  if (command == "serve") return RunServe(rest);
  if (command == "migrate") return RunMigrate(rest);
  if (command == "seed-demo") return RunSeedDemo(rest);
  if (command == "copy") return RunCopy(rest);
  if (command == "remind") return RunRemind(rest);
  if (command == "keygen") return RunKeygen(rest);
  if (command == "bench-stats") return RunBenchStats(rest);
  const bool has_sub = !rest.empty();
  const std::vector<std::string> sub_args =
      has_sub ? std::vector<std::string>(rest.begin() + 1, rest.end()) : rest;
  if (command == "user" && has_sub && rest[0] == "add") return RunUserAdd(sub_args);
  if (command == "audit" && has_sub && rest[0] == "verify") return RunAuditVerify(sub_args);
  if ((command == "user" || command == "audit") && (!has_sub || rest[0] == "--help")) {
    std::cout << "Usage: trygg " << (command == "user" ? "user add" : "audit verify")
              << " [options]  (see --help)\n";
    return has_sub ? 0 : 2;
  }
  std::cerr << "trygg: unknown command '" << command << "'\n\n" << kUsage;
  return 2;
}
