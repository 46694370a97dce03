#include "api/verifications.hpp"

#include "api/partner_access.hpp"
#include "http/errors.hpp"

#include <memory>

namespace ofpra::api {
namespace {

using service::Reads;
using service::VerificationOutcome;

http::Response verification_response(VerificationOutcome outcome, const http::Headers& limits) {
  auto r = http::json_response(outcome.status, std::move(outcome.body));
  if (outcome.status == 401) r.set_header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
  return with_headers(std::move(r), limits);
}

struct Call {
  auth::AccessToken caller;
  std::string body;
  http::Headers limits;
  http::Respond respond;
};

void verify_reading_store(const VerificationRoutes& c, std::shared_ptr<const Call> call);

// Verifies on this thread. An answer first decided in memory that turns out to need the store
// is decided again on the pool.
void verify_here(const VerificationRoutes& c, std::shared_ptr<const Call> call, Reads reads) {
  service::verify_person(c.service, call->caller, call->body, reads, [&c, call](VerificationOutcome outcome) {
    if (outcome.needs_store) return verify_reading_store(c, call);
    call->respond(verification_response(std::move(outcome), call->limits));
  });
}

// On the blocking pool, reading the store as needed. Also called back from the journal's
// thread (an answer decided on stale access), possibly once the server has stopped.
void verify_reading_store(const VerificationRoutes& c, std::shared_ptr<const Call> call) {
  const bool queued = c.blocking.submit([&c, call] { verify_here(c, call, Reads::store); });
  if (!queued)
    call->respond(with_headers(
        http::error_response(http::errors::shutting_down, "Le service s'arrête ; réessayez dans un instant."),
        call->limits));
}

// Counts the request against the partner's limit, then verifies on this thread.
void limit_then_verify(const VerificationRoutes& c, std::shared_ptr<Call> call, bool json, Reads reads) {
  if (auto refusal = over_rate_limit(c.limits, call->caller.siret, call->limits))
    return call->respond(std::move(*refusal));
  if (!json)
    return call->respond(with_headers(
        http::error_response(http::errors::malformed_request, "Le corps doit être application/json."), call->limits));
  verify_here(c, std::move(call), reads);
}

}  // namespace

void add_verification_routes(http::Router& router, const VerificationRoutes& c) {
  router.post_async(
      "/api/v1/verifications", "verifications", [&c](const http::Request& request, http::Respond respond) {
        auto token = bearer_token(request, c.issuer, c.service.clock);
        if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
        const bool json = request.header("content-type").find("application/json") != std::string_view::npos;
        auto call = std::make_shared<Call>(
            Call{std::move(std::get<auth::AccessToken>(token)), request.body, {}, std::move(respond)});
        // Most verifications need nothing but memory (the registry, the client's access, a
        // local limit): they are decided here on the io thread, sparing a hop to the pool and a
        // store read; the rest, and any shared limit (a database write), go to the pool.
        if (!c.limits.blocking()) return limit_then_verify(c, std::move(call), json, Reads::memory_only);
        // The pool closes only once the io threads have stopped: this is always queued.
        (void)c.blocking.submit([&c, call, json] { limit_then_verify(c, call, json, Reads::store); });
      });
}

}  // namespace ofpra::api
