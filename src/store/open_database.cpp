#include "store/database.hpp"
#include "store/postgres/postgres_database.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace ofpra::store {

Result<std::unique_ptr<Database>> open_database(const DatabaseUrl& url, const OpenOptions& options) {
  switch (url.kind) {
    case DatabaseUrl::Kind::sqlite:
      return sqlite::open(url.target, options);
    case DatabaseUrl::Kind::postgresql:
      return postgres::open(url.target, options);
  }
  return domain::Error{"unknown database kind", "db"};
}

}  // namespace ofpra::store
