#pragma once
// API clients and their partners' habilitations, kept in memory so that a verification does
// not read them from the store. One counter read per request (the store's access
// generation, bumped by triggers on every change by anyone) tells whether the copy is still
// exact, so a revocation applies from the very next request. Following a change feed, the
// cache skips that read while the feed is live and is cleared when told of a change: a
// revocation then applies once its notice arrives (within milliseconds of its commit).
#include "domain/habilitation.hpp"
#include "store/database.hpp"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace ofpra::service {

struct ClientAccess {
  store::ApiClient client;
  domain::Partner partner;
  std::vector<domain::Habilitation> habilitations;  // of the client's partner, every state
};

// A client's access as last read from the store, with the store's access generation then.
struct CachedAccess {
  std::shared_ptr<const ClientAccess> access;
  std::int64_t generation;
};

class AccessCache {
 public:
  explicit AccessCache(store::PartnerStore& store) : store_(store) {}
  // The client and its partner's habilitations as the store has them now; null for an
  // unknown client. Blocking (one counter read, more on a change).
  domain::Result<std::shared_ptr<const ClientAccess>> current(const std::string& client_id);
  // The copy held for client_id, read from nowhere (not blocking), which may be out of date:
  // its generation says which. None when there is no copy, or when the cache follows a feed
  // (its generations are then not the store's).
  std::optional<CachedAccess> cached(const std::string& client_id);
  // From now on, trusts the feed while it is live; changed() is then to be called for each
  // notice of an access change.
  void follow(const store::ChangeFeed& feed) { feed_ = &feed; }
  void changed() { ++notices_; }

 private:
  domain::Result<std::int64_t> generation();
  store::PartnerStore& store_;
  const store::ChangeFeed* feed_ = nullptr;
  // Notices counted as a generation of their own, apart from the store's (negative, so
  // that the two never meet).
  std::atomic<std::int64_t> notices_{0};
  std::mutex mutex_;
  std::int64_t generation_ = -1;
  std::unordered_map<std::string, std::shared_ptr<const ClientAccess>> clients_;
};

}  // namespace ofpra::service
