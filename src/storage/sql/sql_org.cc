// SqlTx: organisation units, users, role grants and sessions.
#include <algorithm>

#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr char kUserColumns[] =
    "id, username, display_name, email, unit_id, active, password_hash, created_at";

Result<User> ReadUser(const Statement& st) {
  User u;
  u.id = st.Int(0);
  u.username = st.Text(1);
  u.display_name = st.Text(2);
  u.email = st.Text(3);
  u.unit_id = st.Int(4);
  u.active = st.Bool(5);
  u.password_hash = st.Text(6);
  u.created_at = st.Int(7);
  return u;
}

}  // namespace

// --- Organisation -------------------------------------------------------------

Result<UnitId> SqlTx::InsertUnit(const OrgUnit& unit) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("INSERT INTO org_units (parent_id, kind, name) VALUES (?, ?, ?) RETURNING id"));
  st.BindOptInt(unit.parent_id).BindText(UnitKindCode(unit.kind)).BindText(unit.name);
  st.OnDuplicate("unit.duplicate_name");
  TRYGG_ASSIGN_OR_RETURN(UnitId id, st.RunReturningId());
  TRYGG_RETURN_IF_ERROR(BumpOrgGeneration());
  return id;
}

Status SqlTx::UpdateUnit(const OrgUnit& unit) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("UPDATE org_units SET parent_id = ?, kind = ?, name = ? WHERE id = ?"));
  st.BindOptInt(unit.parent_id).BindText(UnitKindCode(unit.kind)).BindText(unit.name);
  st.BindInt(unit.id).OnDuplicate("unit.duplicate_name");
  TRYGG_RETURN_IF_ERROR(RunExpectingOneRow(st, "unit.not_found"));
  return BumpOrgGeneration();
}

Result<int64_t> SqlTx::OrgGeneration() {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT value FROM store_counters WHERE name = 'org_generation'"));
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: no org_generation counter");
  return st.Int(0);
}

Status SqlTx::BumpOrgGeneration() {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE store_counters SET value = value + 1 WHERE name = 'org_generation'"));
  return st.Run();
}

Result<std::vector<OrgUnit>> SqlTx::ListUnits() {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT id, parent_id, kind, name FROM org_units ORDER BY id"));
  return ReadAll<OrgUnit>(st, [](const Statement& row) -> Result<OrgUnit> {
    OrgUnit u;
    u.id = row.Int(0);
    u.parent_id = row.OptInt(1);
    TRYGG_ASSIGN_OR_RETURN(u.kind, Decode(ParseUnitKind, row.Text(2), "org_units.kind"));
    u.name = row.Text(3);
    return u;
  });
}

// --- Users --------------------------------------------------------------------

Result<UserId> SqlTx::InsertUser(const User& user) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO users (username, display_name, email, unit_id, active, password_hash,"
              " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.BindText(user.username).BindText(user.display_name).BindText(user.email);
  st.BindInt(user.unit_id).BindBool(user.active).BindText(user.password_hash);
  st.BindInt(user.created_at).OnDuplicate("user.duplicate_username");
  return st.RunReturningId();
}

Status SqlTx::UpdateUser(const User& user) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE users SET username = ?, display_name = ?, email = ?, unit_id = ?,"
              " active = ?, password_hash = ?, created_at = ? WHERE id = ?"));
  st.BindText(user.username).BindText(user.display_name).BindText(user.email);
  st.BindInt(user.unit_id).BindBool(user.active).BindText(user.password_hash);
  st.BindInt(user.created_at).BindInt(user.id).OnDuplicate("user.duplicate_username");
  return RunExpectingOneRow(st, "user.not_found");
}

Result<User> SqlTx::GetUser(UserId id) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare(std::string("SELECT ") + kUserColumns + " FROM users WHERE id = ?"));
  st.BindInt(id);
  return ReadOne<User>(st, ReadUser, "user.not_found");
}

Result<User> SqlTx::GetUserByUsername(const std::string& username) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string("SELECT ") + kUserColumns +
                                               " FROM users WHERE username = ?"));
  st.BindText(username);
  return ReadOne<User>(st, ReadUser, "user.not_found");
}

Result<std::vector<User>> SqlTx::ListUsers() {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id"));
  TRYGG_ASSIGN_OR_RETURN(std::vector<User> users, ReadAll<User>(st, ReadUser));
  // Byte order, sorted here: an engine's ORDER BY on text follows its collation.
  std::stable_sort(users.begin(), users.end(),
                   [](const User& a, const User& b) { return a.display_name < b.display_name; });
  return users;
}

// --- Role grants ----------------------------------------------------------------

Result<int64_t> SqlTx::InsertGrant(const RoleGrant& grant) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("INSERT INTO role_grants (user_id, role, unit_id) VALUES (?, ?, ?)"
                            " RETURNING id"));
  st.BindInt(grant.user_id).BindText(RoleCode(grant.role)).BindInt(grant.unit_id);
  st.OnDuplicate("grant.duplicate");
  return st.RunReturningId();
}

Status SqlTx::DeleteGrant(int64_t grant_id) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("DELETE FROM role_grants WHERE id = ?"));
  st.BindInt(grant_id);
  return RunExpectingOneRow(st, "grant.not_found");
}

Result<std::vector<RoleGrant>> SqlTx::ListGrants(std::optional<UserId> user) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare(
          user.has_value()
              ? "SELECT id, user_id, role, unit_id FROM role_grants WHERE user_id = ? ORDER BY id"
              : "SELECT id, user_id, role, unit_id FROM role_grants ORDER BY id"));
  if (user.has_value()) st.BindInt(*user);
  return ReadAll<RoleGrant>(st, [](const Statement& row) -> Result<RoleGrant> {
    RoleGrant g;
    g.id = row.Int(0);
    g.user_id = row.Int(1);
    TRYGG_ASSIGN_OR_RETURN(g.role, Decode(ParseRole, row.Text(2), "role_grants.role"));
    g.unit_id = row.Int(3);
    return g;
  });
}

// --- Sessions -------------------------------------------------------------------

Status SqlTx::InsertSession(const Session& session) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st, Prepare("INSERT INTO sessions (token_hash, user_id, csrf_token, created_at,"
                            " last_seen_at) VALUES (?, ?, ?, ?, ?)"));
  st.BindText(session.token_hash).BindInt(session.user_id).BindText(session.csrf_token);
  st.BindInt(session.created_at).BindInt(session.last_seen_at).OnDuplicate("session.duplicate");
  return st.Run();
}

Result<Session> SqlTx::GetSession(const std::string& token_hash) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("SELECT token_hash, user_id, csrf_token, created_at, last_seen_at"
                                 " FROM sessions WHERE token_hash = ?"));
  st.BindText(token_hash);
  return ReadOne<Session>(
      st,
      [](const Statement& row) -> Result<Session> {
        return Session{row.Text(0), row.Int(1), row.Text(2), row.Int(3), row.Int(4)};
      },
      "session.not_found");
}

Status SqlTx::TouchSession(const std::string& token_hash, TimeMs at) {
  TRYGG_ASSIGN_OR_RETURN(Statement st,
                         Prepare("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?"));
  st.BindInt(at).BindText(token_hash);
  return st.Run();
}

Status SqlTx::DeleteSession(const std::string& token_hash) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("DELETE FROM sessions WHERE token_hash = ?"));
  st.BindText(token_hash);
  return st.Run();
}

Status SqlTx::DeleteSessionsIdleSince(TimeMs cutoff) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("DELETE FROM sessions WHERE last_seen_at < ?"));
  st.BindInt(cutoff);
  return st.Run();
}

Status SqlTx::DeleteSessionsOfUser(UserId user) {
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare("DELETE FROM sessions WHERE user_id = ?"));
  st.BindInt(user);
  return st.Run();
}

}  // namespace trygg::sql
