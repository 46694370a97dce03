#include "auth/rate_limit.hpp"

#include <algorithm>
#include <functional>

namespace ofpra::auth {

std::pair<std::int64_t, std::int64_t> RateLimiter::now_window() const {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  const auto span = std::max<std::int64_t>(window_.count(), 1);
  return {now, span};
}

// A window's row names its length too: a limiter of another window length (a node configured
// otherwise) never adds to it, even when both windows start at the same second.
std::string RateLimiter::shared_key(std::string_view key, std::int64_t span) const {
  return name_ + ":" + std::to_string(span) + ":" + std::string(key);
}

bool RateLimiter::exhausted(std::string_view key) {
  const auto [now, span] = now_window();
  if (shared_)
    if (auto used = shared_->add(shared_key(key, span), now - now % span, span, 0)) return *used >= limit_;
  auto& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mutex);
  auto it = shard.windows.find(std::string(key));
  return it != shard.windows.end() && it->second.start == now - now % span && it->second.used >= limit_;
}

RateDecision RateLimiter::take(std::string_view key) { return take_leaving(key, 0); }

RateDecision RateLimiter::take_leaving(std::string_view key, std::int64_t reserve) {
  const auto [now, span] = now_window();
  const auto start = now - now % span;
  const auto allowance = limit_ - reserve;
  if (shared_ && reserve > 0) {
    // Read first: a request the reserve keeps out is not counted.
    if (auto used = shared_->add(shared_key(key, span), start, span, 0); used && *used >= allowance)
      return {false, limit_, std::max<std::int64_t>(limit_ - *used, 0), start + span - now};
  }
  if (shared_) {
    if (auto used = shared_->add(shared_key(key, span), start, span, 1)) {
      // Counted even when refused: every node sees the same total, which only grows.
      return {*used <= allowance, limit_, std::max<std::int64_t>(limit_ - *used, 0), start + span - now};
    }
  }
  auto& shard = shards_[std::hash<std::string_view>{}(key) % shards_.size()];
  std::lock_guard lock(shard.mutex);
  // Windows of keys gone quiet are forgotten, so that the table stays as small as the set of
  // active partners; after the clock stepped back, windows "from the future" are gone too.
  if (shard.windows.size() > 4096)
    std::erase_if(shard.windows, [start](const auto& kv) { return kv.second.start != start; });
  auto& w = shard.windows[std::string(key)];
  if (w.start != start) w = {start, 0};
  RateDecision d;
  d.limit = limit_;
  d.reset_seconds = start + span - now;
  d.allowed = w.used < allowance;
  if (d.allowed) ++w.used;
  d.remaining = std::max<std::int64_t>(limit_ - w.used, 0);
  return d;
}

}  // namespace ofpra::auth
