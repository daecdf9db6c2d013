// User administration: accounts, passwords, role grants, and the colleague directory.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"

namespace trygg {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string email;
  UnitId unit_id = 0;
  std::string password;  // at least 10 characters
  // Optional: HashPassword(password) made beforehand, stored as is instead of hashing
  // `password` again (not checked against it: only for callers that made it themselves).
  // seed-demo gives its ~44 users the one demo password and hashes it once — each hash
  // costs ~0.2 s of CPU by design. Never set from a request body.
  std::string password_hash{};
};

struct UserPatch {
  std::optional<std::string> display_name;
  std::optional<std::string> email;
  std::optional<UnitId> unit_id;
  std::optional<bool> active;
  std::optional<std::string> password;
};

struct UserWithGrants {
  User user;  // password_hash cleared
  std::vector<RoleGrant> grants;
};

// A colleague as shown in pickers: no e-mail, no grants.
struct Colleague {
  UserId id;
  std::string display_name;
  UnitId unit_id;
};

class UserService {
 public:
  explicit UserService(AppContext& ctx) : ctx_(ctx) {}

  // Admin use cases. An admin manages users whose unit, and grants whose
  // unit, their admin grant covers; `who == nullptr` is the CLI (allowed all).
  // Errors: PermissionDenied; InvalidArgument("user.username" | "user.password"
  // | "user.unit" | "user.display_name" | "grant.role" | "grant.unit");
  // AlreadyExists; NotFound.
  Result<std::vector<UserWithGrants>> List(const Principal& who);
  Result<UserWithGrants> Create(const Principal* who, const NewUser& in);
  Result<UserWithGrants> Update(const Principal& who, UserId id, const UserPatch& patch);
  Result<RoleGrant> Grant(const Principal* who, UserId user, Role role, UnitId unit);
  Status Revoke(const Principal& who, UserId user, int64_t grant_id);

  // The caller's own account and grants (/me).
  Result<UserWithGrants> Me(const Principal& who);

  // Active users in the caller's förvaltning (or the whole kommun for roles
  // granted at kommun level), for choosing exposed colleagues and owners.
  Result<std::vector<Colleague>> Colleagues(const Principal& who);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
