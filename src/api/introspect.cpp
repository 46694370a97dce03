#include "api/introspect.hpp"

#include "api/partner_access.hpp"
#include "http/errors.hpp"
#include "http/form.hpp"

#include <boost/json.hpp>

namespace ofpra::api {
namespace {

namespace json = boost::json;

}  // namespace

void add_introspection_routes(http::Router& router, const IntrospectionRoutes& c) {
  router.post_async("/api/v1/introspect", "introspect", [&c](const http::Request& request, http::Respond respond) {
    auto token = bearer_token(request, c.issuer, c.clock);
    if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
    auto& caller = std::get<auth::AccessToken>(token);
    auto form = request.header("content-type").find("application/x-www-form-urlencoded") != std::string_view::npos
                    ? http::parse_form(request.body)
                    : std::nullopt;
    const bool given = form && form->count("token") && !form->at("token").empty();
    std::optional<auth::AccessToken> asked;
    if (given)
      if (auto t = c.issuer.verify(form->at("token"), c.clock.now())) asked = std::move(*t);
    // The limit is counted on the blocking pool: with several nodes it is a database write.
    c.blocking.submit([&c, caller = std::move(caller), given, asked = std::move(asked), respond] {
      http::Headers limits;
      if (auto refusal = over_rate_limit(c.limits, caller.siret, limits)) return respond(std::move(*refusal));
      if (!given)
        return respond(
            with_headers(http::error_response(http::errors::invalid_parameter,
                                              "Envoyez token=<jeton> en application/x-www-form-urlencoded.", "token"),
                         limits));
      auto seen = service::introspect(c.access, caller, asked);
      if (!seen)
        return respond(with_headers(http::error_response(http::errors::unavailable, "Réessayez plus tard."), limits));
      if (!seen->caller_allowed) return respond(unauthorized("Ce client n'est plus autorisé."));
      json::object answer{{"active", false}};
      if (seen->active) {
        const auto& active = *seen->active;
        std::string scope;
        for (const auto& s : active.scopes) scope += (scope.empty() ? "" : " ") + s;
        answer = json::object{{"active", true},           {"scope", scope},          {"client_id", active.client_id},
                              {"sub", active.client_id},  {"siret", active.siret},   {"token_type", "Bearer"},
                              {"iss", c.issuer.issuer()}, {"iat", active.issued_at}, {"exp", active.expires_at},
                              {"jti", active.jti}};
      }
      respond(with_headers(http::json_response(200, json::serialize(answer)), limits));
    });
  });
}

}  // namespace ofpra::api
