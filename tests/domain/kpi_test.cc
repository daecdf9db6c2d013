#include "domain/kpi.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace trygg {
namespace {

// Two förvaltningar, by name or id.
std::optional<UnitId> Resolve(std::string_view s) {
  if (s == "Socialförvaltningen Nord" || s == "2") return 2;
  if (s == "Socialförvaltningen Syd" || s == "3") return 3;
  return std::nullopt;
}

KpiParse Parse(std::string_view text) { return ParseKpiCsv(text, Resolve); }

std::string Errors(const KpiParse& p) {
  std::string out;
  for (const KpiLineError& e : p.errors) {
    out += std::to_string(e.line) + ":" + e.code + ":" + e.column + "\n";
  }
  return out;
}

TEST(KpiTest, Codes) {
  EXPECT_EQ(KpiKindCode(KpiKind::kPersonalrorlighet), "personalrorlighet");
  EXPECT_EQ(KpiKindCode(KpiKind::kKonsulter), "konsulter");
  EXPECT_EQ(KpiKindCode(KpiKind::kVfu), "vfu");
  EXPECT_EQ(ParseKpiKind("vfu"), KpiKind::kVfu);
  EXPECT_FALSE(ParseKpiKind("VFU-platser").has_value());
  EXPECT_EQ(KpiGroupCode(KpiGroup::kAlla), "alla");
  EXPECT_EQ(KpiGroupCode(KpiGroup::kSocialsekreterare), "socialsekreterare");
  EXPECT_EQ(KpiGroupCode(KpiGroup::kBistandshandlaggare), "bistandshandlaggare");
  EXPECT_EQ(ParseKpiGroup("bistandshandlaggare"), KpiGroup::kBistandshandlaggare);
  EXPECT_EQ(KpiPeriodCode(KpiPeriod::kAr), "ar");
  EXPECT_EQ(KpiPeriodCode(KpiPeriod::kApril), "april");
  EXPECT_EQ(KpiPeriodCode(KpiPeriod::kNovember), "november");
  EXPECT_EQ(ParseKpiPeriod("november"), KpiPeriod::kNovember);
  EXPECT_FALSE(ParseKpiPeriod("maj").has_value());
}

TEST(KpiTest, Validate) {
  KpiValue v;
  v.forvaltning_id = 2;
  v.value = 12.5;
  EXPECT_TRUE(ValidateKpi(v).ok());
  v.value = 100;
  EXPECT_TRUE(ValidateKpi(v).ok());
  v.value = 100.5;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.value");
  v.value = -0.1;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.value");
  v.value = 10;
  v.year = 1999;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.year");
  v.year = 2101;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.year");
  v.year = 2100;
  EXPECT_TRUE(ValidateKpi(v).ok());
  v.period = KpiPeriod::kApril;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.period");
  v.kind = KpiKind::kKonsulter;
  EXPECT_TRUE(ValidateKpi(v).ok());
  v.period = KpiPeriod::kAr;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.period");
  v.period = KpiPeriod::kNovember;
  v.value = 2.5;  // consultants are whole people
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.value");
  v.value = 100000;
  EXPECT_TRUE(ValidateKpi(v).ok());
  v.value = 100001;
  EXPECT_EQ(ValidateKpi(v).reason(), "kpi.value");
  v.kind = KpiKind::kVfu;
  v.period = KpiPeriod::kAr;
  v.value = 7;
  EXPECT_TRUE(ValidateKpi(v).ok());
}

TEST(KpiTest, ParsesAGoodFile) {
  const KpiParse p = Parse(
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "Socialförvaltningen Nord;personalrorlighet;socialsekreterare;2025;ar;18,5\n"
      "3;personalrorlighet;;2025;;12.25\n"
      "Socialförvaltningen Nord;konsulter;alla;2025;april;4\n"
      "Socialförvaltningen Nord;konsulter;alla;2025;november;6\n"
      "Socialförvaltningen Syd;vfu;socialsekreterare;2025;ar;9\n"
      "\n");
  ASSERT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.values.size(), 5u);
  EXPECT_EQ(p.values[0].forvaltning_id, 2);
  EXPECT_EQ(p.values[0].kind, KpiKind::kPersonalrorlighet);
  EXPECT_EQ(p.values[0].group, KpiGroup::kSocialsekreterare);
  EXPECT_EQ(p.values[0].year, 2025);
  EXPECT_EQ(p.values[0].period, KpiPeriod::kAr);
  EXPECT_DOUBLE_EQ(p.values[0].value, 18.5);
  EXPECT_EQ(p.values[1].forvaltning_id, 3);
  EXPECT_EQ(p.values[1].group, KpiGroup::kAlla);
  EXPECT_EQ(p.values[1].period, KpiPeriod::kAr);
  EXPECT_DOUBLE_EQ(p.values[1].value, 12.25);
  EXPECT_EQ(p.values[2].period, KpiPeriod::kApril);
  EXPECT_EQ(p.values[3].period, KpiPeriod::kNovember);
  EXPECT_EQ(p.values[4].kind, KpiKind::kVfu);
}

TEST(KpiTest, BomCrlfCommasQuotesAndAnyColumnOrder) {
  const KpiParse p = Parse(
      "\xEF\xBB\xBF"
      "Värde,År,KPI,Förvaltning,Period,Yrkesgrupp\r\n"
      "\"18,5\",2024,personalrorlighet,\"Socialförvaltningen Nord\",ar,alla\r\n"
      "3, 2024 ,VFU, 2 ,,\r\n");
  ASSERT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.values.size(), 2u);
  EXPECT_DOUBLE_EQ(p.values[0].value, 18.5);
  EXPECT_EQ(p.values[0].year, 2024);
  EXPECT_EQ(p.values[0].forvaltning_id, 2);
  EXPECT_EQ(p.values[1].kind, KpiKind::kVfu);
  EXPECT_DOUBLE_EQ(p.values[1].value, 3);
}

TEST(KpiTest, QuotedFieldWithEscapedQuote) {
  auto resolve = [](std::string_view s) -> std::optional<UnitId> {
    if (s == "Förvaltning \"Väst\"; gamla") return 5;
    return std::nullopt;
  };
  const KpiParse p = ParseKpiCsv(
      "forvaltning;kpi;ar;varde\n\"Förvaltning \"\"Väst\"\"; gamla\";vfu;2026;2\n", resolve);
  ASSERT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.values.size(), 1u);
  EXPECT_EQ(p.values[0].forvaltning_id, 5);
}

TEST(KpiTest, OptionalColumnsMayBeLeftOut) {
  const KpiParse p = Parse("forvaltning;kpi;ar;varde\n2;vfu;2026;4\n");
  ASSERT_TRUE(p.errors.empty()) << Errors(p);
  ASSERT_EQ(p.values.size(), 1u);
  EXPECT_EQ(p.values[0].group, KpiGroup::kAlla);
  EXPECT_EQ(p.values[0].period, KpiPeriod::kAr);
}

TEST(KpiTest, BadEncodingIsReportedPerLineAndNothingIsImported) {
  // Latin-1 "ö" (0xF6) on line 3, as Excel might save it.
  const KpiParse p = Parse(
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "2;vfu;;2025;;4\n"
      "Socialf\xF6rvaltningen Syd;vfu;;2025;;5\n");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p), "3:kpi.encoding:\n");
}

TEST(KpiTest, Latin1HeaderIsAnEncodingError) {
  const KpiParse p = Parse("f\xF6rvaltning;kpi;ar;varde\n2;vfu;2025;4\n");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p), "1:kpi.encoding:\n");
}

TEST(KpiTest, MissingAndUnknownHeaderColumns) {
  const KpiParse p = Parse("forvaltning;kpi;yrkesgrupp;period;vaerde\n2;vfu;;;4\n");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p), "1:kpi.header:vaerde\n1:kpi.header:ar\n1:kpi.header:varde\n");
  const KpiParse twice = Parse("forvaltning;kpi;ar;ar;varde\n");
  EXPECT_EQ(Errors(twice), "1:kpi.header:ar\n");
}

TEST(KpiTest, WrongNumberOfFields) {
  const KpiParse p = Parse(
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "2;vfu;;2025;;4;extra\n"
      "2;vfu;;2025\n"
      "2;vfu;;2026;;\"4\n");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p), "2:kpi.columns:\n3:kpi.columns:\n4:kpi.columns:\n");
}

TEST(KpiTest, EveryBadFieldOfEveryLine) {
  const KpiParse p = Parse(
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "Okänd förvaltning;vfu;;2025;;4\n"  // 2
      "2;sjukfranvaro;;2025;;4\n"         // 3
      "2;vfu;chefer;2025;;4\n"            // 4
      "2;vfu;;tjugofem;;4\n"              // 5
      "2;vfu;;1999;;4\n"                  // 6
      "2;vfu;;2025;maj;4\n"               // 7
      "2;konsulter;;2025;;4\n"            // 8: konsulter needs april/november
      "2;vfu;;2025;april;4\n"             // 9: vfu is per year
      "2;vfu;;2025;;-3\n"                 // 10
      "2;personalrorlighet;;2025;;101\n"  // 11
      "2;vfu;;2025;;1,2,3\n"              // 12
      "2;vfu;;2025;;\n"                   // 13
      "x;y;z;2025;;abc\n");               // 14: three at once
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p),
            "2:kpi.forvaltning:forvaltning\n"
            "3:kpi.kind:kpi\n"
            "4:kpi.group:yrkesgrupp\n"
            "5:kpi.year:ar\n"
            "6:kpi.year:ar\n"
            "7:kpi.period:period\n"
            "8:kpi.period:period\n"
            "9:kpi.period:period\n"
            "10:kpi.value:varde\n"
            "11:kpi.value:varde\n"
            "12:kpi.value:varde\n"
            "13:kpi.value:varde\n"
            "14:kpi.forvaltning:forvaltning\n"
            "14:kpi.kind:kpi\n"
            "14:kpi.group:yrkesgrupp\n"
            "14:kpi.value:varde\n");
}

TEST(KpiTest, DuplicatesAreErrorsOnTheLaterLine) {
  const KpiParse p = Parse(
      "forvaltning;kpi;yrkesgrupp;ar;period;varde\n"
      "2;personalrorlighet;alla;2025;ar;10\n"
      "2;vfu;;2025;;4\n"
      "Socialförvaltningen Nord;personalrorlighet;;2025;;11\n"  // same key as line 2
      "3;personalrorlighet;alla;2025;ar;10\n");
  EXPECT_TRUE(p.values.empty());
  EXPECT_EQ(Errors(p), "4:kpi.duplicate:\n");
}

TEST(KpiTest, EmptyFiles) {
  EXPECT_EQ(Errors(Parse("")), "0:kpi.empty:\n");
  EXPECT_EQ(Errors(Parse("\xEF\xBB\xBF")), "0:kpi.empty:\n");
  EXPECT_EQ(Errors(Parse("forvaltning;kpi;yrkesgrupp;ar;period;varde\n")), "0:kpi.empty:\n");
  EXPECT_EQ(Errors(Parse("forvaltning;kpi;yrkesgrupp;ar;period;varde\r\n\r\n  \r\n")),
            "0:kpi.empty:\n");
}

}  // namespace
}  // namespace trygg
