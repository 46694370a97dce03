#include "domain/partial_date.hpp"

#include <gtest/gtest.h>

using ofpra::domain::DatePrecision;
using ofpra::domain::PartialDate;

TEST(PartialDate, KeepsThePrecisionItWasGiven) {
  auto y = PartialDate::parse("1990");
  ASSERT_TRUE(y);
  EXPECT_EQ(y->precision, DatePrecision::year);
  EXPECT_EQ(y->month, 0);
  EXPECT_EQ(y->to_string(), "1990");

  auto m = PartialDate::parse("1990-05");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->precision, DatePrecision::month);
  EXPECT_EQ(m->to_string(), "1990-05");

  auto d = PartialDate::parse("1990-05-17");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->precision, DatePrecision::day);
  EXPECT_EQ(d->day, 17);
  EXPECT_EQ(d->to_string(), "1990-05-17");
}

TEST(PartialDate, RejectsImpossibleOrMalformedDates) {
  for (const char* bad : {"", "199", "19900", "1990-5", "1990-13", "1990-00", "1990-02-30", "2023-02-29",
                          "1990-05-17T00:00", "1990/05/17", "abcd", "1990-05-1", "1800", "+990", "1990-05-32"}) {
    EXPECT_FALSE(PartialDate::parse(bad)) << bad;
  }
  EXPECT_TRUE(PartialDate::parse("2024-02-29"));
  EXPECT_TRUE(PartialDate::parse("2000-02-29"));
  EXPECT_FALSE(PartialDate::parse("1900-02-29"));
}

TEST(PartialDate, ParseDayRequiresAFullDate) {
  EXPECT_FALSE(PartialDate::parse_day("1990"));
  EXPECT_FALSE(PartialDate::parse_day("1990-05"));
  EXPECT_TRUE(PartialDate::parse_day("1990-05-17"));
}

TEST(PartialDate, DayCountsRoundTrip) {
  EXPECT_EQ(ofpra::domain::days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(ofpra::domain::days_from_civil(2000, 3, 1), 11017);
  for (std::int64_t d = -800000; d < 800000; d += 997) {
    auto c = ofpra::domain::civil_from_days(d);
    EXPECT_EQ(ofpra::domain::days_from_civil(c.year, c.month, c.day), d);
  }
}

TEST(PartialDate, AddMonthsClampsToTheMonthsEnd) {
  auto d = PartialDate::parse_day("2024-01-31").value();
  EXPECT_EQ(ofpra::domain::add_months(d, 1).to_string(), "2024-02-29");
  EXPECT_EQ(ofpra::domain::add_months(d, 18).to_string(), "2025-07-31");
  EXPECT_EQ(ofpra::domain::add_months(d, -2).to_string(), "2023-11-30");
  EXPECT_EQ(ofpra::domain::add_months(d, -13).to_string(), "2022-12-31");
}
