// SmtpSender against a real SMTP server (scripts/smtp-sink.py) on loopback.
#include "mail/smtp_sender.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <vector>

#include "smtp_sink.h"

namespace trygg {
namespace {

using testing::SmtpSink;

std::string FromBase64(std::string_view b64) {
  std::vector<unsigned char> out(b64.size() + 1);
  size_t len = 0;
  if (sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), "\r\n \t", &len, nullptr,
                        sodium_base64_VARIANT_ORIGINAL) != 0) {
    ADD_FAILURE() << "bad base64: " << b64;
  }
  return std::string(out.begin(), out.begin() + len);
}

// A stored message taken apart the way a mail reader would.
struct ParsedMail {
  std::map<std::string, std::string> headers;  // lower-case name → unfolded value
  std::vector<std::string> raw_lines;          // every line as it arrived, without CRLF
  std::string body;                            // the raw body, before any decoding
};

ParsedMail Parse(const std::string& raw) {
  ParsedMail mail;
  size_t split = raw.find("\r\n\r\n");
  EXPECT_NE(split, std::string::npos) << "no blank line after the headers";
  std::string head = raw.substr(0, split);
  mail.body = raw.substr(split + 4);
  for (size_t start = 0; start <= raw.size();) {
    size_t end = raw.find("\r\n", start);
    if (end == std::string::npos) break;
    mail.raw_lines.push_back(raw.substr(start, end - start));
    start = end + 2;
  }
  std::string last;
  for (size_t start = 0; start < head.size();) {
    size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    start = end + 2;
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      mail.headers[last] += line;  // folded: the CRLF goes, the white space stays
      continue;
    }
    size_t colon = line.find(':');
    EXPECT_NE(colon, std::string::npos) << line;
    last.clear();
    for (char c : line.substr(0, colon)) last += static_cast<char>(std::tolower(c));
    size_t value = line.find_first_not_of(' ', colon + 1);
    mail.headers[last] = value == std::string::npos ? "" : line.substr(value);
  }
  return mail;
}

// RFC 2047: encoded words decoded; white space between two of them dropped.
std::string DecodeHeader(const std::string& value) {
  static const std::regex kWord(R"(=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=)", std::regex::icase);
  std::string out;
  std::string pending_space;
  size_t pos = 0;
  bool last_was_word = false;
  for (std::sregex_iterator it(value.begin(), value.end(), kWord), end; it != end; ++it) {
    std::string between = value.substr(pos, it->position() - pos);
    bool only_space = between.find_first_not_of(" \t") == std::string::npos;
    if (!(last_was_word && only_space)) out += between;
    out += FromBase64((*it)[1].str());
    pos = it->position() + it->length();
    last_was_word = true;
  }
  return out + value.substr(pos);
}

std::string WithoutCr(std::string s) {
  s.erase(std::remove(s.begin(), s.end(), '\r'), s.end());
  return s;
}

class SmtpSenderTest : public ::testing::Test {
 protected:
  void StartSink(const std::vector<std::string>& args = {}) { ASSERT_TRUE(sink_.Start(args)); }

  SmtpSender Sender(int timeout_ms = 10000) {
    SmtpConfig config;
    config.port = sink_.port();
    config.timeout_ms = timeout_ms;
    return SmtpSender(config);
  }

  static MailMessage Message() {
    return MailMessage{"trygg@kommun.example", "handlaggare@kommun.example", "Nytt ärende",
                       "Hej!\n", "<outbox-1@trygg>"};
  }

  SmtpSink sink_;
};

TEST_F(SmtpSenderTest, Utf8SubjectAndBodyArriveIntact) {
  StartSink();
  MailMessage m = Message();
  m.subject = "Orosanmälan: åtgärd krävs för ärende 17 – ÅÄÖ éü “citat” 😀 och lite till";
  m.body =
      "Hej Åsa!\n"
      ".En rad som börjar med punkt\n"
      ".\n"
      "..två punkter\n"
      "\n" +
      std::string(300, 'l') + "ång rad\n" + "Slut — mvh Trygg 😀\n";
  Status s = Sender().Send(m);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(sink_.MessageCount(), 1);

  auto envelope = nlohmann::json::parse(sink_.Envelope(1));
  EXPECT_EQ(envelope["mail_from"], "trygg@kommun.example");
  EXPECT_EQ(envelope["rcpt_tos"], nlohmann::json::array({"handlaggare@kommun.example"}));

  ParsedMail mail = Parse(sink_.Message(1));
  EXPECT_EQ(mail.headers["from"], "trygg@kommun.example");
  EXPECT_EQ(mail.headers["to"], "handlaggare@kommun.example");
  EXPECT_EQ(mail.headers["mime-version"], "1.0");
  EXPECT_EQ(mail.headers["content-type"], "text/plain; charset=utf-8");
  EXPECT_EQ(mail.headers["content-transfer-encoding"], "base64");
  EXPECT_TRUE(std::regex_match(
      mail.headers["date"],
      std::regex(
          R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d \+0000)")))
      << mail.headers["date"];
  EXPECT_NE(mail.headers["subject"].find("=?UTF-8?B?"), std::string::npos);
  EXPECT_EQ(DecodeHeader(mail.headers["subject"]), m.subject);
  // Every line on the wire is 7-bit and short, whatever the text was.
  for (const std::string& line : mail.raw_lines) {
    EXPECT_LE(line.size(), 78u) << line;
    for (unsigned char c : line) ASSERT_LT(c, 0x80) << line;
  }
  std::string body = FromBase64(mail.body);
  EXPECT_EQ(WithoutCr(body), m.body);
  EXPECT_NE(body.find("!\r\n.En rad"), std::string::npos) << "text is sent with CRLF line breaks";
}

TEST_F(SmtpSenderTest, MessageIdIsKeptAndAsciiSubjectStaysPlain) {
  StartSink();
  MailMessage m = Message();
  m.subject = "Incident 17 updated";
  m.message_id = "<outbox-17@trygg>";
  ASSERT_TRUE(Sender().Send(m).ok());
  m.message_id = "outbox-18@trygg";  // without brackets: they are added
  ASSERT_TRUE(Sender().Send(m).ok());
  ASSERT_EQ(sink_.MessageCount(), 2);
  ParsedMail first = Parse(sink_.Message(1));
  EXPECT_EQ(first.headers["message-id"], "<outbox-17@trygg>");
  EXPECT_EQ(first.headers["subject"], "Incident 17 updated");
  EXPECT_EQ(Parse(sink_.Message(2)).headers["message-id"], "<outbox-18@trygg>");
}

TEST_F(SmtpSenderTest, RefusedRecipientIsRejectedWithTheServersReply) {
  StartSink({"--reject-rcpt", "gone@kommun.example"});
  MailMessage m = Message();
  m.to = "gone@kommun.example";
  Status s = Sender().Send(m);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition) << s.ToString();
  EXPECT_EQ(s.reason(), "mail.rejected");
  EXPECT_EQ(s.detail().rfind("550 ", 0), 0u) << s.detail();
  // The sink echoes the address, as Postfix does; the detail must not.
  EXPECT_EQ(s.detail().find("kommun.example"), std::string::npos) << s.detail();
  EXPECT_NE(s.detail().find("<[address]>"), std::string::npos) << s.detail();
  EXPECT_EQ(sink_.MessageCount(), 0);
}

TEST_F(SmtpSenderTest, TemporaryFailureIsUnavailableAndALaterTrySucceeds) {
  StartSink({"--tempfail-first", "1"});
  Status s = Sender().Send(Message());
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_EQ(s.reason(), "mail.unavailable");
  EXPECT_EQ(s.detail().rfind("451 ", 0), 0u) << s.detail();
  EXPECT_EQ(sink_.MessageCount(), 0);

  s = Sender().Send(Message());
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(sink_.MessageCount(), 1);
}

TEST_F(SmtpSenderTest, FallsBackToHeloWhenEhloIsRefused) {
  StartSink({"--no-ehlo"});
  Status s = Sender().Send(Message());
  EXPECT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(sink_.MessageCount(), 1);
}

TEST_F(SmtpSenderTest, HeaderInjectionIsRefusedBeforeConnecting) {
  StartSink();
  for (auto change : std::vector<void (*)(MailMessage&)>{
           [](MailMessage& m) { m.subject = "Hej\r\nBcc: spy@evil.example"; },
           [](MailMessage& m) { m.to = "a@kommun.example\nBcc: spy@evil.example"; },
           [](MailMessage& m) { m.from = "a@kommun.example\r\nX-Evil: 1"; }}) {
    MailMessage m = Message();
    change(m);
    Status s = Sender().Send(m);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument) << s.ToString();
    EXPECT_EQ(s.reason(), "mail.bad_header");
    // Pointed at a port where nothing listens, a connect would have said "unavailable".
    SmtpConfig closed;
    closed.port = testing::UnusedLoopbackPort();
    EXPECT_EQ(SmtpSender(closed).Send(m).code(), StatusCode::kInvalidArgument);
  }
  EXPECT_EQ(sink_.MessageCount(), 0);
}

TEST(SmtpSenderNoServerTest, NothingListeningIsUnavailableAtOnce) {
  SmtpConfig config;
  config.port = testing::UnusedLoopbackPort();
  auto start = std::chrono::steady_clock::now();
  Status s = SmtpSender(config).Send(
      MailMessage{"a@kommun.example", "b@kommun.example", "x", "y", "<1@trygg>"});
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_EQ(s.reason(), "mail.unavailable");
  EXPECT_NE(s.detail().find("refused"), std::string::npos) << s.detail();
}

TEST(SmtpSenderNoServerTest, SilentServerTimesOut) {
  // A socket that listens but never answers: the kernel accepts the
  // connection, no greeting ever comes.
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)), 0);
  ASSERT_EQ(::listen(fd, 4), 0);
  socklen_t len = sizeof(addr);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);

  SmtpConfig config;
  config.port = ntohs(addr.sin_port);
  config.timeout_ms = 300;
  auto start = std::chrono::steady_clock::now();
  Status s = SmtpSender(config).Send(
      MailMessage{"a@kommun.example", "b@kommun.example", "x", "y", "<1@trygg>"});
  auto took = std::chrono::steady_clock::now() - start;
  ::close(fd);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable) << s.ToString();
  EXPECT_NE(s.detail().find("timed out"), std::string::npos) << s.detail();
  EXPECT_GE(took, std::chrono::milliseconds(250));
  EXPECT_LT(took, std::chrono::seconds(2));
}

}  // namespace
}  // namespace trygg
