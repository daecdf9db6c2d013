// trygg migrate: bring the database schema up to this binary's version.
#include <iostream>

#include "cli/common.h"

namespace trygg::cli {

int RunMigrate(const Args& args) {
  Flags flags;
  if (auto exit =
          ParseFlags(args, {DbFlag()}, "migrate [--db PATH]",
                     "Creates or upgrades the database schema. Safe to run twice.", &flags)) {
    return *exit;
  }
  Result<std::unique_ptr<Store>> store = OpenMigrated(flags);
  if (!store.ok()) return Fail("migrate", store.status());
  Result<int> version = (*store)->SchemaVersion();
  if (!version.ok()) return Fail("migrate", version.status());
  std::cout << "Database schema at version " << *version << "\n";
  return 0;
}

}  // namespace trygg::cli
