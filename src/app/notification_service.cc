#include "app/notification_service.h"

#include "app/notifier.h"

namespace trygg {

Result<NotificationPage> NotificationService::List(const Principal& who, bool unread_only,
                                                   int64_t before_id, int limit) {
  if (limit < 1 || limit > 100) return Status::InvalidArgument("query.limit", "limit");
  if (before_id < 0) return Status::InvalidArgument("query.before", "before");
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
  TRYGG_ASSIGN_OR_RETURN(auto tree, ctx_.org.Get(*tx));
  NotificationPage page;
  TRYGG_ASSIGN_OR_RETURN(std::vector<Notification> rows,
                         tx->ListNotifications(who.user.id, unread_only, before_id, limit));
  TRYGG_ASSIGN_OR_RETURN(page.unread, tx->CountUnreadNotifications(who.user.id));
  for (Notification& n : rows) {
    NotificationItem item{std::move(n), {}};
    if (item.notification.incident_id) {
      // The unit is shown only while the caller may still see the incident.
      Result<Incident> inc = tx->GetIncident(*item.notification.incident_id);
      if (inc.ok() && AccessTo(who.actor, *tree, *inc).exists) {
        item.unit_name = UnitShortName(*tree, inc->unit_id);
      }
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

Status NotificationService::MarkRead(const Principal& who, int64_t id) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  // Ownership check: the id must be among the caller's notifications.
  TRYGG_ASSIGN_OR_RETURN(std::vector<Notification> mine,
                         tx->ListNotifications(who.user.id, false, id + 1, 1));
  if (mine.empty() || mine.front().id != id) return Status::NotFound("notification.not_found");
  TRYGG_RETURN_IF_ERROR(tx->MarkNotificationsRead(who.user.id, id, ctx_.clock.NowMs()).status());
  return tx->Commit();
}

Result<int64_t> NotificationService::MarkAllRead(const Principal& who) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginWrite());
  TRYGG_ASSIGN_OR_RETURN(int64_t changed,
                         tx->MarkNotificationsRead(who.user.id, std::nullopt, ctx_.clock.NowMs()));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return changed;
}

}  // namespace trygg
