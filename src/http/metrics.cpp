#include "http/metrics.hpp"

#include <fmt/format.h>

namespace ofpra::http {
namespace {

// One histogram's lines in Prometheus' text format; labels is empty or ends with a comma.
template <class Bounds, class Counts>
void append_histogram(std::string& out, std::string_view name, std::string_view labels, const Bounds& bounds,
                      const Counts& counts, double sum, std::uint64_t count) {
  std::uint64_t cumulative = 0;
  for (std::size_t i = 0; i < bounds.size(); ++i) {
    cumulative += i < counts.size() ? counts[i] : 0;
    out += fmt::format("{}_bucket{{{}le=\"{}\"}} {}\n", name, labels, bounds[i], cumulative);
  }
  out += fmt::format("{}_bucket{{{}le=\"+Inf\"}} {}\n", name, labels, count);
  const auto plain = labels.empty() ? std::string() : fmt::format("{{{}}}", labels.substr(0, labels.size() - 1));
  out += fmt::format("{}_sum{} {}\n{}_count{} {}\n", name, plain, sum, name, plain, count);
}

}  // namespace

void Metrics::record(std::string_view route, unsigned status, std::chrono::nanoseconds duration) {
  if (status == 503) ++unavailable_;
  const double seconds = std::chrono::duration<double>(duration).count();
  std::size_t bucket = 0;
  while (bucket < latency_buckets.size() && seconds > latency_buckets[bucket]) ++bucket;
  thread_local const std::size_t shard = next_shard_++ % shard_count;
  auto& sh = shards_[shard];
  std::lock_guard lock(sh.mutex);
  auto it = sh.routes.find(route);
  if (it == sh.routes.end()) it = sh.routes.emplace(std::string(route), RouteStats{}).first;
  auto& s = it->second;
  ++s.by_status[status];
  ++s.buckets[bucket];
  s.sum_seconds += seconds;
  ++s.count;
}

std::optional<double> Metrics::median_bound_seconds(std::string_view route) {
  std::array<std::uint64_t, latency_buckets.size() + 1> buckets{};
  std::uint64_t count = 0;
  for (auto& sh : shards_) {
    std::lock_guard lock(sh.mutex);
    auto it = sh.routes.find(route);
    if (it == sh.routes.end()) continue;
    for (std::size_t i = 0; i < buckets.size(); ++i) buckets[i] += it->second.buckets[i];
    count += it->second.count;
  }
  if (count == 0) return std::nullopt;
  std::uint64_t seen = 0;
  for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
    seen += buckets[i];
    if (2 * seen >= count) return latency_buckets[i];
  }
  return std::nullopt;
}

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
}

void Metrics::add_histogram(std::string name, std::string help, std::function<Histogram()> read) {
  std::lock_guard lock(gauges_mutex_);
  histograms_.push_back({std::move(name), std::move(help), std::move(read)});
}

std::string Metrics::render() {
  std::map<std::string, RouteStats, std::less<>> routes;
  for (auto& sh : shards_) {
    std::lock_guard lock(sh.mutex);
    for (const auto& [route, s] : sh.routes) {
      auto& total = routes[route];
      for (const auto& [status, n] : s.by_status) total.by_status[status] += n;
      for (std::size_t i = 0; i < s.buckets.size(); ++i) total.buckets[i] += s.buckets[i];
      total.sum_seconds += s.sum_seconds;
      total.count += s.count;
    }
  }
  std::string out;
  out.reserve(4096);
  out += "# HELP ofpra_http_requests_total HTTP requests answered, by route and status.\n";
  out += "# TYPE ofpra_http_requests_total counter\n";
  for (const auto& [route, s] : routes)
    for (const auto& [status, n] : s.by_status)
      out += fmt::format("ofpra_http_requests_total{{route=\"{}\",status=\"{}\"}} {}\n", route, status, n);
  out += "# HELP ofpra_http_request_duration_seconds Time from a request's last byte read to its answer written.\n";
  out += "# TYPE ofpra_http_request_duration_seconds histogram\n";
  for (const auto& [route, s] : routes)
    append_histogram(out, "ofpra_http_request_duration_seconds", fmt::format("route=\"{}\",", route), latency_buckets,
                     s.buckets, s.sum_seconds, s.count);
  out += "# HELP ofpra_http_open_connections Client connections currently open.\n";
  out += "# TYPE ofpra_http_open_connections gauge\n";
  out += fmt::format("ofpra_http_open_connections {}\n", open_connections_.load());
  std::lock_guard lock(gauges_mutex_);
  for (const auto& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.read());
  }
  for (const auto& h : histograms_) {
    const auto read = h.read();
    out += fmt::format("# HELP {} {}\n# TYPE {} histogram\n", h.name, h.help, h.name);
    append_histogram(out, h.name, "", read.bounds, read.counts, read.sum, read.count);
  }
  return out;
}

}  // namespace ofpra::http
