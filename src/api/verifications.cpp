#include "api/verifications.hpp"

#include "http/errors.hpp"

namespace ofpra::api {
namespace {

constexpr http::ErrorCode invalid_token{401, "40100", "Jeton d'accès invalide"};

http::Response unauthorized(std::string_view detail) {
  auto r = http::error_response(invalid_token, detail);
  r.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  return r;
}

}  // namespace

void add_verification_routes(http::Router& router, const VerificationRoutes& c) {
  router.post_async(
      "/api/v1/verifications", "verifications", [&c](const http::Request& request, http::Respond respond) {
        const auto header = request.header("authorization");
        constexpr std::string_view bearer = "Bearer ";
        if (!header.starts_with(bearer))
          return respond(unauthorized("Présentez un jeton : Authorization: Bearer <jeton>."));
        auto token = c.issuer.verify(header.substr(bearer.size()), c.service.clock.now());
        if (!token) return respond(unauthorized("Le jeton est invalide ou expiré ; demandez-en un nouveau."));
        if (request.header("content-type").find("application/json") == std::string_view::npos)
          return respond(http::error_response(http::errors::malformed_request, "Le corps doit être application/json."));
        c.blocking.submit([&c, caller = std::move(*token), body = request.body, respond] {
          // Revoking a client stops its tokens at once.
          auto client = c.service.db.partners().find_client(caller.client_id);
          if (!client || !*client || (*client)->revoked) return respond(unauthorized("Ce client n'est plus autorisé."));
          service::verify_person(c.service, caller, body, [respond](service::VerificationOutcome outcome) {
            respond(http::json_response(outcome.status, std::move(outcome.body)));
          });
        });
      });
}

}  // namespace ofpra::api
