// The Swedish working calendar: local time in Stockholm, public holidays, working days and deadlines.
#pragma once

#include <cstdint>

#include "core/clock.h"

namespace trygg {

// A calendar date (proleptic Gregorian).
struct LocalDate {
  int year = 1970;
  int month = 1;  // 1–12
  int day = 1;    // 1–31
  friend bool operator==(const LocalDate&, const LocalDate&) = default;
};

// The UTC offset in Stockholm at instant `t`: +1 h (CET), or +2 h (CEST) from
// the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC.
TimeMs StockholmOffset(TimeMs t);
// The Stockholm calendar date at instant `t`.
LocalDate StockholmDate(TimeMs t);
// The instant of 00:00 Stockholm time on `date`.
TimeMs StockholmMidnight(LocalDate date);
// The next calendar day.
LocalDate NextDay(LocalDate date);
// 0 = Monday … 6 = Sunday.
int Weekday(LocalDate date);

// True for Swedish public holidays on which offices are closed: nyårsdagen,
// trettondedag jul, långfredagen, påskdagen, annandag påsk, 1 maj, Kristi
// himmelsfärd, nationaldagen, midsommarafton and -dagen, alla helgons dag,
// julafton, juldagen, annandag jul and nyårsafton.
bool IsSwedishHoliday(LocalDate date);
// Monday–Friday and not a holiday.
bool IsWorkingDay(LocalDate date);

// The deadline for something that must happen within `working_days` of
// `start`: the end (24:00 Stockholm time) of the `working_days`-th working day
// after the day of `start`. 0 means the same calendar day, whatever day it is
// ("without delay, the same day"). Friday 16:00 + 0 → Friday 24:00;
// Friday 16:00 + 1 → Monday 24:00 (Tuesday when Monday is a holiday).
TimeMs DeadlineAfter(TimeMs start, int working_days);

}  // namespace trygg
