#pragma once
// The SQL executor on one SQLite connection. Calls are serialised by the connection's mutex,
// which a transaction holds from begin to commit; callers never run them on an io thread.
#include "store/sql/executor.hpp"
#include "store/sqlite/connection.hpp"

#include <mutex>

namespace ofpra::store::sqlite {

class SqliteExecutor final : public sql::Executor {
 public:
  explicit SqliteExecutor(Connection connection) : connection_(std::move(connection)) {}
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  Status insert_many(std::string_view table, std::span<const std::string_view> columns,
                     const std::vector<std::vector<sql::Value>>& rows) override;
  Result<std::unique_ptr<sql::Transaction>> begin(sql::Mode mode) override;
  // For the migrations, which need the connection itself.
  template <class F>
  auto with_connection(F f) {
    std::lock_guard lock(mutex_);
    return f(connection_);
  }

 protected:
  Result<sql::Rows> do_query(std::string_view sql, std::span<const sql::Value> params) override;
  Result<std::int64_t> do_run(std::string_view sql, std::span<const sql::Value> params) override;
  Status do_each(std::string_view sql, std::span<const sql::Value> params,
                 const std::function<bool(const sql::RowView&)>& visit) override;

 private:
  Connection connection_;
  std::mutex mutex_;
};

}  // namespace ofpra::store::sqlite
