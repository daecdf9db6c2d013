// sql::Statement: one prepared statement of any SQL engine, with parameters
// bound in order, rows stepped through, and engine errors already mapped to Status.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace trygg::sql {

// What an engine implements for one prepared statement. Errors from Step()
// follow the storage conventions:
//   unique/primary key violation → AlreadyExists("storage.duplicate"),
//   foreign key violation → InvalidArgument("storage.foreign_key"),
//   other constraints (NOT NULL, CHECK) → InvalidArgument("storage.constraint"),
//   the audit table's append-only guard → FailedPrecondition("storage.append_only"),
//   lock waits, lost connections, serialization failures → Unavailable,
//   anything else → Internal.
class Cursor {
 public:
  virtual ~Cursor() = default;

  // Parameters, left to right. A bind failure is reported by the next Step().
  virtual void BindInt(int64_t value) = 0;
  virtual void BindText(std::string_view value) = 0;
  virtual void BindNull() = 0;

  // Runs the statement (the first call) or advances: true when a row is ready.
  virtual Result<bool> Step() = 0;
  // Rows changed by the statement once it has run (INSERT/UPDATE/DELETE).
  virtual int64_t Changes() const = 0;

  // Columns of the current row.
  virtual int64_t Int(int col) const = 0;
  virtual std::string Text(int col) const = 0;
  virtual bool IsNull(int col) const = 0;
};

// A prepared statement. SQL uses '?' placeholders on every engine.
class Statement {
 public:
  explicit Statement(std::unique_ptr<Cursor> cursor) : cursor_(std::move(cursor)) {}

  Statement& BindInt(int64_t value);
  Statement& BindBool(bool value) { return BindInt(value ? 1 : 0); }
  Statement& BindText(std::string_view value);
  Statement& BindNull();
  Statement& BindOptInt(const std::optional<int64_t>& value);
  Statement& BindOptText(const std::optional<std::string_view>& value);

  // The AlreadyExists reason to report when this statement violates a unique key.
  Statement& OnDuplicate(std::string_view reason);

  // Advances to the next row: true when a row is ready, false when done.
  Result<bool> Step();
  // Steps until done, discarding any rows (use for INSERT/UPDATE/DELETE).
  Status Run();
  // For "INSERT … RETURNING id": runs the statement and returns that id.
  Result<int64_t> RunReturningId();
  // Rows changed, after Run().
  int64_t Changes() const { return cursor_->Changes(); }

  int64_t Int(int col) const { return cursor_->Int(col); }
  bool Bool(int col) const { return cursor_->Int(col) != 0; }
  std::string Text(int col) const { return cursor_->Text(col); }
  bool IsNull(int col) const { return cursor_->IsNull(col); }
  std::optional<int64_t> OptInt(int col) const;
  std::optional<std::string> OptText(int col) const;

 private:
  std::unique_ptr<Cursor> cursor_;
  std::string duplicate_reason_;
};

}  // namespace trygg::sql
