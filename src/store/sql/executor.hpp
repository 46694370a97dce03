#pragma once
// The one seam between the stores and a database engine. SQL is written once, with SQLite's
// numbered parameters (?1, ?2...), which the PostgreSQL executor turns into $1, $2... when it
// prepares a statement; the few statements that differ are chosen by dialect().
#include "domain/result.hpp"
#include "store/sql/value.hpp"

#include <functional>
#include <initializer_list>
#include <memory>
#include <span>
#include <string_view>

namespace ofpra::store::sql {

using domain::Result;
using domain::Status;

enum class Dialect { sqlite, postgresql };

// write: takes the write lock at the start (SQLite's BEGIN IMMEDIATE; READ COMMITTED on
// PostgreSQL). snapshot: a read-only transaction whose reads all see one state.
enum class Mode { write, snapshot };

class Transaction;

class Executor {
 public:
  virtual ~Executor() = default;
  virtual Dialect dialect() const = 0;

  // Every row of one statement.
  Result<Rows> query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return do_query(sql, std::span(params.begin(), params.size()));
  }
  Result<Rows> query(std::string_view sql, std::span<const Value> params) { return do_query(sql, params); }
  // Runs one statement; returns how many rows it changed.
  Result<std::int64_t> run(std::string_view sql, std::initializer_list<Value> params = {}) {
    return do_run(sql, std::span(params.begin(), params.size()));
  }
  // Streams the rows of one statement to visit, read in place, until it returns false: for
  // reading much (the whole registry) without a copy of each cell.
  Status each(std::string_view sql, std::initializer_list<Value> params,
              const std::function<bool(const RowView&)>& visit) {
    return do_each(sql, std::span(params.begin(), params.size()), visit);
  }
  // Appends rows to a table (COPY on PostgreSQL, a prepared INSERT on SQLite).
  virtual Status insert_many(std::string_view table, std::span<const std::string_view> columns,
                             const std::vector<std::vector<Value>>& rows) = 0;

  // A transaction on one connection, rolled back unless committed.
  virtual Result<std::unique_ptr<Transaction>> begin(Mode mode) = 0;
  // Runs body in a transaction and commits it; on PostgreSQL, runs it again from the start
  // when the server reports a serialization failure or a deadlock, so body must be safe to
  // repeat. Inside a transaction, body simply runs in it.
  Status transaction(Mode mode, const std::function<Status(Executor&)>& body);

  // A single-row, single-column integer (a counter, a count).
  Result<std::int64_t> integer(std::string_view sql, std::initializer_list<Value> params = {});

 protected:
  virtual Result<Rows> do_query(std::string_view sql, std::span<const Value> params) = 0;
  virtual Result<std::int64_t> do_run(std::string_view sql, std::span<const Value> params) = 0;
  virtual Status do_each(std::string_view sql, std::span<const Value> params,
                         const std::function<bool(const RowView&)>& visit) = 0;
  virtual bool in_transaction() const { return false; }
};

class Transaction : public Executor {
 public:
  virtual Status commit() = 0;
  // Whether the last failure is worth running the whole transaction again.
  virtual bool retryable() const { return false; }
  Result<std::unique_ptr<Transaction>> begin(Mode) override {
    return domain::unavailable_error("a transaction is already open on this connection");
  }

 protected:
  bool in_transaction() const override { return true; }
};

}  // namespace ofpra::store::sql
