// French working days for the delays OFPRA promises (issue 28): weekends and the public holidays
// of metropolitan France, Easter's computed ones included.
#include "domain/working_days.hpp"

#include <gtest/gtest.h>

namespace ofpra {
namespace {

domain::PartialDate day(const char* text) { return *domain::PartialDate::parse_day(text); }
std::string plus(const char* from, int n) { return domain::add_working_days(day(from), n).to_string(); }

TEST(WorkingDays, EasterFollowsTheGregorianComputus) {
  // Published dates, including the earliest and latest possible (22 March, 25 April).
  for (const auto& [year, easter] : std::vector<std::pair<int, std::string>>{{2024, "2024-03-31"},
                                                                             {2025, "2025-04-20"},
                                                                             {2026, "2026-04-05"},
                                                                             {2027, "2027-03-28"},
                                                                             {2038, "2038-04-25"},
                                                                             {2285, "2285-03-22"},
                                                                             {2000, "2000-04-23"}})
    EXPECT_EQ(domain::easter_sunday(year).to_string(), easter) << year;
}

TEST(WorkingDays, TheElevenPublicHolidaysOfAYear) {
  std::vector<std::string> days;
  for (const auto& d : domain::french_public_holidays(2026)) days.push_back(d.to_string());
  EXPECT_EQ(days, (std::vector<std::string>{"2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14",
                                            "2026-05-25", "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11",
                                            "2026-12-25"}));
}

TEST(WorkingDays, DelaysSkipWeekendsAndHolidays) {
  EXPECT_EQ(plus("2026-04-02", 5), "2026-04-10");  // Thursday; Easter Monday 6 April skipped
  EXPECT_EQ(plus("2026-04-30", 1), "2026-05-04");  // 1 May a Friday, then the weekend
  EXPECT_EQ(plus("2026-05-07", 1), "2026-05-11");  // 8 May a Friday
  EXPECT_EQ(plus("2026-07-13", 1), "2026-07-15");  // 14 July a Tuesday
  EXPECT_EQ(plus("2025-08-14", 1), "2025-08-18");  // 15 August 2025 a Friday
  EXPECT_EQ(plus("2026-08-14", 1), "2026-08-17");  // 15 August 2026 a Saturday: nothing more
  EXPECT_EQ(plus("2026-12-04", 5), "2026-12-11");  // an ordinary week
  EXPECT_EQ(plus("2026-12-24", 1), "2026-12-28");  // Christmas, then the weekend
  EXPECT_EQ(plus("2026-12-05", 0), "2026-12-05");
  EXPECT_FALSE(domain::is_working_day(day("2026-05-25")));  // Whit Monday
  EXPECT_TRUE(domain::is_working_day(day("2026-05-26")));
  EXPECT_EQ(domain::working_days_between(day("2026-04-02"), day("2026-04-10")), 5);
  EXPECT_EQ(domain::working_days_between(day("2026-04-10"), day("2026-04-02")), 0);
}

}  // namespace
}  // namespace ofpra
