#include "service/store_monitor.hpp"

#include "env/thread_name.hpp"

namespace ofpra::service {

StoreMonitor::StoreMonitor(store::Database& db, Registry& registry, const env::Clock& clock,
                           StoreMonitorOptions options)
    : db_(db), registry_(registry), clock_(clock), options_(std::move(options)) {
  refresh();
}

StoreMonitor::~StoreMonitor() { stop(); }

void StoreMonitor::start() {
  thread_ = std::thread([this] {
    env::name_this_thread("store-monitor");
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, options_.period, [this] { return stopping_ || poked_; });
      poked_ = false;
      if (stopping_) break;
      lock.unlock();
      refresh();
      lock.lock();
    }
  });
}

void StoreMonitor::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void StoreMonitor::poke() {
  {
    std::lock_guard lock(mutex_);
    poked_ = true;
  }
  wake_.notify_all();
}

void StoreMonitor::refresh() {
  const bool up = static_cast<bool>(db_.ping());
  // An operator learns of an outage, and of its end, once each.
  if (up != up_.exchange(up) && options_.log)
    options_.log(up ? "info" : "error", up ? "the database answers again" : "the database does not answer");
  if (auto changed = registry_.refresh(); changed && *changed && options_.log)
    options_.log("info", "registry snapshot reloaded");
  if (auto snapshot = registry_.current()) {
    persons_ = static_cast<std::int64_t>(snapshot->size());
    snapshot_bytes_ = static_cast<std::int64_t>(snapshot->memory_bytes());
  }
  if (auto v = db_.schema_version()) schema_ = *v;
  if (options_.shared_limits) {
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch());
    (void)db_.limits().forget_windows(now.count());
  }
}

}  // namespace ofpra::service
