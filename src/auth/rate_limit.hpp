#pragma once
// Per-partner rate limits (DESIGN §5): a fixed window of `limit` requests per `window`, with
// the figures a client needs for the RateLimit-Limit, -Remaining and -Reset headers
// (draft-ietf-httpapi-ratelimit-headers). Fixed windows are what partners can reason about
// from those headers; the cost of a burst at a window's edge is bounded by twice the limit.
#include "env/clock.hpp"

#include <array>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace ofpra::auth {

struct RateDecision {
  bool allowed = true;
  std::int64_t limit = 0;
  std::int64_t remaining = 0;
  std::int64_t reset_seconds = 0;  // until the window ends
};

class RateLimiter {
 public:
  RateLimiter(std::int64_t limit, std::chrono::seconds window, const env::Clock& clock)
      : limit_(limit), window_(window), clock_(clock) {}
  // Counts one request for key (a partner's SIRET, a client id) and says whether it may pass.
  RateDecision take(std::string_view key);
  // Whether key has reached its limit in this window, without counting. Limiting failures
  // only (wrong share codes, wrong passwords) is take() on each failure and this before trying.
  bool exhausted(std::string_view key);

 private:
  struct Window {
    std::int64_t start = 0;  // seconds since the epoch
    std::int64_t used = 0;
  };
  struct Shard {
    std::mutex mutex;
    std::unordered_map<std::string, Window> windows;
  };
  std::int64_t limit_;
  std::chrono::seconds window_;
  const env::Clock& clock_;
  std::array<Shard, 16> shards_;
  // The window start now, and its length.
  std::pair<std::int64_t, std::int64_t> now_window() const;
};

}  // namespace ofpra::auth
