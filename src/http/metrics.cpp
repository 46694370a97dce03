#include "http/metrics.hpp"

#include <fmt/format.h>

namespace ofpra::http {

void Metrics::record(std::string_view route, unsigned status, std::chrono::nanoseconds duration) {
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

void Metrics::add_gauge(std::string name, std::string help, std::function<double()> read) {
  std::lock_guard lock(gauges_mutex_);
  gauges_.push_back({std::move(name), std::move(help), std::move(read)});
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
  for (const auto& [route, s] : routes) {
    std::uint64_t cumulative = 0;
    for (std::size_t i = 0; i < latency_buckets.size(); ++i) {
      cumulative += s.buckets[i];
      out += fmt::format("ofpra_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n", route,
                         latency_buckets[i], cumulative);
    }
    cumulative += s.buckets.back();
    out +=
        fmt::format("ofpra_http_request_duration_seconds_bucket{{route=\"{}\",le=\"+Inf\"}} {}\n", route, cumulative);
    out += fmt::format("ofpra_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", route, s.sum_seconds);
    out += fmt::format("ofpra_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", route, s.count);
  }
  out += "# HELP ofpra_http_open_connections Client connections currently open.\n";
  out += "# TYPE ofpra_http_open_connections gauge\n";
  out += fmt::format("ofpra_http_open_connections {}\n", open_connections_.load());
  std::lock_guard lock(gauges_mutex_);
  for (const auto& g : gauges_) {
    out += fmt::format("# HELP {} {}\n# TYPE {} gauge\n{} {}\n", g.name, g.help, g.name, g.name, g.read());
  }
  return out;
}

}  // namespace ofpra::http
