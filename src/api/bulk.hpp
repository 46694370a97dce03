#pragma once
// Bulk verifications (docs/BULK.md): POST /api/v1/lots takes up to 100,000 requests as JSON Lines
// and answers 202 with the job; GET /api/v1/lots/{id} says how far it went; GET
// /api/v1/lots/{id}/resultats gives, once it ended, one line per request in order, each exactly
// the body POST /api/v1/verifications would have answered. notify/bulk_jobs.hpp does the work.
#include "api/partner_access.hpp"
#include "http/router.hpp"
#include "notify/bulk_jobs.hpp"

#include <cstddef>
#include <string_view>

namespace ofpra::api {

inline constexpr std::string_view bulk_path = "/api/v1/lots";
// 100,000 requests of up to about 600 bytes each.
inline constexpr std::size_t bulk_body_limit = 64 << 20;

struct BulkRoutes {
  const notify::BulkContext& bulk;
  notify::BulkRunner& runner;
  PartnerPool pool;
};

// The routes keep a reference to context, which must outlive the router.
void add_bulk_routes(http::Router& router, const BulkRoutes& context);

}  // namespace ofpra::api
