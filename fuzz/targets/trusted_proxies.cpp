// The trusted proxies' list from the configuration and the X-Forwarded-For they send. Lines of
// the input: the list, the peer, the header.
#include "http/trusted_proxies.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace ofpra::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view lines[3];
  for (auto& line : lines) {
    const auto end = input.find('\n');
    line = input.substr(0, end);
    input = end == std::string_view::npos ? std::string_view{} : input.substr(end + 1);
  }
  const auto proxies = TrustedProxies::parse(lines[0]);
  if (!proxies) return 0;
  const auto client = proxies->client_of(lines[1], lines[2]);
  // The peer itself, or an address the header named: never anything made up.
  FUZZ_CHECK(client == lines[1] || lines[2].find(client) != std::string_view::npos);
  if (!proxies->contains(lines[1])) FUZZ_CHECK(client == lines[1]);
  return 0;
}
