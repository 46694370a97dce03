#include "store/sqlite/connection.hpp"

#include "store/sqlite/gathered_wal.hpp"

#include <sqlite3.h>

#include <string>
#include <unordered_map>
#include <utility>

namespace ofpra::store::sqlite {
namespace {

domain::Error error_of(sqlite3* db, std::string_view what) {
  return domain::unavailable_error(std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

}  // namespace

struct Connection::Cache {
  struct Slot {
    sqlite3_stmt* stmt = nullptr;
    bool in_use = false;
  };
  std::unordered_map<std::string, Slot> slots;
};

Statement::Statement(Statement&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      in_use_(std::exchange(other.in_use_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    release();
    db_ = std::exchange(other.db_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    in_use_ = std::exchange(other.in_use_, nullptr);
  }
  return *this;
}

Statement::~Statement() { release(); }

void Statement::release() {
  if (!stmt_) return;
  if (in_use_) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *in_use_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
  stmt_ = nullptr;
  in_use_ = nullptr;
}

Statement& Statement::bind(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::bind_borrowed(int i, std::string_view text) {
  sqlite3_bind_text(stmt_, i, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  return *this;
}

Statement& Statement::bind(int i, std::int64_t value) {
  sqlite3_bind_int64(stmt_, i, value);
  return *this;
}

Statement& Statement::bind(int i, const std::optional<std::string>& text) {
  return text ? bind(i, std::string_view(*text)) : bind_null(i);
}

Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

Result<bool> Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  auto error = error_of(db_, "database statement failed");
  sqlite3_reset(stmt_);
  return error;
}

Status Statement::run() {
  auto r = step();
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  if (!r) return r.error();
  return domain::success();
}

Status Statement::each_row(const std::function<bool(const Statement&)>& visit) {
  for (;;) {
    auto r = step();
    if (!r) return r.error();
    if (!*r || !visit(*this)) break;
  }
  return domain::success();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::int64_t Statement::int64(int column) const { return sqlite3_column_int64(stmt_, column); }

std::string Statement::text(int column) const { return std::string(view(column)); }

std::string_view Statement::view(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::string> Statement::opt_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

bool Statement::is_null(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }

int Statement::columns() const { return sqlite3_column_count(stmt_); }

Result<Connection> Connection::open(const std::string& path, bool create, LogWrites log_writes,
                                    const std::string& vfs_name) {
  // Memory statistics nobody reads would cost a global lock around every allocation SQLite
  // makes, from every thread (the journal's inserts allocate for each row). Only possible
  // before SQLite is first used; later it fails harmlessly.
  static const int no_memory_statistics = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memory_statistics;
  sqlite3* db = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  // Gathered writes rely on the log being synced at every commit: FULL below, never lowered.
  std::string vfs = vfs_name;
  if (log_writes == LogWrites::gathered) {
    vfs = vfs.empty() ? gathered_wal_vfs()
                      : register_gathered_wal_vfs("ofpra-gathered-wal-over-" + vfs, sqlite3_vfs_find(vfs.c_str()));
    if (vfs.empty()) return domain::unavailable_error("cannot register the SQLite VFS gathering log writes");
  }
  int rc = sqlite3_open_v2(path.c_str(), &db, flags, vfs.empty() ? nullptr : vfs.c_str());
  if (rc != SQLITE_OK) {
    auto error = error_of(db, "cannot open the SQLite database");
    sqlite3_close(db);
    return error;
  }
  sqlite3_extended_result_codes(db, 1);
  Connection c(db);
  // WAL lets readers proceed while a writer commits; FULL makes each commit durable, which
  // the journal relies on.
  if (auto s = c.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                      "PRAGMA busy_timeout=5000; PRAGMA cache_size=-65536;");
      !s)
    return s.error();
  return c;
}

Connection::Connection(sqlite3* db) : db_(db), cache_(std::make_unique<Cache>()) {}

Connection::Connection(Connection&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)), wal_hook_(std::move(other.wal_hook_)) {}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    db_ = std::exchange(other.db_, nullptr);
    cache_ = std::move(other.cache_);
    wal_hook_ = std::move(other.wal_hook_);
  }
  return *this;
}

Connection::~Connection() { close(); }

void Connection::close() noexcept {
  if (cache_)
    for (auto& [sql, slot] : cache_->slots) sqlite3_finalize(slot.stmt);
  cache_.reset();
  sqlite3_close_v2(db_);
  db_ = nullptr;
  wal_hook_.reset();
}

void Connection::on_wal_commit(std::function<bool(int frames)> hook) {
  wal_hook_ = std::make_unique<std::function<bool(int)>>(std::move(hook));
  sqlite3_wal_hook(
      db_,
      [](void* installed, sqlite3* db, const char* schema, int frames) {
        if ((*static_cast<std::function<bool(int)>*>(installed))(frames))
          sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
        return SQLITE_OK;
      },
      wal_hook_.get());
}

Result<Connection::WalProgress> Connection::checkpoint() {
  WalProgress p;
  const int rc =
      sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, &p.log_frames, &p.checkpointed_frames);
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return error_of(db_, "cannot checkpoint the write-ahead log");
  return p;
}

Status Connection::exec(std::string_view sql) {
  std::string owned(sql);
  char* message = nullptr;
  int rc = sqlite3_exec(db_, owned.c_str(), nullptr, nullptr, &message);
  if (rc != SQLITE_OK) {
    std::string text = message ? message : sqlite3_errmsg(db_);
    sqlite3_free(message);
    return domain::unavailable_error("database statement failed: " + text);
  }
  return domain::success();
}

Result<Statement> Connection::prepare(std::string_view sql) {
  auto [it, fresh] = cache_->slots.try_emplace(std::string(sql));
  auto& slot = it->second;
  if (!fresh && !slot.in_use) {
    slot.in_use = true;
    return Statement(db_, slot.stmt, &slot.in_use);
  }
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    if (fresh) cache_->slots.erase(it);
    return error_of(db_, "cannot prepare a database statement");
  }
  if (!fresh) return Statement(db_, stmt);
  slot.stmt = stmt;
  slot.in_use = true;
  return Statement(db_, stmt, &slot.in_use);
}

std::string Connection::last_error() const { return sqlite3_errmsg(db_); }

std::int64_t Connection::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

}  // namespace ofpra::store::sqlite

namespace ofpra::store::sqlite {
std::int64_t Connection::changes() const { return sqlite3_changes64(db_); }
}  // namespace ofpra::store::sqlite
