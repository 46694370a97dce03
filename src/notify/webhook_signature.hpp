#pragma once
// Standard Webhooks (standardwebhooks.com, spec v1): the headers that let a partner check a
// delivery. The signed content is "{webhook-id}.{webhook-timestamp}.{body}"; webhook-signature
// carries "v1,{base64 HMAC-SHA256 with the endpoint's secret}" and "v1a,{base64 Ed25519 with our
// key}", space-separated, so that either may be checked.
#include "auth/ed25519_key.hpp"
#include "env/random.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::notify {

struct WebhookHeaders {
  std::string id;
  std::string timestamp;  // seconds since the epoch
  std::string signature;
};

// "whsec_" and the base64 of 24 random bytes.
std::string new_webhook_secret(env::Random& random);
// "whpk_" and the base64 of the public key: what a partner checks v1a signatures with.
std::string webhook_public_key(const auth::Ed25519Key& key);

// nullopt for a secret new_webhook_secret did not make.
std::optional<WebhookHeaders> sign_delivery(std::string_view id, std::int64_t timestamp, std::string_view body,
                                            std::string_view secret, const auth::Ed25519Key& key);

}  // namespace ofpra::notify
