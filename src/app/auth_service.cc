#include "app/auth_service.h"

#include <algorithm>
#include <cctype>

#include "app/audit_log.h"
#include "core/crypto.h"

namespace trygg {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// A fixed hash to verify against when the user does not exist, so that the
// time taken does not tell whether a username is valid.
const std::string& DummyHash() {
  static const std::string kHash = [] {
    auto h = HashPassword("not-a-real-password-for-timing");
    return h.ok() ? *h : std::string();
  }();
  return kHash;
}

}  // namespace

AuthService::AuthService(AppContext& ctx, TimeMs idle_timeout, LoginThrottle::Limits limits)
    : ctx_(ctx), idle_timeout_(idle_timeout), throttle_(ctx.clock, limits) {}

Result<LoginResult> AuthService::Login(const std::string& username_in, const std::string& password,
                                       const std::string& remote_address) {
  if (username_in.empty() || password.empty()) {
    return Status::InvalidArgument("auth.missing_fields");
  }
  const std::string username = Lower(username_in);
  if (throttle_.Blocked(username, remote_address)) {
    return Status(StatusCode::kResourceExhausted, "auth.throttled");
  }
  const Status bad = Status::Unauthenticated("auth.bad_credentials");
  Result<User> user = [&]() -> Result<User> {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    return tx->GetUserByUsername(username);
  }();
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  const bool match = user.ok() ? VerifyPassword(user->password_hash, password)
                               : (VerifyPassword(DummyHash(), password), false);
  if (!match || !user->active) {
    throttle_.RecordFailure(username, remote_address);
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
    TRYGG_RETURN_IF_ERROR(AppendAudit(*tx, ctx_.clock, std::nullopt, "auth.login_failed", "user",
                                      user.ok() ? user->id : 0));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
    return bad;
  }
  throttle_.RecordSuccess(username);

  LoginResult out;
  out.session_token = RandomHex(32);
  out.csrf_token = RandomHex(32);
  out.user = std::move(user).value();
  out.user.password_hash.clear();
  Session session;
  session.token_hash = Sha256Hex(out.session_token);
  session.user_id = out.user.id;
  session.csrf_token = out.csrf_token;
  session.created_at = session.last_seen_at = ctx_.clock.NowMs();

  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_RETURN_IF_ERROR(tx->DeleteSessionsIdleSince(session.created_at - idle_timeout_));
  TRYGG_RETURN_IF_ERROR(tx->InsertSession(session));
  TRYGG_RETURN_IF_ERROR(
      AppendAudit(*tx, ctx_.clock, out.user.id, "auth.login", "user", out.user.id));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return out;
}

Status AuthService::Logout(const std::string& session_token) {
  if (session_token.empty()) return Status::Ok();
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_RETURN_IF_ERROR(tx->DeleteSession(Sha256Hex(session_token)));
  return tx->Commit();
}

Result<Principal> AuthService::Authenticate(const std::string& session_token) {
  const Status none = Status::Unauthenticated("auth.no_session");
  if (session_token.size() != 64) return none;
  const std::string hash = Sha256Hex(session_token);
  const TimeMs now = ctx_.clock.NowMs();
  Principal p;
  bool touch = false;
  {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    Result<Session> session = tx->GetSession(hash);
    if (!session.ok()) {
      return session.status().code() == StatusCode::kNotFound ? none : session.status();
    }
    if (session->last_seen_at + idle_timeout_ <= now) return none;
    Result<User> user = tx->GetUser(session->user_id);
    if (!user.ok() || !user->active) return none;
    TRYGG_ASSIGN_OR_RETURN(std::vector<RoleGrant> grants, tx->ListGrants(user->id));
    p.user = std::move(user).value();
    p.user.password_hash.clear();
    p.actor = Actor{p.user.id, p.user.unit_id, std::move(grants)};
    p.csrf_token = session->csrf_token;
    p.session_hash = hash;
    // Refresh the idle timer at most once a minute to spare the writer.
    touch = now - session->last_seen_at > kMsPerMinute;
  }
  if (touch) {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
    TRYGG_RETURN_IF_ERROR(tx->TouchSession(hash, now));
    TRYGG_RETURN_IF_ERROR(tx->Commit());
  }
  return p;
}

}  // namespace trygg
