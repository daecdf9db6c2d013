// SqlTx: notifications to users, and the mail outbox.
#include "storage/sql/query_builder.h"
#include "storage/sql/sql_tx.h"

namespace trygg::sql {
namespace {

constexpr char kSelectNotification[] =
    "SELECT id, user_id, kind, incident_id, ref, dedupe_key, created_at, read_at"
    " FROM notifications";

Result<Notification> ReadNotification(const Statement& row) {
  Notification n;
  n.id = row.Int(0);
  n.user_id = row.Int(1);
  TRYGG_ASSIGN_OR_RETURN(n.kind, Decode(ParseNotificationKind, row.Text(2), "notifications.kind"));
  n.incident_id = row.OptInt(3);
  n.ref = row.Text(4);
  n.dedupe_key = row.Text(5);
  n.created_at = row.Int(6);
  n.read_at = row.OptInt(7);
  return n;
}

constexpr char kSelectMail[] =
    "SELECT id, notification_id, to_address, subject, body, created_at, attempts,"
    " next_attempt_at, sent_at, last_error FROM mail_outbox";

Result<OutboxMail> ReadMail(const Statement& row) {
  OutboxMail m;
  m.id = row.Int(0);
  m.notification_id = row.Int(1);
  m.to_address = row.Text(2);
  m.subject = row.Text(3);
  m.body = row.Text(4);
  m.created_at = row.Int(5);
  m.attempts = static_cast<int>(row.Int(6));
  m.next_attempt_at = row.Int(7);
  m.sent_at = row.OptInt(8);
  m.last_error = row.Text(9);
  return m;
}

}  // namespace

// --- Notifications ----------------------------------------------------------------

Result<int64_t> SqlTx::InsertNotification(const Notification& n) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO notifications (user_id, kind, incident_id, ref, dedupe_key,"
              " created_at, read_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
              " ON CONFLICT (user_id, dedupe_key) DO NOTHING RETURNING id"));
  st.BindInt(n.user_id).BindText(NotificationKindCode(n.kind)).BindOptInt(n.incident_id);
  st.BindText(n.ref).BindText(n.dedupe_key).BindInt(n.created_at).BindOptInt(n.read_at);
  // A duplicate inserts nothing and returns no row.
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return int64_t{0};
  const int64_t id = st.Int(0);
  // Step to the end: SQLite finishes the statement only then.
  TRYGG_RETURN_IF_ERROR(st.Run());
  return id;
}

Result<std::vector<Notification>> SqlTx::ListNotifications(UserId user, bool unread_only,
                                                           int64_t before_id, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  TRYGG_ASSIGN_OR_RETURN(Connection * conn, Conn());
  QueryBuilder q(conn->dialect());
  q.Sql(kSelectNotification);
  q.And().Sql("user_id = ?", user);
  if (unread_only) q.And().Sql("read_at IS NULL");
  if (before_id > 0) q.And().Sql("id < ?", before_id);
  q.Sql(" ORDER BY id DESC LIMIT ?", limit);
  TRYGG_ASSIGN_OR_RETURN(Statement st, q.Prepare(*conn));
  return ReadAll<Notification>(st, ReadNotification);
}

Result<int64_t> SqlTx::CountUnreadNotifications(UserId user) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("SELECT COUNT(*) FROM notifications WHERE user_id = ? AND read_at IS NULL"));
  st.BindInt(user);
  TRYGG_ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return Status::Internal("storage: COUNT returned no row");
  return st.Int(0);
}

Result<int64_t> SqlTx::MarkNotificationsRead(UserId user, std::optional<int64_t> id, TimeMs at) {
  std::optional<Statement> st;
  if (id.has_value()) {
    TRYGG_ASSIGN_OR_RETURN(st, Prepare("UPDATE notifications SET read_at = ?"
                                       " WHERE user_id = ? AND read_at IS NULL AND id = ?"));
    st->BindInt(at).BindInt(user).BindInt(*id);
  } else {
    TRYGG_ASSIGN_OR_RETURN(st, Prepare("UPDATE notifications SET read_at = ?"
                                       " WHERE user_id = ? AND read_at IS NULL"));
    st->BindInt(at).BindInt(user);
  }
  TRYGG_RETURN_IF_ERROR(st->Run());
  return st->Changes();
}

// --- Mail outbox -----------------------------------------------------------------

Result<int64_t> SqlTx::InsertMail(const OutboxMail& mail) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("INSERT INTO mail_outbox (notification_id, to_address, subject, body, created_at,"
              " attempts, next_attempt_at, sent_at, last_error)"
              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"));
  st.BindInt(mail.notification_id).BindText(mail.to_address).BindText(mail.subject);
  st.BindText(mail.body).BindInt(mail.created_at).BindInt(mail.attempts);
  st.BindInt(mail.next_attempt_at).BindOptInt(mail.sent_at).BindText(mail.last_error);
  return st.RunReturningId();
}

Result<std::vector<OutboxMail>> SqlTx::ListDueMail(TimeMs now, int limit) {
  if (limit < 1) return Status::InvalidArgument("storage.bad_page", "limit >= 1");
  TRYGG_ASSIGN_OR_RETURN(Statement st, Prepare(std::string(kSelectMail) +
                                               " WHERE sent_at IS NULL AND next_attempt_at <= ?"
                                               " ORDER BY id LIMIT ?"));
  st.BindInt(now).BindInt(limit);
  return ReadAll<OutboxMail>(st, ReadMail);
}

Status SqlTx::UpdateMail(const OutboxMail& mail) {
  TRYGG_ASSIGN_OR_RETURN(
      Statement st,
      Prepare("UPDATE mail_outbox SET notification_id = ?, to_address = ?, subject = ?,"
              " body = ?, created_at = ?, attempts = ?, next_attempt_at = ?, sent_at = ?,"
              " last_error = ? WHERE id = ?"));
  st.BindInt(mail.notification_id).BindText(mail.to_address).BindText(mail.subject);
  st.BindText(mail.body).BindInt(mail.created_at).BindInt(mail.attempts);
  st.BindInt(mail.next_attempt_at).BindOptInt(mail.sent_at).BindText(mail.last_error);
  st.BindInt(mail.id);
  return RunExpectingOneRow(st, "mail.not_found");
}

}  // namespace trygg::sql
