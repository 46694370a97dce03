#pragma once
// LISTEN ofpra_changes on a connection of its own, from a thread of its own; the triggers of
// migration 0004 NOTIFY it with "registry" or "access" when a transaction commits such a
// change. A lost connection is retried every second; while it is down, live() is false.
#include "store/database.hpp"

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace ofpra::store::postgres {

class PostgresChangeFeed final : public ChangeFeed {
 public:
  PostgresChangeFeed(std::string url, std::function<void(std::string_view)> changed);
  ~PostgresChangeFeed() override;
  bool live() const override { return live_; }

 private:
  void run();
  std::string url_;
  std::function<void(std::string_view)> changed_;
  std::atomic<bool> live_{false};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace ofpra::store::postgres
