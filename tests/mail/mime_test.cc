#include "mail/mime.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <vector>

namespace trygg {
namespace {

std::string FromBase64(std::string_view b64) {
  std::vector<unsigned char> out(b64.size());
  size_t len = 0;
  EXPECT_EQ(sodium_base642bin(out.data(), out.size(), b64.data(), b64.size(), "\r\n", &len, nullptr,
                              sodium_base64_VARIANT_ORIGINAL),
            0);
  return std::string(out.begin(), out.begin() + len);
}

TEST(MimeTest, PlainAsciiSubjectStaysReadable) {
  EXPECT_EQ(EncodeHeaderText("New incident 17"), "New incident 17");
  EXPECT_EQ(EncodeHeaderText(""), "");
}

TEST(MimeTest, NonAsciiSubjectBecomesEncodedWordsSplitBetweenCharacters) {
  std::string subject;
  for (int i = 0; i < 20; ++i) subject += "Åtgärd för ärende ";  // 2-byte chars throughout
  std::string encoded = EncodeHeaderText(subject);
  std::string decoded;
  size_t start = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    std::string word = encoded.substr(start, end == std::string::npos ? end : end - start);
    EXPECT_LE(word.size(), 64u) << word;
    ASSERT_EQ(word.rfind("=?UTF-8?B?", 0), 0u) << word;
    ASSERT_EQ(word.substr(word.size() - 2), "?=") << word;
    std::string part = FromBase64(word.substr(10, word.size() - 12));
    // Every word holds whole characters: it does not start with a continuation byte.
    ASSERT_FALSE(part.empty());
    EXPECT_NE(static_cast<unsigned char>(part[0]) & 0xC0, 0x80) << word;
    decoded += part;
    start = end == std::string::npos ? encoded.size() : end + 3;
  }
  EXPECT_EQ(decoded, subject);
}

TEST(MimeTest, EncodesAsciiThatLooksLikeAnEncodedWord) {
  EXPECT_EQ(EncodeHeaderText("=?UTF-8?B?x?="), "=?UTF-8?B?PT9VVEYtOD9CP3g/PQ==?=");
}

TEST(MimeTest, Base64LinesAreAtMost76Characters) {
  std::string body(1000, 'x');
  std::string lines = Base64Lines(body);
  size_t start = 0;
  int count = 0;
  while (start < lines.size()) {
    size_t end = lines.find("\r\n", start);
    ASSERT_NE(end, std::string::npos);
    EXPECT_LE(end - start, 76u);
    start = end + 2;
    ++count;
  }
  EXPECT_EQ(count, 18);  // 1336 base64 characters
  EXPECT_EQ(FromBase64(lines), body);
  EXPECT_EQ(Base64Lines(""), "");
}

TEST(MimeTest, DotStuffingDoublesLeadingDotsOnly) {
  EXPECT_EQ(DotStuff(".a\r\nb.c\r\n.\r\n..\r\n"), "..a\r\nb.c\r\n..\r\n...\r\n");
  EXPECT_EQ(DotStuff("x\r\n"), "x\r\n");
}

TEST(MimeTest, LineBreaksBecomeCrlf) {
  EXPECT_EQ(ToCrlf("a\nb\r\nc\rd\n"), "a\r\nb\r\nc\r\nd\r\n");
}

TEST(MimeTest, DateIsRfc5322InUtc) {
  EXPECT_EQ(FormatMailDate(0), "Thu, 01 Jan 1970 00:00:00 +0000");
  EXPECT_EQ(FormatMailDate(1772525109), "Tue, 03 Mar 2026 08:05:09 +0000");
}

TEST(MimeTest, HeaderValuesThatCouldInjectAreRefused) {
  MailMessage ok{"trygg@kommun.se", "handlaggare@kommun.se", "Ärende\t17", "text", "<1@trygg>"};
  EXPECT_TRUE(CheckMailHeaders(ok).ok());
  auto with = [&](auto change) {
    MailMessage m = ok;
    change(m);
    return CheckMailHeaders(m);
  };
  Status s = with([](MailMessage& m) { m.subject = "Hej\r\nBcc: x@evil.example"; });
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.reason(), "mail.bad_header");
  EXPECT_EQ(s.detail(), "subject");
  EXPECT_EQ(with([](MailMessage& m) { m.to = "a@b.se\nBcc: x@evil.example"; }).detail(), "to");
  EXPECT_EQ(with([](MailMessage& m) { m.from = "a@b.se\r"; }).detail(), "from");
  EXPECT_EQ(with([](MailMessage& m) { m.to = "a@b.se> NOTIFY=NEVER <x"; }).detail(), "to");
  EXPECT_EQ(with([](MailMessage& m) { m.to = ""; }).detail(), "to");
  EXPECT_EQ(with([](MailMessage& m) { m.message_id = "<1@trygg>\r\nX: y"; }).detail(),
            "message_id");
  // The body is base64 on the wire: any bytes are fine there.
  EXPECT_TRUE(with([](MailMessage& m) { m.body = "a\r\n.\r\nb\0c"; }).ok());
}

}  // namespace
}  // namespace trygg
