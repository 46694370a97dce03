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

// scope: the space-separated scopes asked; empty asks for everything the habilitations allow.
// Blocking (argon2id, the store): never call it on an io thread.
TokenOutcome grant_client_credentials(store::Database& db, const auth::TokenIssuer& issuer,
                                      const std::string& client_id, const std::string& client_secret,
                                      const std::string& scope, const env::Clock& clock, env::Random& random);

}  // namespace ofpra::service
