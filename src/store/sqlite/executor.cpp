#include "store/sqlite/executor.hpp"

#include <string>

namespace ofpra::store::sqlite {
namespace {

using sql::Value;

// The parameters outlive the statement's run in every caller: SQLite need not copy them.
void bind_all(Statement& st, std::span<const Value> params) {
  int i = 1;
  for (const auto& p : params) {
    if (const auto* n = p.integer())
      st.bind(i, *n);
    else if (const auto t = p.text())
      st.bind_borrowed(i, *t);
    else
      st.bind_null(i);
    ++i;
  }
}

Result<sql::Rows> read_rows(Connection& c, std::string_view sql, std::span<const Value> params) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  bind_all(*st, params);
  sql::Rows rows;
  const int n = st->columns();
  auto s = st->each_row([&](const Statement& row) {
    std::vector<std::optional<std::string>> cells;
    cells.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) cells.push_back(row.opt_text(i));
    rows.emplace_back(std::move(cells));
    return true;
  });
  if (!s) return s.error();
  return rows;
}

class StatementRow final : public sql::RowView {
 public:
  explicit StatementRow(const Statement& st) : st_(st) {}
  bool is_null(int column) const override { return st_.is_null(column); }
  std::string_view text(int column) const override { return st_.view(column); }

 private:
  const Statement& st_;
};

Status each_row(Connection& c, std::string_view sql, std::span<const Value> params,
                const std::function<bool(const sql::RowView&)>& visit) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  bind_all(*st, params);
  return st->each_row([&](const Statement& row) { return visit(StatementRow(row)); });
}

Result<std::int64_t> run_statement(Connection& c, std::string_view sql, std::span<const Value> params) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  bind_all(*st, params);
  if (auto s = st->run(); !s) return s.error();
  return c.changes();
}

Status insert_rows(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                   const std::vector<std::vector<Value>>& rows) {
  std::string sql = "INSERT INTO " + std::string(table) + " (";
  std::string values;
  for (std::size_t i = 0; i < columns.size(); ++i) {
    sql += (i ? ", " : "") + std::string(columns[i]);
    values += (i ? ", ?" : "?") + std::to_string(i + 1);
  }
  sql += ") VALUES (" + values + ")";
  auto st = c.prepare(sql);
  if (!st) return st.error();
  for (const auto& row : rows) {
    bind_all(*st, row);
    if (auto s = st->run(); !s) return s;
  }
  return domain::success();
}

// BEGIN and COMMIT run for every journal batch: prepared once per connection rather than
// parsed again each time by sqlite3_exec.
Status run_prepared(Connection& c, std::string_view sql) {
  auto st = c.prepare(sql);
  if (!st) return st.error();
  return st->run();
}

class SqliteTransaction final : public sql::Transaction {
 public:
  SqliteTransaction(Connection& c, std::unique_lock<std::mutex> lock) : c_(c), lock_(std::move(lock)) {}
  ~SqliteTransaction() override {
    if (open_) c_.exec("ROLLBACK");
  }
  Status open(sql::Mode mode) {
    // IMMEDIATE takes the write lock now, so that two writers queue rather than one of them
    // failing at its first write; a plain BEGIN reads one snapshot.
    auto s = run_prepared(c_, mode == sql::Mode::write ? "BEGIN IMMEDIATE" : "BEGIN");
    open_ = static_cast<bool>(s);
    return s;
  }
  sql::Dialect dialect() const override { return sql::Dialect::sqlite; }
  Status insert_many(std::string_view table, std::span<const std::string_view> columns,
                     const std::vector<std::vector<Value>>& rows) override {
    return insert_rows(c_, table, columns, rows);
  }
  Status commit() override {
    if (!open_) return domain::Error{"the transaction has already ended", "db"};
    auto s = run_prepared(c_, "COMMIT");
    if (s) open_ = false;
    return s;
  }

 protected:
  Result<sql::Rows> do_query(std::string_view sql, std::span<const Value> params) override {
    return read_rows(c_, sql, params);
  }
  Result<std::int64_t> do_run(std::string_view sql, std::span<const Value> params) override {
    return run_statement(c_, sql, params);
  }
  Status do_each(std::string_view sql, std::span<const Value> params,
                 const std::function<bool(const sql::RowView&)>& visit) override {
    return each_row(c_, sql, params, visit);
  }

 private:
  Connection& c_;
  std::unique_lock<std::mutex> lock_;
  bool open_ = false;
};

}  // namespace

Status SqliteExecutor::insert_many(std::string_view table, std::span<const std::string_view> columns,
                                   const std::vector<std::vector<Value>>& rows) {
  std::lock_guard lock(mutex_);
  return insert_rows(connection_, table, columns, rows);
}

Result<std::unique_ptr<sql::Transaction>> SqliteExecutor::begin(sql::Mode mode) {
  auto tx = std::make_unique<SqliteTransaction>(connection_, std::unique_lock(mutex_));
  if (auto s = tx->open(mode); !s) return s.error();
  return std::unique_ptr<sql::Transaction>(std::move(tx));
}

Result<sql::Rows> SqliteExecutor::do_query(std::string_view sql, std::span<const Value> params) {
  std::lock_guard lock(mutex_);
  return read_rows(connection_, sql, params);
}

Status SqliteExecutor::do_each(std::string_view sql, std::span<const Value> params,
                               const std::function<bool(const sql::RowView&)>& visit) {
  std::lock_guard lock(mutex_);
  return each_row(connection_, sql, params, visit);
}

Result<std::int64_t> SqliteExecutor::do_run(std::string_view sql, std::span<const Value> params) {
  std::lock_guard lock(mutex_);
  return run_statement(connection_, sql, params);
}

}  // namespace ofpra::store::sqlite
