#pragma once
// A signed-in session's two limits (an absolute end, and an idle time renewed at each use), as
// RFC 3339 UTC texts, which compare as times.
#include "env/clock.hpp"

#include <algorithm>
#include <optional>
#include <string>

namespace ofpra::service {

// The session's next idle limit when it is still live at now; nullopt once either limit passed.
inline std::optional<std::string> renewed_idle(const std::string& expires_at, const std::string& idle_until,
                                               std::chrono::system_clock::time_point now, std::chrono::seconds idle) {
  const auto now_text = env::format_utc(now);
  if (expires_at <= now_text || idle_until <= now_text) return std::nullopt;
  return std::min(env::format_utc(now + idle), expires_at);
}

}  // namespace ofpra::service
