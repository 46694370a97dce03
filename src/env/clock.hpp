#pragma once
// Time behind an interface so tests can pin or move it.
#include <chrono>

namespace ofpra::env {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual std::chrono::system_clock::time_point now() const = 0;
  virtual std::chrono::steady_clock::time_point monotonic() const = 0;
};

// The process's real clocks.
const Clock& system_clock();

}  // namespace ofpra::env

#include <string>

namespace ofpra::env {
// RFC 3339 UTC timestamp with milliseconds, e.g. 2026-12-01T04:42:09.123Z.
std::string format_utc(std::chrono::system_clock::time_point t);
}  // namespace ofpra::env
