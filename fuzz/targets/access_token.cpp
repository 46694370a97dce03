// Access tokens as the API receives them: the raw bytes as a token, then the bytes as the
// header and claims of a token signed with the issuer's own key (first line: the header), so
// that what lies behind the signature check is reached too.
#include "../fuzz_check.hpp"
#include "auth/jws.hpp"
#include "auth/tokens.hpp"
#include "fuzz_keys.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fuzz::ScratchKeys keys;
  static const auth::TokenIssuer issuer(keys.key(), "https://connect.ofpra.test", std::chrono::seconds(600));
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto now = std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));

  (void)issuer.verify(input, now);
  if (const auto decoded = auth::base64url_decode(input))
    FUZZ_CHECK(auth::base64url_decode(auth::base64url(*decoded)).value() == *decoded);

  const auto newline = input.find('\n');
  const auto header = input.substr(0, newline);
  const auto claims = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  const auto token = auth::jws_sign(header, claims, keys.key());
  if (const auto verified = issuer.verify(token, now)) {
    FUZZ_CHECK(verified->expires_at > 1'800'000'000);  // verify refuses what has expired
    for (const auto& scope : verified->scopes) FUZZ_CHECK(!scope.empty() && scope.find(' ') == std::string::npos);
  }
  return 0;
}
