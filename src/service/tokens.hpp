#pragma once
// OAuth2 client credentials (RFC 6749 §4.4): authenticates an API client and grants a token
// whose scopes never exceed the partner's validated, current habilitations.
#include "auth/tokens.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "store/database.hpp"

#include <string>

namespace ofpra::service {

enum class TokenRefusal { invalid_client, invalid_scope, server_error };

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
};

// Longest lifetime accepted for a client assertion, in seconds: a captured assertion is
// useless after that, and its jti is remembered for that long.
inline constexpr std::int64_t max_assertion_lifetime = 600;

struct TokenContext {
  store::Database& db;  // clients, habilitations, used assertions
  const auth::TokenIssuer& issuer;
  const env::Clock& clock;
  env::Random& random;
};

// scope: the space-separated scopes asked; empty asks for everything the habilitations allow.
// Blocking (argon2id, the store): never call it on an io thread.
TokenOutcome grant_client_credentials(const TokenContext& context, const ClientAuthentication& client,
                                      const std::string& scope, const std::string& token_endpoint);

}  // namespace ofpra::service
