// Logging in and out, session validation, CSRF tokens and login throttling.
#pragma once

#include <string>

#include "app/context.h"
#include "app/login_throttle.h"

namespace trygg {

struct LoginResult {
  std::string session_token;  // 256-bit random, hex; goes only into the cookie
  std::string csrf_token;     // echoed back by the client in X-CSRF-Token
  User user;
};

class AuthService {
 public:
  AuthService(AppContext& ctx, TimeMs idle_timeout, LoginThrottle::Limits limits);

  // Errors: Unauthenticated("auth.bad_credentials") for an unknown user, a wrong
  // password or an inactive account (indistinguishable);
  // ResourceExhausted("auth.throttled") after too many failures for the
  // account or the address. InvalidArgument("auth.missing_fields").
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& remote_address);

  // Ends the session. OK even if it had already ended.
  Status Logout(const std::string& session_token);

  // The principal behind a session token; refreshes its idle timer.
  // Error: Unauthenticated("auth.no_session") when absent, expired or the
  // user is inactive.
  Result<Principal> Authenticate(const std::string& session_token);

  TimeMs idle_timeout() const { return idle_timeout_; }

 private:
  AppContext& ctx_;
  TimeMs idle_timeout_;
  LoginThrottle throttle_;
};

}  // namespace trygg
