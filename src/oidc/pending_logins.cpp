#include "oidc/pending_logins.hpp"

#include "auth/secret_hash.hpp"

namespace ofpra::oidc {
namespace {
constexpr std::chrono::minutes lifetime{10};
}

std::optional<std::string> PendingLogins::add(PendingLogin pending, env::Random& random) {
  auto id = auth::new_secret(random);
  const auto now = clock_.now();
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_) std::erase_if(entries_, [now](const auto& e) { return e.second.expires <= now; });
  if (entries_.size() >= capacity_) return std::nullopt;
  entries_[id] = Entry{std::move(pending), now + lifetime};
  return id;
}

std::optional<PendingLogin> PendingLogins::take(const std::string& id, const std::string& state) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end()) return std::nullopt;
  auto entry = std::move(it->second);
  entries_.erase(it);
  if (entry.expires <= clock_.now() || state.empty() || !auth::equal_in_constant_time(entry.pending.state, state))
    return std::nullopt;
  return std::move(entry.pending);
}

void PendingLogins::forget(const std::string& id) {
  std::lock_guard lock(mutex_);
  entries_.erase(id);
}

domain::Result<SignInStart> start_sign_in(RelyingParty& provider, PendingLogins& logins, env::Random& random,
                                          const std::string& replacing) {
  if (!replacing.empty()) logins.forget(replacing);
  auto started = provider.start();
  if (!started) return started.error();
  auto id = logins.add(std::move(started->pending), random);
  if (!id) return domain::Error{"too many sign-ins under way", "plein", domain::ErrorKind::unavailable};
  return SignInStart{std::move(started->url), std::move(*id)};
}

}  // namespace ofpra::oidc
