// Share codes as people type them: a code read is shown and read back as the same code.
#include "domain/share_code.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view typed(reinterpret_cast<const char*>(data), size);
  if (const auto code = canonical_share_code(typed)) {
    const auto shown = display_share_code(*code);
    const auto again = canonical_share_code(shown);
    FUZZ_CHECK(again && *again == *code);
  }
  if (const auto level = parse_share_level(typed)) FUZZ_CHECK(parse_share_level(to_string(*level)) == level);
  return 0;
}
