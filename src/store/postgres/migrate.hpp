#pragma once
// The PostgreSQL schema migrations (migrations/NNNN_name.sql, compiled in), applied under an
// advisory lock: several nodes starting at once apply each migration once, the others wait
// and find it done.
#include "store/postgres/connection.hpp"

namespace ofpra::store::postgres {

// Applies what is pending, each migration in its own transaction; returns the version now.
Result<int> migrate(Connection& connection);
// 0 for an empty database.
Result<int> schema_version(Connection& connection);

}  // namespace ofpra::store::postgres
