#pragma once
// Secrets (client secrets, passwords) are stored only as argon2id hashes and compared in
// constant time by libsodium.
#include "env/random.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ofpra::auth {

// An encoded argon2id hash ($argon2id$v=19$...), or nullopt when memory is short.
std::optional<std::string> hash_secret(std::string_view secret);
bool verify_secret(std::string_view secret, const std::string& encoded_hash);

// Equal contents, compared in a time that does not depend on where they differ.
bool equal_in_constant_time(std::string_view a, std::string_view b);

// A new random secret of `bytes` bytes of entropy, URL-safe base64 without padding.
std::string new_secret(env::Random& random, std::size_t bytes = 32);

}  // namespace ofpra::auth
