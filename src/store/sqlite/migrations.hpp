#pragma once
// The SQLite schema migrations, NNNN_name.sql, compiled in from migrations/.
#include "env/embedded_file.hpp"

namespace ofpra::store::sqlite::migrations {
using ofpra::EmbeddedFile;
std::span<const EmbeddedFile> embedded_files();
}  // namespace ofpra::store::sqlite::migrations
