#pragma once
// POST /api/v1/verifications (DESIGN §5): authenticates the bearer token, then hands the body
// to service::verify_person, in memory on the io thread when it can be, otherwise on the
// blocking pool. Thin: nothing here reads the registry or writes the journal.
#include "auth/rate_limit.hpp"
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/verification.hpp"

namespace ofpra::api {

struct VerificationRoutes {
  const service::VerificationContext& service;
  const auth::TokenIssuer& issuer;
  env::TaskPool& blocking;
  auth::RateLimiter& limits;  // per partner (SIRET), shared by every partner route
};

// The routes keep a reference to context, which must outlive the router.
void add_verification_routes(http::Router& router, const VerificationRoutes& context);

}  // namespace ofpra::api
