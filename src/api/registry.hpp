#pragma once
// The registry's writer (docs/REGISTRY-HISTORY.md), for OFPRA's own information system only:
// PUT and DELETE /api/v1/registre/personnes/{numero_ofpra}, POST /api/v1/registre/lots (JSON
// Lines, all or nothing). Each write goes to service/ingestion.hpp; this renders.
#include "auth/tokens.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/ingestion.hpp"

#include <cstddef>
#include <string_view>

namespace ofpra::api {

inline constexpr std::string_view registry_batch_path = "/api/v1/registre/lots";
// About 18,000 records; a larger extract goes in several batches, or through `import`.
inline constexpr std::size_t registry_batch_limit = 16 << 20;

struct RegistryRoutes {
  const service::IngestionContext& ingestion;
  const auth::TokenIssuer& issuer;
  env::TaskPool& blocking;
};

// The routes keep a reference to context, which must outlive the router.
void add_registry_routes(http::Router& router, const RegistryRoutes& context);

}  // namespace ofpra::api
