#include "http/operations.hpp"

#include "http/errors.hpp"

namespace ofpra::http {

void add_operations_routes(Router& router, Metrics& metrics, std::function<Readiness()> readiness) {
  router.get("/healthz", "healthz", [](const Request&) { return json_response(200, R"({"status":"ok"})"); });
  router.get("/readyz", "readyz", [readiness = std::move(readiness)](const Request&) {
    auto r = readiness();
    if (!r.ready) return error_response(errors::unavailable, r.reason);
    return json_response(200, R"({"status":"ready"})");
  });
  router.get("/metrics", "metrics", [&metrics](const Request&) {
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.render();
    return r;
  });
}

}  // namespace ofpra::http
