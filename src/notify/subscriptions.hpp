#pragma once
// Partners following a person's file (docs/NOTIFICATIONS.md). A subscription is asked as a
// verification is — the same subject, scopes, recipient and purpose, through the door, journaled
// as that client's "abonnement" — and carries the partner's own reference for her. When a change
// of the registry concerns a scope it follows, and the partner may still know it, a thin
// notification (its type, the subscription, the partner's reference, the date; no personal data)
// is delivered to the partner's webhook, signed as Standard Webhooks says. A withdrawn consent
// or an ended habilitation ends the subscription, and the partner is told.
#include "auth/ed25519_key.hpp"
#include "auth/sealed_secret.hpp"
#include "env/random.hpp"
#include "notify/address_policy.hpp"
#include "service/answer.hpp"
#include "service/caller.hpp"
#include "service/disclosure.hpp"
#include "service/refusal.hpp"
#include "service/verification_request.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace ofpra::notify {

struct NotifyContext {
  const service::DoorContext& door;
  store::Database& db;
  const auth::SecretSealer& sealer;     // webhook secrets, sealed in the database
  const auth::Ed25519Key& signing_key;  // v1a signatures, public at /api/v1/webhooks/cle-publique
  Resolver& resolver;
  AddressPolicy policy;
  env::Random& random;
};

struct Subscribed {
  service::Answer answer;  // as journaled: what the partner may know of her today
  store::Subscription subscription;
};
// Through the door: a person found is followed; nobody or several (not_found, journaled as the
// answer was) or a refusal of the door are not. Blocking.
std::variant<Subscribed, service::Refusal> subscribe(const NotifyContext& c, const service::PartnerClient& caller,
                                                     const service::SubscriptionBody& body);

domain::Result<std::vector<store::Subscription>> subscriptions_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller);
// The caller's partner's subscription; nullopt for any other.
domain::Result<std::optional<store::Subscription>> subscription_of(const NotifyContext& c,
                                                                   const service::PartnerClient& caller,
                                                                   const std::string& id);
// The partner ends its own subscription ("resiliee"); false when it had no such active one.
domain::Result<bool> unsubscribe(const NotifyContext& c, const service::PartnerClient& caller, const std::string& id);

// Registers (or replaces) the partner's endpoint; returns its new secret, shown once. The error
// names "url" and says why (address_policy.hpp).
domain::Result<std::string> register_endpoint(const NotifyContext& c, const service::PartnerClient& caller,
                                              const std::string& url);
domain::Result<std::optional<store::WebhookEndpoint>> endpoint_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller);
domain::Result<bool> remove_endpoint(const NotifyContext& c, const service::PartnerClient& caller);

domain::Result<std::vector<store::Notification>> notifications_of(const NotifyContext& c,
                                                                  const service::PartnerClient& caller,
                                                                  std::optional<store::NotificationState> state);
// Pending again now, from its first attempt; false when the partner has no such notification.
domain::Result<bool> redeliver(const NotifyContext& c, const service::PartnerClient& caller, const std::string& id);

// The words of the states, as the API says them: en_attente, livree, abandonnee.
std::string_view state_word(store::NotificationState state);
std::optional<store::NotificationState> parse_state(std::string_view word);

}  // namespace ofpra::notify
