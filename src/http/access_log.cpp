#include "http/access_log.hpp"

#include "env/clock.hpp"

#include <boost/json.hpp>

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
  boost::json::object o;
  o["ts"] = env::format_utc(env::system_clock().now());
  o["event"] = "request";
  o["request_id"] = r.request_id;
  o["method"] = r.method;
  o["route"] = r.route;
  o["status"] = r.status;
  o["duration_ms"] = std::chrono::duration<double, std::milli>(r.duration).count();
  o["bytes_in"] = r.bytes_in;
  o["bytes_out"] = r.bytes_out;
  emit(stdout, o);
}

void log_event(std::string_view level, std::string_view message) {
  boost::json::object o;
  o["ts"] = env::format_utc(env::system_clock().now());
  o["level"] = level;
  o["event"] = message;
  emit(stderr, o);
}

}  // namespace ofpra::http
