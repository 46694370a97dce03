#pragma once
// A clock that stands still until a test moves it.
#include "env/clock.hpp"

namespace ofpra::test_support {

class FixedClock final : public env::Clock {
 public:
  // 2024-10-04T00:00:00Z, unless set.
  std::chrono::system_clock::time_point t = std::chrono::system_clock::time_point{} + std::chrono::hours(24 * 20000);
  std::chrono::system_clock::time_point now() const override { return t; }
  std::chrono::steady_clock::time_point monotonic() const override { return {}; }
};

}  // namespace ofpra::test_support
