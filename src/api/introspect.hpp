#pragma once
// POST /api/v1/introspect (RFC 7662): a partner asks whether a token is active; the rules are
// service::introspect's, rendered here as RFC 7662's JSON.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/introspection.hpp"

namespace ofpra::api {

struct IntrospectionRoutes {
  service::AccessCache& access;  // clients, as verifications see them
  const auth::TokenIssuer& issuer;
  env::TaskPool& blocking;
  const env::Clock& clock;
  auth::RateLimiter& limits;
};

void add_introspection_routes(http::Router& router, const IntrospectionRoutes& context);

}  // namespace ofpra::api
