#pragma once
// The SQLite implementation of the storage interfaces.
#include "store/database.hpp"

namespace ofpra::store::sqlite {

Result<std::unique_ptr<Database>> open(const std::string& path, const OpenOptions& options);

}  // namespace ofpra::store::sqlite
