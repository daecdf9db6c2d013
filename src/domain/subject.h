// The person behind an incident or a risky meeting, named only by a keyed
// hash of an identifier the förvaltning already uses (pseudonymisation).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"

namespace trygg {

// Which identifier names the person. Each kind is hashed apart, so a case
// number never collides with a personnummer.
enum class SubjectIdKind {
  kPersonnummer,       // 10 or 12 digits, with or without '-'/'+'; Luhn-checked
  kSamordningsnummer,  // as personnummer, day + 60
  kArendenummer,       // the förvaltning's own case number, 1..40 of [A-Za-z0-9-/ ]
};

std::string_view SubjectIdKindCode(
    SubjectIdKind v);  // "personnummer", "samordningsnummer", "arendenummer"
std::optional<SubjectIdKind> ParseSubjectIdKind(std::string_view code);

// The canonical form hashed for `raw`, so that spellings of the same
// identifier give the same key: personnummer and samordningsnummer become 12
// digits (a 10-digit number gets its century from `this_year`: born at most
// 100 years ago, '+' meaning 100 years or older); a case number is upper-cased
// with spaces removed. The result starts with the kind's code and ':'.
// Error: InvalidArgument("subject.identifier") when `raw` is not a valid
// identifier of that kind (wrong length, bad date, Luhn check fails); the
// detail says only which: "format", "length", "date" or "checksum". The
// error never repeats the identifier. Surrounding white space of a
// personnummer is ignored; a 12-digit number may not be born after this_year.
Result<std::string> CanonicalSubjectId(SubjectIdKind kind, std::string_view raw, int this_year);

// A subject key: the HMAC-SHA-256 of the canonical identifier under the
// installation's secret, lowercase hex (64 characters).
bool IsSubjectKey(std::string_view key);

}  // namespace trygg
