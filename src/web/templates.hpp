#pragma once
// HTML templates (templates/*.mustache) and the OpenAPI document, compiled in.
#include "env/embedded_file.hpp"

namespace ofpra::web::templates {
using ofpra::EmbeddedFile;
std::span<const EmbeddedFile> embedded_files();
}  // namespace ofpra::web::templates
