#include "api/verifications.hpp"

#include "api/answer_json.hpp"
#include "api/partner_access.hpp"
#include "http/errors.hpp"
#include "service/verification_request.hpp"

#include <memory>

namespace ofpra::api {
namespace {

using service::Reads;

struct Call {
  service::Caller caller;
  std::variant<service::DisclosureRequest, service::Refusal> request;
  std::string body;  // kept only when it could not be read: its hash is journaled
  http::Headers limits;
  http::Respond respond;
};

void ask_reading_store(const VerificationRoutes& c, std::shared_ptr<const Call> call);

http::Response rendered(const service::Disclosure& d) {
  if (const auto* answer = std::get_if<service::Answer>(&d)) return answer_response(*answer);
  return refusal_response(std::get<service::Refusal>(d));
}

// Asks the door on this thread. An answer first decided in memory that turns out to need the
// store is decided again on the pool.
void ask_here(const VerificationRoutes& c, std::shared_ptr<const Call> call, Reads reads) {
  auto done = [&c, call](service::Disclosure d) {
    if (std::holds_alternative<service::DecideAgain>(d)) return ask_reading_store(c, call);
    // Rendered by the worker that sends it, not by the journal's thread that calls back.
    http::Response later;
    later.finish = [d = std::move(d), call](http::Response& r) { r = with_headers(rendered(d), call->limits); };
    call->respond(std::move(later));
  };
  if (const auto* request = std::get_if<service::DisclosureRequest>(&call->request))
    return service::disclose(c.door, call->caller, *request, reads, std::move(done));
  service::refuse_unreadable(c.door, call->caller, std::get<service::Refusal>(call->request), call->body, reads,
                             std::move(done));
}

// On the blocking pool, reading the store as needed. Also called back from the journal's
// thread (an answer decided on stale access), possibly once the server has stopped.
void ask_reading_store(const VerificationRoutes& c, std::shared_ptr<const Call> call) {
  const bool queued = c.blocking.submit([&c, call] { ask_here(c, call, Reads::store); });
  if (!queued)
    call->respond(with_headers(
        http::error_response(http::errors::shutting_down, "Le service s'arrête ; réessayez dans un instant."),
        call->limits));
}

// Counts the request against the partner's limit, then asks on this thread.
void limit_then_ask(const VerificationRoutes& c, std::shared_ptr<Call> call, bool json, Reads reads) {
  const auto& siret = std::get<service::PartnerClient>(call->caller).token.siret;
  if (auto refusal = over_rate_limit(c.limits, siret, call->limits)) return call->respond(std::move(*refusal));
  if (!json)
    return call->respond(with_headers(
        http::error_response(http::errors::malformed_request, "Le corps doit être application/json."), call->limits));
  ask_here(c, std::move(call), reads);
}

}  // namespace

void add_verification_routes(http::Router& router, const VerificationRoutes& c) {
  router.post_async(
      "/api/v1/verifications", "verifications", [&c](const http::Request& request, http::Respond respond) {
        auto token = bearer_token(request, c.issuer, c.door.clock);
        if (auto* refusal = std::get_if<http::Response>(&token)) return respond(std::move(*refusal));
        const bool json = request.header("content-type").find("application/json") != std::string_view::npos;
        auto parsed = service::parse_verification_request(request.body);
        auto call = std::make_shared<Call>(Call{service::PartnerClient{std::move(std::get<auth::AccessToken>(token))},
                                                std::move(parsed),
                                                {},
                                                {},
                                                std::move(respond)});
        if (std::holds_alternative<service::Refusal>(call->request)) call->body = request.body;
        // Most verifications need nothing but memory (the registry, the client's access, a
        // local limit): they are decided here on the io thread, sparing a hop to the pool and a
        // store read; the rest, and any shared limit (a database write), go to the pool.
        if (!c.limits.blocking()) return limit_then_ask(c, std::move(call), json, Reads::memory_only);
        // The pool closes only once the io threads have stopped: this is always queued.
        (void)c.blocking.submit([&c, call, json] { limit_then_ask(c, call, json, Reads::store); });
      });
}

}  // namespace ofpra::api
