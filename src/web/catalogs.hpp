#pragma once
// The portal's translation catalogs (i18n/<language>.json), compiled in.
#include "env/embedded_file.hpp"

namespace ofpra::web::catalogs {
using ofpra::EmbeddedFile;
std::span<const EmbeddedFile> embedded_files();
}  // namespace ofpra::web::catalogs
