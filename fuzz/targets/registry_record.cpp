// A line of the registry import (DESIGN §6): what is read is written back as a line that
// reads the same person again.
#include "domain/registry_record.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

using namespace ofpra::domain;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  auto person = parse_registry_record(line);
  if (!person) {
    FUZZ_CHECK(!person.error().message.empty());
    return 0;
  }
  FUZZ_CHECK(is_numero_ofpra(person->numero_ofpra));
  const auto again = parse_registry_record(to_registry_record(*person));
  FUZZ_CHECK(again.ok());
  FUZZ_CHECK(*again == *person);
  return 0;
}
