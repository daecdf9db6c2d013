#include "app/store_copy.h"

#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "domain/audit_chain.h"

namespace trygg {
namespace {

Result<int64_t> Count(Store& store, const TableInfo& table) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  return tx->CountRows(table);
}

Result<std::vector<int64_t>> LastKey(Store& store, const TableInfo& table) {
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  return tx->LastKey(table);
}

// The row with key `key` (which must exist) read from `store`.
Result<TableRow> RowAt(Store& store, const TableInfo& table, std::vector<int64_t> key) {
  // The row after "key - 1" in the last key column is the row at `key`.
  key.back() -= 1;
  TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(std::vector<TableRow> rows, tx->ReadRows(table, key, 1));
  if (rows.empty()) return Status::NotFound("copy.row");
  return rows.front();
}

std::vector<int64_t> KeyOf(const TableInfo& table, const TableRow& row) {
  std::vector<int64_t> key;
  for (std::string_view k : table.key) {
    for (size_t c = 0; c < table.columns.size(); ++c) {
      if (table.columns[c].name == k) key.push_back(std::stoll(row[c].value_or("0")));
    }
  }
  return key;
}

// Orders `rows` so that every row's parent (column `parent`) is either absent,
// already in `present`, or earlier in the list.
Result<std::vector<TableRow>> ParentsFirst(const TableInfo& table, std::vector<TableRow> rows,
                                           std::set<std::string> present) {
  size_t parent = 0, id = 0;
  for (size_t c = 0; c < table.columns.size(); ++c) {
    if (table.columns[c].name == table.parent_column) parent = c;
    if (table.columns[c].name == "id") id = c;
  }
  std::vector<TableRow> ordered;
  while (!rows.empty()) {
    auto ready = std::stable_partition(rows.begin(), rows.end(), [&](const TableRow& r) {
      return !r[parent].has_value() || present.count(*r[parent]) > 0;
    });
    if (ready == rows.begin()) return Status::Internal("copy: a cycle in " + std::string(table.name));
    for (auto it = rows.begin(); it != ready; ++it) {
      present.insert(it->at(id).value_or(""));
      ordered.push_back(std::move(*it));
    }
    rows.erase(rows.begin(), ready);
  }
  return ordered;
}

// Checks that `to` holds at most a prefix of `from` for `table`: no more rows,
// and its last row equal to the source's row with that key.
Status CheckPrefix(Store& from, Store& to, const TableInfo& table, int64_t source_rows) {
  TRYGG_ASSIGN_OR_RETURN(int64_t target_rows, Count(to, table));
  if (target_rows == 0) return Status::Ok();
  const Status not_ours = Status::FailedPrecondition("copy.target_not_empty", std::string(table.name));
  if (target_rows > source_rows) return not_ours;
  TRYGG_ASSIGN_OR_RETURN(std::vector<int64_t> last, LastKey(to, table));
  TRYGG_ASSIGN_OR_RETURN(TableRow theirs, RowAt(to, table, last));
  Result<TableRow> ours = RowAt(from, table, last);
  if (!ours.ok() || *ours != theirs) return not_ours;
  return Status::Ok();
}

// Copies the rows of `table` that `to` does not have yet; returns how many.
Result<int64_t> CopyTable(Store& from, Store& to, const TableInfo& table, int64_t total,
                          const CopyOptions& options) {
  TRYGG_ASSIGN_OR_RETURN(int64_t done, Count(to, table));
  TRYGG_ASSIGN_OR_RETURN(std::vector<int64_t> after, LastKey(to, table));
  int64_t copied = 0;
  // A table that refers to itself moves in one transaction, parents first.
  const int limit = table.parent_column.empty() ? options.batch_rows : 1 << 30;
  while (true) {
    std::vector<TableRow> rows;
    {
      TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> read, from.BeginRead());
      TRYGG_ASSIGN_OR_RETURN(rows, read->ReadRows(table, after, limit));
    }
    if (rows.empty()) return copied;
    after = KeyOf(table, rows.back());
    if (!table.parent_column.empty()) {
      std::set<std::string> present;
      TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> read, to.BeginRead());
      TRYGG_ASSIGN_OR_RETURN(std::vector<TableRow> existing, read->ReadRows(table, {}, 1 << 30));
      for (const TableRow& r : existing) present.insert(r[0].value_or(""));
      TRYGG_ASSIGN_OR_RETURN(rows, ParentsFirst(table, std::move(rows), std::move(present)));
    }
    {
      TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> write, to.BeginBulkWrite());
      TRYGG_RETURN_IF_ERROR(write->WriteRows(table, rows));
      TRYGG_RETURN_IF_ERROR(write->ResetIdSequence(table));
      TRYGG_RETURN_IF_ERROR(write->Commit());
    }
    copied += static_cast<int64_t>(rows.size());
    done += static_cast<int64_t>(rows.size());
    if (options.on_progress && !options.on_progress({table.name, done, total})) {
      return Status::FailedPrecondition("copy.stopped", std::string(table.name));
    }
  }
}

// Row count and a SHA-256 over every row of `table` in key order.
Result<std::pair<int64_t, std::string>> Digest(Store& store, const TableInfo& table, int batch) {
  std::string chain;
  int64_t rows = 0;
  std::vector<int64_t> after;
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<TableRow> page, tx->ReadRows(table, after, batch));
    if (page.empty()) return std::make_pair(rows, chain);
    std::string block = chain;
    for (const TableRow& row : page) {
      for (const auto& v : row) {
        // Length-prefixed, so no two different rows encode alike; NULL is "-".
        block += v.has_value() ? std::to_string(v->size()) + ":" + *v : "-";
      }
      block += '\n';
    }
    chain = Sha256Hex(block);
    rows += static_cast<int64_t>(page.size());
    after = KeyOf(table, page.back());
  }
}

// Verifies the whole audit chain of `store`; returns its record count and head.
Result<std::pair<int64_t, std::string>> VerifyChain(Store& store) {
  int64_t seq = 0, records = 0;
  std::string head = kAuditGenesisHash;
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(std::unique_ptr<StoreTx> tx, store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(std::vector<AuditRecord> page, tx->ListAudit(seq, 5000));
    if (page.empty()) return std::make_pair(records, head);
    AuditVerification v = VerifyAuditChain(page, seq, head);
    if (!v.ok) {
      return Status::FailedPrecondition("copy.audit_broken",
                                        "seq " + std::to_string(v.first_bad_seq) + " " + v.problem);
    }
    records += static_cast<int64_t>(page.size());
    seq = page.back().seq;
    head = page.back().hash;
  }
}

}  // namespace

Result<CopyReport> CopyStore(Store& from, Store& to, const CopyOptions& options) {
  if (options.batch_rows < 1) return Status::InvalidArgument("copy.batch_rows");
  TRYGG_ASSIGN_OR_RETURN(int source_version, from.SchemaVersion());
  if (source_version != kSchemaVersion) {
    return Status::FailedPrecondition("copy.source_schema",
                                      "source schema " + std::to_string(source_version) +
                                          ", this binary writes " + std::to_string(kSchemaVersion));
  }
  TRYGG_RETURN_IF_ERROR(to.Migrate());

  CopyReport report;
  std::vector<int64_t> totals;
  for (const TableInfo& table : CopiedTables()) {
    TRYGG_ASSIGN_OR_RETURN(int64_t total, Count(from, table));
    TRYGG_RETURN_IF_ERROR(CheckPrefix(from, to, table, total));
    totals.push_back(total);
  }
  for (size_t t = 0; t < CopiedTables().size(); ++t) {
    const TableInfo& table = CopiedTables()[t];
    TRYGG_ASSIGN_OR_RETURN(int64_t copied, CopyTable(from, to, table, totals[t], options));
    report.tables.push_back({std::string(table.name), totals[t], copied});
  }

  for (const TableInfo& table : CopiedTables()) {
    TRYGG_ASSIGN_OR_RETURN(auto source, Digest(from, table, options.batch_rows));
    TRYGG_ASSIGN_OR_RETURN(auto target, Digest(to, table, options.batch_rows));
    if (source != target) {
      return Status::FailedPrecondition(
          "copy.mismatch", std::string(table.name) + ": " + std::to_string(source.first) +
                               " rows in the source, " + std::to_string(target.first) +
                               " in the target, or their contents differ");
    }
  }
  TRYGG_ASSIGN_OR_RETURN(auto source_chain, VerifyChain(from));
  TRYGG_ASSIGN_OR_RETURN(auto target_chain, VerifyChain(to));
  if (source_chain != target_chain) {
    return Status::FailedPrecondition("copy.mismatch", "audit chain head");
  }
  report.audit_records = target_chain.first;
  report.audit_head = target_chain.second;
  return report;
}

}  // namespace trygg
