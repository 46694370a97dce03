#include "store/postgres/migrate.hpp"

#include "store/migration_order.hpp"
#include "store/postgres/migration_files.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace ofpra::store::postgres {
namespace {

// Any fixed number, the same on every node: pg_advisory_lock(key) serialises migrations.
constexpr std::string_view lock_key = "4242017";

constexpr std::string_view create_bookkeeping =
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
    "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())";

}  // namespace

Result<int> schema_version(Connection& c) {
  auto exists = c.query("SELECT to_regclass('schema_migrations') IS NOT NULL");
  if (!exists) return exists.error();
  if (exists->text(0, 0) != "t") return 0;
  auto v = c.query("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!v) return v.error();
  return static_cast<int>(v->int64(0, 0));
}

Result<int> migrate(Connection& c) {
  // Another node's migration may take longer than the usual lock timeout: wait for it.
  if (auto s = c.exec("SET lock_timeout = 0"); !s) return s.error();
  if (auto s = c.exec("SELECT pg_advisory_lock(" + std::string(lock_key) + ")"); !s) return s.error();
  auto applied = [&]() -> Result<int> {
    if (auto s = c.exec(create_bookkeeping); !s) return s.error();
    auto current = schema_version(c);
    if (!current) return current;
    int version = *current;
    for (const auto& m : migrations_in_order(migrations::embedded_files())) {
      if (m.version <= version) continue;
      auto s = c.transaction([&](Connection& tx) -> Status {
        if (auto e = tx.exec(m.sql); !e)
          return domain::unavailable_error(std::string(m.name) + ": " + e.error().message);
        auto r = tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                          {std::to_string(m.version), std::string(m.name)});
        if (!r) return r.error();
        return domain::success();
      });
      if (!s) return s.error();
      version = m.version;
    }
    return version;
  }();
  // Released whatever happened: the lock belongs to the session, which may live on in a pool.
  (void)c.exec("SELECT pg_advisory_unlock(" + std::string(lock_key) + ")");
  (void)c.exec("RESET lock_timeout");
  return applied;
}

}  // namespace ofpra::store::postgres
