#pragma once
// API clients and their partners' habilitations, kept in memory: reading them from the store
// cost a fifth of a verification. One counter read per request (the store's access
// generation, bumped by triggers on every change by anyone) tells whether the copy is still
// exact, so a revocation applies from the very next request.
#include "domain/habilitation.hpp"
#include "store/database.hpp"

#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ofpra::service {

struct ClientAccess {
  store::ApiClient client;
  domain::Partner partner;
  std::vector<domain::Habilitation> habilitations;  // of the client's partner, every state
};

class AccessCache {
 public:
  explicit AccessCache(store::PartnerStore& store) : store_(store) {}
  // The client and its partner's habilitations as the store has them now; null for an
  // unknown client. Blocking (one counter read, more on a change).
  domain::Result<std::shared_ptr<const ClientAccess>> current(const std::string& client_id);

 private:
  store::PartnerStore& store_;
  std::mutex mutex_;
  std::int64_t generation_ = -1;
  std::unordered_map<std::string, std::shared_ptr<const ClientAccess>> clients_;
};

}  // namespace ofpra::service
