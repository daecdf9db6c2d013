#include "domain/calendar.h"

#include "core/time.h"

namespace trygg {
namespace {

// Floor division for possibly negative numerators.
constexpr int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;                                   // [0, 399]
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;  // [0, 365]
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;           // [0, 146096]
  return era * 146097 + doe - 719468;
}

// The civil date of a day count since 1970-01-01 (civil_from_days).
LocalDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;                                       // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);                // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                     // [0, 11]
  LocalDate out;
  out.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  out.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  out.year = static_cast<int>(yoe + era * 400 + (out.month <= 2));
  return out;
}

int64_t DaysOf(LocalDate d) { return DaysFromCivil(d.year, d.month, d.day); }

// 0 = Monday … 6 = Sunday, for a day count since 1970-01-01 (a Thursday).
int WeekdayOfDays(int64_t days) { return static_cast<int>(((days + 3) % 7 + 7) % 7); }

// The day count of the last Sunday of `month` in `year` (month has 31 days:
// March and October).
int64_t LastSundayOf(int year, int month) {
  const int64_t last = DaysFromCivil(year, month, 31);
  return last - (WeekdayOfDays(last) + 1) % 7;
}

// Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
LocalDate EasterSunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

}  // namespace

TimeMs StockholmOffset(TimeMs t) {
  const int year = CivilFromDays(FloorDiv(t, kMsPerDay)).year;
  const TimeMs summer_start = LastSundayOf(year, 3) * kMsPerDay + kMsPerHour;
  const TimeMs summer_end = LastSundayOf(year, 10) * kMsPerDay + kMsPerHour;
  return t >= summer_start && t < summer_end ? 2 * kMsPerHour : kMsPerHour;
}

LocalDate StockholmDate(TimeMs t) {
  return CivilFromDays(FloorDiv(t + StockholmOffset(t), kMsPerDay));
}

TimeMs StockholmMidnight(LocalDate date) {
  // Local midnight is never near a switch (those happen at 02:00/03:00 local),
  // so the offset an hour before the UTC reading of local midnight is the one.
  const TimeMs local = DaysOf(date) * kMsPerDay;
  return local - StockholmOffset(local - kMsPerHour);
}

LocalDate NextDay(LocalDate date) { return CivilFromDays(DaysOf(date) + 1); }

int Weekday(LocalDate date) { return WeekdayOfDays(DaysOf(date)); }

bool IsSwedishHoliday(LocalDate date) {
  const int m = date.month;
  const int d = date.day;
  // Fixed dates.
  if ((m == 1 && (d == 1 || d == 6)) || (m == 5 && d == 1) || (m == 6 && d == 6) ||
      (m == 12 && (d == 24 || d == 25 || d == 26 || d == 31))) {
    return true;
  }
  const int wd = Weekday(date);
  // Midsommarafton: the Friday 19–25 June; midsommardagen: the Saturday 20–26 June.
  if (m == 6 && ((wd == 4 && d >= 19 && d <= 25) || (wd == 5 && d >= 20 && d <= 26))) return true;
  // Alla helgons dag: the Saturday 31 October – 6 November.
  if (wd == 5 && ((m == 10 && d == 31) || (m == 11 && d <= 6))) return true;
  // Easter-based: långfredagen (−2), påskdagen (0), annandag påsk (+1), Kristi himmelsfärd (+39).
  const int64_t diff = DaysOf(date) - DaysOf(EasterSunday(date.year));
  return diff == -2 || diff == 0 || diff == 1 || diff == 39;
}

bool IsWorkingDay(LocalDate date) { return Weekday(date) < 5 && !IsSwedishHoliday(date); }

TimeMs DeadlineAfter(TimeMs start, int working_days) {
  LocalDate day = StockholmDate(start);
  for (int counted = 0; counted < working_days;) {
    day = NextDay(day);
    if (IsWorkingDay(day)) ++counted;
  }
  // 24:00 of `day` is 00:00 of the next day.
  return StockholmMidnight(NextDay(day));
}

}  // namespace trygg
