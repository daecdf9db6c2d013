// Status: the outcome of an operation that can fail, cheap to copy when OK.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace trygg {

// What kind of failure a Status describes. The HTTP layer maps each to one code.
enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller sent bad input; nothing was changed
  kUnauthenticated,    // no valid session
  kPermissionDenied,   // authenticated, but the role does not allow this
  kNotFound,           // does not exist, or the caller may not know it exists
  kAlreadyExists,      // unique key taken
  kFailedPrecondition, // a workflow rule forbids this now (e.g. open measures)
  kConflict,           // concurrent change (stale version)
  kResourceExhausted,  // throttled
  kInternal,           // a bug or an I/O error
  kUnavailable,        // the database is busy or down; retry may succeed
};

// A Status is OK or carries a code, a stable machine-readable reason (e.g.
// "incident.open_measures") and an optional detail (e.g. a field name). The
// reason is the key for the localised message shown to the user.
class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string reason, std::string detail = {})
      : state_(std::make_shared<State>(State{code, std::move(reason), std::move(detail)})) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string reason, std::string detail = {}) {
    return {StatusCode::kInvalidArgument, std::move(reason), std::move(detail)};
  }
  static Status NotFound(std::string reason = "not_found", std::string detail = {}) {
    return {StatusCode::kNotFound, std::move(reason), std::move(detail)};
  }
  static Status PermissionDenied(std::string reason = "forbidden") {
    return {StatusCode::kPermissionDenied, std::move(reason)};
  }
  static Status Unauthenticated(std::string reason = "unauthenticated") {
    return {StatusCode::kUnauthenticated, std::move(reason)};
  }
  static Status FailedPrecondition(std::string reason, std::string detail = {}) {
    return {StatusCode::kFailedPrecondition, std::move(reason), std::move(detail)};
  }
  static Status AlreadyExists(std::string reason, std::string detail = {}) {
    return {StatusCode::kAlreadyExists, std::move(reason), std::move(detail)};
  }
  static Status Conflict(std::string reason = "conflict") {
    return {StatusCode::kConflict, std::move(reason)};
  }
  static Status Internal(std::string detail) {
    return {StatusCode::kInternal, "internal", std::move(detail)};
  }
  static Status Unavailable(std::string detail) {
    return {StatusCode::kUnavailable, "unavailable", std::move(detail)};
  }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  const std::string& reason() const { return state_ ? state_->reason : Empty(); }
  const std::string& detail() const { return state_ ? state_->detail : Empty(); }
  std::string ToString() const;

 private:
  struct State {
    StatusCode code;
    std::string reason;
    std::string detail;
  };
  static const std::string& Empty() {
    static const std::string kEmpty;
    return kEmpty;
  }
  std::shared_ptr<const State> state_;
};

std::string_view StatusCodeName(StatusCode code);

}  // namespace trygg

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define TRYGG_RETURN_IF_ERROR(expr)          \
  do {                                       \
    ::trygg::Status trygg_status_ = (expr);  \
    if (!trygg_status_.ok()) return trygg_status_; \
  } while (0)
