// LoginThrottle: counts failed logins per account and per address in a sliding window.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/clock.h"

namespace trygg {

class LoginThrottle {
 public:
  struct Limits {
    int max_failures_per_account = 5;
    int max_failures_per_address = 20;
    TimeMs window = 15 * 60 * 1000;
  };
  LoginThrottle(const Clock& clock, Limits limits) : clock_(clock), limits_(limits) {}

  // True when another attempt for this account or from this address must be refused now.
  bool Blocked(const std::string& account, const std::string& address);
  void RecordFailure(const std::string& account, const std::string& address);
  // A successful login clears the account's failures (not the address's).
  void RecordSuccess(const std::string& account);

 private:
  using Times = std::deque<TimeMs>;
  void Prune(Times& t, TimeMs now) const;

  const Clock& clock_;
  Limits limits_;
  std::mutex mu_;
  std::unordered_map<std::string, Times> by_account_;
  std::unordered_map<std::string, Times> by_address_;
};

}  // namespace trygg
