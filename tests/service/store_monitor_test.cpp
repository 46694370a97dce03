#include "service/store_monitor.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

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
  auto w = db.registry().begin_write();
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
