#include "auth/rate_limit.hpp"
#include "support/fixed_clock.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using namespace std::chrono_literals;

TEST(RateLimit, CountsPerKeyWithinAWindowAndSaysWhenItEnds) {
  test_support::FixedClock clock;
  clock.t += 15s;  // a quarter into a minute-long window
  auth::RateLimiter limiter(3, 60s, clock);
  for (int i = 0; i < 3; ++i) {
    auto d = limiter.take("73282932000074");
    EXPECT_TRUE(d.allowed);
    EXPECT_EQ(d.limit, 3);
    EXPECT_EQ(d.remaining, 2 - i);
    EXPECT_EQ(d.reset_seconds, 45);
  }
  auto refused = limiter.take("73282932000074");
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.remaining, 0);
  // Another partner has its own count.
  EXPECT_TRUE(limiter.take("35600000000048").allowed);
  // The next window starts afresh.
  clock.t += 45s;
  auto next = limiter.take("73282932000074");
  EXPECT_TRUE(next.allowed);
  EXPECT_EQ(next.remaining, 2);
  EXPECT_EQ(next.reset_seconds, 60);
}

TEST(RateLimiter, CountingOnlyFailuresBlocksAfterTheLimitUntilTheWindowEnds) {
  test_support::FixedClock clock;
  auth::RateLimiter failures(3, std::chrono::minutes(15), clock);
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(failures.exhausted("address:192.0.2.1"));
    failures.take("address:192.0.2.1");
  }
  EXPECT_TRUE(failures.exhausted("address:192.0.2.1"));
  EXPECT_TRUE(failures.exhausted("address:192.0.2.1"));  // looking does not count
  EXPECT_FALSE(failures.exhausted("address:192.0.2.2"));
  clock.t += std::chrono::minutes(15);
  EXPECT_FALSE(failures.exhausted("address:192.0.2.1"));
}

// Issue 24: the clock jumping either way starts a fresh window: never a window stuck for the
// length of the jump, never a negative wait.
TEST(RateLimit, AClockJumpStartsAFreshWindowAndNeverAStuckOne) {
  test_support::FixedClock clock;
  auth::RateLimiter limiter(2, 60s, clock);
  for (int i = 0; i < 2; ++i) ASSERT_TRUE(limiter.take("k").allowed);
  ASSERT_FALSE(limiter.take("k").allowed);
  for (std::chrono::seconds jump : {-7200s, 93600s, -59s}) {  // back 2 h, on 26 h, back a minute
    clock.t += jump;
    const auto d = limiter.take("k");
    EXPECT_TRUE(d.allowed);
    EXPECT_GT(d.reset_seconds, 0);
    EXPECT_LE(d.reset_seconds, 60);
    EXPECT_EQ(d.remaining, 1);
  }
}

TEST(RateLimit, AReserveLeavesTheRestOfTheWindowToOrdinaryRequests) {
  test_support::FixedClock clock;
  auth::RateLimiter limiter(10, 60s, clock);
  int taken = 0;
  while (limiter.take_leaving("73282932000074", 5).allowed) ++taken;
  EXPECT_EQ(taken, 5);
  // The reserve is not spent by the refusals: ordinary requests still have their five.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.take("73282932000074").allowed);
  EXPECT_FALSE(limiter.take("73282932000074").allowed);
  // Once ordinary requests used the window, the reserved ones wait for the next.
  auth::RateLimiter busy(10, 60s, clock);
  for (int i = 0; i < 6; ++i) (void)busy.take("73282932000074");
  EXPECT_FALSE(busy.take_leaving("73282932000074", 5).allowed);
  clock.t += 60s;
  EXPECT_TRUE(busy.take_leaving("73282932000074", 5).allowed);
}
