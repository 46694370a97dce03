#pragma once
// POST /api/v1/introspect (RFC 7662): a partner asks whether a token is active. It answers
// only about the partner's own tokens: any other token, valid or not, is "active": false, so
// that one partner learns nothing of another's.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/access_cache.hpp"

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
