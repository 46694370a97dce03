#include "http/operations.hpp"

#include "http/errors.hpp"

#include <openssl/crypto.h>
#include <openssl/sha.h>

namespace ofpra::http {

namespace {

bool loopback(std::string_view address) {
  return address.starts_with("127.") || address == "::1" || address.starts_with("::ffff:127.");
}

std::string sha256_hex(std::string_view text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (auto b : digest) out += {hex[b >> 4], hex[b & 15]};
  return out;
}

bool may_read_metrics(const Request& request, const MetricsAccess& access) {
  if (access.token_sha256_hex.empty()) return loopback(request.client_address);
  constexpr std::string_view bearer = "Bearer ";
  const auto header = request.header("authorization");
  if (!header.starts_with(bearer)) return false;
  const auto presented = sha256_hex(header.substr(bearer.size()));
  return presented.size() == access.token_sha256_hex.size() &&
         CRYPTO_memcmp(presented.data(), access.token_sha256_hex.data(), presented.size()) == 0;
}

}  // namespace

void add_operations_routes(Router& router, Metrics& metrics, std::function<Readiness()> readiness,
                           MetricsAccess access) {
  router.get("/healthz", "healthz", [](const Request&) { return json_response(200, R"({"status":"ok"})"); });
  router.get("/readyz", "readyz", [readiness = std::move(readiness)](const Request&) {
    auto r = readiness();
    if (!r.ready) return error_response(errors::unavailable, r.reason);
    return json_response(200, R"({"status":"ready"})");
  });
  router.get("/metrics", "metrics", [&metrics, access = std::move(access)](const Request& request) {
    if (!may_read_metrics(request, access)) return error_response(errors::not_found, "Cette adresse n'existe pas.");
    Response r;
    r.content_type = "text/plain; version=0.0.4; charset=utf-8";
    r.body = metrics.render();
    return r;
  });
}

}  // namespace ofpra::http
