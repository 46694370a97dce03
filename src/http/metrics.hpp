#pragma once
// Prometheus text exposition of what the server does: requests by route and status, a latency
// histogram per route, and gauges that other modules register (store, registry, journal).
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::http {

class Metrics {
 public:
  static constexpr std::array<double, 12> latency_buckets{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                          0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

  void record(std::string_view route, unsigned status, std::chrono::nanoseconds duration);
  // Requests answered 503 since start (a dependency failing, or the server stopping).
  std::uint64_t unavailable_answers() const { return unavailable_; }
  void connection_opened() { ++open_connections_; }
  void connection_closed() { --open_connections_; }
  // A gauge read at each scrape; the callback must be cheap and thread-safe.
  void add_gauge(std::string name, std::string help, std::function<double()> read);
  // A histogram another module keeps, read at each scrape (same rules as a gauge).
  struct Histogram {
    std::vector<double> bounds;         // upper bounds, increasing
    std::vector<std::uint64_t> counts;  // per bucket, not cumulative: bounds.size() + 1 (the last: above all)
    double sum = 0;
    std::uint64_t count = 0;
  };
  void add_histogram(std::string name, std::string help, std::function<Histogram()> read);

  std::string render();

  // The route's latency since start, as the upper bound of the bucket holding the median
  // (the median is at most this); nullopt before its first request or above every bucket.
  std::optional<double> median_bound_seconds(std::string_view route);

 private:
  struct RouteStats {
    std::map<unsigned, std::uint64_t> by_status;
    std::array<std::uint64_t, latency_buckets.size() + 1> buckets{};
    double sum_seconds = 0;
    std::uint64_t count = 0;
  };
  struct Gauge {
    std::string name;
    std::string help;
    std::function<double()> read;
  };

  // Each thread records into its own shard (its lock is uncontended); render() merges them.
  struct Shard {
    std::mutex mutex;
    std::map<std::string, RouteStats, std::less<>> routes;
  };
  static constexpr std::size_t shard_count = 16;
  std::array<Shard, shard_count> shards_;
  std::atomic<std::size_t> next_shard_{0};
  std::atomic<std::uint64_t> unavailable_{0};

  struct HistogramSource {
    std::string name;
    std::string help;
    std::function<Histogram()> read;
  };

  mutable std::mutex gauges_mutex_;
  std::vector<Gauge> gauges_;
  std::vector<HistogramSource> histograms_;
  std::atomic<std::int64_t> open_connections_{0};
};

}  // namespace ofpra::http
