#pragma once
// Signed attestations through the API (docs/ATTESTATIONS.md), without sign-in: anyone holding
// one may verify it. POST /api/v1/attestations/verification takes the 2D-Doc's text (JSON
// {"code_2ddoc": ...} or text/plain) or the file itself (application/pdf, image/png,
// image/jpeg); GET /api/v1/attestations/certificats serves the signing certificates and the
// authority's as PEM, GET /api/v1/attestations/crl the authority's revocation list.
#include "attest/authority.hpp"
#include "attest/verification.hpp"
#include "auth/rate_limit.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"

#include <string>

namespace ofpra::api {

struct AttestationRoutes {
  const service::DoorContext& door;
  const attest::Authority& authority;
  env::TaskPool& blocking;
  auth::RateLimiter& checks;  // verifications per address (429 beyond)
};

inline constexpr std::string_view attestation_verification_path = "/api/v1/attestations/verification";

// The verification as the API (and the command line) writes it: {"data":{"statut":...}, ...}.
std::string verification_json(const attest::Verification& v);

// The routes keep a reference to context, which must outlive the router.
void add_attestation_routes(http::Router& router, const AttestationRoutes& context);

}  // namespace ofpra::api
