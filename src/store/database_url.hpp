#pragma once
// The --db URL of the command line: "sqlite:PATH" or a "postgresql://" URI.
#include "domain/result.hpp"

#include <string>
#include <string_view>

namespace ofpra::store {

struct DatabaseUrl {
  enum class Kind { sqlite, postgresql };
  Kind kind = Kind::sqlite;
  std::string target;  // the SQLite file path, or the whole PostgreSQL URI
};

domain::Result<DatabaseUrl> parse_database_url(std::string_view url);

}  // namespace ofpra::store
