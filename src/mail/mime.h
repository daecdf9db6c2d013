// Turning a MailMessage into the bytes of an RFC 5322 / MIME message, ready
// for SMTP's DATA: header encoding, base64 body, line endings, dot-stuffing.
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "app/mail_sender.h"
#include "core/status.h"

namespace trygg {

// InvalidArgument("mail.bad_header", field) when a value would break the
// envelope or a header line: a control character (CR, LF, NUL, ...) in from,
// to, subject (tab allowed) or message_id; an empty `to`; '<', '>', white
// space or a non-ASCII byte in an address (no SMTPUTF8 here).
Status CheckMailHeaders(const MailMessage& message);

// base64 of `bytes` (standard alphabet, padded) in lines of at most 76
// characters, each ending in "\r\n".
std::string Base64Lines(std::string_view bytes);

// `text` as it may stand after "Subject: ": unchanged when it is printable
// ASCII, short and has no "=?"; otherwise RFC 2047 encoded words
// "=?UTF-8?B?...?=", each at most 64 characters and split only between
// UTF-8 characters, joined by "\r\n " (folded header lines).
std::string EncodeHeaderText(std::string_view text);

// RFC 5322 date-time of `t` in UTC: "Tue, 03 Mar 2026 08:05:09 +0000".
std::string FormatMailDate(std::time_t t);

// Text with every line break (CRLF, LF or a lone CR) made CRLF.
std::string ToCrlf(std::string_view text);

// SMTP transparency (RFC 5321 4.5.2): an extra '.' before every line that
// starts with '.'. `crlf_text` must use CRLF line endings.
std::string DotStuff(std::string_view crlf_text);

// The whole message, headers and base64 body, CRLF line endings, ending in
// "\r\n"; not yet dot-stuffed. Assumes CheckMailHeaders(message) passed.
std::string BuildMailText(const MailMessage& message, std::time_t date);

}  // namespace trygg
