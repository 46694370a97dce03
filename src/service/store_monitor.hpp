#pragma once
// Watches the store from a thread of its own, so that probes and metrics read cached figures and
// never block an io thread on the database, and decides when the registry snapshot is reloaded:
// when the store's registry generation moved (an import by this or another process), at each
// period or at once when a change feed pokes it.
#include "env/wakeable_loop.hpp"
#include "service/registry_snapshot.hpp"
#include "store/database.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::service {

struct StoreMonitorOptions {
  std::chrono::milliseconds period{2000};
  // The limits' counts are in the database (several nodes): expired windows are forgotten here.
  bool shared_limits = false;
  // Told of each change of state worth a line in the server's log (no personal data).
  std::function<void(std::string_view level, std::string_view message)> log;
};

// Another dependency whose changes of state the monitor logs (the journal, the outbox's relay).
struct WatchedDependency {
  std::string failing;            // logged at error when it starts failing
  std::string back;               // logged at warning when it works again
  std::function<bool()> healthy;  // cheap, thread-safe, never blocking
};

class StoreMonitor {
 public:
  // Reads the figures once, before start().
  StoreMonitor(store::Database& db, Registry& registry, const env::Clock& clock, StoreMonitorOptions options);
  ~StoreMonitor();  // stops
  StoreMonitor(const StoreMonitor&) = delete;
  StoreMonitor& operator=(const StoreMonitor&) = delete;

  // Before start(): watch these too, and say when each (the database included) works again how
  // long it failed and how many requests were refused meanwhile (refused: the count so far).
  void watch(std::vector<WatchedDependency> dependencies, std::function<std::uint64_t()> refused);
  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  // Refreshes now rather than at the end of the period (a change feed's notice).
  void poke() { loop_.wake(); }

  bool store_up() const { return up_; }
  std::int64_t persons() const { return persons_; }
  std::int64_t snapshot_bytes() const { return snapshot_bytes_; }
  int schema_version() const { return schema_; }

 private:
  void refresh();
  struct Watched {
    WatchedDependency dependency;
    bool up = true;  // so that a dependency down at start is told
    std::uint64_t refused_before = 0;
    std::chrono::steady_clock::time_point since = {};
  };
  void observe(Watched& w, bool up);
  store::Database& db_;
  Registry& registry_;
  const env::Clock& clock_;
  StoreMonitorOptions options_;
  std::atomic<bool> up_{true};
  std::vector<Watched> watched_;  // the database first; the monitor's thread only
  std::function<std::uint64_t()> refused_;
  std::atomic<std::int64_t> persons_{0};
  std::atomic<std::int64_t> snapshot_bytes_{0};
  std::atomic<int> schema_{0};
  env::WakeableLoop loop_;  // last: stopped before the rest goes
};

}  // namespace ofpra::service
