// Shared CLI plumbing.
#include "cli/common.h"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <system_error>

namespace trygg::cli {

FlagSpec DbFlag() {
  return {"db", "PATH|URL",
          "database: a SQLite file or sqlite:PATH (default $TRYGG_DB or data/trygg.db)"};
}

std::string DatabaseUrl(const Flags& flags) {
  if (auto db = flags.Get("db")) return *db;
  if (const char* env = std::getenv("TRYGG_DB"); env && *env) return env;
  return "data/trygg.db";
}

Result<std::unique_ptr<Store>> OpenMigrated(const std::string& url) {
  if (url.find("://") == std::string::npos) {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(url));
  TRYGG_RETURN_IF_ERROR(store->Migrate());
  return store;
}

std::optional<int> ParseFlags(const Args& args, const std::vector<FlagSpec>& spec,
                              const std::string& usage, const std::string& summary, Flags* out) {
  Result<Flags> flags = Flags::Parse(args, spec);
  if (!flags.ok()) {
    std::cerr << "trygg " << usage << ": " << flags.status().detail() << "\n"
              << "Run with --help for the options.\n";
    return 2;
  }
  if (flags->help()) {
    std::cout << Usage(usage, summary, spec);
    return 0;
  }
  *out = std::move(flags).value();
  return std::nullopt;
}

int Fail(const std::string& command, const Status& status) {
  std::cerr << "trygg " << command << ": " << status.ToString() << "\n";
  return 1;
}

}  // namespace trygg::cli
