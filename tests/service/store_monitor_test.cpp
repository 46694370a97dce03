#include "service/store_monitor.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <thread>
#include <vector>

using namespace ofpra;

namespace {

domain::Person someone(std::string numero) {
  domain::Person p;
  p.numero_ofpra = std::move(numero);
  p.nom_naissance = "AHMADI";
  p.date_naissance = *domain::PartialDate::parse("1990");
  p.protections.push_back({domain::ProtectionType::refugee, domain::Authority::ofpra,
                           *domain::PartialDate::parse("2023-04-12"), std::nullopt, std::nullopt});
  return p;
}

void put(store::Database& db, const std::string& numero) {
  auto w = db.registry().begin_write("test");
  ASSERT_TRUE(w);
  ASSERT_TRUE((*w)->put(someone(numero)));
  ASSERT_TRUE((*w)->commit());
}

}  // namespace

TEST(StoreMonitor, AnImportByAnotherProcessIsLoadedWhenPokedAndTold) {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  auto server = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}));
  put(*server, "123456789");
  service::Registry registry(server->registry());
  ASSERT_TRUE(registry.load());
  std::mutex mutex;
  std::vector<std::string> told;
  // A period far longer than the test: only the poke can make it refresh.
  service::StoreMonitor monitor(*server, registry, clock,
                                {std::chrono::hours(1), false, [&](std::string_view, std::string_view message) {
                                   std::lock_guard lock(mutex);
                                   told.emplace_back(message);
                                 }});
  EXPECT_TRUE(monitor.store_up());
  EXPECT_EQ(monitor.persons(), 1);
  EXPECT_GT(monitor.snapshot_bytes(), 0);
  EXPECT_GT(monitor.schema_version(), 0);
  monitor.start();

  auto cli = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}));
  put(*cli, "223456789");
  monitor.poke();
  for (int i = 0; i < 500 && monitor.persons() != 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_EQ(monitor.persons(), 2);
  EXPECT_TRUE(registry.current()->contains("223456789"));
  monitor.stop();
  std::lock_guard lock(mutex);
  EXPECT_EQ(told, std::vector<std::string>{"registry snapshot reloaded"});
}

// Issue 24: an operator learns of each outage of a dependency, and of its end, once each, at
// error then warning level, with the requests refused meanwhile.
TEST(StoreMonitor, EachChangeOfADependencyIsLoggedOnceWithWhatItCost) {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  auto db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, dir.file("r.db")}));
  service::Registry registry(db->registry());
  ASSERT_TRUE(registry.load());
  std::mutex mutex;
  std::vector<std::pair<std::string, std::string>> told;
  service::StoreMonitor monitor(*db, registry, clock,
                                {std::chrono::hours(1), false, [&](std::string_view level, std::string_view message) {
                                   std::lock_guard lock(mutex);
                                   told.emplace_back(level, message);
                                 }});
  std::atomic<bool> journal_ok{true};
  std::atomic<std::uint64_t> refused{7};
  monitor.watch({{"the journal cannot be written", "the journal is written again", [&] { return journal_ok.load(); }}},
                [&] { return refused.load(); });
  monitor.start();
  auto refresh_and_count = [&](std::size_t expected) {
    monitor.poke();
    for (int i = 0; i < 500; ++i) {
      {
        std::lock_guard lock(mutex);
        if (told.size() >= expected) return told.size();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    std::lock_guard lock(mutex);
    return told.size();
  };
  journal_ok = false;
  ASSERT_EQ(refresh_and_count(1), 1U);
  refused = 19;                         // twelve answers refused while it failed
  ASSERT_EQ(refresh_and_count(1), 1U);  // still failing: nothing more said
  journal_ok = true;
  ASSERT_EQ(refresh_and_count(2), 2U);
  monitor.stop();
  std::lock_guard lock(mutex);
  EXPECT_EQ(told[0], (std::pair<std::string, std::string>{"error", "the journal cannot be written"}));
  EXPECT_EQ(told[1].first, "warning");
  EXPECT_TRUE(told[1].second.starts_with("the journal is written again after ")) << told[1].second;
  EXPECT_TRUE(told[1].second.ends_with("; 12 requests refused meanwhile")) << told[1].second;
}
