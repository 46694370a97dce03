#pragma once
// Per-partner rate limits (DESIGN §5): a fixed window of `limit` requests per `window`, with
// the figures a client needs for the RateLimit-Limit, -Remaining and -Reset headers
// (draft-ietf-httpapi-ratelimit-headers). Fixed windows are what partners can reason about
// from those headers; the cost of a burst at a window's edge is bounded by twice the limit.
#include "domain/result.hpp"
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

// Where the counts live when several nodes must share one limit: a database they all use.
class SharedCounts {
 public:
  virtual ~SharedCounts() = default;
  // Adds n (0 only reads) to key's count in the window [start, start + span), seconds since the
  // epoch, and returns the count now.
  virtual domain::Result<std::int64_t> add(const std::string& key, std::int64_t start, std::int64_t span,
                                           std::int64_t n) = 0;
};

class RateLimiter {
 public:
  // With shared counts, every node's requests count against one limit; name keeps this
  // limiter's keys apart from the others'. Should the shared counts fail, this node's own
  // counts decide, as without them.
  RateLimiter(std::int64_t limit, std::chrono::seconds window, const env::Clock& clock, SharedCounts* shared = nullptr,
              std::string name = {})
      : limit_(limit), window_(window), clock_(clock), shared_(shared), name_(std::move(name)) {}
  std::int64_t limit() const { return limit_; }
  // Whether take() and exhausted() read or write the shared counts (a database), and so block.
  bool blocking() const { return shared_ != nullptr; }
  // Counts one request for key (a partner's SIRET, a client id) and says whether it may pass.
  RateDecision take(std::string_view key);
  // Counts one request for key only if `reserve` requests are still left after it in this
  // window: a bulk job's items leave room for the partner's interactive requests.
  RateDecision take_leaving(std::string_view key, std::int64_t reserve);
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
  SharedCounts* shared_;
  std::string name_;
  std::array<Shard, 16> shards_;
  // The window start now, and its length.
  std::pair<std::int64_t, std::int64_t> now_window() const;
  std::string shared_key(std::string_view key, std::int64_t span) const;
};

}  // namespace ofpra::auth
