#include "domain/stats.h"

#include <gtest/gtest.h>

#include <string_view>

#include "core/time.h"

namespace trygg {
namespace {

TimeMs At(std::string_view iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}

constexpr TimeMs kHour = 3'600'000;
constexpr TimeMs kDay = 24 * kHour;

TEST(StatsTest, DayNumbers) {
  EXPECT_EQ(StatsDayOf({2000, 1, 1}), 0);
  EXPECT_EQ(StatsDayOf({2000, 1, 2}), 1);
  EXPECT_EQ(StatsDayOf({2001, 1, 1}), 366);  // 2000 is a leap year
  EXPECT_EQ(StatsDayOf({1999, 12, 31}), -1);
  EXPECT_EQ(DateOfStatsDay(0), (LocalDate{2000, 1, 1}));
  EXPECT_EQ(DateOfStatsDay(366), (LocalDate{2001, 1, 1}));
  for (StatsDay d : {0, 59, 60, 365, 9000, 20000, 65535}) {
    EXPECT_EQ(StatsDayOf(DateOfStatsDay(d)), d) << d;
  }
  EXPECT_EQ(DateOfStatsDay(StatsDayOf({2026, 2, 28}) + 1), (LocalDate{2026, 3, 1}));
}

TEST(StatsTest, DayAtFollowsStockholmsCalendar) {
  // 23:30 UTC on 31 December is already 1 January in Stockholm.
  EXPECT_EQ(StatsDayAt(At("2025-12-31T23:30:00Z")), StatsDayOf({2026, 1, 1}));
  EXPECT_EQ(StatsDayAt(At("2025-12-31T22:30:00Z")), StatsDayOf({2025, 12, 31}));
  // Summer time: 22:30 UTC on 30 June is 00:30 on 1 July.
  EXPECT_EQ(StatsDayAt(At("2026-06-30T22:30:00Z")), StatsDayOf({2026, 7, 1}));
  // Before 2000 clamps to day 0.
  EXPECT_EQ(StatsDayAt(At("1995-05-05T12:00:00Z")), 0);
  EXPECT_EQ(StatsDayAt(0), 0);
}

TEST(StatsTest, DimAndMeasureCodes) {
  EXPECT_EQ(StatsDimCode(StatsDim::kNone), "none");
  EXPECT_EQ(StatsDimCode(StatsDim::kForvaltning), "forvaltning");
  EXPECT_EQ(StatsDimCode(StatsDim::kAvdelning), "avdelning");
  EXPECT_EQ(StatsDimCode(StatsDim::kEnhet), "enhet");
  EXPECT_EQ(StatsDimCode(StatsDim::kCategory), "category");
  EXPECT_EQ(StatsDimCode(StatsDim::kPlace), "place");
  EXPECT_EQ(StatsDimCode(StatsDim::kSeverity), "severity");
  EXPECT_EQ(StatsDimCode(StatsDim::kYear), "year");
  EXPECT_EQ(StatsDimCode(StatsDim::kQuarter), "quarter");
  EXPECT_EQ(StatsDimCode(StatsDim::kMonth), "month");
  EXPECT_EQ(StatsDimCode(StatsDim::kOutside), "outside");
  EXPECT_EQ(StatsDimCode(StatsDim::kTied), "tied");
  for (StatsDim d : {StatsDim::kNone, StatsDim::kEnhet, StatsDim::kMonth, StatsDim::kTied}) {
    EXPECT_EQ(ParseStatsDim(StatsDimCode(d)), d);
  }
  EXPECT_FALSE(ParseStatsDim("Category").has_value());
  EXPECT_FALSE(ParseStatsDim("").has_value());
  EXPECT_TRUE(IsUnitDim(StatsDim::kForvaltning));
  EXPECT_TRUE(IsUnitDim(StatsDim::kAvdelning));
  EXPECT_TRUE(IsUnitDim(StatsDim::kEnhet));
  EXPECT_FALSE(IsUnitDim(StatsDim::kCategory));
  EXPECT_FALSE(IsUnitDim(StatsDim::kNone));
  const char* measures[] = {
      "count",          "police",         "outside",         "tied",
      "notice_applies", "notice_on_time", "support_applies", "support_on_time"};
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    EXPECT_EQ(StatsMeasureCode(static_cast<StatsMeasure>(m)), measures[m]);
  }
}

IncidentFacts SampleFacts() {
  IncidentFacts f;
  f.incident_id = 123456789012;
  f.unit_id = 42;
  f.day = 9500;
  f.category = Category::kOtillatenPaverkan;
  f.place_type = PlaceType::kHembesok;
  f.severity = kSeverityAllvarlig;
  f.outside_workplace = true;
  f.tied_to_role = false;
  f.police_reported = true;
  f.notice_applies = true;
  f.notice_on_time = false;
  f.support_applies = true;
  f.support_on_time = true;
  f.ack_hours = 17;
  f.close_days = 0;
  return f;
}

void ExpectSameFacts(const IncidentFacts& a, const IncidentFacts& b) {
  EXPECT_EQ(a.incident_id, b.incident_id);
  EXPECT_EQ(a.unit_id, b.unit_id);
  EXPECT_EQ(a.day, b.day);
  EXPECT_EQ(a.category, b.category);
  EXPECT_EQ(a.place_type, b.place_type);
  EXPECT_EQ(a.severity, b.severity);
  EXPECT_EQ(a.outside_workplace, b.outside_workplace);
  EXPECT_EQ(a.tied_to_role, b.tied_to_role);
  EXPECT_EQ(a.police_reported, b.police_reported);
  EXPECT_EQ(a.notice_applies, b.notice_applies);
  EXPECT_EQ(a.notice_on_time, b.notice_on_time);
  EXPECT_EQ(a.support_applies, b.support_applies);
  EXPECT_EQ(a.support_on_time, b.support_on_time);
  EXPECT_EQ(a.ack_hours, b.ack_hours);
  EXPECT_EQ(a.close_days, b.close_days);
}

TEST(StatsTest, EncodeDecodeRoundTrip) {
  const IncidentFacts f = SampleFacts();
  const FactsRow row = EncodeFacts(f);
  EXPECT_EQ(row.seq, 0);
  EXPECT_EQ(row.incident_id, f.incident_id);
  EXPECT_EQ(row.unit_id, 42);
  EXPECT_EQ(row.day, 9500);
  EXPECT_EQ(row.ack_hours, 17);
  EXPECT_EQ(row.close_days, 0);
  auto back = DecodeFacts(row);
  ASSERT_TRUE(back.ok()) << back.status().reason();
  ExpectSameFacts(*back, f);

  IncidentFacts g;  // defaults: unset durations
  const FactsRow g_row = EncodeFacts(g);
  EXPECT_EQ(g_row.ack_hours, -1);
  EXPECT_EQ(g_row.close_days, -1);
  auto g_back = DecodeFacts(g_row);
  ASSERT_TRUE(g_back.ok());
  ExpectSameFacts(*g_back, g);
}

TEST(StatsTest, EveryCategoryPlaceAndSeverityRoundTrips) {
  for (int c = 0; c < 8; ++c) {
    for (int p = 0; p < 7; ++p) {
      for (int s = 1; s <= 4; ++s) {
        IncidentFacts f;
        f.category = static_cast<Category>(c);
        f.place_type = static_cast<PlaceType>(p);
        f.severity = s;
        const FactsRow row = EncodeFacts(f);
        EXPECT_EQ((row.attrs >> facts_bits::kCategoryShift) & 7, c);
        EXPECT_EQ((row.attrs >> facts_bits::kSeverityShift) & 3, s - 1);
        EXPECT_EQ((row.attrs >> facts_bits::kPlaceShift) & 7, p);
        auto back = DecodeFacts(row);
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(back->category, f.category);
        EXPECT_EQ(back->place_type, f.place_type);
        EXPECT_EQ(back->severity, s);
      }
    }
  }
}

TEST(StatsTest, EachFlagHasItsDocumentedBit) {
  struct Flag {
    bool IncidentFacts::*field;
    int bit;
  };
  const Flag flags[] = {
      {&IncidentFacts::outside_workplace, facts_bits::kOutside},
      {&IncidentFacts::tied_to_role, facts_bits::kTied},
      {&IncidentFacts::police_reported, facts_bits::kPolice},
      {&IncidentFacts::notice_applies, facts_bits::kNoticeApplies},
      {&IncidentFacts::notice_on_time, facts_bits::kNoticeOnTime},
      {&IncidentFacts::support_applies, facts_bits::kSupportApplies},
      {&IncidentFacts::support_on_time, facts_bits::kSupportOnTime},
  };
  EXPECT_EQ(facts_bits::kOutside, 8);
  EXPECT_EQ(facts_bits::kSupportOnTime, 14);
  for (const Flag& flag : flags) {
    IncidentFacts f;  // category hot = 0, place reception = 0, severity 1
    f.category = Category::kHot;
    f.place_type = PlaceType::kReception;
    f.tied_to_role = false;
    f.*flag.field = true;
    const FactsRow row = EncodeFacts(f);
    EXPECT_EQ(row.attrs, (1 << flag.bit) | (1 << facts_bits::kPresent)) << flag.bit;
    auto back = DecodeFacts(row);
    ASSERT_TRUE(back.ok());
    EXPECT_TRUE((*back).*flag.field) << flag.bit;
  }
  IncidentFacts none;
  none.category = Category::kHot;
  none.place_type = PlaceType::kReception;
  none.tied_to_role = false;
  EXPECT_EQ(EncodeFacts(none).attrs, 1 << 15);
}

TEST(StatsTest, DecodeRejectsBadRows) {
  FactsRow row = EncodeFacts(SampleFacts());
  FactsRow bad = row;
  bad.attrs &= ~(1 << facts_bits::kPresent);
  EXPECT_EQ(DecodeFacts(bad).status().reason(), "stats.bad_row");
  bad = row;
  bad.attrs |= 7 << facts_bits::kPlaceShift;  // place 7 does not exist
  EXPECT_EQ(DecodeFacts(bad).status().reason(), "stats.bad_row");
  bad = row;
  bad.attrs |= 1 << 16;
  EXPECT_EQ(DecodeFacts(bad).status().reason(), "stats.bad_row");
  bad = row;
  bad.ack_hours = -2;
  EXPECT_EQ(DecodeFacts(bad).status().reason(), "stats.bad_row");
  bad = row;
  bad.close_days = 70000;
  EXPECT_EQ(DecodeFacts(bad).status().code(), StatusCode::kInvalidArgument);
  bad = row;
  bad.attrs = 0;
  EXPECT_FALSE(DecodeFacts(bad).ok());
}

TEST(StatsTest, EncodeClampsDurationsAndSeverity) {
  IncidentFacts f;
  f.ack_hours = 100000;
  f.close_days = -3;
  f.severity = 9;
  const FactsRow row = EncodeFacts(f);
  EXPECT_EQ(row.ack_hours, 65534);
  EXPECT_EQ(row.close_days, 0);
  EXPECT_EQ(DecodeFacts(row)->severity, 4);
}

// Tuesday 17 November 2026, 10:00 Stockholm (CET).
const TimeMs kCreated = At("2026-11-17T10:00:00+01:00");

Incident MakeIncident(Category category, int severity) {
  Incident inc;
  inc.id = 7;
  inc.unit_id = 31;
  inc.category = category;
  inc.severity = severity;
  inc.place_type = PlaceType::kBesoksrum;
  inc.occurred_at = At("2026-11-16T23:30:00Z");  // 17 November in Stockholm
  inc.exposed_user_ids = {11};
  inc.created_at = kCreated;
  inc.updated_at = kCreated;
  return inc;
}

TEST(StatsTest, FactsOfAMinorIncidentWithNothingRecorded) {
  Incident inc = MakeIncident(Category::kStoldInbrott, kSeverityLindrig);
  inc.outside_workplace = true;
  inc.tied_to_role = false;
  const IncidentRecord record{&inc, nullptr, nullptr, nullptr};
  const IncidentFacts f = FactsOf(record, DefaultPolicyRules(), kCreated + kHour);
  EXPECT_EQ(f.incident_id, 7);
  EXPECT_EQ(f.unit_id, 31);
  EXPECT_EQ(f.day, StatsDayOf({2026, 11, 17}));
  EXPECT_EQ(f.category, Category::kStoldInbrott);
  EXPECT_EQ(f.place_type, PlaceType::kBesoksrum);
  EXPECT_EQ(f.severity, kSeverityLindrig);
  EXPECT_TRUE(f.outside_workplace);
  EXPECT_FALSE(f.tied_to_role);
  EXPECT_FALSE(f.police_reported);
  EXPECT_FALSE(f.notice_applies);  // not serious
  EXPECT_FALSE(f.notice_on_time);
  EXPECT_FALSE(f.support_applies);  // theft is not in the support rule's categories
  EXPECT_FALSE(f.support_on_time);
  EXPECT_FALSE(f.ack_hours.has_value());
  EXPECT_FALSE(f.close_days.has_value());
}

TEST(StatsTest, FactsOfASeriousThreatHandledOnTime) {
  Incident inc = MakeIncident(Category::kHot, kSeverityAllvarlig);
  inc.serious_since = kCreated;
  inc.acknowledged_at = kCreated + 5 * kHour + 59 * 60'000;  // 5 h 59 min → 5
  inc.closed_at = kCreated + 12 * kDay + 23 * kHour;         // 12 d 23 h → 12
  PoliceReport police;
  police.incident_id = 7;
  police.reported = true;
  police.reporter = PoliceReporter::kChef;
  police.reported_at = kCreated + kHour;
  AuthorityNotice notice;
  notice.incident_id = 7;
  notice.authority = Authority::kArbetsmiljoverket;
  notice.notified_at = kCreated + 2 * kHour;  // the same day
  const std::vector<AuthorityNotice> notices = {notice};
  Measure support;
  support.incident_id = 7;
  support.kind = MeasureKind::kStod;
  support.created_at = kCreated + kDay;  // within 2 working days
  const std::vector<Measure> measures = {support};
  const IncidentRecord record{&inc, &police, &notices, &measures};
  const IncidentFacts f = FactsOf(record, DefaultPolicyRules(), kCreated + 20 * kDay);
  EXPECT_TRUE(f.police_reported);
  EXPECT_TRUE(f.notice_applies);
  EXPECT_TRUE(f.notice_on_time);
  EXPECT_TRUE(f.support_applies);
  EXPECT_TRUE(f.support_on_time);
  EXPECT_EQ(f.ack_hours, 5);
  EXPECT_EQ(f.close_days, 12);
  EXPECT_EQ(f.severity, kSeverityAllvarlig);
}

TEST(StatsTest, FactsOfASeriousThreatHandledLate) {
  Incident inc = MakeIncident(Category::kVald, kSeverityMycketAllvarlig);
  inc.serious_since = kCreated;
  PoliceReport police;  // decided not to report
  police.incident_id = 7;
  police.reported = false;
  police.not_reported_reason = NotReportedReason::kMedarbetarenAvstar;
  AuthorityNotice notice;
  notice.incident_id = 7;
  notice.authority = Authority::kArbetsmiljoverket;
  notice.notified_at = kCreated + 3 * kDay;  // late
  const std::vector<AuthorityNotice> notices = {notice};
  const std::vector<Measure> measures;  // no support yet, deadline passed
  const IncidentRecord record{&inc, &police, &notices, &measures};
  const IncidentFacts f = FactsOf(record, DefaultPolicyRules(), kCreated + 10 * kDay);
  EXPECT_FALSE(f.police_reported);
  EXPECT_TRUE(f.notice_applies);
  EXPECT_FALSE(f.notice_on_time);
  EXPECT_TRUE(f.support_applies);
  EXPECT_FALSE(f.support_on_time);
}

TEST(StatsTest, FactsOfADisabledRuleDoNotApply) {
  Incident inc = MakeIncident(Category::kHot, kSeverityAllvarlig);
  inc.serious_since = kCreated;
  std::vector<PolicyRule> rules = DefaultPolicyRules();
  for (PolicyRule& r : rules) r.enabled = false;
  const IncidentRecord record{&inc, nullptr, nullptr, nullptr};
  const IncidentFacts f = FactsOf(record, rules, kCreated);
  EXPECT_FALSE(f.notice_applies);
  EXPECT_FALSE(f.support_applies);
}

TEST(StatsTest, FactsDurationsNeverNegative) {
  Incident inc = MakeIncident(Category::kAnnat, kSeverityLindrig);
  inc.acknowledged_at = kCreated - kHour;  // a skewed clock
  inc.closed_at = kCreated + 70000 * kDay;
  const IncidentRecord record{&inc, nullptr, nullptr, nullptr};
  const IncidentFacts f = FactsOf(record, DefaultPolicyRules(), kCreated);
  EXPECT_EQ(f.ack_hours, 0);
  EXPECT_EQ(f.close_days, 65534);
}

TEST(StatsMeasureTest, ASetBringsItsParentsAndTheCount) {
  auto bit = [](StatsMeasure m) { return MeasureBit(m); };
  EXPECT_EQ(WithParents(0), bit(StatsMeasure::kCount));
  EXPECT_EQ(WithParents(bit(StatsMeasure::kPolice)),
            bit(StatsMeasure::kCount) | bit(StatsMeasure::kPolice));
  EXPECT_EQ(WithParents(bit(StatsMeasure::kNoticeOnTime)), bit(StatsMeasure::kCount) |
                                                               bit(StatsMeasure::kNoticeApplies) |
                                                               bit(StatsMeasure::kNoticeOnTime));
  EXPECT_EQ(WithParents(kAllStatsMeasures), kAllStatsMeasures);
  EXPECT_EQ(WithParents(0xFFFF'FFFFu), kAllStatsMeasures);  // unknown bits dropped
  for (int m = 0; m < kStatsMeasureCount; ++m) {
    const StatsMeasure measure = static_cast<StatsMeasure>(m);
    EXPECT_EQ(ParseStatsMeasure(StatsMeasureCode(measure)), measure);
    // A parent always has a lower number than its part.
    if (auto parent = ParentMeasure(measure)) EXPECT_LT(static_cast<int>(*parent), m);
  }
  EXPECT_FALSE(ParseStatsMeasure("counts").has_value());
}

}  // namespace
}  // namespace trygg
