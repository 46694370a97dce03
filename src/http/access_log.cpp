#include "http/access_log.hpp"

#include "env/clock.hpp"

#include <fmt/format.h>
#include <boost/json.hpp>

#include <iterator>

#include <cstdio>
#include <mutex>

namespace ofpra::http {
namespace {

std::mutex& output_mutex() {
  static std::mutex m;
  return m;
}

void emit(std::FILE* stream, const boost::json::object& o) {
  auto line = boost::json::serialize(o);
  line.push_back('\n');
  std::lock_guard lock(output_mutex());
  std::fwrite(line.data(), 1, line.size(), stream);
  std::fflush(stream);
}

}  // namespace

void AccessLog::write(const AccessRecord& r) const {
  if (!enabled_) return;
  // Formatted directly: every field is either ours (route names, numbers) or checked to be
  // JSON-safe (request ids are [A-Za-z0-9._-], methods are tokens of the HTTP grammar).
  fmt::memory_buffer line;
  fmt::format_to(std::back_inserter(line),
                 "{{\"ts\":\"{}\",\"event\":\"request\",\"request_id\":\"{}\",\"method\":\"{}\",\"route\":\"{}\","
                 "\"status\":{},\"duration_ms\":{:.3f},\"bytes_in\":{},\"bytes_out\":{}}}\n",
                 env::format_utc(env::system_clock().now()), r.request_id, r.method, r.route, r.status,
                 std::chrono::duration<double, std::milli>(r.duration).count(), r.bytes_in, r.bytes_out);
  std::lock_guard lock(output_mutex());
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fflush(stdout);
}

void log_event(std::string_view level, std::string_view message) {
  boost::json::object o;
  o["ts"] = env::format_utc(env::system_clock().now());
  o["level"] = level;
  o["event"] = message;
  emit(stderr, o);
}

}  // namespace ofpra::http
