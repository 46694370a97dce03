#include "service/store_monitor.hpp"

namespace ofpra::service {

StoreMonitor::StoreMonitor(store::Database& db, Registry& registry, const env::Clock& clock,
                           StoreMonitorOptions options)
    : db_(db),
      registry_(registry),
      clock_(clock),
      options_(std::move(options)),
      loop_(
          "store-monitor", options_.period,
          [this] {
            refresh();
            return false;
          },
          true) {
  watched_.push_back({{"the database does not answer", "the database answers again", {}}});
  refresh();
}

void StoreMonitor::watch(std::vector<WatchedDependency> dependencies, std::function<std::uint64_t()> refused) {
  for (auto& d : dependencies) watched_.push_back({std::move(d)});
  refused_ = std::move(refused);
}

// An operator learns of each outage, and of its end, once each: with how long it lasted and
// what it cost.
void StoreMonitor::observe(Watched& w, bool up) {
  if (up == w.up) return;
  w.up = up;
  const auto refused = refused_ ? refused_() : 0;
  if (!up) {
    w.refused_before = refused;
    w.since = std::chrono::steady_clock::now();
    if (options_.log) options_.log("error", w.dependency.failing);
    return;
  }
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - w.since).count();
  if (options_.log)
    options_.log("warning", w.dependency.back + " after " + std::to_string(seconds) + " s; " +
                                std::to_string(refused - w.refused_before) + " requests refused meanwhile");
}

StoreMonitor::~StoreMonitor() { loop_.stop(); }

void StoreMonitor::refresh() {
  const bool up = static_cast<bool>(db_.ping());
  up_ = up;
  observe(watched_.front(), up);
  for (std::size_t i = 1; i < watched_.size(); ++i) observe(watched_[i], watched_[i].dependency.healthy());
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
