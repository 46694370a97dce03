#pragma once
// POST /api/v1/verifications (DESIGN §5): authenticates the bearer token, reads the body into
// the door's typed request, asks the door as the partner's client (in memory on the io thread
// when it can be, otherwise on the blocking pool) and renders what it answers. Nothing here
// reads the registry, a store or the journal.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/disclosure.hpp"

namespace ofpra::api {

struct VerificationRoutes {
  const service::DoorContext& door;
  const auth::TokenIssuer& issuer;
  env::TaskPool& blocking;
  auth::RateLimiter& limits;  // per partner (SIRET), shared by every partner route
};

// The routes keep a reference to context, which must outlive the router.
void add_verification_routes(http::Router& router, const VerificationRoutes& context);

}  // namespace ofpra::api
