#include "store/postgres/connection.hpp"
#include "store/postgres/sql_text.hpp"

#include <libpq-fe.h>

#include <charconv>

#include <poll.h>

#include <cerrno>

namespace ofpra::store::postgres {

Rows::Rows(pg_result* result) : result_(result) {}
Rows::Rows(Rows&& o) noexcept : result_(o.result_) { o.result_ = nullptr; }
Rows& Rows::operator=(Rows&& o) noexcept {
  if (this != &o) {
    if (result_) PQclear(result_);
    result_ = o.result_;
    o.result_ = nullptr;
  }
  return *this;
}
Rows::~Rows() {
  if (result_) PQclear(result_);
}
int Rows::size() const { return PQntuples(result_); }
int Rows::columns() const { return PQnfields(result_); }
bool Rows::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
std::string_view Rows::view(int row, int column) const {
  return {PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column))};
}
std::string Rows::text(int row, int column) const { return std::string(view(row, column)); }
std::optional<std::string> Rows::opt_text(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return text(row, column);
}
std::int64_t Rows::int64(int row, int column) const {
  std::int64_t v = 0;
  const char* s = PQgetvalue(result_, row, column);
  std::from_chars(s, s + PQgetlength(result_, row, column), v);
  return v;
}
std::int64_t Rows::affected() const {
  std::int64_t v = 0;
  const char* s = PQcmdTuples(result_);
  std::from_chars(s, s + std::char_traits<char>::length(s), v);
  return v;
}

Result<Connection> Connection::open(const std::string& url) {
  // A lock held elsewhere (another node's long transaction, an operator's session) fails a
  // statement after 5 s, as SQLite's busy timeout does, instead of holding a request forever;
  // a session that sits idle inside a transaction is ended rather than keeping its locks.
  const char* keywords[] = {"dbname", "options", nullptr};
  const char* values[] = {url.c_str(), "-c lock_timeout=5000 -c idle_in_transaction_session_timeout=60000", nullptr};
  pg_conn* conn = PQconnectdbParams(keywords, values, 1);
  if (!conn) return domain::unavailable_error("PostgreSQL: out of memory");
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message may quote the URL's host, never its password (which tests do not use).
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return domain::unavailable_error("PostgreSQL: cannot connect: " + message);
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return Connection(conn);
}

Connection::Connection(pg_conn* conn)
    : conn_(conn), prepared_(std::make_unique<std::unordered_map<std::string, std::string>>()) {}

Connection::Connection(Connection&& o) noexcept
    : conn_(o.conn_), last_state_(std::move(o.last_state_)), prepared_(std::move(o.prepared_)) {
  o.conn_ = nullptr;
}
Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    if (conn_) PQfinish(conn_);
    conn_ = o.conn_;
    last_state_ = std::move(o.last_state_);
    prepared_ = std::move(o.prepared_);
    o.conn_ = nullptr;
  }
  return *this;
}
Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

Status Connection::notifications(std::chrono::milliseconds timeout,
                                 const std::function<void(std::string_view)>& visit) {
  pollfd fd{PQsocket(conn_), POLLIN, 0};
  if (fd.fd < 0) return domain::unavailable_error("PostgreSQL: the connection is closed");
  if (::poll(&fd, 1, static_cast<int>(timeout.count())) < 0 && errno != EINTR)
    return domain::unavailable_error("PostgreSQL: cannot wait for notifications");
  if (PQconsumeInput(conn_) == 0) return failure(nullptr);
  while (PGnotify* n = PQnotifies(conn_)) {
    visit(n->extra ? std::string_view(n->extra) : std::string_view());
    PQfreemem(n);
  }
  return domain::success();
}

bool Connection::healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

domain::Error Connection::failure(pg_result* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_state_ = state ? state : "";
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (result) PQclear(result);
  return domain::unavailable_error("PostgreSQL: " + message);
}

Status Connection::exec(std::string_view sql) {
  pg_result* r = PQexec(conn_, std::string(sql).c_str());
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r);
  last_state_.clear();
  PQclear(r);
  return domain::success();
}

Result<Rows> Connection::query(std::string_view sql, const std::vector<Param>& params) {
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* r = PQexecParams(conn_, std::string(sql).c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                              nullptr, nullptr, 0);
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r);
  last_state_.clear();
  return Rows(r);
}

Result<Rows> Connection::prepared(std::string_view sql, const std::vector<Param>& params) {
  const std::string key(sql);
  auto found = prepared_->find(key);
  if (found == prepared_->end()) {
    const std::string name = std::string("s").append(std::to_string(prepared_->size() + 1));
    pg_result* r = PQprepare(conn_, name.c_str(), numbered_parameters(sql).c_str(), 0, nullptr);
    if (!r || PQresultStatus(r) != PGRES_COMMAND_OK) return failure(r);
    PQclear(r);
    found = prepared_->emplace(key, name).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
  pg_result* r =
      PQexecPrepared(conn_, found->second.c_str(), static_cast<int>(values.size()), values.data(), nullptr, nullptr, 0);
  const auto status = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) return failure(r);
  last_state_.clear();
  return Rows(r);
}

Status Connection::copy_in(std::string_view table, const std::vector<std::string_view>& columns,
                           const std::vector<std::vector<Param>>& rows) {
  std::string sql = "COPY " + std::string(table) + " (";
  for (std::size_t i = 0; i < columns.size(); ++i) sql += (i ? ", " : "") + std::string(columns[i]);
  sql += ") FROM STDIN";
  pg_result* r = PQexec(conn_, sql.c_str());
  if (!r || PQresultStatus(r) != PGRES_COPY_IN) return failure(r);
  PQclear(r);
  std::string buffer;
  bool sent = true;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) buffer += '\t';
      append_copy_field(buffer, row[i]);
    }
    buffer += '\n';
    if (buffer.size() >= (1u << 16)) {
      sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
      buffer.clear();
      if (!sent) break;
    }
  }
  if (sent && !buffer.empty()) sent = PQputCopyData(conn_, buffer.data(), static_cast<int>(buffer.size())) == 1;
  if (PQputCopyEnd(conn_, sent ? nullptr : "the client stopped sending") != 1) return failure(nullptr);
  domain::Status outcome = domain::success();
  while (pg_result* done = PQgetResult(conn_)) {
    if (PQresultStatus(done) != PGRES_COMMAND_OK)
      outcome = failure(done);
    else
      PQclear(done);
  }
  if (outcome) last_state_.clear();
  return outcome;
}

Status Connection::transaction(const std::function<Status(Connection&)>& body, std::string_view isolation,
                               int attempts) {
  for (int attempt = 1;; ++attempt) {
    if (auto s = exec("BEGIN ISOLATION LEVEL " + std::string(isolation)); !s) return s;
    auto s = body(*this);
    if (s) s = exec("COMMIT");
    if (s) return s;
    const auto state = last_state_;
    (void)exec("ROLLBACK");
    if ((state != "40001" && state != "40P01") || attempt >= attempts) return s;
  }
}

}  // namespace ofpra::store::postgres
