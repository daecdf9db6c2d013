// Builds IncidentViews: what one caller may see of an incident, redacted.
#pragma once

#include <unordered_map>

#include "app/incident_service.h"

namespace trygg {

// Looks up display names through one transaction, caching them.
class NameBook {
 public:
  explicit NameBook(StoreTx& tx) : tx_(tx) {}
  // Adds `id`'s display name to `names` (an unknown id gets an empty name).
  void Add(UserId id, std::unordered_map<UserId, std::string>& names);

 private:
  StoreTx& tx_;
  std::unordered_map<UserId, std::string> cache_;
};

// The incident with the fields `access` does not allow blanked.
Incident Redact(Incident incident, const IncidentAccess& access);

// A view for `actor`. With `full`, loads measures (access.exists), notes and
// logbook (access.details). The caller must already have checked
// access.exists where that matters.
Result<IncidentView> BuildView(StoreTx& tx, const OrgTree& tree, const Actor& actor,
                               const Incident& incident, bool full, NameBook& names);

}  // namespace trygg

namespace trygg {

// What a use case needs of the caller's access to act on an incident.
enum class Need { kExists, kDetails, kAnnotate, kManage };

struct LoadedIncident {
  Incident incident;
  IncidentAccess access;
};

// Loads incident `id` for `actor` and checks `need`. NotFound when it does not
// exist or the actor may not know it exists (the two are indistinguishable);
// PermissionDenied when it is visible but `need` is not met.
Result<LoadedIncident> LoadFor(StoreTx& tx, const OrgTree& tree, const Actor& actor, IncidentId id,
                               Need need);

// Writes a logbook line (`log_action`, `detail`) for incident `id` and the
// matching audit record (`audit_action`, same detail) in `tx`.
Status RecordChange(StoreTx& tx, const Clock& clock, UserId actor, IncidentId id,
                    const std::string& log_action, const std::string& detail,
                    const std::string& audit_action);

// Adds the follow-up to a full view with details: police report, notices,
// the Arbetsmiljöverket deadline and the rules checked at `now`.
Status AddFollowup(StoreTx& tx, const OrgTree& tree, TimeMs now, IncidentView& view);

// Commits `tx` and returns `actor`'s full view of `incident` as committed,
// with its rules checked at `now`.
Result<IncidentView> CommitWithView(StoreTx& tx, const OrgTree& tree, const Actor& actor,
                                    const Incident& incident, TimeMs now);

}  // namespace trygg
