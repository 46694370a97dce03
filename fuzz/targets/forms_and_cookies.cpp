// Forms (application/x-www-form-urlencoded), percent-escapes and the Cookie header.
#include "../fuzz_check.hpp"
#include "http/cookies.hpp"
#include "http/form.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra::http;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (const auto decoded = percent_decode(input, true)) FUZZ_CHECK(decoded->size() <= input.size());
  if (const auto decoded = percent_decode(input, false)) FUZZ_CHECK(decoded->size() <= input.size());
  if (const auto form = parse_form(input)) {
    std::size_t total = 0;
    for (const auto& [name, value] : *form) total += name.size() + value.size();
    FUZZ_CHECK(total <= input.size());
  }
  Request request;
  request.headers.emplace_back("cookie", std::string(input));
  const auto value = cookie(request, "session");
  FUZZ_CHECK(value.size() <= input.size());
  return 0;
}
