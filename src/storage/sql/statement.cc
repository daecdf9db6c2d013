#include "storage/sql/statement.h"

namespace trygg::sql {

Statement& Statement::BindInt(int64_t value) {
  cursor_->BindInt(value);
  return *this;
}

Statement& Statement::BindText(std::string_view value) {
  cursor_->BindText(value);
  return *this;
}

Statement& Statement::BindNull() {
  cursor_->BindNull();
  return *this;
}

Statement& Statement::BindOptInt(const std::optional<int64_t>& value) {
  return value.has_value() ? BindInt(*value) : BindNull();
}

Statement& Statement::BindOptText(const std::optional<std::string_view>& value) {
  return value.has_value() ? BindText(*value) : BindNull();
}

Statement& Statement::OnDuplicate(std::string_view reason) {
  duplicate_reason_ = reason;
  return *this;
}

Result<bool> Statement::Step() {
  Result<bool> row = cursor_->Step();
  if (row.ok() || duplicate_reason_.empty() ||
      row.status().code() != StatusCode::kAlreadyExists) {
    return row;
  }
  return Status::AlreadyExists(duplicate_reason_, row.status().detail());
}

Status Statement::Run() {
  while (true) {
    TRYGG_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

Result<int64_t> Statement::RunReturningId() {
  TRYGG_ASSIGN_OR_RETURN(bool row, Step());
  if (!row) return Status::Internal("storage: INSERT … RETURNING gave no row");
  const int64_t id = Int(0);
  // Step to the end: SQLite finishes the statement (and its WAL bookkeeping) only then.
  TRYGG_RETURN_IF_ERROR(Run());
  return id;
}

std::optional<int64_t> Statement::OptInt(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Int(col);
}

std::optional<std::string> Statement::OptText(int col) const {
  if (IsNull(col)) return std::nullopt;
  return Text(col);
}

}  // namespace trygg::sql
