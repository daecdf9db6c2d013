// The mail outbox: sends queued e-mails through a MailSender, retrying temporary failures.
#pragma once

#include "app/context.h"
#include "app/mail_sender.h"

namespace trygg {

struct OutboxRun {
  int sent = 0;
  int retry_later = 0;
  int rejected = 0;
};

// How long a mail is claimed by the process sending it; another process
// skips it until then.
inline constexpr TimeMs kMailClaim = 5 * kMsPerMinute;

class MailOutbox {
 public:
  MailOutbox(AppContext& ctx, MailSender& sender) : ctx_(ctx), sender_(sender) {}

  // Sends up to `limit` mails that are due. Each is first claimed (committed),
  // then sent, then marked sent: a crash between the server's acceptance and
  // the mark can send one mail twice (same Message-ID), never lose it. A
  // temporary failure retries after 1, 2, 4 … minutes (at most an hour); a
  // permanent refusal is kept with its reply and not retried.
  Result<OutboxRun> DeliverDue(int limit = 50);

 private:
  AppContext& ctx_;
  MailSender& sender_;
};

}  // namespace trygg
