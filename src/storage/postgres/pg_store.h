// PgStore: the Store engine on a PostgreSQL database, for installations that
// outgrow one machine: many `trygg serve` processes may share one database.
#pragma once

#include <memory>
#include <string>

#include "storage/postgres/pg_pool.h"
#include "storage/store.h"

namespace trygg::postgres {

class PgStore final : public Store {
 public:
  // Connects once to check `url` and the server; does not migrate.
  // Errors: Unavailable (unreachable, authentication), InvalidArgument("storage.bad_url").
  static Result<std::unique_ptr<Store>> Open(const std::string& url, const StoreOptions& options);

  Status Migrate() override;
  Result<int> SchemaVersion() override;
  // REPEATABLE READ, READ ONLY: one snapshot, taken at BeginRead.
  Result<std::unique_ptr<StoreTx>> BeginRead() override;
  // READ COMMITTED under a transaction-scoped advisory lock that every Trygg
  // writer on this database takes, in every process: writers run one at a
  // time, so each sees all earlier commits and read-check-write rules (the
  // workflow, the audit chain) cannot interleave. Waits up to 30 s
  // (Unavailable after). Each write statement runs in its own savepoint.
  Result<std::unique_ptr<StoreTx>> BeginWrite() override;
  Result<std::unique_ptr<StoreTx>> BeginBulkWrite() override;

 private:
  explicit PgStore(std::shared_ptr<PgPool> pool) : pool_(std::move(pool)) {}

  Result<std::unique_ptr<StoreTx>> Write(bool statement_savepoints);

  // Open transactions share ownership, so they may outlive the store.
  std::shared_ptr<PgPool> pool_;
};

}  // namespace trygg::postgres
