#pragma once
// Thin RAII wrappers over libpq, with errors as values. Parameters travel as text, apart from
// the SQL, so that no value is ever spliced into a statement. Internal to store/postgres.
#include "domain/result.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

struct pg_conn;
struct pg_result;

namespace ofpra::store::postgres {

using domain::Result;
using domain::Status;

// A parameter: text, or SQL NULL.
using Param = std::optional<std::string>;

class Rows {
 public:
  explicit Rows(pg_result* result);
  Rows(Rows&&) noexcept;
  Rows& operator=(Rows&&) noexcept;
  ~Rows();
  int size() const;
  int columns() const;
  bool is_null(int row, int column) const;
  std::string text(int row, int column) const;
  std::string_view view(int row, int column) const;  // valid as long as the rows
  std::optional<std::string> opt_text(int row, int column) const;
  std::int64_t int64(int row, int column) const;
  std::int64_t affected() const;  // rows changed by an INSERT, UPDATE or DELETE

 private:
  pg_result* result_;
};

class Connection {
 public:
  // url: a postgresql:// URI, as libpq reads it.
  static Result<Connection> open(const std::string& url);
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // One or several statements without parameters (a migration file).
  Status exec(std::string_view sql);
  // One statement, $1... bound to params.
  Result<Rows> query(std::string_view sql, const std::vector<Param>& params = {});
  // One statement written with SQLite's numbered parameters (?1, ?2...): prepared on this
  // connection the first time, then executed by name.
  Result<Rows> prepared(std::string_view sql, const std::vector<Param>& params);
  // COPY table (columns) FROM STDIN with these rows, in text format.
  Status copy_in(std::string_view table, const std::vector<std::string_view>& columns,
                 const std::vector<std::vector<Param>>& rows);
  // Runs body in a transaction at the given isolation; retried, from the start, up to
  // `attempts` times when PostgreSQL reports a serialization failure or a deadlock (40001,
  // 40P01): the body must be safe to run again.
  Status transaction(const std::function<Status(Connection&)>& body, std::string_view isolation = "READ COMMITTED",
                     int attempts = 5);
  // Waits up to timeout for notifications (after LISTEN) and gives each one's payload to
  // visit; an error once the link is down.
  Status notifications(std::chrono::milliseconds timeout, const std::function<void(std::string_view)>& visit);
  // Whether the link to the server is still up (false after a server restart).
  bool healthy() const;
  // The SQLSTATE of the last failure, or empty.
  const std::string& last_state() const { return last_state_; }

 private:
  explicit Connection(pg_conn* conn);
  domain::Error failure(pg_result* result);
  pg_conn* conn_ = nullptr;
  std::string last_state_;
  std::unique_ptr<std::unordered_map<std::string, std::string>> prepared_;  // SQL -> statement name
};

}  // namespace ofpra::store::postgres
