// multipart/form-data bodies as a browser (or anyone) sends them: never a crash; every part read
// lies within the body.
#include "http/multipart.hpp"
#include "../fuzz_check.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto newline = body.find('\n');
  const auto type = body.substr(0, newline == std::string_view::npos ? 0 : newline);
  const auto rest = newline == std::string_view::npos ? body : body.substr(newline + 1);
  if (const auto boundary = ofpra::http::multipart_boundary(type))
    if (const auto parts = ofpra::http::parse_multipart(rest, *boundary)) {
      std::size_t total = 0;
      for (const auto& [name, content] : *parts) total += name.size() + content.size();
      FUZZ_CHECK(total <= rest.size());
    }
  return 0;
}
