#include "api/oauth.hpp"

#include "http/errors.hpp"
#include "http/form.hpp"
#include "service/tokens.hpp"

#include <sodium.h>
#include <boost/json.hpp>

namespace ofpra::api {
namespace {

http::Response oauth_error(unsigned status, std::string_view error, std::string_view description) {
  auto r = http::json_response(
      status, boost::json::serialize(boost::json::object{{"error", error}, {"error_description", description}}));
  if (status == 401) r.set_header("WWW-Authenticate", "Basic realm=\"ofpra-connect\"");
  r.set_header("Pragma", "no-cache");
  return r;
}

struct BasicCredentials {
  std::string id;
  std::string secret;
};

// "Basic base64(urlencode(id) ":" urlencode(secret))" (RFC 6749 §2.3.1).
std::optional<BasicCredentials> parse_basic(std::string_view header) {
  constexpr std::string_view scheme = "Basic ";
  if (header.size() <= scheme.size() || !std::equal(scheme.begin(), scheme.end(), header.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
      }))
    return std::nullopt;
  auto encoded = header.substr(scheme.size());
  std::string decoded(encoded.size(), '\0');
  std::size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), encoded.data(),
                        encoded.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  decoded.resize(len);
  auto colon = decoded.find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto id = http::percent_decode(std::string_view(decoded).substr(0, colon));
  auto secret = http::percent_decode(std::string_view(decoded).substr(colon + 1));
  if (!id || !secret || id->empty()) return std::nullopt;
  return BasicCredentials{std::move(*id), std::move(*secret)};
}

}  // namespace

http::Response token_response(const http::Request& request, const OAuthContext& c) {
  if (request.header("content-type").find("application/x-www-form-urlencoded") == std::string_view::npos)
    return oauth_error(400, "invalid_request", "Le corps doit être application/x-www-form-urlencoded.");
  auto form = http::parse_form(request.body);
  if (!form) return oauth_error(400, "invalid_request", "Le corps de la requête est mal formé.");
  auto field = [&](const std::string& name) { return form->count(name) ? form->at(name) : std::string(); };

  // One way of authenticating per request (RFC 6749 §2.3): Basic, or an assertion.
  service::ClientAuthentication authentication;
  const auto assertion_type = field("client_assertion_type");
  const bool basic = !request.header("authorization").empty();
  if (!assertion_type.empty() || form->count("client_assertion")) {
    if (basic) return oauth_error(400, "invalid_request", "Un seul mode d'authentification du client par requête.");
    if (assertion_type != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
      return oauth_error(400, "invalid_request",
                         "client_assertion_type doit être urn:ietf:params:oauth:client-assertion-type:jwt-bearer.");
    authentication.assertion = field("client_assertion");
    authentication.client_id = field("client_id");
    if (authentication.assertion.empty())
      return oauth_error(401, "invalid_client", "client_assertion est requis (private_key_jwt).");
  } else {
    auto credentials = parse_basic(request.header("authorization"));
    if (!credentials)
      return oauth_error(401, "invalid_client",
                         "Authentifiez le client par HTTP Basic (client_secret_basic) ou par une assertion signée "
                         "(private_key_jwt).");
    authentication.client_id = std::move(credentials->id);
    authentication.client_secret = std::move(credentials->secret);
  }
  authentication.origin = request.client_address;
  const auto grant_type = field("grant_type");
  if (grant_type.empty()) return oauth_error(400, "invalid_request", "grant_type est requis.");
  if (grant_type != "client_credentials")
    return oauth_error(400, "unsupported_grant_type", "Seul grant_type=client_credentials est accepté.");
  auto outcome = service::grant_client_credentials(c.tokens, authentication, field("scope"),
                                                   c.tokens.issuer.issuer() + "/oauth/token");
  if (!outcome.grant) {
    switch (outcome.refusal) {
      case service::TokenRefusal::invalid_client:
        return oauth_error(401, "invalid_client",
                           "Client inconnu ou révoqué, secret incorrect, ou assertion invalide, expirée ou déjà "
                           "utilisée.");
      case service::TokenRefusal::invalid_scope:
        return oauth_error(400, "invalid_scope", "Un scope demandé n'est pas couvert par l'habilitation.");
      case service::TokenRefusal::too_many_failures: {
        auto r = oauth_error(429, "invalid_client",
                             "Trop d'échecs d'authentification depuis cette adresse : réessayez dans 15 minutes.");
        r.set_header("Retry-After", "900");
        return r;
      }
      case service::TokenRefusal::server_error:
        return oauth_error(500, "server_error", "Le jeton n'a pas pu être délivré. Réessayez plus tard.");
    }
  }
  return http::json_response(200,
                             boost::json::serialize(boost::json::object{{"access_token", outcome.grant->access_token},
                                                                        {"token_type", "Bearer"},
                                                                        {"expires_in", outcome.grant->expires_in},
                                                                        {"scope", outcome.grant->scope}}));
}

void add_oauth_routes(http::Router& router, const OAuthContext& context) {
  router.post_async("/oauth/token", "oauth_token", [&context](const http::Request& request, http::Respond respond) {
    if (!context.pool.submit([&context, request, respond] { respond(token_response(request, context)); })) {
      auto r = oauth_error(503, "temporarily_unavailable", "Trop de demandes de jeton en cours : réessayez.");
      r.set_header("Retry-After", "1");
      respond(std::move(r));
    }
  });
  router.get("/.well-known/jwks.json", "jwks", [&context](const http::Request&) {
    auto r = http::json_response(200, context.tokens.issuer.jwks());
    r.content_type = "application/jwk-set+json";
    r.set_header("Cache-Control", "public, max-age=300");
    return r;
  });
}

}  // namespace ofpra::api
