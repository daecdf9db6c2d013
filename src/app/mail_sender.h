// MailSender: how the app hands an e-mail to the outside world (an SMTP server).
#pragma once

#include <string>

#include "core/status.h"

namespace trygg {

// One plain-text e-mail. `subject` and `body` are UTF-8; `message_id` is a
// stable id ("<outbox-17@trygg>") so a receiver can recognise a resend.
struct MailMessage {
  std::string from;
  std::string to;
  std::string subject;
  std::string body;
  std::string message_id;
};

class MailSender {
 public:
  virtual ~MailSender() = default;
  // Delivers `message` to the server, returning once it accepted it.
  // Errors: Unavailable("mail.unavailable") when the server cannot be reached
  // or answers with a temporary (4xx) failure — try again later;
  // FailedPrecondition("mail.rejected") for a permanent (5xx) refusal. The
  // status detail carries the server's reply code and text, never the message.
  virtual Status Send(const MailMessage& message) = 0;
};

}  // namespace trygg
