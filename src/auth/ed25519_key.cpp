#include "auth/ed25519_key.hpp"

#include "auth/key_files.hpp"

#include <openssl/sha.h>
#include <sodium.h>

#include <fstream>

namespace ofpra::auth {

std::string bytes_to_hex(const std::uint8_t* data, std::size_t n) {
  std::string out(2 * n + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), data, n);
  out.pop_back();
  return out;
}

bool hex_to_bytes(std::string_view hex, std::uint8_t* out, std::size_t n) {
  std::size_t len = 0;
  return sodium_hex2bin(out, n, hex.data(), hex.size(), nullptr, &len, nullptr) == 0 && len == n;
}

std::string key_id_of(const std::string& public_key_hex) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(public_key_hex.data()), public_key_hex.size(), digest);
  return bytes_to_hex(digest, 8);
}

domain::Result<Ed25519Key> Ed25519Key::load_or_create(const std::filesystem::path& dir, std::string_view name) {
  if (sodium_init() < 0) return domain::Error{"libsodium could not be initialised", "keys"};
  const auto secret_file = dir / (std::string(name) + ".key");
  const auto public_file = dir / (std::string(name) + ".pub");
  Ed25519Key k;
  auto hex = read_or_create_key_file(secret_file, [&k] {
    crypto_sign_keypair(k.public_.data(), k.secret_.data());
    return bytes_to_hex(k.secret_.data(), k.secret_.size());
  });
  if (!hex) return hex.error();
  if (!hex_to_bytes(*hex, k.secret_.data(), k.secret_.size()))
    return domain::Error{"the key " + secret_file.string() + " is damaged", "keys"};
  crypto_sign_ed25519_sk_to_pk(k.public_.data(), k.secret_.data());
  const auto public_hex = bytes_to_hex(k.public_.data(), k.public_.size());
  // The public half beside it, for whoever verifies without the secret (written again if lost).
  if (auto pub = read_key_file(public_file); !pub || *pub != public_hex) {
    std::ofstream out(public_file, std::ios::trunc);
    out << public_hex << "\n";
    if (!out.flush()) return domain::Error{"cannot write " + public_file.string(), "keys"};
  }
  k.public_hex_ = public_hex;
  k.key_id_ = key_id_of(k.public_hex_);
  return k;
}

std::string Ed25519Key::sign(std::string_view message) const {
  std::string sig(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(sig.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(), secret_.data());
  return sig;
}

domain::Result<std::string> load_public_key_hex(const std::filesystem::path& dir, std::string_view name) {
  return read_key_file(dir / (std::string(name) + ".pub"));
}

bool ed25519_verify(std::string_view message, std::string_view signature, const std::array<std::uint8_t, 32>& key) {
  if (sodium_init() < 0 || signature.size() != crypto_sign_BYTES) return false;
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature.data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     key.data()) == 0;
}

}  // namespace ofpra::auth
