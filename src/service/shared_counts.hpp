#pragma once
// Limits that hold across nodes: the counts of auth::RateLimiter kept in the database every
// node shares. Keys (a SIRET, a client address) are stored as their SHA-256 only.
#include "auth/rate_limit.hpp"
#include "store/database.hpp"

namespace ofpra::service {

class DatabaseCounts final : public auth::SharedCounts {
 public:
  explicit DatabaseCounts(store::LimitStore& store) : store_(store) {}
  domain::Result<std::int64_t> add(const std::string& key, std::int64_t start, std::int64_t span,
                                   std::int64_t n) override;

 private:
  store::LimitStore& store_;
};

}  // namespace ofpra::service
