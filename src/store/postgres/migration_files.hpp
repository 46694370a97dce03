#pragma once
// The PostgreSQL schema migrations, NNNN_name.sql, compiled in from migrations/.
#include "env/embedded_file.hpp"

namespace ofpra::store::postgres::migrations {
using ofpra::EmbeddedFile;
std::span<const EmbeddedFile> embedded_files();
}  // namespace ofpra::store::postgres::migrations
