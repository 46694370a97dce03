#include "store/sqlite/executor.hpp"

#include <string>
#include <unordered_map>

namespace ofpra::store::sqlite {
namespace {

using sql::Value;

// The parameters outlive the statement's run in every caller: SQLite need not copy them.
// Binds params from index i on; returns the index after the last.
int bind_from(Statement& st, int i, std::span<const Value> params) {
  for (const auto& p : params) {
    if (const auto* n = p.integer())
      st.bind(i, *n);
    else if (const auto t = p.text())
      st.bind_borrowed(i, *t);
    else
      st.bind_null(i);
    ++i;
  }
  return i;
}

void bind_all(Statement& st, std::span<const Value> params) { bind_from(st, 1, params); }

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

// One statement inserts up to max_rows_per_insert rows: SQLite's work per statement run
// (bind, step, reset) is about a fifth of a journal row's insert when each row runs one
// (3.9-4.2 against 3.0-3.3 µs a row, batches of 32, in a probe of this table's shape). The
// chunks are powers of two, so that a connection prepares and caches a few statements only.
constexpr std::size_t max_rows_per_insert = 32;

// The statement for rows of a chunk size; built once per thread, since a 32-row statement's
// text is some four hundred numbered parameters.
const std::string& insert_sql(std::string_view table, std::span<const std::string_view> columns, std::size_t rows) {
  std::string key = std::string(table) + ':' + std::to_string(rows);
  for (auto column : columns) key.append(",").append(column);
  thread_local std::unordered_map<std::string, std::string> built;
  auto [it, fresh] = built.try_emplace(std::move(key));
  if (!fresh) return it->second;
  std::string& sql = it->second;
  sql = "INSERT INTO " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + std::string(columns[i]);
  sql += ") VALUES ";
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r ? ", (" : "(";
    for (std::size_t i = 0; i < columns.size(); ++i)
      sql += (i ? ", ?" : "?") + std::to_string(r * columns.size() + i + 1);
    sql += ')';
  }
  return sql;
}

Status insert_rows(Connection& c, std::string_view table, std::span<const std::string_view> columns,
                   const std::vector<std::vector<Value>>& rows) {
  for (std::size_t done = 0; done < rows.size();) {
    std::size_t chunk = max_rows_per_insert;
    while (chunk > rows.size() - done) chunk /= 2;
    auto st = c.prepare(insert_sql(table, columns, chunk));
    if (!st) return st.error();
    int i = 1;
    for (std::size_t r = done; r < done + chunk; ++r) {
      if (rows[r].size() != columns.size()) return domain::unavailable_error("a row's values do not match its columns");
      i = bind_from(*st, i, rows[r]);
    }
    if (auto s = st->run(); !s) return s;
    done += chunk;
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
    if (!open_) return domain::unavailable_error("the transaction has already ended");
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
