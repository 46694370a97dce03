#pragma once
// A date known to the year, the month or the day. Registry dates are often known only to the
// year: the precision is kept and nothing is ever invented.
#include "domain/result.hpp"

#include <chrono>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

namespace ofpra::domain {

enum class DatePrecision : std::uint8_t { year = 1, month = 2, day = 3 };

struct PartialDate {
  std::int16_t year = 0;
  std::uint8_t month = 0;  // 0 when unknown
  std::uint8_t day = 0;    // 0 when unknown
  DatePrecision precision = DatePrecision::year;

  // Parses "1990", "1990-05" or "1990-05-17"; rejects impossible dates.
  static Result<PartialDate> parse(std::string_view text);
  // Parses a full "YYYY-MM-DD" date only.
  static Result<PartialDate> parse_day(std::string_view text);
  std::string to_string() const;

  friend bool operator==(const PartialDate&, const PartialDate&) = default;
};

// Days since 1970-01-01 for a full date (proleptic Gregorian).
std::int64_t days_from_civil(int year, unsigned month, unsigned day);
// Today's date (UTC) from a count of days since the epoch.
PartialDate civil_from_days(std::int64_t days);
// The UTC day of a moment, e.g. a clock's now().
PartialDate day_of(std::chrono::system_clock::time_point t);
bool is_valid_day(int year, unsigned month, unsigned day);
// A full date moved by whole calendar months (negative goes back), the day clamped to the
// month's end (31 March minus one month is 28 or 29 February).
PartialDate add_months(const PartialDate& day, int months);

}  // namespace ofpra::domain
