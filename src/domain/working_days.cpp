#include "domain/working_days.hpp"

#include <algorithm>

namespace ofpra::domain {
namespace {

std::int64_t days_of(const PartialDate& d) { return days_from_civil(d.year, d.month, d.day); }

PartialDate day(int year, unsigned month, unsigned d) {
  return PartialDate{static_cast<std::int16_t>(year), static_cast<std::uint8_t>(month), static_cast<std::uint8_t>(d),
                     DatePrecision::day};
}

// 0 for Monday to 6 for Sunday (1970-01-01 was a Thursday).
int weekday(std::int64_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

bool working(std::int64_t days) {
  if (weekday(days) >= 5) return false;
  const auto d = civil_from_days(days);
  const auto holidays = french_public_holidays(d.year);
  return std::none_of(holidays.begin(), holidays.end(), [&](const PartialDate& h) { return days_of(h) == days; });
}

}  // namespace

PartialDate easter_sunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, date = ((h + l - 7 * m + 114) % 31) + 1;
  return day(year, static_cast<unsigned>(month), static_cast<unsigned>(date));
}

std::vector<PartialDate> french_public_holidays(int year) {
  const auto easter = days_of(easter_sunday(year));
  std::vector<PartialDate> out{day(year, 1, 1),
                               civil_from_days(easter + 1),
                               day(year, 5, 1),
                               day(year, 5, 8),
                               civil_from_days(easter + 39),
                               civil_from_days(easter + 50),
                               day(year, 7, 14),
                               day(year, 8, 15),
                               day(year, 11, 1),
                               day(year, 11, 11),
                               day(year, 12, 25)};
  std::sort(out.begin(), out.end(), [](const PartialDate& x, const PartialDate& y) { return days_of(x) < days_of(y); });
  return out;
}

bool is_working_day(const PartialDate& d) { return working(days_of(d)); }

PartialDate add_working_days(const PartialDate& from, int n) {
  auto days = days_of(from);
  for (int counted = 0; counted < n;)
    if (working(++days)) ++counted;
  return civil_from_days(days);
}

int working_days_between(const PartialDate& from, const PartialDate& to) {
  int n = 0;
  for (auto days = days_of(from) + 1; days <= days_of(to); ++days)
    if (working(days)) ++n;
  return n;
}

}  // namespace ofpra::domain
