// Notification use cases: a user's own notifications, and marking them read.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/notification.h"

namespace trygg {

struct NotificationItem {
  Notification notification;
  std::string unit_name;  // the incident's enhet, when the caller may still see the incident
};

struct NotificationPage {
  std::vector<NotificationItem> items;
  int64_t unread = 0;
};

class NotificationService {
 public:
  explicit NotificationService(AppContext& ctx) : ctx_(ctx) {}

  // The caller's notifications, newest first, ids below `before_id` (0: from
  // the newest). InvalidArgument("query.limit") outside 1–100.
  Result<NotificationPage> List(const Principal& who, bool unread_only, int64_t before_id,
                                int limit);
  // Marks one of the caller's notifications read; NotFound("notification.not_found")
  // when it is not theirs or does not exist (reading it twice is fine).
  Status MarkRead(const Principal& who, int64_t id);
  // Marks all of the caller's notifications read; returns how many changed.
  Result<int64_t> MarkAllRead(const Principal& who);

 private:
  AppContext& ctx_;
};

}  // namespace trygg
