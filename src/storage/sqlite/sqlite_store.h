// SqliteStore: the Store engine on one SQLite database file (WAL mode, one
// writer at a time, pooled readers).
#pragma once

#include <memory>
#include <string>

#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace trygg::sqlite {

class SqliteStore final : public Store {
 public:
  // Opens (creating if absent) the database file at `path`; does not migrate.
  // Errors: InvalidArgument("storage.bad_url") for an empty path or ":memory:",
  // Unavailable (cannot open), FailedPrecondition("storage.not_a_database").
  static Result<std::unique_ptr<Store>> Open(const std::string& path);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  Result<std::unique_ptr<StoreTx>> BeginRead() override;
  Result<std::unique_ptr<StoreTx>> BeginWrite() override;

 private:
  explicit SqliteStore(std::shared_ptr<SqliteDb> db) : db_(std::move(db)) {}

  // Open transactions share ownership, so they may outlive the store.
  std::shared_ptr<SqliteDb> db_;
};

}  // namespace trygg::sqlite
