#pragma once
// Secrets the server must use again, not only check (a webhook endpoint's HMAC secret): kept in
// the database sealed (XSalsa20-Poly1305, libsodium's secretbox) with a key of the keys folder,
// so that a copy of the database alone does not give them away.
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::auth {

class SecretSealer {
 public:
  // The key `name` of the folder, created on first use (0600).
  static domain::Result<SecretSealer> load_or_create(const std::filesystem::path& dir, std::string_view name);
  // base64 of a random nonce and the sealed text.
  std::string seal(std::string_view secret) const;
  // nullopt for text seal() did not write with this key.
  std::optional<std::string> open(std::string_view sealed) const;

 private:
  std::array<std::uint8_t, 32> key_{};
};

// Standard base64 (RFC 4648 §4, padded), as Standard Webhooks writes secrets and signatures.
std::string base64(std::string_view bytes);
std::optional<std::string> from_base64(std::string_view text);

}  // namespace ofpra::auth
