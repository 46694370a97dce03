#pragma once
// private_key_jwt (RFC 7523 §2.2, OpenID Connect Core §9): a client proves itself with a JWT
// it signed with its private key; we hold its public key (PEM). RS256, ES256 and EdDSA are
// accepted, each only with a key of its kind, so that an RSA key can never be used as an
// HMAC secret or an ES256 signature checked against an Ed25519 key.
#include "auth/jwt.hpp"
#include "domain/result.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::auth {

struct AssertionClaims {
  std::string iss;
  std::string sub;
  std::vector<std::string> aud;  // a string or an array in the JWT; a list here
  std::string jti;
  std::int64_t exp = 0;
  std::int64_t iat = 0;  // 0 when absent
  std::int64_t nbf = 0;  // 0 when absent
};

// Checks the assertion's signature with the PEM public key and reads its claims; the caller
// checks their values.
domain::Result<AssertionClaims> verify_assertion(std::string_view jwt, std::string_view public_key_pem);

// The "iss"/"sub" of an assertion, read without checking anything, to know whose key to use.
std::string unverified_subject(std::string_view jwt);

}  // namespace ofpra::auth
