#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <string_view>

#include "core/time.h"

namespace trygg {
namespace {

// An instant written with an explicit offset, e.g. "2026-11-20T16:00:00+01:00".
TimeMs At(std::string_view iso) {
  auto t = ParseIso8601(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : 0;
}

TEST(CalendarTest, OffsetIsCetInWinterAndCestInSummer) {
  EXPECT_EQ(StockholmOffset(At("2026-01-15T12:00:00Z")), kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2026-07-15T12:00:00Z")), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2026-12-31T23:30:00Z")), kMsPerHour);
}

TEST(CalendarTest, SummerTimeStartsOnTheLastSundayOfMarch2026) {
  // 29 March 2026, 01:00 UTC: 02:00 CET becomes 03:00 CEST.
  const TimeMs sw = At("2026-03-29T01:00:00Z");
  EXPECT_EQ(StockholmOffset(sw - 1), kMsPerHour);
  EXPECT_EQ(StockholmOffset(sw), 2 * kMsPerHour);
  // Not the Sunday before.
  EXPECT_EQ(StockholmOffset(At("2026-03-22T12:00:00Z")), kMsPerHour);
}

TEST(CalendarTest, SummerTimeEndsOnTheLastSundayOfOctober2026) {
  // 25 October 2026, 01:00 UTC: 03:00 CEST becomes 02:00 CET.
  const TimeMs sw = At("2026-10-25T01:00:00Z");
  EXPECT_EQ(StockholmOffset(sw - 1), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(sw), kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2026-10-18T12:00:00Z")), 2 * kMsPerHour);
}

TEST(CalendarTest, OtherYearsSwitchOnTheirOwnLastSundays) {
  // 2025: 30 March and 26 October; 2027: 28 March and 31 October.
  EXPECT_EQ(StockholmOffset(At("2025-03-30T00:59:59Z")), kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2025-03-30T01:00:00Z")), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2025-10-26T00:59:59Z")), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2025-10-26T01:00:00Z")), kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2027-03-28T01:00:00Z")), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2027-10-31T00:59:59Z")), 2 * kMsPerHour);
  EXPECT_EQ(StockholmOffset(At("2027-10-31T01:00:00Z")), kMsPerHour);
}

TEST(CalendarTest, StockholmDateFollowsLocalMidnight) {
  EXPECT_EQ(StockholmDate(At("2026-11-20T22:59:59Z")), (LocalDate{2026, 11, 20}));
  EXPECT_EQ(StockholmDate(At("2026-11-20T23:00:00Z")), (LocalDate{2026, 11, 21}));
  EXPECT_EQ(StockholmDate(At("2026-06-30T21:59:59Z")), (LocalDate{2026, 6, 30}));
  EXPECT_EQ(StockholmDate(At("2026-06-30T22:00:00Z")), (LocalDate{2026, 7, 1}));
  EXPECT_EQ(StockholmDate(At("2026-12-31T23:00:00Z")), (LocalDate{2027, 1, 1}));
  EXPECT_EQ(StockholmDate(At("1969-12-31T23:00:00Z")), (LocalDate{1970, 1, 1}));
  EXPECT_EQ(StockholmDate(At("1969-12-31T22:59:59Z")), (LocalDate{1969, 12, 31}));
}

TEST(CalendarTest, StockholmMidnightAroundTheSwitches) {
  EXPECT_EQ(StockholmMidnight({2026, 1, 10}), At("2026-01-09T23:00:00Z"));
  EXPECT_EQ(StockholmMidnight({2026, 7, 10}), At("2026-07-09T22:00:00Z"));
  // The switch days themselves start in the old offset; the day after in the new.
  EXPECT_EQ(StockholmMidnight({2026, 3, 29}), At("2026-03-28T23:00:00Z"));
  EXPECT_EQ(StockholmMidnight({2026, 3, 30}), At("2026-03-29T22:00:00Z"));
  EXPECT_EQ(StockholmMidnight({2026, 10, 25}), At("2026-10-24T22:00:00Z"));
  EXPECT_EQ(StockholmMidnight({2026, 10, 26}), At("2026-10-25T23:00:00Z"));
}

TEST(CalendarTest, NextDayAndWeekday) {
  EXPECT_EQ(NextDay({2026, 2, 28}), (LocalDate{2026, 3, 1}));
  EXPECT_EQ(NextDay({2028, 2, 28}), (LocalDate{2028, 2, 29}));
  EXPECT_EQ(NextDay({2026, 12, 31}), (LocalDate{2027, 1, 1}));
  EXPECT_EQ(Weekday({1970, 1, 1}), 3);    // Thursday
  EXPECT_EQ(Weekday({2026, 11, 20}), 4);  // Friday
  EXPECT_EQ(Weekday({2026, 11, 23}), 0);  // Monday
  EXPECT_EQ(Weekday({2026, 3, 29}), 6);   // Sunday
  EXPECT_EQ(Weekday({1969, 12, 31}), 2);  // Wednesday
}

TEST(CalendarTest, EasterHolidays2026) {
  // Easter Sunday 2026 is 5 April.
  EXPECT_TRUE(IsSwedishHoliday({2026, 4, 3}));   // långfredagen
  EXPECT_FALSE(IsSwedishHoliday({2026, 4, 4}));  // påskafton is not a holiday
  EXPECT_TRUE(IsSwedishHoliday({2026, 4, 5}));   // påskdagen
  EXPECT_TRUE(IsSwedishHoliday({2026, 4, 6}));   // annandag påsk
  EXPECT_FALSE(IsSwedishHoliday({2026, 4, 2}));
  EXPECT_FALSE(IsSwedishHoliday({2026, 4, 7}));
  EXPECT_TRUE(IsSwedishHoliday({2026, 5, 14}));  // Kristi himmelsfärds dag
  EXPECT_FALSE(IsSwedishHoliday({2026, 5, 15}));
  EXPECT_FALSE(IsWorkingDay({2026, 4, 3}));
  EXPECT_FALSE(IsWorkingDay({2026, 4, 6}));
  EXPECT_TRUE(IsWorkingDay({2026, 4, 7}));
}

TEST(CalendarTest, EasterInOtherYears) {
  // Easter Sundays: 2024-03-31, 2025-04-20, 2027-03-28, 2038-04-25.
  EXPECT_TRUE(IsSwedishHoliday({2024, 3, 29}));
  EXPECT_TRUE(IsSwedishHoliday({2024, 4, 1}));
  EXPECT_TRUE(IsSwedishHoliday({2025, 4, 18}));
  EXPECT_TRUE(IsSwedishHoliday({2025, 4, 21}));
  EXPECT_TRUE(IsSwedishHoliday({2025, 5, 29}));  // Kristi himmelsfärd 2025
  EXPECT_TRUE(IsSwedishHoliday({2027, 3, 26}));
  EXPECT_TRUE(IsSwedishHoliday({2027, 3, 29}));
  EXPECT_TRUE(IsSwedishHoliday({2038, 4, 26}));
}

TEST(CalendarTest, MidsummerAndAllSaints) {
  EXPECT_TRUE(IsSwedishHoliday({2026, 6, 19}));   // midsommarafton
  EXPECT_TRUE(IsSwedishHoliday({2026, 6, 20}));   // midsommardagen
  EXPECT_FALSE(IsSwedishHoliday({2026, 6, 26}));  // a later Friday
  EXPECT_FALSE(IsWorkingDay({2026, 6, 19}));
  EXPECT_TRUE(IsWorkingDay({2026, 6, 22}));
  EXPECT_TRUE(IsSwedishHoliday({2027, 6, 25}));  // midsommarafton on the last possible day
  EXPECT_FALSE(IsSwedishHoliday({2027, 6, 18}));
  EXPECT_TRUE(IsSwedishHoliday({2026, 10, 31}));  // alla helgons dag 2026
  EXPECT_TRUE(IsSwedishHoliday({2027, 11, 6}));   // alla helgons dag 2027
  EXPECT_FALSE(IsSwedishHoliday({2027, 10, 30}));
}

TEST(CalendarTest, FixedHolidays) {
  for (LocalDate d : {LocalDate{2026, 1, 1}, LocalDate{2026, 1, 6}, LocalDate{2026, 5, 1},
                      LocalDate{2026, 6, 6}, LocalDate{2026, 12, 24}, LocalDate{2026, 12, 25},
                      LocalDate{2026, 12, 26}, LocalDate{2026, 12, 31}}) {
    EXPECT_TRUE(IsSwedishHoliday(d)) << d.year << "-" << d.month << "-" << d.day;
  }
  EXPECT_FALSE(IsSwedishHoliday({2026, 12, 23}));
  EXPECT_FALSE(IsSwedishHoliday({2026, 1, 2}));
}

TEST(CalendarTest, WorkingDaysAreWeekdaysThatAreNotHolidays) {
  EXPECT_TRUE(IsWorkingDay({2026, 11, 20}));   // Friday
  EXPECT_FALSE(IsWorkingDay({2026, 11, 21}));  // Saturday
  EXPECT_FALSE(IsWorkingDay({2026, 11, 22}));  // Sunday
  EXPECT_TRUE(IsWorkingDay({2026, 11, 23}));   // Monday
  EXPECT_FALSE(IsWorkingDay({2026, 1, 6}));    // trettondedag jul, a Tuesday
}

TEST(CalendarTest, DeadlineZeroIsTheEndOfTheSameDay) {
  const TimeMs friday = At("2026-11-20T16:00:00+01:00");
  EXPECT_EQ(DeadlineAfter(friday, 0), At("2026-11-20T23:00:00Z"));
  // Also on a Sunday or a holiday: the same calendar day.
  EXPECT_EQ(DeadlineAfter(At("2026-11-22T10:00:00+01:00"), 0), At("2026-11-22T23:00:00Z"));
  EXPECT_EQ(DeadlineAfter(At("2026-12-24T10:00:00+01:00"), 0), At("2026-12-24T23:00:00Z"));
  // Just after local midnight belongs to the new day.
  EXPECT_EQ(DeadlineAfter(At("2026-11-20T00:00:00+01:00"), 0), At("2026-11-20T23:00:00Z"));
  EXPECT_EQ(DeadlineAfter(At("2026-11-19T23:59:59+01:00"), 0), At("2026-11-19T23:00:00Z"));
}

TEST(CalendarTest, DeadlineOneWorkingDayFromFridayIsMonday) {
  const TimeMs friday = At("2026-11-20T16:00:00+01:00");
  // The end of Monday 23 November: 24:00 Stockholm, 23:00 UTC.
  EXPECT_EQ(DeadlineAfter(friday, 1), At("2026-11-23T23:00:00Z"));
  EXPECT_EQ(DeadlineAfter(friday, 1), StockholmMidnight({2026, 11, 24}));
  EXPECT_EQ(DeadlineAfter(friday, 2), At("2026-11-24T23:00:00Z"));
  // From a Saturday, the first working day is Monday.
  EXPECT_EQ(DeadlineAfter(At("2026-11-21T10:00:00+01:00"), 1), At("2026-11-23T23:00:00Z"));
}

TEST(CalendarTest, DeadlineSkipsEasterHolidays) {
  // Thursday 2 April 2026 + 1: Friday (långfredag), the weekend and Monday
  // (annandag påsk) are skipped: end of Tuesday 7 April (CEST).
  const TimeMs thursday = At("2026-04-02T14:00:00+02:00");
  EXPECT_EQ(DeadlineAfter(thursday, 1), At("2026-04-07T22:00:00Z"));
  EXPECT_EQ(DeadlineAfter(thursday, 2), At("2026-04-08T22:00:00Z"));
}

TEST(CalendarTest, DeadlineAcrossTheSwitches) {
  // Friday 27 March 2026 (CET) + 1 → Monday 30 March, whose end is in CEST.
  EXPECT_EQ(DeadlineAfter(At("2026-03-27T09:00:00+01:00"), 1), At("2026-03-30T22:00:00Z"));
  // Friday 23 October 2026 (CEST) + 1 → Monday 26 October, whose end is in CET.
  EXPECT_EQ(DeadlineAfter(At("2026-10-23T09:00:00+02:00"), 1), At("2026-10-26T23:00:00Z"));
  // Saturday 24 October + 0 → the end of that Saturday, still CEST.
  EXPECT_EQ(DeadlineAfter(At("2026-10-24T12:00:00+02:00"), 0), At("2026-10-24T22:00:00Z"));
  // Sunday 25 October, the 25-hour day + 0 → its end in CET.
  EXPECT_EQ(DeadlineAfter(At("2026-10-25T12:00:00+01:00"), 0), At("2026-10-25T23:00:00Z"));
}

TEST(CalendarTest, DeadlineOverChristmasAndNewYear) {
  // Wednesday 23 Dec 2026 + 1: 24, 25, 26 (Sat), 27 (Sun) skipped → Monday 28 Dec.
  EXPECT_EQ(DeadlineAfter(At("2026-12-23T15:00:00+01:00"), 1), At("2026-12-28T23:00:00Z"));
  // Wednesday 30 Dec 2026 + 1: 31 Dec and 1 Jan skipped, weekend → Monday 4 Jan 2027.
  EXPECT_EQ(DeadlineAfter(At("2026-12-30T15:00:00+01:00"), 1), At("2027-01-04T23:00:00Z"));
}

}  // namespace
}  // namespace trygg
