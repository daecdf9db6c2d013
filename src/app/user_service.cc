#include "app/user_service.h"

#include <algorithm>
#include <set>

#include "app/audit_log.h"
#include "core/crypto.h"
#include "core/text.h"
#include "domain/limits.h"

namespace trygg {
namespace {

constexpr size_t kMinPassword = 10;
constexpr size_t kMaxPassword = 256;

bool ValidUsername(const std::string& s) {
  if (s.size() < 2 || s.size() > 64) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
  });
}

bool ValidDisplayName(const std::string& s) { return FitsText(s, kMaxDisplayNameChars); }

bool ValidEmail(const std::string& s) {
  return s.empty() || (s.size() <= 254 && s.find('@') != s.npos && s.find(' ') == s.npos);
}

Status CheckPassword(const std::string& p) {
  if (p.size() < kMinPassword || p.size() > kMaxPassword) {
    return Status::InvalidArgument("user.password", "password");
  }
  return Status::Ok();
}

// An admin may act on units their admin grant covers; the CLI (nullptr) on all.
bool Administers(const Principal* who, UnitId unit, const OrgTree& tree) {
  return who == nullptr || who->actor.HasOn(Role::kAdmin, unit, tree);
}

std::optional<UserId> ActorId(const Principal* who) {
  return who ? std::optional(who->user.id) : std::nullopt;
}

// The store orders by bytes; people expect Swedish alphabetical order.
void SortByName(std::vector<User>& users) {
  std::stable_sort(users.begin(), users.end(), [](const User& a, const User& b) {
    return SwedishLess(a.display_name, b.display_name);
  });
}

Result<UserWithGrants> Load(StoreTx& tx, UserId id) {
  TRYGG_ASSIGN_OR_RETURN(User user, tx.GetUser(id));
  user.password_hash.clear();
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx.ListGrants(id));
  return UserWithGrants{std::move(user), std::move(grants)};
}

}  // namespace

Result<std::vector<UserWithGrants>> UserService::List(const Principal& who) {
  if (!who.actor.Has(Role::kAdmin)) return Status::PermissionDenied("user.forbidden");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  TRYGG_ASSIGN_OR_RETURN(std::vector<User> users, tx->ListUsers());
  SortByName(users);
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(std::nullopt));
  std::vector<UserWithGrants> out;
  for (User& u : users) {
    if (!Administers(&who, u.unit_id, *tree)) continue;
    u.password_hash.clear();
    UserWithGrants item{std::move(u), {}};
    for (const RoleGrant& g : grants) {
      if (g.user_id == item.user.id) item.grants.push_back(g);
    }
    out.push_back(std::move(item));
  }
  return out;
}

Result<UserWithGrants> UserService::Create(const Principal* who, const NewUser& in) {
  if (!ValidUsername(in.username)) return Status::InvalidArgument("user.username", "username");
  if (!ValidDisplayName(in.display_name)) {
    return Status::InvalidArgument("user.display_name", "display_name");
  }
  if (!ValidEmail(in.email)) return Status::InvalidArgument("user.email", "email");
  TRYGG_RETURN_IF_ERROR(CheckPassword(in.password));
  if (who != nullptr && !who->actor.Has(Role::kAdmin)) {
    return Status::PermissionDenied("user.forbidden");
  }
  std::string hash = in.password_hash;
  if (hash.empty()) {
    TRYGG_ASSIGN_OR_RETURN(hash, HashPassword(in.password));  // slow: outside the tx
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  if (tree->Find(in.unit_id) == nullptr) return Status::InvalidArgument("user.unit", "unit_id");
  if (!Administers(who, in.unit_id, *tree)) return Status::PermissionDenied("user.forbidden");
  User user;
  user.username = in.username;
  user.display_name = in.display_name;
  user.email = in.email;
  user.unit_id = in.unit_id;
  user.password_hash = std::move(hash);
  user.created_at = ctx_.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(user.id, tx->InsertUser(user));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, ActorId(who), "user.create", "user", user.id));
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants out, Load(*tx, user.id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<UserWithGrants> UserService::Update(const Principal& who, UserId id,
                                           const UserPatch& patch) {
  if (!who.actor.Has(Role::kAdmin)) return Status::PermissionDenied("user.forbidden");
  if (patch.display_name && !ValidDisplayName(*patch.display_name)) {
    return Status::InvalidArgument("user.display_name", "display_name");
  }
  if (patch.email && !ValidEmail(*patch.email))
    return Status::InvalidArgument("user.email", "email");
  std::optional<std::string> hash;
  if (patch.password) {
    TRYGG_RETURN_IF_ERROR(CheckPassword(*patch.password));
    TRYGG_ASSIGN_OR_RETURN(hash, HashPassword(*patch.password));
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  Result<User> found = tx->GetUser(id);
  if (!found.ok() || !Administers(&who, found->unit_id, *tree)) {
    return Status::NotFound("user.not_found");
  }
  User user = std::move(found).value();
  std::string fields;
  auto changed = [&](const char* f) { fields += fields.empty() ? f : std::string(",") + f; };
  if (patch.display_name) user.display_name = *patch.display_name, changed("display_name");
  if (patch.email) user.email = *patch.email, changed("email");
  if (patch.unit_id) {
    if (tree->Find(*patch.unit_id) == nullptr)
      return Status::InvalidArgument("user.unit", "unit_id");
    if (!Administers(&who, *patch.unit_id, *tree))
      return Status::PermissionDenied("user.forbidden");
    user.unit_id = *patch.unit_id;
    changed("unit_id");
  }
  if (patch.active) user.active = *patch.active, changed("active");
  if (hash) user.password_hash = *hash, changed("password");
  TRYGG_RETURN_IF_ERROR(tx->UpdateUser(user));
  if (!user.active || hash) TRYGG_RETURN_IF_ERROR(tx->DeleteSessionsOfUser(user.id));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "user.update", "user", id, fields));
  TRYGG_ASSIGN_OR_RETURN(UserWithGrants out, Load(*tx, id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Result<RoleGrant> UserService::Grant(const Principal* who, UserId user_id, Role role, UnitId unit) {
  if (role == Role::kMedarbetare) return Status::InvalidArgument("grant.role", "role");
  if (who != nullptr && !who->actor.Has(Role::kAdmin)) {
    return Status::PermissionDenied("user.forbidden");
  }
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  Result<User> user = tx->GetUser(user_id);
  if (!user.ok() || !Administers(who, user->unit_id, *tree)) {
    return Status::NotFound("user.not_found");
  }
  if (tree->Find(unit) == nullptr) return Status::InvalidArgument("grant.unit", "unit_id");
  if (!Administers(who, unit, *tree)) return Status::PermissionDenied("user.forbidden");
  RoleGrant grant{0, user_id, role, unit};
  TRYGG_ASSIGN_OR_RETURN(grant.id, tx->InsertGrant(grant));
  TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, ActorId(who), "grant.create", "user", user_id,
                                    std::string(RoleCode(role)) + "@" + std::to_string(unit)));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return grant;
}

Status UserService::Revoke(const Principal& who, UserId user_id, int64_t grant_id) {
  if (!who.actor.Has(Role::kAdmin)) return Status::PermissionDenied("user.forbidden");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  Result<User> user = tx->GetUser(user_id);
  if (!user.ok() || !Administers(&who, user->unit_id, *tree)) {
    return Status::NotFound("user.not_found");
  }
  TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(user_id));
  auto it = std::find_if(grants.begin(), grants.end(),
                         [&](const RoleGrant& g) { return g.id == grant_id; });
  if (it == grants.end()) return Status::NotFound("grant.not_found");
  if (!Administers(&who, it->unit_id, *tree)) return Status::PermissionDenied("user.forbidden");
  TRYGG_RETURN_IF_ERROR(tx->DeleteGrant(grant_id));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, who.user.id, "grant.delete", "user", user_id,
                  std::string(RoleCode(it->role)) + "@" + std::to_string(it->unit_id)));
  return tx->Commit();
}

Result<UserWithGrants> UserService::Me(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  return Load(*tx, who.user.id);
}

Result<std::vector<Colleague>> UserService::Colleagues(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  // The förvaltningar the caller works in or holds a role in; a role held
  // above förvaltning level (kommun) opens the whole kommun.
  std::set<UnitId> roots;
  bool everywhere = false;
  auto add = [&](UnitId unit) {
    std::optional<UnitId> f = tree->ForvaltningOf(unit);
    if (f)
      roots.insert(*f);
    else
      everywhere = true;
  };
  add(who.user.unit_id);
  for (const RoleGrant& g : who.actor.grants) add(g.unit_id);
  TRYGG_ASSIGN_OR_RETURN(std::vector<User> users, tx->ListUsers());
  SortByName(users);
  std::vector<Colleague> out;
  for (const User& u : users) {
    if (!u.active) continue;
    std::optional<UnitId> f = tree->ForvaltningOf(u.unit_id);
    if (everywhere || (f && roots.count(*f))) out.push_back({u.id, u.display_name, u.unit_id});
  }
  return out;
}

}  // namespace trygg
