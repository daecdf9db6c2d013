// Users, their login sessions, and the audit record type.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "domain/org.h"

namespace trygg {

struct User {
  UserId id = 0;
  std::string username;      // login name, lowercase
  std::string display_name;  // shown to colleagues
  std::string email;
  UnitId unit_id = 0;        // the enhet the user works in
  bool active = true;
  std::string password_hash;  // argon2id, never leaves the server
  TimeMs created_at = 0;
};

// A login session. The token itself is only in the user's cookie; the store
// keeps its SHA-256.
struct Session {
  std::string token_hash;
  UserId user_id = 0;
  std::string csrf_token;
  TimeMs created_at = 0;
  TimeMs last_seen_at = 0;
};

// One append-only audit record. `hash` chains it to the previous record's hash.
struct AuditRecord {
  int64_t seq = 0;
  TimeMs at = 0;
  std::optional<UserId> actor_id;  // nullopt: the system (CLI, scheduler)
  std::string action;              // e.g. "incident.read", "incident.create", "user.create"
  std::string target_type;         // e.g. "incident", "user", "unit"
  int64_t target_id = 0;
  std::string detail;              // short context; never personal data
  std::string prev_hash;
  std::string hash;
};

}  // namespace trygg
