// Notifications: what a user is told, in the app and optionally by e-mail.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "domain/incident.h"

namespace trygg {

enum class NotificationKind {
  kNewIncident,        // a new incident in a unit I follow
  kSeriousIncident,    // a serious incident (säkerhetssamordnare)
  kMeasureAssigned,    // I own a new measure or support
  kDeadlineNear,       // a measure I own is due within a day
  kDeadlinePassed,     // a measure I own is overdue
  kPoliceStatus,       // the police case of an incident I was exposed in changed
  kRuleBreached,       // an incident I manage breaks a rule
  kEscalation,         // a serious incident was not notified to the authority in time
  kRoutineReminder,    // a routine in my scope waits for my acknowledgement (day 20)
  kRoutineEscalation,  // staff I am nearest chef of have not acknowledged a routine (day 31)
  kFindingDue,         // an exercise finding I own is overdue
};
std::string_view NotificationKindCode(NotificationKind v);
std::optional<NotificationKind> ParseNotificationKind(std::string_view code);

// One notification to one user. It carries codes and ids only: the text is
// rendered when shown, and never includes a perpetrator or sensitive detail.
// `dedupe_key` is unique per user, so a reminder run twice (or after a
// restart) tells nobody twice.
struct Notification {
  int64_t id = 0;
  UserId user_id = 0;
  NotificationKind kind = NotificationKind::kNewIncident;
  std::optional<IncidentId> incident_id;
  std::string ref;  // e.g. a measure id or a rule code
  std::string dedupe_key;
  TimeMs created_at = 0;
  std::optional<TimeMs> read_at;
};

// An e-mail waiting to be sent (the outbox): written in the transaction that
// creates its notification, sent by the mail loop, marked sent when the SMTP
// server accepted it.
struct OutboxMail {
  int64_t id = 0;
  int64_t notification_id = 0;
  std::string to_address;
  std::string subject;
  std::string body;
  TimeMs created_at = 0;
  int attempts = 0;
  TimeMs next_attempt_at = 0;
  std::optional<TimeMs> sent_at;
  std::string last_error;  // an SMTP reply code and text; no personal data
};

}  // namespace trygg
