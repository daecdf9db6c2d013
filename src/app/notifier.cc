#include "app/notifier.h"

namespace trygg {

std::string NotificationSentence(NotificationKind kind, const std::string& unit_name) {
  const std::string in_unit = unit_name.empty() ? "" : " i " + unit_name;
  switch (kind) {
    case NotificationKind::kNewIncident:
      return "Ny händelse" + in_unit;
    case NotificationKind::kSeriousIncident:
      return "Allvarlig händelse" + in_unit;
    case NotificationKind::kMeasureAssigned:
      return "Du har fått en åtgärd att ansvara för";
    case NotificationKind::kDeadlineNear:
      return "En åtgärd du ansvarar för ska vara klar snart";
    case NotificationKind::kDeadlinePassed:
      return "En åtgärd du ansvarar för är försenad";
    case NotificationKind::kPoliceStatus:
      return "Polisärendet har ändrat status";
    case NotificationKind::kRuleBreached:
      return "Regelbrott i en händelse" + in_unit;
    case NotificationKind::kEscalation:
      return "Eskalering: en allvarlig händelse" + in_unit +
             " har inte anmälts till Arbetsmiljöverket i tid";
    case NotificationKind::kRoutineReminder:
      return "Påminnelse: bekräfta att du har läst en rutin" +
             (unit_name.empty() ? "" : " för " + unit_name);
    case NotificationKind::kRoutineEscalation:
      return "Medarbetare har inte bekräftat en rutin" +
             (unit_name.empty() ? "" : " för " + unit_name);
    case NotificationKind::kFindingDue:
      return "En åtgärd från en övning som du ansvarar för är försenad";
  }
  return "Trygg";
}

std::string UnitShortName(const OrgTree& tree, UnitId unit) {
  const OrgUnit* u = tree.Find(unit);
  return u ? u->name : std::string();
}

Result<bool> Notify(StoreTx& tx, const AppContext& ctx, const NotifyRequest& request) {
  TRYGG_ASSIGN_OR_RETURN(User user, tx.GetUser(request.user));
  if (!user.active) return false;
  Notification n;
  n.user_id = request.user;
  n.kind = request.kind;
  n.incident_id = request.incident;
  n.ref = request.ref;
  n.dedupe_key = request.dedupe_key;
  n.created_at = ctx.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(n.id, tx.InsertNotification(n));
  if (n.id == 0) return false;
  if (!ctx.mail.enabled || user.email.empty()) return true;

  OutboxMail mail;
  mail.notification_id = n.id;
  mail.to_address = user.email;
  const std::string sentence = NotificationSentence(request.kind, request.unit_name);
  mail.subject = "Trygg: " + sentence;
  mail.body = "Hej!\n\n" + sentence + ".\n\n";
  if (!ctx.mail.public_url.empty()) {
    mail.body += "Öppna Trygg för att se mer: " + ctx.mail.public_url;
    if (request.incident) mail.body += "/handelser/" + std::to_string(*request.incident);
    mail.body += "\n\n";
  }
  mail.body +=
      "Meddelandet innehåller inga uppgifter om vad som hänt. Logga in i Trygg för att läsa "
      "mer.\nDet går inte att svara på det här meddelandet.\n";
  mail.created_at = n.created_at;
  mail.next_attempt_at = n.created_at;
  TRYGG_RETURN_IF_ERROR(tx.InsertMail(mail).status());
  return true;
}

}  // namespace trygg
