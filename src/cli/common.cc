// Shared CLI plumbing.
#include "cli/common.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <system_error>

#include "app/pseudonymizer.h"
#include "cli/config_file.h"

namespace trygg::cli {

FlagSpec DbFlag() {
  return {"db", "PATH|URL",
          "database: a SQLite file or sqlite:PATH (default $TRYGG_DB or data/trygg.db)"};
}

FlagSpec PseudonymKeyFlag() {
  return {"pseudonym-key-file", "PATH",
          "the pseudonymisation key (made by `trygg keygen`, mode 0600); without it "
          "identifiers of people are refused"};
}

Result<std::string> PseudonymKey(const Flags& flags) {
  std::optional<std::string> path = flags.Get("pseudonym-key-file");
  if (!path || path->empty()) return std::string();
  return LoadPseudonymKey(*path);
}

std::string DatabaseUrl(const Flags& flags) {
  if (auto db = flags.Get("db")) return *db;
  if (auto db = flags.Get("database")) return *db;
  if (const char* env = std::getenv("TRYGG_DB"); env && *env) return env;
  return "data/trygg.db";
}

Result<StoreOptions> DatabaseOptions(const Flags& flags) {
  StoreOptions options;
  TRYGG_ASSIGN_OR_RETURN(long long pool, flags.GetInt("db-pool", options.pool_size, 1, 256));
  options.pool_size = static_cast<int>(pool);
  return options;
}

Result<std::unique_ptr<Store>> OpenMigrated(const Flags& flags) {
  TRYGG_ASSIGN_OR_RETURN(StoreOptions options, DatabaseOptions(flags));
  return OpenMigrated(DatabaseUrl(flags), options);
}

Result<std::unique_ptr<Store>> OpenMigrated(const std::string& url, const StoreOptions& options) {
  if (url.find("://") == std::string::npos) {
    std::string path = url.rfind("sqlite:", 0) == 0 ? url.substr(7) : url;
    const std::filesystem::path parent = std::filesystem::path(path).parent_path();
    std::error_code ec;
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  }
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<Store> store, OpenStore(url, options));
  TRYGG_RETURN_IF_ERROR(store->Migrate());
  return store;
}

std::optional<int> ParseFlags(const Args& args, const std::vector<FlagSpec>& command_spec,
                              const std::string& usage, const std::string& summary, Flags* out) {
  std::vector<FlagSpec> spec = command_spec;
  const bool takes_db =
      std::any_of(spec.begin(), spec.end(), [](const FlagSpec& s) { return s.name == "db"; });
  if (takes_db) {
    spec.push_back({"database", "URL", "the same as --db"});
    spec.push_back(
        {"db-pool", "N", "PostgreSQL: database sessions this process opens (default 8)"});
  }
  spec.push_back(
      {"config", "FILE", "take options not given here from FILE (default $TRYGG_CONFIG)"});
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
  std::optional<std::string> config = flags->Get("config");
  if (const char* env = std::getenv("TRYGG_CONFIG"); !config && env && *env) config = env;
  if (config) {
    Result<std::map<std::string, std::string>> values = ReadConfigFile(*config);
    if (!values.ok()) {
      std::cerr << "trygg: config file " << *config << ": " << values.status().reason() << " "
                << values.status().detail() << "\n";
      return 2;
    }
    // Only the options this command takes; the file may serve several commands.
    if (flags->Get("database")) flags->SetDefault("db", *flags->Get("database"));
    for (const auto& [name, value] : *values) {
      const bool known =
          std::any_of(spec.begin(), spec.end(), [&](const FlagSpec& s) { return s.name == name; });
      if (known) flags->SetDefault(name, value);
    }
  }
  *out = std::move(flags).value();
  return std::nullopt;
}

int Fail(const std::string& command, const Status& status) {
  std::cerr << "trygg " << command << ": " << status.ToString() << "\n";
  return 1;
}

}  // namespace trygg::cli
