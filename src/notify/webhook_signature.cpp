#include "notify/webhook_signature.hpp"

#include "auth/sealed_secret.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <array>

namespace ofpra::notify {

std::string new_webhook_secret(env::Random& random) {
  std::array<std::uint8_t, 24> bytes{};
  random.fill(bytes);
  return "whsec_" + auth::base64(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
}

std::string webhook_public_key(const auth::Ed25519Key& key) {
  const auto& k = key.public_key();
  return "whpk_" + auth::base64(std::string_view(reinterpret_cast<const char*>(k.data()), k.size()));
}

std::optional<WebhookHeaders> sign_delivery(std::string_view id, std::int64_t timestamp, std::string_view body,
                                            std::string_view secret, const auth::Ed25519Key& key) {
  constexpr std::string_view prefix = "whsec_";
  if (!secret.starts_with(prefix)) return std::nullopt;
  auto hmac_key = auth::from_base64(secret.substr(prefix.size()));
  if (!hmac_key || hmac_key->empty()) return std::nullopt;
  WebhookHeaders h{std::string(id), std::to_string(timestamp), {}};
  const std::string content = h.id + "." + h.timestamp + "." + std::string(body);
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (!HMAC(EVP_sha256(), hmac_key->data(), static_cast<int>(hmac_key->size()),
            reinterpret_cast<const unsigned char*>(content.data()), content.size(), mac, &length))
    return std::nullopt;
  h.signature = "v1," + auth::base64(std::string_view(reinterpret_cast<const char*>(mac), length)) + " v1a," +
                auth::base64(key.sign(content));
  return h;
}

}  // namespace ofpra::notify
