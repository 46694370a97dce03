// Partial dates ("1990", "1990-05", "1990-05-17") as every input gives them.
#include "domain/partial_date.hpp"
#include "../fuzz_check.hpp"
#include "domain/share_code.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (const auto date = PartialDate::parse(text)) {
    const auto again = PartialDate::parse(date->to_string());
    FUZZ_CHECK(again.ok() && *again == *date);
    FUZZ_CHECK(birth_date_confirms(*date, *date));
    if (date->precision == DatePrecision::day) {
      FUZZ_CHECK(is_valid_day(date->year, date->month, date->day));
      const auto days = days_from_civil(date->year, date->month, date->day);
      FUZZ_CHECK(civil_from_days(days) == *date);
      for (int months : {-1200, -13, -1, 1, 12, 1200}) {
        const auto moved = add_months(*date, months);
        FUZZ_CHECK(is_valid_day(moved.year, moved.month, moved.day));
      }
    }
  }
  if (const auto day = PartialDate::parse_day(text)) FUZZ_CHECK(day->precision == DatePrecision::day);
  return 0;
}
