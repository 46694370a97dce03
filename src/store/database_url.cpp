#include "store/database_url.hpp"

namespace ofpra::store {

domain::Result<DatabaseUrl> parse_database_url(std::string_view url) {
  constexpr std::string_view sqlite_prefix = "sqlite:";
  if (url.starts_with(sqlite_prefix)) {
    auto path = url.substr(sqlite_prefix.size());
    if (path.starts_with("//")) path.remove_prefix(2);  // also accept sqlite://PATH
    if (path.empty()) return domain::Error{"sqlite: URL needs a file path, as in sqlite:var/registry.db", "db"};
    return DatabaseUrl{DatabaseUrl::Kind::sqlite, std::string(path)};
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://"))
    return DatabaseUrl{DatabaseUrl::Kind::postgresql, std::string(url)};
  return domain::Error{"database URL must be sqlite:PATH or postgresql://...", "db"};
}

}  // namespace ofpra::store
