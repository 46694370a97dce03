#pragma once
// Compact JWS (RFC 7515) with EdDSA over Ed25519 (RFC 8037), the only algorithm accepted:
// a token whose header names another ("none", "HS256", ...) is refused before anything else.
#include "auth/ed25519_key.hpp"
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace ofpra::auth {

std::string base64url(std::string_view bytes);
domain::Result<std::string> base64url_decode(std::string_view text);

// header and payload are JSON texts; the header must carry "alg":"EdDSA".
std::string jws_sign(std::string_view header_json, std::string_view payload_json, const Ed25519Key& key);

struct JwsParts {
  std::string header_json;
  std::string payload_json;
};

// Splits and decodes a compact JWS and checks its EdDSA signature with key; the caller checks
// the header's kid and the payload's claims.
domain::Result<JwsParts> jws_verify(std::string_view token, const std::array<std::uint8_t, 32>& key);

}  // namespace ofpra::auth
