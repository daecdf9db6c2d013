#include "storage/postgres/pg_store.h"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <thread>

#include "storage/sql/migrator.h"
#include "storage/sql/sql_tx.h"

namespace trygg::postgres {
namespace {

// How long BeginRead/BeginWrite wait for a free session.
constexpr std::chrono::milliseconds kPoolWait{30'000};

// The key of the advisory lock every Trygg writer takes ("trygg" in ASCII).
// Begins the write transaction: serialised with every other writer, in any process.
constexpr char kBeginWrite[] =
    "BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL lock_timeout = '30s';"
    " SELECT pg_advisory_xact_lock(499683599463)";
// The snapshot is taken by the first query, so run one now.
constexpr char kBeginRead[] = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT 1";

// A pooled session inside a transaction.
class PgLease final : public sql::TxLease {
 public:
  PgLease(std::shared_ptr<PgPool> pool, std::unique_ptr<PgConnection> conn)
      : pool_(std::move(pool)), conn_(std::move(conn)) {}
  ~PgLease() override {
    // A session left in a transaction (ROLLBACK failed) is closed by Release.
    if (!conn_->Idle()) (void)conn_->Exec("ROLLBACK");
    pool_->Release(std::move(conn_));
  }
  sql::Connection& conn() override { return *conn_; }
  Status Commit() override { return conn_->Exec("COMMIT"); }

 private:
  std::shared_ptr<PgPool> pool_;
  std::unique_ptr<PgConnection> conn_;
};

}  // namespace

Result<std::unique_ptr<Store>> PgStore::Open(const std::string& url, const StoreOptions& options) {
  if (options.pool_size < 1) {
    return Status::InvalidArgument("storage.bad_pool_size", "at least 1");
  }
  auto pool = std::make_shared<PgPool>(url, options.pool_size);
  // Connect now, so a wrong URL or an unreachable server is reported at start.
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> first, pool->Acquire(kPoolWait));
  pool->Release(std::move(first));
  return std::unique_ptr<Store>(new PgStore(url, std::move(pool)));
}

Status PgStore::Migrate() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, pool_->Acquire(kPoolWait));
  Status status = sql::RunMigrations(*conn, kBeginWrite);
  if (!conn->Idle()) (void)conn->Exec("ROLLBACK");
  pool_->Release(std::move(conn));
  return status;
}

Result<int> PgStore::SchemaVersion() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, pool_->Acquire(kPoolWait));
  Result<int> version = sql::ReadSchemaVersion(*conn);
  pool_->Release(std::move(conn));
  return version;
}

Result<std::unique_ptr<StoreTx>> PgStore::BeginRead() {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, pool_->Acquire(kPoolWait));
  PgConnection* session = conn.get();
  auto lease = std::make_unique<PgLease>(pool_, std::move(conn));
  TRYGG_RETURN_IF_ERROR(session->Exec(kBeginRead));
  return std::unique_ptr<StoreTx>(new sql::SqlTx(std::move(lease)));
}

Result<std::unique_ptr<StoreTx>> PgStore::BeginWrite() { return Write(true); }

Result<std::unique_ptr<StoreTx>> PgStore::BeginBulkWrite() { return Write(false); }

Result<std::unique_ptr<StoreTx>> PgStore::Write(bool statement_savepoints) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<PgConnection> conn, pool_->Acquire(kPoolWait));
  PgConnection* session = conn.get();
  auto lease = std::make_unique<PgLease>(pool_, std::move(conn));
  TRYGG_RETURN_IF_ERROR(session->Exec(kBeginWrite));
  session->set_statement_savepoints(statement_savepoints);
  return std::unique_ptr<StoreTx>(new sql::SqlTx(std::move(lease)));
}

bool PgStore::DrainNotifications() {
  PGconn* conn = listener_->handle();
  if (PQconsumeInput(conn) == 0 || PQstatus(conn) != CONNECTION_OK) {
    listener_.reset();
    return false;
  }
  bool any = false;
  while (PGnotify* n = PQnotifies(conn)) {
    any = true;
    PQfreemem(n);
  }
  return any;
}

bool PgStore::WaitForAlarmSignal(int timeout_ms) {
  using Clock = std::chrono::steady_clock;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(timeout_ms);
  if (listener_ == nullptr) {
    Result<std::unique_ptr<PgConnection>> conn = PgConnection::Open(url_);
    if (conn.ok() && (*conn)->Exec("LISTEN trygg_alarm").ok()) {
      listener_ = std::move(*conn);
    } else {
      // Unreachable: wait out the timeout, so the caller's loop does not spin.
      std::this_thread::sleep_until(deadline);
    }
    return false;
  }
  // Notifications already read off the socket (e.g. with LISTEN's reply).
  if (DrainNotifications()) return true;
  while (listener_ != nullptr) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return false;
    pollfd fd{PQsocket(listener_->handle()), POLLIN, 0};
    if (fd.fd < 0) {
      listener_.reset();
      return false;
    }
    const int ready = poll(&fd, 1, static_cast<int>(left));
    if (ready < 0 && errno != EINTR) {
      listener_.reset();
      return false;
    }
    if (ready > 0 && DrainNotifications()) return true;
  }
  return false;
}

}  // namespace trygg::postgres
