#include "store/postgres/executor.hpp"

namespace ofpra::store::postgres {
namespace {

using sql::Value;

std::vector<Param> params_of(std::span<const Value> values) {
  std::vector<Param> out;
  out.reserve(values.size());
  for (const auto& v : values) out.push_back(v.is_null() ? Param{} : Param{v.as_text()});
  return out;
}

sql::Rows rows_of(const Rows& rows) {
  sql::Rows out;
  out.reserve(static_cast<std::size_t>(rows.size()));
  const int n = rows.columns();
  for (int r = 0; r < rows.size(); ++r) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<std::size_t>(n));
    for (int c = 0; c < n; ++c) cells.push_back(rows.opt_text(r, c));
    out.emplace_back(std::move(cells));
  }
  return out;
}

Result<sql::Rows> read_rows(Connection& c, std::string_view sql, std::span<const Value> params) {
  auto rows = c.prepared(sql, params_of(params));
  if (!rows) return rows.error();
  return rows_of(*rows);
}

class ResultRow final : public sql::RowView {
 public:
  ResultRow(const Rows& rows, int row) : rows_(rows), row_(row) {}
  bool is_null(int column) const override { return rows_.is_null(row_, column); }
  std::string_view text(int column) const override { return rows_.view(row_, column); }

 private:
  const Rows& rows_;
  int row_;
};

// The rows arrive whole in libpq's result (callers read in chunks); each is visited in place.
Status each_row(Connection& c, std::string_view sql, std::span<const Value> params,
                const std::function<bool(const sql::RowView&)>& visit) {
  auto rows = c.prepared(sql, params_of(params));
  if (!rows) return rows.error();
  for (int r = 0; r < rows->size(); ++r)
    if (!visit(ResultRow(*rows, r))) break;
  return domain::success();
}

Result<std::int64_t> run_statement(Connection& c, std::string_view sql, std::span<const Value> params) {
  auto rows = c.prepared(sql, params_of(params));
  if (!rows) return rows.error();
  return rows->affected();
}

Status copy_rows(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                 const std::vector<std::vector<Value>>& rows) {
  std::vector<std::vector<Param>> text_rows;
  text_rows.reserve(rows.size());
  for (const auto& row : rows) text_rows.push_back(params_of(row));
  return c.copy_in(table, {columns.begin(), columns.end()}, text_rows);
}

bool worth_retrying(const std::string& state) { return state == "40001" || state == "40P01"; }

class PostgresTransaction final : public sql::Transaction {
 public:
  explicit PostgresTransaction(Pool::Lease lease) : lease_(std::move(lease)) {}
  ~PostgresTransaction() override {
    if (open_) (void)lease_->exec("ROLLBACK");
  }
  Status open(sql::Mode mode) {
    auto s = lease_->exec(mode == sql::Mode::write ? "BEGIN ISOLATION LEVEL READ COMMITTED"
                                                   : "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    open_ = static_cast<bool>(s);
    return s;
  }
  sql::Dialect dialect() const override { return sql::Dialect::postgresql; }
  Status insert_many(std::string_view table, std::span<const std::string_view> columns,
                     const std::vector<std::vector<Value>>& rows) override {
    return note(copy_rows(*lease_, table, columns, rows));
  }
  Status commit() override {
    if (!open_) return domain::unavailable_error("the transaction has already ended");
    auto s = note(lease_->exec("COMMIT"));
    open_ = false;  // a failed COMMIT has rolled back
    return s;
  }
  bool retryable() const override { return worth_retrying(state_); }

 protected:
  Result<sql::Rows> do_query(std::string_view sql, std::span<const Value> params) override {
    auto r = read_rows(*lease_, sql, params);
    if (!r) state_ = lease_->last_state();
    return r;
  }
  Result<std::int64_t> do_run(std::string_view sql, std::span<const Value> params) override {
    auto r = run_statement(*lease_, sql, params);
    if (!r) state_ = lease_->last_state();
    return r;
  }
  Status do_each(std::string_view sql, std::span<const Value> params,
                 const std::function<bool(const sql::RowView&)>& visit) override {
    return note(each_row(*lease_, sql, params, visit));
  }

 private:
  Status note(Status s) {
    if (!s) state_ = lease_->last_state();
    return s;
  }
  Pool::Lease lease_;
  bool open_ = false;
  std::string state_;  // SQLSTATE of the first failure
};

}  // namespace

Status PostgresExecutor::insert_many(std::string_view table, std::span<const std::string_view> columns,
                                     const std::vector<std::vector<Value>>& rows) {
  auto c = pool_.acquire();
  if (!c) return c.error();
  return copy_rows(**c, table, columns, rows);
}

Result<std::unique_ptr<sql::Transaction>> PostgresExecutor::begin(sql::Mode mode) {
  auto c = pool_.acquire();
  if (!c) return c.error();
  auto tx = std::make_unique<PostgresTransaction>(std::move(*c));
  if (auto s = tx->open(mode); !s) return s.error();
  return std::unique_ptr<sql::Transaction>(std::move(tx));
}

Result<sql::Rows> PostgresExecutor::do_query(std::string_view sql, std::span<const Value> params) {
  auto c = pool_.acquire();
  if (!c) return c.error();
  return read_rows(**c, sql, params);
}

Status PostgresExecutor::do_each(std::string_view sql, std::span<const Value> params,
                                 const std::function<bool(const sql::RowView&)>& visit) {
  auto c = pool_.acquire();
  if (!c) return c.error();
  return each_row(**c, sql, params, visit);
}

Result<std::int64_t> PostgresExecutor::do_run(std::string_view sql, std::span<const Value> params) {
  auto c = pool_.acquire();
  if (!c) return c.error();
  return run_statement(**c, sql, params);
}

}  // namespace ofpra::store::postgres
