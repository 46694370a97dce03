#include "domain/partial_date.hpp"

#include <charconv>
#include <cstdio>

namespace ofpra::domain {
namespace {

bool parse_digits(std::string_view text, int& out) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && ptr == text.data() + text.size();
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

Error date_error() { return Error{"expected a date as YYYY, YYYY-MM or YYYY-MM-DD", {}}; }

}  // namespace

bool is_valid_day(int year, unsigned month, unsigned day) {
  static constexpr unsigned days_in_month[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  unsigned max = days_in_month[month - 1] + ((month == 2 && is_leap(year)) ? 1U : 0U);
  return day <= max;
}

Result<PartialDate> PartialDate::parse(std::string_view text) {
  PartialDate d;
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() < 4 || !parse_digits(text.substr(0, 4), year)) return date_error();
  if (year < 1850 || year > 2200) return Error{"year out of range (1850 to 2200)", {}};
  d.year = static_cast<std::int16_t>(year);
  if (text.size() == 4) return d;
  if (text.size() < 7 || text[4] != '-' || !parse_digits(text.substr(5, 2), month)) return date_error();
  if (month < 1 || month > 12) return Error{"month out of range", {}};
  d.month = static_cast<std::uint8_t>(month);
  d.precision = DatePrecision::month;
  if (text.size() == 7) return d;
  if (text.size() != 10 || text[7] != '-' || !parse_digits(text.substr(8, 2), day)) return date_error();
  if (!is_valid_day(year, static_cast<unsigned>(month), static_cast<unsigned>(day)))
    return Error{"no such day in the calendar", {}};
  d.day = static_cast<std::uint8_t>(day);
  d.precision = DatePrecision::day;
  return d;
}

Result<PartialDate> PartialDate::parse_day(std::string_view text) {
  auto d = parse(text);
  if (!d) return d;
  if (d->precision != DatePrecision::day) return Error{"expected a full date YYYY-MM-DD", {}};
  return d;
}

std::string PartialDate::to_string() const {
  // Written by hand for the years of the registry: snprintf's format parsing was a visible
  // share of every verification.
  if (year < 0 || year > 9999) {
    char buf[32];
    const int n = precision == DatePrecision::year ? std::snprintf(buf, sizeof buf, "%04d", year)
                  : precision == DatePrecision::month
                      ? std::snprintf(buf, sizeof buf, "%04d-%02u", year, unsigned{month})
                      : std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", year, unsigned{month}, unsigned{day});
    return std::string(buf, static_cast<std::size_t>(n));
  }
  std::string out;
  auto digits = [&out](unsigned v, int width) {
    out.append(static_cast<std::size_t>(width), '0');
    for (std::size_t at = out.size(); width-- > 0; v /= 10) out[--at] = static_cast<char>('0' + v % 10);
  };
  digits(static_cast<unsigned>(year), 4);
  if (precision == DatePrecision::year) return out;
  out += '-';
  digits(month, 2);
  if (precision == DatePrecision::month) return out;
  out += '-';
  digits(day, 2);
  return out;
}

PartialDate add_months(const PartialDate& d, int months) {
  const int total = d.year * 12 + (d.month - 1) + months;
  const int y = total / 12;
  const int m = total % 12 + 1;
  int day = d.day;
  while (!is_valid_day(y, static_cast<unsigned>(m), static_cast<unsigned>(day))) --day;
  PartialDate out;
  out.year = static_cast<std::int16_t>(y);
  out.month = static_cast<std::uint8_t>(m);
  out.day = static_cast<std::uint8_t>(day);
  out.precision = DatePrecision::day;
  return out;
}

// Howard Hinnant's days_from_civil / civil_from_days algorithms.
std::int64_t days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return std::int64_t{era} * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

PartialDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  PartialDate out;
  out.year = static_cast<std::int16_t>(y + (m <= 2));
  out.month = static_cast<std::uint8_t>(m);
  out.day = static_cast<std::uint8_t>(d);
  out.precision = DatePrecision::day;
  return out;
}

PartialDate day_of(std::chrono::system_clock::time_point t) {
  return civil_from_days(std::chrono::floor<std::chrono::days>(t).time_since_epoch().count());
}

}  // namespace ofpra::domain
