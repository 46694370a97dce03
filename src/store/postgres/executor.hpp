#pragma once
// The SQL executor on a PostgreSQL pool: each call leases a connection for as long as it
// runs; a transaction keeps its connection from begin to commit.
#include "store/postgres/pool.hpp"
#include "store/sql/executor.hpp"

namespace ofpra::store::postgres {

class PostgresExecutor final : public sql::Executor {
 public:
  explicit PostgresExecutor(Pool& pool) : pool_(pool) {}
  sql::Dialect dialect() const override { return sql::Dialect::postgresql; }
  Status insert_many(std::string_view table, std::span<const std::string_view> columns,
                     const std::vector<std::vector<sql::Value>>& rows) override;
  Result<std::unique_ptr<sql::Transaction>> begin(sql::Mode mode) override;

 protected:
  Result<sql::Rows> do_query(std::string_view sql, std::span<const sql::Value> params) override;
  Result<std::int64_t> do_run(std::string_view sql, std::span<const sql::Value> params) override;
  Status do_each(std::string_view sql, std::span<const sql::Value> params,
                 const std::function<bool(const sql::RowView&)>& visit) override;

 private:
  Pool& pool_;
};

}  // namespace ofpra::store::postgres
