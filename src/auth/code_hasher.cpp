#include "auth/code_hasher.hpp"

#include "auth/ed25519_key.hpp"
#include "auth/key_files.hpp"

#include <sodium.h>

namespace ofpra::auth {
namespace {

std::string hmac_hex(const CodeSecret& secret, std::string_view kind, std::string_view code) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, secret.data(), secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(kind.data()), kind.size());
  const unsigned char separator = 0;  // "ab"+"c" and "a"+"bc" are different inputs
  crypto_auth_hmacsha256_update(&state, &separator, 1);
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(code.data()), code.size());
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return bytes_to_hex(mac, sizeof mac);
}

domain::Result<CodeSecret> secret_of(const std::string& hex, const std::filesystem::path& file) {
  CodeSecret secret{};
  if (!hex_to_bytes(hex, secret.data(), secret.size()))
    return domain::Error{"the key " + file.string() + " is damaged", "keys"};
  return secret;
}

}  // namespace

CodeHasher::CodeHasher(CodeSecret current, std::optional<CodeSecret> previous)
    : current_(current), previous_(previous) {}

domain::Result<CodeHasher> CodeHasher::load_or_create(const std::filesystem::path& dir) {
  if (sodium_init() < 0) return domain::Error{"libsodium could not be initialised", "keys"};
  const auto file = dir / "codes.key";
  auto hex = read_or_create_key_file(file, [] {
    CodeSecret fresh{};
    randombytes_buf(fresh.data(), fresh.size());
    return bytes_to_hex(fresh.data(), fresh.size());
  });
  if (!hex) return hex.error();
  auto current = secret_of(*hex, file);
  if (!current) return current.error();
  std::optional<CodeSecret> previous;
  const auto previous_file = dir / "codes.previous.key";
  std::error_code ec;
  if (std::filesystem::exists(previous_file, ec)) {
    auto old_hex = read_key_file(previous_file);
    if (!old_hex) return old_hex.error();
    auto old = secret_of(*old_hex, previous_file);
    if (!old) return old.error();
    previous = *old;
  }
  return CodeHasher(*current, previous);
}

std::string CodeHasher::hash(std::string_view kind, std::string_view code) const {
  return hmac_hex(current_, kind, code);
}

std::vector<std::string> CodeHasher::candidates(std::string_view kind, std::string_view code) const {
  std::vector<std::string> out{hmac_hex(current_, kind, code)};
  if (previous_) out.push_back(hmac_hex(*previous_, kind, code));
  return out;
}

}  // namespace ofpra::auth
