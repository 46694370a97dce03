#include "store/database.hpp"
#include "store/postgres/migrate.hpp"
#include "store/sqlite/sqlite_database.hpp"

namespace ofpra::store {

Result<std::unique_ptr<Database>> open_database(const DatabaseUrl& url, const OpenOptions& options) {
  switch (url.kind) {
    case DatabaseUrl::Kind::sqlite:
      return sqlite::open(url.target, options);
    case DatabaseUrl::Kind::postgresql:
      return domain::Error{"PostgreSQL storage is not available in this version beyond `migrate`; use sqlite:PATH",
                           "db"};
  }
  return domain::Error{"unknown database kind", "db"};
}

Result<int> migrate_database(const DatabaseUrl& url) {
  if (url.kind == DatabaseUrl::Kind::postgresql) {
    auto c = postgres::Connection::open(url.target);
    if (!c) return c.error();
    return postgres::migrate(*c);
  }
  auto db = open_database(url, {.create = true, .migrate = false});
  if (!db) return db.error();
  return (*db)->migrate();
}

}  // namespace ofpra::store
