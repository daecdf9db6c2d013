#include "core/time.h"

#include <gtest/gtest.h>

namespace trygg {
namespace {

TEST(TimeTest, FormatsEpochAsUtc) { EXPECT_EQ(FormatIso8601(0), "1970-01-01T00:00:00Z"); }

TEST(TimeTest, ParsesZuluAndOffsetsToTheSameInstant) {
  auto z = ParseIso8601("2026-11-23T08:30:00Z");
  auto plus = ParseIso8601("2026-11-23T09:30:00+01:00");
  ASSERT_TRUE(z.ok());
  ASSERT_TRUE(plus.ok());
  EXPECT_EQ(*z, *plus);
  EXPECT_EQ(FormatIso8601(*z), "2026-11-23T08:30:00Z");
}

TEST(TimeTest, AcceptsMinutesOnlyAndFractions) {
  auto a = ParseIso8601("2026-03-29T01:59Z");
  ASSERT_TRUE(a.ok());
  auto b = ParseIso8601("2026-03-29T01:59:00.250Z");
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(*b - *a, 250);
}

TEST(TimeTest, RejectsTimesWithoutZoneAndNonsense) {
  for (const char* bad : {"2026-11-23T08:30:00", "2026-13-01T00:00Z", "2026-02-30T00:00Z",
                          "yesterday", "", "2026-11-23T24:00Z", "2026-11-23T08:30:00Zjunk"}) {
    auto r = ParseIso8601(bad);
    EXPECT_FALSE(r.ok()) << bad;
    if (!r.ok()) {
      EXPECT_EQ(r.status().reason(), "time.invalid");
    }
  }
}

TEST(TimeTest, ParsesDatesAsUtcMidnight) {
  auto d = ParseDate("2026-12-01");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(FormatIso8601(*d), "2026-12-01T00:00:00Z");
  EXPECT_EQ(FormatDate(*d + 5 * kMsPerHour), "2026-12-01");
  EXPECT_FALSE(ParseDate("2026-12-1").ok());
}

}  // namespace
}  // namespace trygg
