#include "api/partner_access.hpp"

#include "http/errors.hpp"

#include <memory>

namespace ofpra::api {

http::Response unauthorized(std::string_view detail) {
  auto r = http::error_response(http::errors::invalid_token, detail);
  r.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  return r;
}

namespace {

std::variant<auth::AccessToken, http::Response> verified_bearer(const http::Request& request,
                                                                const auth::TokenIssuer& issuer,
                                                                const env::Clock& clock) {
  const auto header = request.header("authorization");
  constexpr std::string_view bearer = "Bearer ";
  if (!header.starts_with(bearer)) return unauthorized("Présentez un jeton : Authorization: Bearer <jeton>.");
  auto token = issuer.verify(header.substr(bearer.size()), clock.now());
  if (!token) return unauthorized("Le jeton est invalide ou expiré ; demandez-en un nouveau.");
  return std::move(*token);
}

}  // namespace

std::variant<auth::AccessToken, http::Response> bearer_token(const http::Request& request,
                                                             const auth::TokenIssuer& issuer, const env::Clock& clock) {
  auto token = verified_bearer(request, issuer, clock);
  if (const auto* t = std::get_if<auth::AccessToken>(&token); t && t->siret.empty())
    return http::error_response(http::errors::scope_not_habilitated,
                                "Ce jeton est celui d'un client du registre : il n'ouvre que /api/v1/registre.");
  return token;
}

std::variant<auth::AccessToken, http::Response> registry_bearer_token(const http::Request& request,
                                                                      const auth::TokenIssuer& issuer,
                                                                      const env::Clock& clock) {
  auto token = verified_bearer(request, issuer, clock);
  if (const auto* t = std::get_if<auth::AccessToken>(&token); t && !t->siret.empty())
    return http::error_response(http::errors::scope_not_habilitated,
                                "Seul le système d'information de l'OFPRA écrit le registre.");
  return token;
}

std::optional<http::Response> over_rate_limit(auth::RateLimiter& limiter, const std::string& partner,
                                              http::Headers& headers) {
  const auto d = limiter.take(partner);
  headers.reserve(headers.size() + 3);
  headers.emplace_back("RateLimit-Limit", std::to_string(d.limit));
  headers.emplace_back("RateLimit-Remaining", std::to_string(d.remaining));
  headers.emplace_back("RateLimit-Reset", std::to_string(d.reset_seconds));
  if (d.allowed) return std::nullopt;
  auto r = http::error_response(http::errors::too_many_requests,
                                "La limite de requêtes de votre administration est atteinte ; réessayez après " +
                                    std::to_string(d.reset_seconds) + " s (en-têtes RateLimit-*).");
  r.set_header("Retry-After", std::to_string(d.reset_seconds));
  return with_headers(std::move(r), headers);
}

http::Response with_headers(http::Response response, const http::Headers& headers) {
  // Grown once: an answer after the journal's commit paid a reallocation for each header.
  response.headers.reserve(response.headers.size() + headers.size());
  for (const auto& [name, value] : headers) response.set_header(name, value);
  return response;
}

void on_pool_as_partner(const PartnerPool& pool, const http::Request& request, http::Respond respond,
                        PartnerWork work) {
  auto token = bearer_token(request, pool.issuer, pool.clock);
  if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
  auto caller = std::make_shared<service::PartnerClient>(std::move(std::get<auth::AccessToken>(token)));
  const bool queued = pool.blocking.submit([&pool, caller, respond, work = std::move(work)] {
    http::Headers limits;
    if (auto refusal = over_rate_limit(pool.limits, caller->token.siret, limits)) return respond(std::move(*refusal));
    respond(with_headers(work(*caller), limits));
  });
  if (!queued)
    respond(http::error_response(http::errors::shutting_down, "Le service s'arrête ; réessayez dans un instant."));
}

}  // namespace ofpra::api
