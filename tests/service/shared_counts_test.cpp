#include "service/shared_counts.hpp"
#include "journal/chain.hpp"
#include "store/database.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;

namespace {

// Two "nodes": two processes' worth of database handles and limiters on one database.
struct TwoNodes {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> a_db, b_db;
  std::optional<service::DatabaseCounts> a_counts, b_counts;
  TwoNodes() {
    const store::DatabaseUrl url{store::DatabaseUrl::Kind::sqlite, dir.file("r.db")};
    a_db = std::move(*store::open_database(url, {.clock = &clock}));
    b_db = std::move(*store::open_database(url, {.clock = &clock}));
    a_counts.emplace(a_db->limits());
    b_counts.emplace(b_db->limits());
  }
  auth::RateLimiter limiter(service::DatabaseCounts& counts, std::int64_t limit, const char* name = "partner") {
    return auth::RateLimiter(limit, std::chrono::seconds(60), clock, &counts, name);
  }
};

}  // namespace

TEST(SharedCounts, ALimitHoldsAcrossNodes) {
  TwoNodes n;
  auto a = n.limiter(*n.a_counts, 3);
  auto b = n.limiter(*n.b_counts, 3);
  EXPECT_TRUE(a.take("73282932000074").allowed);
  EXPECT_TRUE(b.take("73282932000074").allowed);
  const auto third = a.take("73282932000074");
  EXPECT_TRUE(third.allowed);
  EXPECT_EQ(third.remaining, 0);
  EXPECT_FALSE(b.take("73282932000074").allowed);
  EXPECT_FALSE(a.take("73282932000074").allowed);
  EXPECT_TRUE(b.exhausted("73282932000074"));
  // Another partner, and the same partner under another limiter, count apart.
  EXPECT_TRUE(b.take("73282932000075").allowed);
  auto other = n.limiter(*n.b_counts, 3, "share-code");
  EXPECT_FALSE(other.exhausted("73282932000074"));
}

TEST(SharedCounts, ANewWindowStartsAfreshAndOldWindowsAreForgotten) {
  TwoNodes n;
  auto a = n.limiter(*n.a_counts, 1);
  auto b = n.limiter(*n.b_counts, 1);
  EXPECT_TRUE(a.take("k").allowed);
  EXPECT_FALSE(b.take("k").allowed);
  const auto first = std::chrono::duration_cast<std::chrono::seconds>(n.clock.t.time_since_epoch()).count() / 60 * 60;
  n.clock.t += std::chrono::seconds(60);
  EXPECT_TRUE(b.take("k").allowed);
  EXPECT_FALSE(a.take("k").allowed);
  // Keys are stored hashed, and an ended window is forgotten while the current one stays.
  const auto key = journal::sha256_hex("partner:60:k");
  auto& limits = n.a_db->limits();
  EXPECT_EQ(*limits.add_to_window(key, first, first + 60, 0), 2);  // refusals count too
  ASSERT_TRUE(limits.forget_windows(first + 61));
  EXPECT_EQ(*limits.add_to_window(key, first, first + 60, 0), 0);
  EXPECT_EQ(*limits.add_to_window(key, first + 60, first + 120, 0), 2);
}

// Two limiters of one name but different window lengths never share a count, even when their
// windows start at the same second (as a minute's and an hour's do on the hour).
TEST(SharedCounts, LimitersOfDifferentWindowLengthsCountApart) {
  TwoNodes n;
  n.clock.t = std::chrono::system_clock::time_point(std::chrono::hours(24 * 20000));  // on the hour
  auto minute = n.limiter(*n.a_counts, 1);
  auth::RateLimiter hour(1, std::chrono::hours(1), n.clock, &*n.b_counts, "partner");
  EXPECT_TRUE(minute.take("k").allowed);
  EXPECT_TRUE(hour.take("k").allowed);
  EXPECT_FALSE(hour.take("k").allowed);
}
