#include "service/access_cache.hpp"

namespace ofpra::service {

domain::Result<std::int64_t> AccessCache::generation() {
  if (feed_ && feed_->live()) return -1 - notices_.load();
  return store_.access_generation();
}

std::optional<CachedAccess> AccessCache::cached(const std::string& client_id) {
  if (feed_) return std::nullopt;
  std::lock_guard lock(mutex_);
  auto it = clients_.find(client_id);
  if (it == clients_.end()) return std::nullopt;
  return CachedAccess{it->second, generation_};
}

domain::Result<std::shared_ptr<const ClientAccess>> AccessCache::current(const std::string& client_id) {
  auto generation = this->generation();
  if (!generation) return generation.error();
  {
    std::lock_guard lock(mutex_);
    if (*generation != generation_) {
      clients_.clear();
      generation_ = *generation;
    }
    if (auto it = clients_.find(client_id); it != clients_.end()) return it->second;
  }
  auto client = store_.find_client(client_id);
  if (!client) return client.error();
  if (!*client) return std::shared_ptr<const ClientAccess>{};
  auto partner = store_.find_partner((*client)->partner_siret);
  if (!partner) return partner.error();
  if (!*partner) return std::shared_ptr<const ClientAccess>{};
  auto habilitations = store_.habilitations((*client)->partner_siret);
  if (!habilitations) return habilitations.error();
  auto access = std::make_shared<const ClientAccess>(
      ClientAccess{std::move(**client), std::move(**partner), std::move(*habilitations)});
  std::lock_guard lock(mutex_);
  // Kept only if nothing changed meanwhile; otherwise the next request reads afresh.
  if (auto now = this->generation(); now && *now == *generation && generation_ == *generation)
    clients_.emplace(client_id, access);
  return access;
}

}  // namespace ofpra::service
