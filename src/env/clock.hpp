#pragma once
// Time behind an interface so tests can pin or move it.
#include <atomic>
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

// A clock that says what it is told (the demo's year of synthetic activity is dated day by day).
class ManualClock final : public Clock {
 public:
  explicit ManualClock(std::chrono::system_clock::time_point start) : now_(start) {}
  std::chrono::system_clock::time_point now() const override { return now_.load(); }
  std::chrono::steady_clock::time_point monotonic() const override { return std::chrono::steady_clock::now(); }
  void set(std::chrono::system_clock::time_point t) { now_ = t; }

 private:
  std::atomic<std::chrono::system_clock::time_point> now_;
};

}  // namespace ofpra::env

#include <string>

namespace ofpra::env {
// RFC 3339 UTC timestamp with milliseconds, e.g. 2026-12-01T04:42:09.123Z.
std::string format_utc(std::chrono::system_clock::time_point t);
}  // namespace ofpra::env
