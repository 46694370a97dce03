#pragma once
// Thin RAII wrappers over the SQLite C API, with errors as values.
#include "domain/result.hpp"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace ofpra::store::sqlite {

using domain::Result;
using domain::Status;

class Statement {
 public:
  Statement() = default;
  // in_use: the connection's cache slot the statement belongs to (reset and handed back on
  // destruction), or null for a statement owned outright (finalised on destruction).
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* in_use = nullptr) : db_(db), stmt_(stmt), in_use_(in_use) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // Binding positions start at 1, as in SQLite.
  Statement& bind(int i, std::string_view text);
  Statement& bind(int i, const std::string& text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, const char* text) { return bind(i, std::string_view(text)); }
  Statement& bind(int i, std::int64_t value);
  // Not copied by SQLite: text must stay valid until the statement is reset (run() and the
  // statement's destruction reset it).
  Statement& bind_borrowed(int i, std::string_view text);
  Statement& bind(int i, const std::optional<std::string>& text);
  Statement& bind_null(int i);

  // true while a row is available; an error once the statement fails.
  Result<bool> step();
  // Runs to completion, for statements that return no rows.
  Status run();
  // Steps through the rows, calling visit on each until it returns false.
  Status each_row(const std::function<bool(const Statement&)>& visit);
  void reset();

  std::int64_t int64(int column) const;
  std::string text(int column) const;
  // The text in place, valid until the next step.
  std::string_view view(int column) const;
  std::optional<std::string> opt_text(int column) const;
  bool is_null(int column) const;
  int columns() const;  // in each row of the result

 private:
  void release();
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  bool* in_use_ = nullptr;
};

// Every row of a statement, each turned into a value by from_row.
template <class F>
auto collect(Statement& statement, F from_row) -> Result<std::vector<decltype(from_row(statement))>> {
  std::vector<decltype(from_row(statement))> out;
  if (auto s = statement.each_row([&](const Statement& row) {
        out.push_back(from_row(row));
        return true;
      });
      !s)
    return s.error();
  return out;
}

// How a connection's writes reach its write-ahead log: as SQLite makes them, or gathered into
// one write at each commit (store/sqlite/gathered_wal.hpp).
enum class LogWrites { direct, gathered };

class Connection {
 public:
  // vfs: the VFS under the files (empty: SQLite's default).
  static Result<Connection> open(const std::string& path, bool create, LogWrites log_writes = LogWrites::direct,
                                 const std::string& vfs = {});
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  Status exec(std::string_view sql);
  // Statements are compiled once per connection and reused: preparing costs more than running
  // the point lookups the service makes on every request. A statement already in use (nested
  // use of the same SQL) gets a fresh copy.
  Result<Statement> prepare(std::string_view sql);
  std::string last_error() const;
  std::int64_t last_insert_rowid() const;
  std::int64_t changes() const;  // rows changed by the last statement

  // Called after each commit with the number of frames the write-ahead log holds; when it
  // answers true the connection checkpoints (PASSIVE) there and then. SQLite's own
  // checkpoints after a commit use the same hook: installing one replaces them.
  void on_wal_commit(std::function<bool(int frames)> hook);
  struct WalProgress {
    int log_frames = 0;           // frames in the write-ahead log
    int checkpointed_frames = 0;  // of which copied into the database
  };
  // A PASSIVE checkpoint: copies what it can of the log into the database (and syncs it)
  // without waiting for readers or writers.
  Result<WalProgress> checkpoint();

 private:
  struct Cache;
  explicit Connection(sqlite3* db);
  void close() noexcept;
  sqlite3* db_ = nullptr;
  std::unique_ptr<Cache> cache_;
  std::unique_ptr<std::function<bool(int)>> wal_hook_;  // its address is handed to SQLite
};

}  // namespace ofpra::store::sqlite
