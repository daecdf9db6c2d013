// What the CLI commands share: the --db flag, opening a migrated store, error output.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "cli/flags.h"
#include "storage/store.h"

namespace trygg::cli {

// --db PATH|URL (default $TRYGG_DB, else data/trygg.db). A command that
// takes it also gets --database URL (the same) and --db-pool N.
FlagSpec DbFlag();

// The database URL from --db/--database (or the config file), else $TRYGG_DB,
// else "data/trygg.db".
std::string DatabaseUrl(const Flags& flags);

// How to open the store: --db-pool (PostgreSQL sessions, 1–256).
// InvalidArgument when --db-pool is not such a number.
Result<StoreOptions> DatabaseOptions(const Flags& flags);

// Opens the store at `url` and migrates it to this binary's schema. For a
// SQLite file path, creates its directory first.
Result<std::unique_ptr<Store>> OpenMigrated(const std::string& url,
                                            const StoreOptions& options = {});
// The same for the database the flags name (DatabaseUrl, DatabaseOptions).
Result<std::unique_ptr<Store>> OpenMigrated(const Flags& flags);

// --pseudonym-key-file PATH: the installation's pseudonymisation secret
// (made by `trygg keygen`; config-file key pseudonym_key_file).
FlagSpec PseudonymKeyFlag();

// The secret from the file --pseudonym-key-file names (LoadPseudonymKey), or
// "" when the flag is absent. Errors as LoadPseudonymKey.
Result<std::string> PseudonymKey(const Flags& flags);

// Parses `args`. Every command also takes --config FILE (default
// $TRYGG_CONFIG): options missing from the command line are taken from that
// file (see config_file.h). Returns an exit code when the command should end
// now (after printing help → 0, or a usage or config error → 2), else nullopt
// with `*out` set.
std::optional<int> ParseFlags(const Args& args, const std::vector<FlagSpec>& spec,
                              const std::string& usage, const std::string& summary, Flags* out);

// Prints "trygg <command>: <status>" to stderr and returns 1.
int Fail(const std::string& command, const Status& status);

}  // namespace trygg::cli
