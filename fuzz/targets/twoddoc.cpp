// A 2D-Doc as a verifier presents it (text, or a file read for its DataMatrix): never a crash;
// what parses reads back the same from its own signed text and signature.
#include "attest/scan.hpp"
#include "attest/twoddoc.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra::attest;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view presented(reinterpret_cast<const char*>(data), size);
  const auto scanned = scan(presented);
  FUZZ_CHECK(!scanned.problem || scanned.twoddoc.empty());
  const auto parsed = parse_twoddoc(presented);
  if (const auto* doc = std::get_if<TwoDDoc>(&parsed)) {
    FUZZ_CHECK(doc->signature.size() == 64);
    const auto again = parse_twoddoc(with_signature(doc->signed_text, doc->signature));
    const auto* same = std::get_if<TwoDDoc>(&again);
    FUZZ_CHECK(same && same->signed_text == doc->signed_text && same->fields.size() == doc->fields.size());
    for (std::size_t i = 0; i < doc->fields.size(); ++i) FUZZ_CHECK(same->fields[i].value == doc->fields[i].value);
  }
  return 0;
}
