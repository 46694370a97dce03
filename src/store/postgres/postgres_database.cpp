#include "store/postgres/postgres_database.hpp"

#include "store/postgres/change_feed.hpp"
#include "store/postgres/executor.hpp"
#include "store/postgres/migrate.hpp"
#include "store/sql/sql_database.hpp"

namespace ofpra::store::postgres {
namespace {

class PostgresEngine final : public sql::Engine {
 public:
  PostgresEngine(std::unique_ptr<Pool> pool, std::string url)
      : pool_(std::move(pool)), executor_(*pool_), url_(std::move(url)) {}
  sql::Executor& main() override { return executor_; }
  // One pool for both: a PostgreSQL commit does not hold up other connections.
  sql::Executor& journal() override { return executor_; }
  Result<int> migrate() override {
    auto c = pool_->acquire();
    if (!c) return c.error();
    return postgres::migrate(**c);
  }
  std::unique_ptr<ChangeFeed> watch_changes(std::function<void(std::string_view)> changed) override {
    return std::make_unique<PostgresChangeFeed>(url_, std::move(changed));
  }

 private:
  std::unique_ptr<Pool> pool_;
  PostgresExecutor executor_;
  std::string url_;
};

}  // namespace

Result<std::unique_ptr<Database>> open(const std::string& url, const OpenOptions& options) {
  auto pool = Pool::open(url, options.pool_size);
  if (!pool) return pool.error();
  const auto& clock = options.clock ? *options.clock : env::system_clock();
  auto db = sql::make_database(std::make_unique<PostgresEngine>(std::move(*pool), url), clock);
  if (options.migrate) {
    auto v = db->migrate();
    if (!v) return v.error();
  }
  return db;
}

}  // namespace ofpra::store::postgres
