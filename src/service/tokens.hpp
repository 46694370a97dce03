#pragma once
// OAuth2 client credentials (RFC 6749 §4.4): authenticates an API client and grants a token
// whose scopes never exceed the partner's validated, current habilitations.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "store/database.hpp"

#include <string>

namespace ofpra::service {

// too_many_failures: so many failed attempts from this origin, or for this client from it,
// that no more are tried (nothing is hashed) until the window ends.
enum class TokenRefusal { invalid_client, invalid_scope, too_many_failures, server_error };

struct TokenGrant {
  std::string access_token;
  std::int64_t expires_in = 0;
  std::string scope;  // space-separated
};

struct TokenOutcome {
  std::optional<TokenGrant> grant;
  TokenRefusal refusal = TokenRefusal::server_error;
};

// How the client proves itself: a secret (client_secret_basic) or a signed assertion
// (private_key_jwt, RFC 7523) whose audience is token_endpoint or the issuer.
struct ClientAuthentication {
  std::string client_id;  // from Basic, or the form's client_id (optional with an assertion)
  std::string client_secret;
  std::string assertion;  // client_assertion, when the client authenticates with its key
  std::string origin;     // the client's address, for the failure limits
};

// Longest lifetime accepted for a client assertion, in seconds: a captured assertion is
// useless after that, and its jti is remembered for that long.
inline constexpr std::int64_t max_assertion_lifetime = 600;

struct TokenContext {
  store::Database& db;  // clients, habilitations, used assertions
  const auth::TokenIssuer& issuer;
  const env::Clock& clock;
  env::Random& random;
  // Failed authentications, per origin and per client at an origin; null: unlimited. Checked
  // before any secret is hashed, so that bogus requests cannot buy argon2id time.
  auth::RateLimiter* failures = nullptr;
};

// scope: the space-separated scopes asked; empty asks for everything the habilitations allow.
// Blocking (argon2id, the store): never call it on an io thread.
TokenOutcome grant_client_credentials(const TokenContext& context, const ClientAuthentication& client,
                                      const std::string& scope, const std::string& token_endpoint);

}  // namespace ofpra::service
