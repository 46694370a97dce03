#pragma once
// Probes and metrics for operators: /healthz (the process answers), /readyz (it can serve:
// registry loaded, store reachable, not stopping) and /metrics (Prometheus).
#include "http/metrics.hpp"
#include "http/router.hpp"

#include <functional>
#include <string>

namespace ofpra::http {

struct Readiness {
  bool ready = false;
  std::string reason;  // why not, in words for operators
};

// Who may read /metrics, which tells about traffic and partners: with a token configured, a
// scraper sending it as "Authorization: Bearer TOKEN" (only its SHA-256 is configured);
// without, clients on the loopback interface only. Anyone else is answered 404.
struct MetricsAccess {
  std::string token_sha256_hex;
};

// The callbacks must be cheap and never block on disk: they run on io threads.
void add_operations_routes(Router& router, Metrics& metrics, std::function<Readiness()> readiness,
                           MetricsAccess access = {});

}  // namespace ofpra::http
