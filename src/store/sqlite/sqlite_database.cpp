#include "store/sqlite/sqlite_database.hpp"

#include "store/migration_order.hpp"
#include "store/sqlite/journal_store.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/stores.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace ofpra::store::sqlite {
namespace {

class SqliteDatabase final : public Database {
 public:
  SqliteDatabase(Connection connection, Connection journal_connection, const env::Clock& clock)
      : shared_{std::move(connection), {}, &clock},
        registry_(shared_),
        partners_(shared_),
        accounts_(shared_),
        consents_(shared_),
        portal_(shared_),
        journal_(std::move(journal_connection), clock) {}

  RegistryStore& registry() override { return registry_; }
  PartnerStore& partners() override { return partners_; }
  AccountStore& accounts() override { return accounts_; }
  ConsentStore& consents() override { return consents_; }
  PortalStore& portal() override { return portal_; }
  JournalStore& journal() override { return journal_; }

  Result<int> schema_version() override {
    std::lock_guard lock(shared_.mutex);
    return version_locked();
  }

  Result<int> migrate() override {
    std::lock_guard lock(shared_.mutex);
    auto& c = shared_.connection;
    if (auto s = c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                        "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        !s)
      return s.error();
    auto current = version_locked();
    if (!current) return current;
    int version = *current;
    for (const auto& m : migrations_in_order(migrations::embedded_files())) {
      if (m.version <= version) continue;
      // Each migration and its bookkeeping row commit together or not at all; BEGIN IMMEDIATE
      // makes concurrent migrators wait instead of racing.
      if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s.error();
      auto again = version_locked();
      if (again && *again >= m.version) {
        c.exec("COMMIT");
        version = *again;
        continue;
      }
      auto applied = c.exec(m.sql);
      if (applied) {
        auto st = c.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)");
        if (!st)
          applied = st.error();
        else
          applied =
              st->bind(1, std::int64_t{m.version}).bind(2, m.name).bind(3, env::format_utc(shared_.clock->now())).run();
      }
      if (applied) applied = c.exec("COMMIT");
      if (!applied) {
        c.exec("ROLLBACK");
        return domain::Error{"migration " + std::string(m.name) + " failed: " + applied.error().message, "db"};
      }
      version = m.version;
    }
    return version;
  }

  Status ping() override {
    std::lock_guard lock(shared_.mutex);
    auto st = shared_.connection.prepare("SELECT 1");
    if (!st) return st.error();
    auto r = st->step();
    if (!r) return r.error();
    return domain::success();
  }

 private:
  Result<int> version_locked() {
    auto st = shared_.connection.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
    if (!st) return 0;  // no bookkeeping table yet: an empty database
    auto r = st->step();
    if (!r) return r.error();
    return static_cast<int>(st->int64(0));
  }

  Shared shared_;
  SqliteRegistryStore registry_;
  SqlitePartnerStore partners_;
  SqliteAccountStore accounts_;
  SqliteConsentStore consents_;
  SqlitePortalStore portal_;
  SqliteJournalStore journal_;
};

}  // namespace

Result<std::unique_ptr<Database>> open(const std::string& path, const OpenOptions& options) {
  auto connection = Connection::open(path, options.create);
  if (!connection) return connection.error();
  auto journal_connection = Connection::open(path, false);
  if (!journal_connection) return journal_connection.error();
  auto db = std::make_unique<SqliteDatabase>(std::move(*connection), std::move(*journal_connection),
                                             options.clock ? *options.clock : env::system_clock());
  if (options.migrate) {
    auto v = db->migrate();
    if (!v) return v.error();
  }
  return std::unique_ptr<Database>(std::move(db));
}

}  // namespace ofpra::store::sqlite
