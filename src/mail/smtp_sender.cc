#include "mail/smtp_sender.h"

#include <algorithm>
#include <cctype>
#include <ctime>

#include "mail/mime.h"
#include "mail/socket_line.h"

namespace trygg {

namespace {

constexpr int kMaxReplyLines = 100;
constexpr size_t kMaxDetailText = 300;

struct Reply {
  int code = 0;
  std::string text;  // the lines' texts joined by spaces
};

// Reads one reply, following "250-..." continuation lines to the last line.
Status ReadReply(SocketLine& socket, Reply* reply) {
  reply->text.clear();
  for (int i = 0; i < kMaxReplyLines; ++i) {
    std::string line;
    TRYGG_RETURN_IF_ERROR(socket.ReadLine(&line));
    bool shaped = line.size() >= 3 && std::all_of(line.begin(), line.begin() + 3, ::isdigit) &&
                  (line.size() == 3 || line[3] == ' ' || line[3] == '-');
    if (!shaped) return MailUnavailable("malformed reply from server");
    int code = std::stoi(line.substr(0, 3));
    if (i > 0 && code != reply->code) return MailUnavailable("malformed reply from server");
    reply->code = code;
    if (line.size() > 4) {
      if (!reply->text.empty()) reply->text += ' ';
      reply->text.append(line, 4);
    }
    if (line.size() == 3 || line[3] == ' ') return Status::Ok();
  }
  return MailUnavailable("reply from server too long");
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

// "<code> <text>" for a Status detail: the server's text, shortened, with
// control characters dropped and the message's addresses taken out (servers
// often echo them, and a Status detail may be logged).
std::string ReplyDetail(const Reply& reply, const MailMessage& message) {
  std::string text;
  for (unsigned char c : reply.text) {
    if (c >= 0x20 && c != 0x7f) text += static_cast<char>(c);
  }
  for (const std::string& address : {message.from, message.to}) {
    if (address.empty()) continue;
    const std::string needle = Lower(address);
    const std::string mask = "[address]";
    for (size_t at = 0; (at = Lower(text).find(needle, at)) != std::string::npos;) {
      text.replace(at, needle.size(), mask);
      at += mask.size();
    }
  }
  if (text.size() > kMaxDetailText) text.resize(kMaxDetailText);
  return std::to_string(reply.code) + (text.empty() ? "" : " " + text);
}

// OK when the reply has code `want` (for 250, any 2xx such as 251 "will
// forward"); else mail.unavailable for 4xx (and anything unexpected),
// mail.rejected for 5xx.
Status Expect(const Reply& reply, int want, const MailMessage& message) {
  if (reply.code == want || (want == 250 && reply.code / 100 == 2)) return Status::Ok();
  std::string detail = ReplyDetail(reply, message);
  if (reply.code >= 500 && reply.code < 600) {
    return Status::FailedPrecondition("mail.rejected", std::move(detail));
  }
  if (reply.code >= 400 && reply.code < 500) return MailUnavailable(std::move(detail));
  return MailUnavailable("unexpected reply " + detail);
}

Status Command(SocketLine& socket, const std::string& line, int want, const MailMessage& message) {
  TRYGG_RETURN_IF_ERROR(socket.Write(line + "\r\n"));
  Reply reply;
  TRYGG_RETURN_IF_ERROR(ReadReply(socket, &reply));
  return Expect(reply, want, message);
}

Status Greet(SocketLine& socket, const std::string& helo_name, const MailMessage& message) {
  Reply reply;
  TRYGG_RETURN_IF_ERROR(ReadReply(socket, &reply));
  TRYGG_RETURN_IF_ERROR(Expect(reply, 220, message));
  TRYGG_RETURN_IF_ERROR(socket.Write("EHLO " + helo_name + "\r\n"));
  TRYGG_RETURN_IF_ERROR(ReadReply(socket, &reply));
  if (reply.code >= 500 && reply.code < 600) {  // an old server: RFC 821 HELO
    return Command(socket, "HELO " + helo_name, 250, message);
  }
  return Expect(reply, 250, message);
}

Status Transact(SocketLine& socket, const std::string& helo_name, const MailMessage& message,
                std::time_t date) {
  TRYGG_RETURN_IF_ERROR(Greet(socket, helo_name, message));
  TRYGG_RETURN_IF_ERROR(Command(socket, "MAIL FROM:<" + message.from + ">", 250, message));
  TRYGG_RETURN_IF_ERROR(Command(socket, "RCPT TO:<" + message.to + ">", 250, message));
  TRYGG_RETURN_IF_ERROR(Command(socket, "DATA", 354, message));
  std::string data = DotStuff(BuildMailText(message, date));
  data += ".\r\n";
  TRYGG_RETURN_IF_ERROR(socket.Write(data));
  Reply reply;
  TRYGG_RETURN_IF_ERROR(ReadReply(socket, &reply));
  TRYGG_RETURN_IF_ERROR(Expect(reply, 250, message));
  // The message is accepted; a failing QUIT changes nothing about that.
  if (socket.Write("QUIT\r\n").ok()) (void)ReadReply(socket, &reply);
  return Status::Ok();
}

}  // namespace

Status SmtpSender::Send(const MailMessage& message) {
  TRYGG_RETURN_IF_ERROR(CheckMailHeaders(message));
  if (config_.helo_name.empty()) return Status::InvalidArgument("mail.bad_header", "helo_name");
  for (unsigned char c : config_.helo_name) {
    if (c <= 0x20 || c >= 0x7f) return Status::InvalidArgument("mail.bad_header", "helo_name");
  }
  std::time_t date =
      clock_ != nullptr ? static_cast<std::time_t>(clock_->NowMs() / 1000) : std::time(nullptr);
  SocketLine socket(config_.timeout_ms);
  TRYGG_RETURN_IF_ERROR(socket.Connect(config_.host, config_.port));
  Status status = Transact(socket, config_.helo_name, message, date);
  if (!status.ok()) (void)socket.Write("QUIT\r\n");  // polite; the reply does not matter
  return status;
}

}  // namespace trygg
