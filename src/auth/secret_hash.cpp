#include "auth/secret_hash.hpp"

#include <sodium.h>

#include <vector>

namespace ofpra::auth {

std::optional<std::string> hash_secret(std::string_view secret) {
  if (sodium_init() < 0) return std::nullopt;
  char out[crypto_pwhash_STRBYTES];
  // Interactive limits: the secrets we hash are either long random ones (client secrets) or
  // passwords checked at login, where a fraction of a second is the right cost.
  if (crypto_pwhash_str_alg(out, secret.data(), secret.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
    return std::nullopt;
  return std::string(out);
}

bool verify_secret(std::string_view secret, const std::string& encoded_hash) {
  if (sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(encoded_hash.c_str(), secret.data(), secret.size()) == 0;
}

std::string new_secret(env::Random& random, std::size_t bytes) {
  std::vector<std::uint8_t> raw(bytes);
  random.fill(raw);
  std::string out(sodium_base64_ENCODED_LEN(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

bool equal_in_constant_time(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ofpra::auth
