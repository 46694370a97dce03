// The PostgreSQL building blocks against a real server: the throwaway cluster that ctest
// starts (fixture "postgres", scripts/pg-cluster) and names in OFPRA_TEST_PG_URL_FILE.
#include "store/postgres/change_feed.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/migrate.hpp"
#include "store/postgres/pool.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <string>
#include <thread>

using namespace ofpra::store::postgres;
namespace domain = ofpra::domain;

namespace {

std::string server_url() {
  const char* file = std::getenv("OFPRA_TEST_PG_URL_FILE");
  std::ifstream in(file ? file : "");
  std::string url;
  std::getline(in, url);
  return url;
}

// A fresh database on the test cluster for each test, so that tests do not see each other.
class Postgres : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto url = server_url();
    ASSERT_FALSE(url.empty()) << "OFPRA_TEST_PG_URL_FILE names no cluster";
    auto admin = Connection::open(url);
    ASSERT_TRUE(admin) << admin.error().message;
    name_ = std::string("t_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& ch : name_) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    ASSERT_TRUE(admin->exec("DROP DATABASE IF EXISTS " + name_));
    ASSERT_TRUE(admin->exec("CREATE DATABASE " + name_));
    url_ = url.substr(0, url.rfind('/') + 1) + name_;
  }
  Connection connect() {
    auto c = Connection::open(url_);
    EXPECT_TRUE(c) << c.error().message;
    return std::move(*c);
  }
  std::string url_;
  std::string name_;
};

}  // namespace

TEST_F(Postgres, ParametersTravelApartFromTheSql) {
  auto c = connect();
  ASSERT_TRUE(c.exec("CREATE TABLE t (a TEXT, b TEXT)"));
  const std::string hostile = "x'); DROP TABLE t; --";
  auto inserted = c.query("INSERT INTO t VALUES ($1, $2)", {hostile, std::nullopt});
  ASSERT_TRUE(inserted) << inserted.error().message;
  EXPECT_EQ(inserted->affected(), 1);
  auto rows = c.query("SELECT a, b, 41 + 1 FROM t WHERE a = $1", {hostile});
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1);
  EXPECT_EQ(rows->text(0, 0), hostile);
  EXPECT_FALSE(rows->opt_text(0, 1));
  EXPECT_EQ(rows->int64(0, 2), 42);
}

TEST_F(Postgres, FailuresAreValuesWithTheirSqlState) {
  auto c = connect();
  auto bad = c.query("SELECT * FROM no_such_table");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(bad.error().is_unavailable());
  EXPECT_EQ(c.last_state(), "42P01");
  EXPECT_TRUE(c.query("SELECT 1"));  // the connection is still usable
  auto refused = Connection::open("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=2");
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("cannot connect"), std::string::npos);
}

TEST_F(Postgres, MigrationsApplyOnceAndAgainIsNothing) {
  auto c = connect();
  EXPECT_EQ(*schema_version(c), 0);
  auto v = migrate(c);
  ASSERT_TRUE(v) << v.error().message;
  EXPECT_GE(*v, 1);
  EXPECT_EQ(*migrate(c), *v);
  auto tables = c.query("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'");
  ASSERT_TRUE(tables);
  EXPECT_GE(tables->int64(0, 0), 20);
  // The triggers keep the access generation, as in SQLite.
  auto before = c.query("SELECT generation FROM access_state");
  ASSERT_TRUE(c.query("INSERT INTO partners VALUES ($1, 'CAF', 'caf', 'now')", {std::string("73282932000074")}));
  auto after = c.query("SELECT generation FROM access_state");
  EXPECT_EQ(after->int64(0, 0), before->int64(0, 0) + 1);
}

TEST_F(Postgres, NodesStartingTogetherApplyEachMigrationOnce) {
  std::vector<std::thread> nodes;
  std::vector<Result<int>> versions(4, domain::Error{"not run", {}});
  for (std::size_t i = 0; i < versions.size(); ++i)
    nodes.emplace_back([&, i] {
      auto c = Connection::open(url_);
      if (c) versions[i] = migrate(*c);
    });
  for (auto& n : nodes) n.join();
  for (const auto& v : versions) {
    ASSERT_TRUE(v) << v.error().message;
    EXPECT_EQ(*v, *versions.front());
  }
  auto c = connect();
  auto applied = c.query("SELECT count(*) FROM schema_migrations");
  EXPECT_EQ(applied->int64(0, 0), *versions.front());
}

TEST_F(Postgres, SerializationFailuresAreRetriedFromTheStart) {
  auto setup = connect();
  ASSERT_TRUE(setup.exec("CREATE TABLE counter (n INTEGER); INSERT INTO counter VALUES (0)"));
  // Two writers increment under SERIALIZABLE, each reading then writing: one of every
  // conflicting pair fails with 40001 and is run again, so no increment is lost.
  auto work = [&] {
    auto c = Connection::open(url_);
    ASSERT_TRUE(c);
    for (int i = 0; i < 50; ++i) {
      auto s = c->transaction(
          [](Connection& tx) -> domain::Status {
            auto r = tx.query("SELECT n FROM counter");
            if (!r) return r.error();
            auto w = tx.query("UPDATE counter SET n = $1", {std::to_string(r->int64(0, 0) + 1)});
            if (!w) return w.error();
            return domain::success();
          },
          "SERIALIZABLE", 100);
      ASSERT_TRUE(s) << s.error().message;
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  EXPECT_EQ(setup.query("SELECT n FROM counter")->int64(0, 0), 100);
}

TEST_F(Postgres, APoolLendsEachConnectionToOneThreadAtATimeAndReplacesBrokenOnes) {
  auto pool = Pool::open(url_, 2);
  ASSERT_TRUE(pool) << pool.error().message;
  {
    auto a = (*pool)->acquire();
    auto b = (*pool)->acquire();
    ASSERT_TRUE(a && b);
    auto pid_a = (*a)->query("SELECT pg_backend_pid()");
    auto pid_b = (*b)->query("SELECT pg_backend_pid()");
    EXPECT_NE(pid_a->text(0, 0), pid_b->text(0, 0));
    // Both lent: a third waits, then gives up.
    auto c = (*pool)->acquire(std::chrono::milliseconds(100));
    ASSERT_FALSE(c);
    // The server drops one connection: it is replaced on its next lease.
    auto admin = connect();
    ASSERT_TRUE(admin.query("SELECT pg_terminate_backend($1::int)", {pid_a->text(0, 0)}));
  }
  std::vector<std::thread> threads;
  std::atomic<int> ok{0}, failed{0};
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto lease = (*pool)->acquire();
        ASSERT_TRUE(lease);
        // The killed connection fails the one query that finds it dead, then is replaced.
        if ((*lease)->query("SELECT 1"))
          ++ok;
        else
          ++failed;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_LE(failed.load(), 1);
  EXPECT_EQ(ok.load() + failed.load(), 160);
  auto x = (*pool)->acquire();
  auto y = (*pool)->acquire();
  EXPECT_TRUE((*x)->query("SELECT 1") && (*y)->query("SELECT 1"));
  EXPECT_FALSE(Pool::open("postgresql://postgres@127.0.0.1:1/x?connect_timeout=2", 2));
}

TEST_F(Postgres, TheChangeFeedPassesNoticesOnAndCatchesUpAfterLosingItsConnection) {
  std::mutex mutex;
  std::vector<std::string> heard;
  auto count = [&](std::string_view what) {
    std::lock_guard lock(mutex);
    return std::count(heard.begin(), heard.end(), what);
  };
  auto wait_for = [&](auto condition) {
    for (int i = 0; i < 200 && !condition(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
    return condition();
  };
  PostgresChangeFeed feed(url_, [&](std::string_view what) {
    std::lock_guard lock(mutex);
    heard.emplace_back(what);
  });
  ASSERT_TRUE(wait_for([&] { return feed.live(); }));
  // On (re)connecting, it says that anything may have changed.
  ASSERT_TRUE(wait_for([&] { return count("registry") == 1 && count("access") == 1; }));
  auto admin = connect();
  ASSERT_TRUE(admin.query("SELECT pg_notify('ofpra_changes', 'access')"));
  ASSERT_TRUE(wait_for([&] { return count("access") == 2; }));

  ASSERT_TRUE(
      admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN ofpra_changes' "
                  "AND datname = current_database()"));
  ASSERT_TRUE(wait_for([&] { return count("registry") == 2 && count("access") == 3; }));
  EXPECT_TRUE(wait_for([&] { return feed.live(); }));
}
