// StoreCopy: moves a whole installation — organisation, users, incidents,
// logbooks, the audit chain — from one store to another (e.g. SQLite to
// PostgreSQL), resumably, and proves the copy equal afterwards.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "storage/store.h"

namespace trygg {

struct CopyProgress {
  std::string_view table;
  int64_t done = 0;   // rows of this table now in the target
  int64_t total = 0;  // rows of this table in the source
};

struct CopyOptions {
  int batch_rows = 5000;  // rows per target transaction (>= 1)
  // Called after every committed batch. Returning false stops the copy there;
  // running it again later goes on from that point.
  std::function<bool(const CopyProgress&)> on_progress;
};

struct CopyReport {
  struct Table {
    std::string name;
    int64_t rows = 0;         // in the source, and (verified) in the target
    int64_t copied_now = 0;   // by this run; the rest were there from an earlier run
  };
  std::vector<Table> tables;
  int64_t audit_records = 0;
  std::string audit_head;  // the last record's hash, equal on both sides
};

// Copies every table of storage/tables.h from `from` to `to`, in key order,
// skipping what an earlier, interrupted run already committed. Migrates `to`
// first; never writes to `from`. Stop every server using `from` first: rows
// changed during the copy make the verification fail. Afterwards verifies,
// per table, that the row count and a digest of every row are equal on both
// sides, and that the target's audit chain verifies and ends at the same hash.
// Errors:
//   FailedPrecondition("copy.source_schema") — `from` is not at this binary's
//     schema version (run `trygg migrate` on it first);
//   FailedPrecondition("copy.target_not_empty") — `to` holds data that is not
//     an earlier partial copy of `from`;
//   FailedPrecondition("copy.stopped") — on_progress asked to stop;
//   FailedPrecondition("copy.mismatch", table) — verification failed;
//   FailedPrecondition("copy.audit_broken") — the copied chain does not verify;
//   storage errors of either side.
Result<CopyReport> CopyStore(Store& from, Store& to, const CopyOptions& options);

}  // namespace trygg
