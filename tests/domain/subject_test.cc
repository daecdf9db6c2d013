#include "domain/subject.h"

#include <gtest/gtest.h>

#include <string>

namespace trygg {
namespace {

constexpr int kYear = 2026;

std::string Canon(SubjectIdKind kind, std::string_view raw, int year = kYear) {
  Result<std::string> r = CanonicalSubjectId(kind, raw, year);
  EXPECT_TRUE(r.ok()) << r.status().reason() << " " << r.status().detail();
  return r.ok() ? *r : std::string();
}

// `why`: the detail, which says what is wrong ("format", "length", "date",
// "checksum").
void ExpectInvalid(SubjectIdKind kind, std::string_view raw, std::string_view why) {
  Result<std::string> r = CanonicalSubjectId(kind, raw, kYear);
  ASSERT_FALSE(r.ok()) << raw;
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().reason(), "subject.identifier");
  EXPECT_EQ(r.status().detail(), why) << raw;
  // The error never repeats the identifier, nor a part of it.
  const std::string text = r.status().ToString();
  for (char c : text) EXPECT_FALSE(c >= '0' && c <= '9') << raw << " → " << text;
}

TEST(SubjectTest, KindCodes) {
  for (auto v : {SubjectIdKind::kPersonnummer, SubjectIdKind::kSamordningsnummer,
                 SubjectIdKind::kArendenummer}) {
    EXPECT_EQ(ParseSubjectIdKind(SubjectIdKindCode(v)), v);
  }
  EXPECT_EQ(SubjectIdKindCode(SubjectIdKind::kSamordningsnummer), "samordningsnummer");
  EXPECT_EQ(SubjectIdKindCode(SubjectIdKind::kArendenummer), "arendenummer");
  EXPECT_FALSE(ParseSubjectIdKind("pnr").has_value());
}

TEST(SubjectTest, PersonnummerSpellingsGiveOneCanonicalForm) {
  const auto k = SubjectIdKind::kPersonnummer;
  EXPECT_EQ(Canon(k, "811218-9876"), "personnummer:198112189876");
  EXPECT_EQ(Canon(k, "8112189876"), "personnummer:198112189876");
  EXPECT_EQ(Canon(k, "198112189876"), "personnummer:198112189876");
  EXPECT_EQ(Canon(k, "19811218-9876"), "personnummer:198112189876");
  EXPECT_EQ(Canon(k, "  811218-9876\n"), "personnummer:198112189876");
}

TEST(SubjectTest, CenturyFromThisYearAndPlus) {
  const auto k = SubjectIdKind::kPersonnummer;
  // 1212121212: with '-' born at most 100 years ago (2012 in 2026), '+' a
  // hundred years earlier; the 12-digit spelling of each agrees.
  EXPECT_EQ(Canon(k, "121212-1212"), "personnummer:201212121212");
  EXPECT_EQ(Canon(k, "121212+1212"), "personnummer:191212121212");
  EXPECT_EQ(Canon(k, "191212121212"), "personnummer:191212121212");
  EXPECT_EQ(Canon(k, "19121212-1212"), "personnummer:191212121212");
  EXPECT_EQ(Canon(k, "121212+1212"), Canon(k, "191212121212"));
  // 2012 is in the future in 2011: the century before.
  EXPECT_EQ(Canon(k, "1212121212", 2011), "personnummer:191212121212");
  // Born this year.
  EXPECT_EQ(Canon(k, "260101-1238", 2026).substr(0, 17), "personnummer:2026");
  // 2000-02-29 exists (leap year), 2001-02-29 does not.
  EXPECT_EQ(Canon(k, "000229-1235"), "personnummer:200002291235");
  ExpectInvalid(k, "010229-1234", "date");
}

TEST(SubjectTest, InvalidPersonnummer) {
  const auto k = SubjectIdKind::kPersonnummer;
  ExpectInvalid(k, "811218-9875", "checksum");   // Luhn fails
  ExpectInvalid(k, "198112189877", "checksum");  // Luhn fails (12 digits)
  ExpectInvalid(k, "81121898", "length");        // too short
  ExpectInvalid(k, "811218-987", "format");      // three digits after the separator
  ExpectInvalid(k, "81121898760", "length");     // 11 digits
  ExpectInvalid(k, "8112-189876", "format");     // separator in the wrong place
  ExpectInvalid(k, "811218 9876", "format");     // space is not a separator
  ExpectInvalid(k, "811318-9875", "date");       // month 13 (Luhn fine)
  ExpectInvalid(k, "811200-9876", "date");       // day 0 (Luhn fine)
  ExpectInvalid(k, "810231-9871", "date");       // 31 February (Luhn fine)
  ExpectInvalid(k, "701063-2391", "date");       // a samordningsnummer is not a personnummer
  ExpectInvalid(k, "202712121215", "date");      // born in the future
  ExpectInvalid(k, "", "length");
  ExpectInvalid(k, "abcdefghij", "format");
  ExpectInvalid(k, "811218–9876", "format");  // en dash
}

TEST(SubjectTest, Samordningsnummer) {
  const auto k = SubjectIdKind::kSamordningsnummer;
  EXPECT_EQ(Canon(k, "701063-2391"), "samordningsnummer:197010632391");
  EXPECT_EQ(Canon(k, "197010632391"), "samordningsnummer:197010632391");
  EXPECT_EQ(Canon(k, "121272-1219"), "samordningsnummer:201212721219");
  ExpectInvalid(k, "701063-2392", "checksum");  // Luhn
  ExpectInvalid(k, "811218-9876", "date");      // day not + 60
  ExpectInvalid(k, "700292-2396", "date");      // day 92 - 60 = 32 (Luhn fine)
}

TEST(SubjectTest, KindsAreSeparatedInTheCanonicalForm) {
  EXPECT_NE(Canon(SubjectIdKind::kPersonnummer, "811218-9876"),
            Canon(SubjectIdKind::kArendenummer, "198112189876"));
}

TEST(SubjectTest, CaseNumbers) {
  const auto k = SubjectIdKind::kArendenummer;
  EXPECT_EQ(Canon(k, "ifo 2026/1234-ab"), "arendenummer:IFO2026/1234-AB");
  EXPECT_EQ(Canon(k, "IFO 2026/1234-AB"), Canon(k, "ifo2026/1234-ab"));
  EXPECT_EQ(Canon(k, "7"), "arendenummer:7");
  EXPECT_EQ(Canon(k, std::string(40, 'a') + "   "), "arendenummer:" + std::string(40, 'A'));
  ExpectInvalid(k, "", "length");
  ExpectInvalid(k, "   ", "length");
  ExpectInvalid(k, std::string(41, '1'), "length");
  ExpectInvalid(k, "SN 2026:12", "format");  // ':' not allowed
  ExpectInvalid(k, "ÄRENDE-1", "format");    // not ASCII
  ExpectInvalid(k, "12\t34", "format");
}

TEST(SubjectTest, SubjectKeyShape) {
  EXPECT_TRUE(IsSubjectKey(std::string(64, 'a')));
  EXPECT_TRUE(IsSubjectKey("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(IsSubjectKey("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"));
  EXPECT_FALSE(IsSubjectKey(std::string(63, 'a')));
  EXPECT_FALSE(IsSubjectKey(std::string(65, 'a')));
  EXPECT_FALSE(IsSubjectKey(std::string(64, 'g')));
  EXPECT_FALSE(IsSubjectKey(""));
}

}  // namespace
}  // namespace trygg
