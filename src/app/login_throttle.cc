#include "app/login_throttle.h"

namespace trygg {

void LoginThrottle::Prune(Times& t, TimeMs now) const {
  while (!t.empty() && t.front() <= now - limits_.window) t.pop_front();
}

bool LoginThrottle::Blocked(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  const TimeMs now = clock_.NowMs();
  auto& acc = by_account_[account];
  auto& addr = by_address_[address];
  Prune(acc, now);
  Prune(addr, now);
  return static_cast<int>(acc.size()) >= limits_.max_failures_per_account ||
         static_cast<int>(addr.size()) >= limits_.max_failures_per_address;
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address) {
  std::lock_guard lock(mu_);
  const TimeMs now = clock_.NowMs();
  by_account_[account].push_back(now);
  by_address_[address].push_back(now);
  // Bound memory under a spraying attack: forget idle keys.
  if (by_account_.size() > 100000) by_account_.clear();
  if (by_address_.size() > 100000) by_address_.clear();
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mu_);
  by_account_.erase(account);
}

}  // namespace trygg
