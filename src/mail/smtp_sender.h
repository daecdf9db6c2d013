// SmtpSender: MailSender over plain SMTP (RFC 5321) to one configured server.
#pragma once

#include <string>

#include "app/mail_sender.h"
#include "core/clock.h"

namespace trygg {

struct SmtpConfig {
  std::string host = "127.0.0.1";
  int port = 25;
  std::string helo_name = "trygg";  // the name given in EHLO/HELO
  int timeout_ms = 10000;           // the connect, and each wait for a read or write
};

// One connection per Send: greeting, EHLO (HELO when EHLO is refused), MAIL,
// RCPT, DATA with a MIME text/plain base64 message, QUIT. No TLS and no AUTH:
// meant for a relay on the same host or network that accepts Trygg's mail.
// Safe to use from several threads at once (it keeps no connection).
class SmtpSender final : public MailSender {
 public:
  // `clock` gives the Date header (system time when null); not owned.
  explicit SmtpSender(SmtpConfig config, const Clock* clock = nullptr)
      : config_(std::move(config)), clock_(clock) {}

  // See MailSender. Also InvalidArgument("mail.bad_header", field) before
  // connecting when a header value could break the message (see mime.h).
  Status Send(const MailMessage& message) override;

 private:
  SmtpConfig config_;
  const Clock* clock_;
};

}  // namespace trygg
