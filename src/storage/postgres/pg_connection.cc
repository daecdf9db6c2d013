#include "storage/postgres/pg_connection.h"

#include <charconv>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace trygg::postgres {
namespace {

// Statements prepared per session; beyond this, statements run unprepared.
constexpr size_t kMaxPrepared = 256;

// Frees a PGresult when it goes out of scope.
struct ResultDeleter {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultDeleter>;

bool Ok(const PGresult* r) {
  const ExecStatusType s = PQresultStatus(r);
  return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
}

// True for SQL that changes rows (and may fail on a constraint).
bool IsWrite(std::string_view sql) {
  while (!sql.empty() && (sql.front() == ' ' || sql.front() == '\n')) sql.remove_prefix(1);
  for (std::string_view verb : {"INSERT", "UPDATE", "DELETE"}) {
    if (sql.size() >= verb.size() && strncasecmp(sql.data(), verb.data(), verb.size()) == 0) {
      return true;
    }
  }
  return false;
}

class PgCursor final : public sql::Cursor {
 public:
  // `name` is the prepared statement's name, or empty to run `sql` unprepared.
  PgCursor(PgConnection* conn, std::string name, std::string sql, bool write)
      : conn_(conn), name_(std::move(name)), sql_(std::move(sql)), write_(write) {}

  void BindInt(int64_t value) override { params_.emplace_back(std::to_string(value)); }
  void BindText(std::string_view value) override {
    // libpq passes text parameters as C strings: a NUL would cut the value short.
    if (value.find('\0') != std::string_view::npos) bind_error_ = true;
    params_.emplace_back(std::string(value));
  }
  void BindNull() override { params_.emplace_back(std::nullopt); }

  Result<bool> Step() override {
    if (result_ == nullptr) TRYGG_RETURN_IF_ERROR(Execute());
    ++row_;
    return row_ < PQntuples(result_.get());
  }

  int64_t Changes() const override {
    if (result_ == nullptr) return 0;
    const char* n = PQcmdTuples(result_.get());
    int64_t changes = 0;
    std::from_chars(n, n + std::strlen(n), changes);
    return changes;
  }

  int64_t Int(int col) const override {
    const char* v = PQgetvalue(result_.get(), row_, col);
    int64_t out = 0;
    std::from_chars(v, v + PQgetlength(result_.get(), row_, col), out);
    return out;
  }
  std::string Text(int col) const override {
    return std::string(PQgetvalue(result_.get(), row_, col),
                       static_cast<size_t>(PQgetlength(result_.get(), row_, col)));
  }
  bool IsNull(int col) const override { return PQgetisnull(result_.get(), row_, col) != 0; }

 private:
  Status Execute() {
    if (bind_error_) return Status::InvalidArgument("storage.bad_text", "NUL in text");
    std::vector<const char*> values;
    values.reserve(params_.size());
    for (const auto& p : params_) values.push_back(p.has_value() ? p->c_str() : nullptr);
    if (write_ && conn_->statement_savepoints()) return ExecuteInSavepoint(values);
    PGconn* pg = conn_->handle();
    const int n = static_cast<int>(values.size());
    result_.reset(name_.empty()
                      ? PQexecParams(pg, sql_.c_str(), n, nullptr, values.data(), nullptr,
                                     nullptr, 0)
                      : PQexecPrepared(pg, name_.c_str(), n, values.data(), nullptr, nullptr, 0));
    if (Ok(result_.get())) return Status::Ok();
    Status error = StatusFromPg(pg, result_.get());
    result_.reset();
    return error;
  }

  // SAVEPOINT, the statement and RELEASE in one round trip (libpq pipeline
  // mode); on failure, rolls back to the savepoint so the transaction goes on.
  Status ExecuteInSavepoint(const std::vector<const char*>& values) {
    PGconn* pg = conn_->handle();
    const int n = static_cast<int>(values.size());
    if (PQenterPipelineMode(pg) != 1) return StatusFromPg(pg, nullptr);
    const bool sent =
        PQsendQueryParams(pg, "SAVEPOINT trygg_stmt", 0, nullptr, nullptr, nullptr, nullptr, 0) ==
            1 &&
        (name_.empty() ? PQsendQueryParams(pg, sql_.c_str(), n, nullptr, values.data(), nullptr,
                                           nullptr, 0)
                       : PQsendQueryPrepared(pg, name_.c_str(), n, values.data(), nullptr,
                                             nullptr, 0)) == 1 &&
        PQsendQueryParams(pg, "RELEASE SAVEPOINT trygg_stmt", 0, nullptr, nullptr, nullptr,
                          nullptr, 0) == 1 &&
        PQpipelineSync(pg) == 1;
    // The three results, in order, up to the sync point. Each query's results
    // end with a null; two nulls in a row mean the connection is gone.
    std::vector<PgResult> results;
    int nulls = 0;
    while (sent) {
      PGresult* r = PQgetResult(pg);
      if (r == nullptr) {
        if (++nulls > 1) break;
        continue;
      }
      nulls = 0;
      if (PQresultStatus(r) == PGRES_PIPELINE_SYNC) {
        PQclear(r);
        break;
      }
      results.emplace_back(r);
    }
    const bool exited = PQexitPipelineMode(pg) == 1;
    if (!sent || !exited || results.size() != 3) {
      return Status::Unavailable("postgresql: pipeline failed: " +
                                 std::string(PQerrorMessage(pg)));
    }
    for (size_t k = 0; k < results.size(); ++k) {
      if (Ok(results[k].get())) continue;
      if (PQresultStatus(results[k].get()) == PGRES_PIPELINE_ABORTED) continue;
      Status error = StatusFromPg(pg, results[k].get());
      if (k > 0) {
        (void)conn_->Exec("ROLLBACK TO SAVEPOINT trygg_stmt; RELEASE SAVEPOINT trygg_stmt");
      }
      return error;
    }
    result_ = std::move(results[1]);
    return Status::Ok();
  }

  PgConnection* conn_;
  std::string name_;
  std::string sql_;
  bool write_;
  std::vector<std::optional<std::string>> params_;
  bool bind_error_ = false;
  PgResult result_;
  int row_ = -1;
};

}  // namespace

Status StatusFromPg(PGconn* conn, const PGresult* result) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* primary =
      result != nullptr ? PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY) : nullptr;
  std::string message = primary != nullptr ? primary : PQerrorMessage(conn);
  while (!message.empty() && message.back() == '\n') message.pop_back();
  const std::string code = state != nullptr ? state : "";
  if (code == "23505") return Status::AlreadyExists("storage.duplicate", message);
  if (code == "23503") return Status::InvalidArgument("storage.foreign_key", message);
  if (code.starts_with("23")) return Status::InvalidArgument("storage.constraint", message);
  if (code == "P0001") return Status::FailedPrecondition("storage.append_only", message);
  if (code == "40001" || code == "40P01") return Status(StatusCode::kUnavailable, "storage.retry", message);
  if (code == "55P03" || code == "57014" || code.starts_with("08") || code.starts_with("57P") ||
      (code.empty() && PQstatus(conn) != CONNECTION_OK)) {
    return Status::Unavailable(message);
  }
  return Status::Internal("postgresql " + code + ": " + message);
}

std::string NumberPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;  // the quote we are inside, or 0
  for (char c : sql) {
    if (quote != 0) {
      if (c == quote) quote = 0;
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      out += '$';
      out += std::to_string(next++);
    } else {
      out += c;
    }
  }
  return out;
}

Result<std::unique_ptr<PgConnection>> PgConnection::Open(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error);
  if (parsed == nullptr) {
    std::string message = parse_error != nullptr ? parse_error : "cannot parse";
    PQfreemem(parse_error);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::InvalidArgument("storage.bad_url", message);
  }
  PQconninfoFree(parsed);
  // Defaults first; the URL's own settings override them; the encoding is fixed.
  const char* keys[] = {"application_name", "connect_timeout", "dbname", "client_encoding",
                        nullptr};
  const char* values[] = {"trygg", "10", url.c_str(), "UTF8", nullptr};
  PGconn* pg = PQconnectdbParams(keys, values, /*expand_dbname=*/1);
  if (pg == nullptr) return Status::Internal("postgresql: out of memory");
  std::unique_ptr<PgConnection> conn(new PgConnection(pg));
  if (PQstatus(pg) != CONNECTION_OK) {
    std::string message = PQerrorMessage(pg);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return Status::Unavailable(message);
  }
  // Times are stored as epoch milliseconds; nothing depends on the session's
  // time zone, but keep server-side defaults predictable.
  TRYGG_RETURN_IF_ERROR(conn->Exec("SET TIME ZONE 'UTC'"));
  return conn;
}

PgConnection::~PgConnection() { PQfinish(conn_); }

Status PgConnection::Exec(const std::string& sql) {
  PgResult result(PQexec(conn_, sql.c_str()));
  if (!Ok(result.get())) return StatusFromPg(conn_, result.get());
  return Status::Ok();
}

Result<sql::Statement> PgConnection::Prepare(const std::string& sql) {
  const bool write = IsWrite(sql);
  auto it = prepared_.find(sql);
  if (it != prepared_.end()) {
    return sql::Statement(std::make_unique<PgCursor>(this, it->second, std::string(), write));
  }
  std::string numbered = NumberPlaceholders(sql);
  if (prepared_.size() >= kMaxPrepared) {
    return sql::Statement(std::make_unique<PgCursor>(this, std::string(), numbered, write));
  }
  std::string name = "trygg_" + std::to_string(prepared_.size() + 1);
  PgResult result(PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr));
  if (!Ok(result.get())) return StatusFromPg(conn_, result.get());
  prepared_.emplace(sql, name);
  return sql::Statement(std::make_unique<PgCursor>(this, std::move(name), std::string(), write));
}

bool PgConnection::Idle() const {
  return PQstatus(conn_) == CONNECTION_OK && PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

}  // namespace trygg::postgres
