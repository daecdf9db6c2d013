// Notify: tells one user something inside the caller's transaction, in the app and by e-mail.
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "domain/notification.h"

namespace trygg {

struct NotifyRequest {
  UserId user = 0;
  NotificationKind kind = NotificationKind::kNewIncident;
  std::optional<IncidentId> incident;
  std::string ref;
  std::string dedupe_key;  // unique per user: the same key never notifies twice
  std::string unit_name;   // the enhet's own name, for the e-mail text
};

// Stores the notification in `tx` unless the user already has one with the
// same dedupe key, and then, when mail is on and the user is active with an
// e-mail address, queues its e-mail in the outbox. Returns true when new.
// Nothing is stored for an inactive user.
Result<bool> Notify(StoreTx& tx, const AppContext& ctx, const NotifyRequest& request);

// The Swedish sentence for a notification, as used in e-mail subjects. It
// names at most the unit: never a person, a perpetrator or what happened.
std::string NotificationSentence(NotificationKind kind, const std::string& unit_name);

// The last part of a unit's path name ("Ekonomiskt bistånd").
std::string UnitShortName(const OrgTree& tree, UnitId unit);

}  // namespace trygg
