#pragma once
// The PostgreSQL implementation of the storage interfaces: the stores of src/store/sql on a
// connection pool.
#include "store/database.hpp"

namespace ofpra::store::postgres {

Result<std::unique_ptr<Database>> open(const std::string& url, const OpenOptions& options);

}  // namespace ofpra::store::postgres
