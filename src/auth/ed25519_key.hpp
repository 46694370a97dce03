#pragma once
// An Ed25519 key pair kept in a folder outside the repository and the database: created on
// first use (folder 0700, secret 0600), its public half written beside it as NAME.pub.
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace ofpra::auth {

class Ed25519Key {
 public:
  static domain::Result<Ed25519Key> load_or_create(const std::filesystem::path& dir, std::string_view name);

  const std::string& public_key_hex() const { return public_hex_; }
  const std::array<std::uint8_t, 32>& public_key() const { return public_; }
  // The first 16 hex digits of the SHA-256 of the public key's hex form.
  const std::string& key_id() const { return key_id_; }
  // The 64-byte detached signature.
  std::string sign(std::string_view message) const;

 private:
  std::array<std::uint8_t, 64> secret_{};
  std::array<std::uint8_t, 32> public_{};
  std::string public_hex_;
  std::string key_id_;
};

// The public key NAME.pub in dir, as hex.
domain::Result<std::string> load_public_key_hex(const std::filesystem::path& dir, std::string_view name);
std::string key_id_of(const std::string& public_key_hex);
bool ed25519_verify(std::string_view message, std::string_view signature, const std::array<std::uint8_t, 32>& key);
bool hex_to_bytes(std::string_view hex, std::uint8_t* out, std::size_t n);
std::string bytes_to_hex(const std::uint8_t* data, std::size_t n);

}  // namespace ofpra::auth
