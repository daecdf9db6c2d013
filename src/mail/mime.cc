#include "mail/mime.h"

#include <sodium.h>

#include <cstdio>
#include <vector>

namespace trygg {

namespace {

constexpr size_t kBase64LineChars = 76;
// An encoded word is at most 75 characters: "=?UTF-8?B?" + base64 + "?=".
// 39 bytes make 52 base64 characters, a 64-character word: with "Subject: "
// before it the line stays within the 78 characters RFC 5322 asks for.
constexpr size_t kEncodedWordBytes = 39;
constexpr size_t kPlainSubjectMax = 900;  // keeps the header line under 998

bool IsControl(unsigned char c) { return c < 0x20 || c == 0x7f; }

Status BadHeader(const char* field) { return Status::InvalidArgument("mail.bad_header", field); }

bool HasControl(std::string_view s, bool allow_tab) {
  for (unsigned char c : s) {
    if (IsControl(c) && !(allow_tab && c == '\t')) return true;
  }
  return false;
}

bool IsPlainAddress(std::string_view s) {
  for (unsigned char c : s) {
    if (IsControl(c) || c >= 0x80 || c == ' ' || c == '<' || c == '>') return false;
  }
  return true;
}

std::string Base64(std::string_view bytes) {
  const int variant = sodium_base64_VARIANT_ORIGINAL;
  std::vector<char> out(sodium_base64_ENCODED_LEN(bytes.size(), variant));
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), variant);
  return std::string(out.data());
}

// Length of the longest prefix of `s` of at most `max` bytes that does not
// end inside a UTF-8 sequence (at least one byte, so bad UTF-8 still moves on).
size_t Utf8PrefixLength(std::string_view s, size_t max) {
  if (s.size() <= max) return s.size();
  size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return n > 0 ? n : max;
}

}  // namespace

Status CheckMailHeaders(const MailMessage& message) {
  if (message.to.empty() || !IsPlainAddress(message.to)) return BadHeader("to");
  if (!IsPlainAddress(message.from)) return BadHeader("from");
  if (HasControl(message.subject, /*allow_tab=*/true)) return BadHeader("subject");
  if (HasControl(message.message_id, /*allow_tab=*/false)) return BadHeader("message_id");
  return Status::Ok();
}

std::string Base64Lines(std::string_view bytes) {
  std::string encoded = Base64(bytes);
  std::string out;
  out.reserve(encoded.size() + encoded.size() / kBase64LineChars * 2 + 2);
  for (size_t i = 0; i < encoded.size(); i += kBase64LineChars) {
    out.append(encoded, i, kBase64LineChars);
    out += "\r\n";
  }
  return out;
}

std::string EncodeHeaderText(std::string_view text) {
  bool plain = text.size() <= kPlainSubjectMax && text.find("=?") == std::string_view::npos;
  for (unsigned char c : text) {
    if (c >= 0x80 || (IsControl(c) && c != '\t')) plain = false;
  }
  if (plain) return std::string(text);
  std::string out;
  while (!text.empty()) {
    size_t n = Utf8PrefixLength(text, kEncodedWordBytes);
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(text.substr(0, n)) + "?=";
    text.remove_prefix(n);
  }
  return out;
}

std::string FormatMailDate(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  // Not strftime: its %a and %b follow the locale; RFC 5322 wants English.
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday],
                tm.tm_mday, kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                tm.tm_sec);
  return buf;
}

std::string ToCrlf(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 32);
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\r') {
      out += "\r\n";
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else if (c == '\n') {
      out += "\r\n";
    } else {
      out += c;
    }
  }
  return out;
}

std::string DotStuff(std::string_view crlf_text) {
  std::string out;
  out.reserve(crlf_text.size() + 16);
  bool line_start = true;
  for (char c : crlf_text) {
    if (line_start && c == '.') out += '.';
    out += c;
    line_start = (c == '\n');
  }
  return out;
}

std::string BuildMailText(const MailMessage& message, std::time_t date) {
  std::string out;
  out += "From: " + message.from + "\r\n";
  out += "To: " + message.to + "\r\n";
  out += "Subject: " + EncodeHeaderText(message.subject) + "\r\n";
  out += "Date: " + FormatMailDate(date) + "\r\n";
  if (!message.message_id.empty()) {
    bool bracketed = message.message_id.front() == '<' && message.message_id.back() == '>';
    out +=
        "Message-ID: " + (bracketed ? message.message_id : "<" + message.message_id + ">") + "\r\n";
  }
  out += "MIME-Version: 1.0\r\n";
  out += "Content-Type: text/plain; charset=utf-8\r\n";
  out += "Content-Transfer-Encoding: base64\r\n";
  out += "\r\n";
  // Text in base64 is sent in canonical form: CRLF line breaks (RFC 2046 4.1.1).
  out += Base64Lines(ToCrlf(message.body));
  return out;
}

}  // namespace trygg
