#include "store/sqlite/sqlite_database.hpp"
#include "store/sqlite/private_files.hpp"

#include "store/migration_order.hpp"
#include "store/sql/sql_database.hpp"
#include "store/sqlite/checkpointer.hpp"
#include "store/sqlite/executor.hpp"
#include "store/sqlite/migrations.hpp"

namespace ofpra::store::sqlite {
namespace {

Result<int> version_of(Connection& c) {
  auto st = c.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  if (!st) return 0;  // no bookkeeping table yet: an empty database
  auto r = st->step();
  if (!r) return r.error();
  return static_cast<int>(st->int64(0));
}

Result<int> migrate_connection(Connection& c, const env::Clock& clock) {
  if (auto s = c.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                      "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
      !s)
    return s.error();
  auto current = version_of(c);
  if (!current) return current;
  int version = *current;
  for (const auto& m : migrations_in_order(migrations::embedded_files())) {
    if (m.version <= version) continue;
    // Each migration and its bookkeeping row commit together or not at all; BEGIN IMMEDIATE
    // makes concurrent migrators wait instead of racing.
    if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s.error();
    auto again = version_of(c);
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
        applied = st->bind(1, std::int64_t{m.version}).bind(2, m.name).bind(3, env::format_utc(clock.now())).run();
    }
    if (applied) applied = c.exec("COMMIT");
    if (!applied) {
      c.exec("ROLLBACK");
      return domain::unavailable_error("migration " + std::string(m.name) + " failed: " + applied.error().message);
    }
    version = m.version;
  }
  return version;
}

class SqliteEngine final : public sql::Engine {
 public:
  SqliteEngine(std::unique_ptr<Checkpointer> checkpointer, Connection main, Connection journal, const env::Clock& clock)
      : checkpointer_(std::move(checkpointer)), main_(std::move(main)), journal_(std::move(journal)), clock_(clock) {}
  sql::Executor& main() override { return main_; }
  sql::Executor& journal() override { return journal_; }
  Result<int> migrate() override {
    return main_.with_connection([&](Connection& c) { return migrate_connection(c, clock_); });
  }

 private:
  std::unique_ptr<Checkpointer> checkpointer_;  // first in, last out: the connections it watches close before it
  SqliteExecutor main_;
  SqliteExecutor journal_;
  const env::Clock& clock_;
};

}  // namespace

Result<std::unique_ptr<Database>> open(const std::string& path, const OpenOptions& options) {
  if (options.require_private)
    if (auto s = check_private(path); !s) return s.error();
  if (options.create)
    if (auto s = create_private(path); !s) return s.error();
  auto connection = Connection::open(path, options.create, LogWrites::direct, options.sqlite_vfs);
  if (!connection) return connection.error();
  // The journal commits a dozen pages several hundred times a second: its log writes go out
  // as one write a commit.
  auto journal_connection = Connection::open(path, false, LogWrites::gathered, options.sqlite_vfs);
  if (!journal_connection) return journal_connection.error();
  // The journal's connection only appends: a small page cache, because SQLite walks the
  // whole cache's hash table at every commit (measured: 4 % of the server's CPU with 64 MiB).
  if (auto s = journal_connection->exec("PRAGMA cache_size=-2048;"); !s) return s.error();
  auto checkpointer = Checkpointer::start(path, {}, options.sqlite_vfs);
  if (!checkpointer) return checkpointer.error();
  // Only the journal's commits hand their checkpoints over: the other connection's writes are
  // rare while serving, and the long writes of seed and import run faster with SQLite's own
  // checkpoint after each commit (a copy beside them kept the log from starting over).
  (*checkpointer)->watch(*journal_connection);
  const auto& clock = options.clock ? *options.clock : env::system_clock();
  auto db = sql::make_database(std::make_unique<SqliteEngine>(std::move(*checkpointer), std::move(*connection),
                                                              std::move(*journal_connection), clock),
                               clock);
  if (options.migrate) {
    auto v = db->migrate();
    if (!v) return v.error();
  }
  return db;
}

}  // namespace ofpra::store::sqlite
