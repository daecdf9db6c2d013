#include "domain/subject.h"

#include <string>

#include "domain/codes.h"

namespace trygg {
namespace {

constexpr CodeTable<SubjectIdKind, 3> kKinds{{{
    {SubjectIdKind::kPersonnummer, "personnummer"},
    {SubjectIdKind::kSamordningsnummer, "samordningsnummer"},
    {SubjectIdKind::kArendenummer, "arendenummer"},
}}};

constexpr size_t kMaxCaseNumberChars = 40;
constexpr int kSamordningDayOffset = 60;

// Never carries the identifier: the detail only says what is wrong.
Status IdentifierError(std::string_view what) {
  return Status::InvalidArgument("subject.identifier", std::string(what));
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

int Number(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

// The Luhn check over 10 digits (the last one is the check digit).
bool LuhnOk(std::string_view ten) {
  int sum = 0;
  for (size_t i = 0; i < ten.size(); ++i) {
    int d = ten[i] - '0';
    if (i % 2 == 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 == 0;
}

Result<std::string> CanonicalPersonNumber(SubjectIdKind kind, std::string_view raw, int this_year) {
  std::string_view s = Trim(raw);
  // Split off an optional separator before the last four digits.
  char separator = 0;
  std::string digits;
  if (s.size() >= 5 && (s[s.size() - 5] == '-' || s[s.size() - 5] == '+')) {
    separator = s[s.size() - 5];
    digits = std::string(s.substr(0, s.size() - 5)) + std::string(s.substr(s.size() - 4));
  } else {
    digits = std::string(s);
  }
  for (char c : digits) {
    if (!IsDigit(c)) return IdentifierError("format");
  }
  if (digits.size() != 10 && digits.size() != 12) return IdentifierError("length");

  int year = 0;
  std::string ten;
  if (digits.size() == 12) {
    year = Number(std::string_view(digits).substr(0, 4));
    ten = digits.substr(2);
  } else {
    ten = digits;
    const int yy = Number(std::string_view(digits).substr(0, 2));
    // The latest year ending in yy that is not after this_year: born at most
    // 100 years ago; '+' marks someone 100 or older.
    year = this_year - (((this_year % 100) - yy + 100) % 100);
    if (separator == '+') year -= 100;
  }
  if (year > this_year) return IdentifierError("date");
  const int month = Number(std::string_view(ten).substr(2, 2));
  int day = Number(std::string_view(ten).substr(4, 2));
  if (kind == SubjectIdKind::kSamordningsnummer) {
    if (day <= kSamordningDayOffset) return IdentifierError("date");
    day -= kSamordningDayOffset;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) {
    return IdentifierError("date");
  }
  if (!LuhnOk(ten)) return IdentifierError("checksum");

  std::string year_text = std::to_string(year);
  while (year_text.size() < 4) year_text.insert(year_text.begin(), '0');
  return std::string(SubjectIdKindCode(kind)) + ":" + year_text + ten.substr(2);
}

Result<std::string> CanonicalCaseNumber(std::string_view raw) {
  std::string out;
  for (char c : raw) {
    if (c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    const bool ok = (c >= 'A' && c <= 'Z') || IsDigit(c) || c == '-' || c == '/';
    if (!ok) return IdentifierError("format");
    out.push_back(c);
    if (out.size() > kMaxCaseNumberChars) return IdentifierError("length");
  }
  if (out.empty()) return IdentifierError("length");
  return std::string(SubjectIdKindCode(SubjectIdKind::kArendenummer)) + ":" + out;
}

}  // namespace

std::string_view SubjectIdKindCode(SubjectIdKind v) { return kKinds.Code(v); }
std::optional<SubjectIdKind> ParseSubjectIdKind(std::string_view code) {
  return kKinds.Parse(code);
}

Result<std::string> CanonicalSubjectId(SubjectIdKind kind, std::string_view raw, int this_year) {
  switch (kind) {
    case SubjectIdKind::kPersonnummer:
    case SubjectIdKind::kSamordningsnummer:
      return CanonicalPersonNumber(kind, raw, this_year);
    case SubjectIdKind::kArendenummer:
      return CanonicalCaseNumber(raw);
  }
  return IdentifierError("kind");
}

bool IsSubjectKey(std::string_view key) {
  if (key.size() != 64) return false;
  for (char c : key) {
    if (!IsDigit(c) && !(c >= 'a' && c <= 'f')) return false;
  }
  return true;
}

}  // namespace trygg
