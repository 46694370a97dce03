#pragma once
// The matcher's data (src/matching/data/), compiled in.
#include "env/embedded_file.hpp"

namespace ofpra::matching::data {
using ofpra::EmbeddedFile;
std::span<const EmbeddedFile> embedded_files();
}  // namespace ofpra::matching::data
