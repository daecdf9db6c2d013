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
  // On a session of its own (not from the pool) that has run LISTEN
  // trygg_alarm: waits on its socket up to `timeout_ms` for a notification;
  // true when one (or more, all consumed) arrived. The session is opened on
  // the first call and again after it broke; such a call returns false (after
  // waiting out the timeout when the server cannot be reached). Called from
  // one thread only.
  bool WaitForAlarmSignal(int timeout_ms) override;

 private:
  PgStore(std::string url, std::shared_ptr<PgPool> pool)
      : url_(std::move(url)), pool_(std::move(pool)) {}

  Result<std::unique_ptr<StoreTx>> Write(bool statement_savepoints);

  // Takes every pending notification off the listening session: true when
  // there was one. Drops the session when it broke.
  bool DrainNotifications();

  const std::string url_;
  // Open transactions share ownership, so they may outlive the store.
  std::shared_ptr<PgPool> pool_;
  // The LISTEN session; used only by WaitForAlarmSignal's one thread.
  std::unique_ptr<PgConnection> listener_;
};

}  // namespace trygg::postgres
