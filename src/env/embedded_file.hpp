#pragma once
// A file compiled into the binary by cmake/embed.cmake.
#include <span>
#include <string_view>

namespace ofpra {

struct EmbeddedFile {
  std::string_view name;
  std::string_view content;
};

}  // namespace ofpra
