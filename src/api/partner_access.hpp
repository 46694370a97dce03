#pragma once
// What every partner-facing API route does before its own work: read the bearer token,
// count the request against the partner's rate limit, and say both in the answer's headers.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/clock.hpp"
#include "env/task_pool.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "service/caller.hpp"

#include <functional>
#include <optional>
#include <variant>

namespace ofpra::api {

// 401 with WWW-Authenticate: Bearer error="invalid_token".
http::Response unauthorized(std::string_view detail);

// The partner's verified token, or the 401 (or 403 for a registry client's token) to answer. Revocation is checked by
// the caller, off the io thread (it reads the store).
std::variant<auth::AccessToken, http::Response> bearer_token(const http::Request& request,
                                                             const auth::TokenIssuer& issuer, const env::Clock& clock);

// The same for the registry's writer (api/registry.hpp): a partner's token is refused (403), as a
// registry client's token is by bearer_token.
std::variant<auth::AccessToken, http::Response> registry_bearer_token(const http::Request& request,
                                                                      const auth::TokenIssuer& issuer,
                                                                      const env::Clock& clock);

// Counts the request against the partner's limit. The RateLimit-* headers to add to the
// answer are written to headers; the 429 to answer is returned when the limit is reached.
std::optional<http::Response> over_rate_limit(auth::RateLimiter& limiter, const std::string& partner,
                                              http::Headers& headers);

// Adds the headers to the response.
http::Response with_headers(http::Response response, const http::Headers& headers);

// What a partner route does once the partner is known, on the blocking pool (it reads the store).
using PartnerWork = std::function<http::Response(const service::PartnerClient&)>;
struct PartnerPool {
  const auth::TokenIssuer& issuer;
  const env::Clock& clock;
  env::TaskPool& blocking;
  auth::RateLimiter& limits;
};
// The token, then on the pool the partner's limit and the work; the limit's headers added.
void on_pool_as_partner(const PartnerPool& pool, const http::Request& request, http::Respond respond, PartnerWork work);

}  // namespace ofpra::api
