#include "api/verifications.hpp"

#include "api/partner_access.hpp"
#include "http/errors.hpp"

namespace ofpra::api {

void add_verification_routes(http::Router& router, const VerificationRoutes& c) {
  router.post_async(
      "/api/v1/verifications", "verifications", [&c](const http::Request& request, http::Respond respond) {
        auto token = bearer_token(request, c.issuer, c.service.clock);
        if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
        auto& caller = std::get<auth::AccessToken>(token);
        const bool json = request.header("content-type").find("application/json") != std::string_view::npos;
        // The limit is counted on the blocking pool: with several nodes it is a database write.
        c.blocking.submit([&c, caller = std::move(caller), body = request.body, json, respond] {
          http::Headers limits;
          if (auto refusal = over_rate_limit(c.limits, caller.siret, limits)) return respond(std::move(*refusal));
          if (!json)
            return respond(with_headers(
                http::error_response(http::errors::malformed_request, "Le corps doit être application/json."), limits));
          service::verify_person(c.service, caller, body, [respond, limits](service::VerificationOutcome outcome) {
            auto r = http::json_response(outcome.status, std::move(outcome.body));
            if (outcome.status == 401) r.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            respond(with_headers(std::move(r), limits));
          });
        });
      });
}

}  // namespace ofpra::api
