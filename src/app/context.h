// AppContext: what every use case shares — the store, the clock, the org tree cache.
#pragma once

#include <memory>
#include <mutex>

#include "core/clock.h"
#include "core/time.h"
#include "domain/org.h"
#include "domain/role.h"
#include "domain/user.h"
#include "storage/store.h"

namespace trygg {

// The authenticated caller of a use case.
struct Principal {
  User user;
  Actor actor;
  std::string csrf_token;
  std::string session_hash;
};

// Caches the organisation tree; reloaded after any change to units.
class OrgCache {
 public:
  // The current tree, loading it through `tx` if the cache is empty.
  Result<std::shared_ptr<const OrgTree>> Get(StoreTx& tx);
  // Call after a committed change to units.
  void Invalidate();

 private:
  std::mutex mu_;
  std::shared_ptr<const OrgTree> tree_;
};

struct AppContext {
  Store& store;
  const Clock& clock;
  OrgCache org;
};

}  // namespace trygg
