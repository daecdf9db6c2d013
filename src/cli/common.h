// What the CLI commands share: the --db flag, opening a migrated store, error output.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/flags.h"
#include "storage/store.h"

namespace trygg::cli {

// --db PATH|URL (default $TRYGG_DB, else data/trygg.db).
FlagSpec DbFlag();

// The database URL from --db, else $TRYGG_DB, else "data/trygg.db".
std::string DatabaseUrl(const Flags& flags);

// Opens the store at `url` and migrates it to this binary's schema. For a
// SQLite file path, creates its directory first.
Result<std::unique_ptr<Store>> OpenMigrated(const std::string& url);

// Parses `args`. Returns an exit code when the command should end now (after
// printing help → 0, or a usage error → 2), else nullopt with `*out` set.
std::optional<int> ParseFlags(const Args& args, const std::vector<FlagSpec>& spec,
                              const std::string& usage, const std::string& summary, Flags* out);

// Prints "trygg <command>: <status>" to stderr and returns 1.
int Fail(const std::string& command, const Status& status);

}  // namespace trygg::cli
