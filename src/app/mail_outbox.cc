#include "app/mail_outbox.h"

#include <algorithm>
#include <limits>

namespace trygg {
namespace {

// Claims `mail` for this process, or returns false when another got it first.
Result<bool> Claim(AppContext& ctx, OutboxMail& mail) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx.store.BeginWrite());
  const TimeMs now = ctx.clock.NowMs();
  TRYGG_ASSIGN_OR_RETURN(std::vector<OutboxMail> due, tx->ListDueMail(now, 1000));
  auto it =
      std::find_if(due.begin(), due.end(), [&](const OutboxMail& m) { return m.id == mail.id; });
  if (it == due.end()) return false;
  mail = *it;
  OutboxMail claimed = mail;
  claimed.next_attempt_at = now + kMailClaim;
  TRYGG_RETURN_IF_ERROR(tx->UpdateMail(claimed));
  TRYGG_RETURN_IF_ERROR(tx->Commit());
  return true;
}

Status Save(AppContext& ctx, const OutboxMail& mail) {
  TRYGG_ASSIGN_OR_RETURN(auto tx, ctx.store.BeginWrite());
  TRYGG_RETURN_IF_ERROR(tx->UpdateMail(mail));
  return tx->Commit();
}

}  // namespace

Result<OutboxRun> MailOutbox::DeliverDue(int limit) {
  OutboxRun run;
  std::vector<OutboxMail> due;
  {
    TRYGG_ASSIGN_OR_RETURN(auto tx, ctx_.store.BeginRead());
    TRYGG_ASSIGN_OR_RETURN(due, tx->ListDueMail(ctx_.clock.NowMs(), limit));
  }
  for (OutboxMail& mail : due) {
    TRYGG_ASSIGN_OR_RETURN(bool mine, Claim(ctx_, mail));
    if (!mine) continue;
    MailMessage message{ctx_.mail.from, mail.to_address, mail.subject, mail.body,
                        "<outbox-" + std::to_string(mail.id) + "@trygg>"};
    const Status sent = sender_.Send(message);
    const TimeMs now = ctx_.clock.NowMs();
    ++mail.attempts;
    if (sent.ok()) {
      mail.sent_at = now;
      mail.last_error.clear();
      ++run.sent;
    } else if (sent.code() == StatusCode::kUnavailable) {
      const int shift = std::min(mail.attempts - 1, 6);
      mail.next_attempt_at = now + std::min<TimeMs>(kMsPerMinute << shift, kMsPerHour);
      mail.last_error = sent.detail();
      ++run.retry_later;
    } else {
      mail.next_attempt_at = std::numeric_limits<TimeMs>::max();
      mail.last_error = sent.reason() + " " + sent.detail();
      ++run.rejected;
    }
    TRYGG_RETURN_IF_ERROR(Save(ctx_, mail));
  }
  return run;
}

}  // namespace trygg
