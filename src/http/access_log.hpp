#pragma once
// One JSON line per request on standard output. It holds the route's name, never the raw path
// or query, and no body, header or client address: nothing that could identify a person.
#include <chrono>
#include <cstddef>
#include <string_view>

namespace ofpra::http {

struct AccessRecord {
  std::string_view request_id;
  std::string_view method;
  std::string_view route;
  unsigned status;
  std::chrono::nanoseconds duration;
  std::size_t bytes_in;
  std::size_t bytes_out;
};

class AccessLog {
 public:
  explicit AccessLog(bool enabled) : enabled_(enabled) {}
  void write(const AccessRecord& record) const;

 private:
  bool enabled_;
};

// Server events (start, stop, errors) as JSON lines on standard error.
void log_event(std::string_view level, std::string_view message);

}  // namespace ofpra::http
