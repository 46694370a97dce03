#pragma once
// Compact JWTs signed with a public-key algorithm, checked against one key: RS256 (RSA of 2048
// bits or more), ES256 (P-256) and EdDSA (Ed25519), each only with a key of its kind, so that an
// RSA key can never be used as an HMAC secret or an ES256 signature checked against an Ed25519
// key. Keys arrive as PEM, or as JWK (RFC 7517) from an OpenID provider's key set.
#include "domain/result.hpp"

#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ofpra::auth {

// The public key's algorithm ("RS256", "ES256" or "EdDSA"), or why it is not acceptable
// (RSA under 2048 bits, a curve other than P-256, not a PEM public key).
domain::Result<std::string> public_key_algorithm(std::string_view pem);

// The payload's members of a JWT whose header's alg is the key's and whose signature checks;
// the caller checks the claims' values. Errors name `field`.
domain::Result<boost::json::object> verify_jwt(std::string_view jwt, std::string_view public_key_pem,
                                               std::string_view field);

// Read without checking anything, to know whose key to use: the payload, and the header's kid.
boost::json::object unverified_payload(std::string_view jwt);
std::string unverified_key_id(std::string_view jwt);

// A JWK's public key as PEM (RSA, EC P-256, OKP Ed25519), refused under the same rules.
domain::Result<std::string> pem_of_jwk(const boost::json::object& jwk);

}  // namespace ofpra::auth
