// AppContext: what every use case shares — the store, the clock, the org tree cache.
#pragma once

#include <memory>
#include <mutex>

#include "app/pseudonymizer.h"
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

// Caches the organisation tree. Each Get checks the store's org generation
// (one indexed read), so a change made by another process sharing the
// database is seen by the next use case here.
class OrgCache {
 public:
  // The tree as `tx` sees it, from the cache when its generation still matches.
  Result<std::shared_ptr<const OrgTree>> Get(StoreTx& tx);
  // Call after a committed change to units (saves the generation check a reload).
  void Invalidate();

 private:
  std::mutex mu_;
  std::shared_ptr<const OrgTree> tree_;
  int64_t generation_ = -1;  // of tree_
};

// E-mail notifications: off unless a mail server is configured.
struct MailSettings {
  bool enabled = false;
  std::string from = "trygg@localhost";
  std::string public_url;  // links in e-mails, e.g. "https://trygg.example.se"
};

struct AppContext {
  Store& store;
  const Clock& clock;
  OrgCache org;
  MailSettings mail;
  Pseudonymizer pseudonyms;  // not configured: identifiers are refused
};

}  // namespace trygg
