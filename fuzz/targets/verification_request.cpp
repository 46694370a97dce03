// The body of POST /api/v1/verifications: a request read from it meets every rule a request
// must meet, whoever built it.
#include "service/verification_request.hpp"
#include "../fuzz_check.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto parsed = service::parse_verification_request(body);
  if (const auto* request = std::get_if<service::DisclosureRequest>(&parsed)) {
    FUZZ_CHECK(service::valid_purpose(request->purpose));
    FUZZ_CHECK(service::valid_agent(request->agent));
    FUZZ_CHECK(!request->scopes.empty());
    for (std::size_t i = 0; i < request->scopes.size(); ++i)
      FUZZ_CHECK(std::count(request->scopes.begin(), request->scopes.end(), request->scopes[i]) == 1);
    FUZZ_CHECK(request->request_hash.size() == 64);
  } else {
    const auto& refusal = std::get<service::Refusal>(parsed);
    FUZZ_CHECK(!refusal.detail.empty());
  }
  return 0;
}
