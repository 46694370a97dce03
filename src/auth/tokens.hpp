#pragma once
// Access tokens (DESIGN §5): short-lived JWS signed with Ed25519 ("alg":"EdDSA", "kid"),
// verifiable by anyone with the key published at /.well-known/jwks.json.
#include "auth/ed25519_key.hpp"
#include "domain/result.hpp"
#include "env/random.hpp"

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace ofpra::auth {

struct AccessToken {
  std::string client_id;  // sub
  std::string siret;      // the partner the client belongs to
  std::vector<std::string> scopes;
  std::string jti;
  std::int64_t issued_at = 0;   // iat, seconds since the epoch
  std::int64_t expires_at = 0;  // exp
};

class TokenIssuer {
 public:
  TokenIssuer(Ed25519Key key, std::string issuer, std::chrono::seconds lifetime);
  ~TokenIssuer();
  TokenIssuer(TokenIssuer&&) noexcept;
  const std::string& issuer() const { return issuer_; }

  std::string issue(AccessToken& token, std::chrono::system_clock::time_point now, env::Random& random) const;
  // Signature, kid, issuer and expiry; the caller checks revocation. A token already verified
  // is recognised without checking its signature again (an Ed25519 verification costs more
  // than the rest of a request); its expiry is checked every time.
  domain::Result<AccessToken> verify(std::string_view token, std::chrono::system_clock::time_point now) const;
  // {"keys":[{"kty":"OKP","crv":"Ed25519","x":...,"kid":...,"alg":"EdDSA","use":"sig"}]}
  std::string jwks() const;
  std::chrono::seconds lifetime() const { return lifetime_; }

 private:
  domain::Result<AccessToken> verify_signed(std::string_view token) const;
  struct Cache;
  Ed25519Key key_;
  std::string issuer_;
  std::chrono::seconds lifetime_;
  std::unique_ptr<Cache> cache_;
};

}  // namespace ofpra::auth
