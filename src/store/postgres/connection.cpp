#include "store/postgres/connection.hpp"

#include <libpq-fe.h>

#include <charconv>

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
bool Rows::is_null(int row, int column) const { return PQgetisnull(result_, row, column) != 0; }
std::string Rows::text(int row, int column) const {
  return std::string(PQgetvalue(result_, row, column), static_cast<std::size_t>(PQgetlength(result_, row, column)));
}
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
  pg_conn* conn = PQconnectdb(url.c_str());
  if (!conn) return domain::Error{"PostgreSQL: out of memory", "db"};
  if (PQstatus(conn) != CONNECTION_OK) {
    // libpq's message may quote the URL's host, never its password (which tests do not use).
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    return domain::Error{"PostgreSQL: cannot connect: " + message, "db"};
  }
  // Notices (e.g. "relation already exists, skipping") are not errors; keep them off stderr.
  PQsetNoticeProcessor(
      conn, [](void*, const char*) {}, nullptr);
  return Connection(conn);
}

Connection::Connection(Connection&& o) noexcept : conn_(o.conn_), last_state_(std::move(o.last_state_)) {
  o.conn_ = nullptr;
}
Connection& Connection::operator=(Connection&& o) noexcept {
  if (this != &o) {
    if (conn_) PQfinish(conn_);
    conn_ = o.conn_;
    last_state_ = std::move(o.last_state_);
    o.conn_ = nullptr;
  }
  return *this;
}
Connection::~Connection() {
  if (conn_) PQfinish(conn_);
}

bool Connection::healthy() const { return conn_ && PQstatus(conn_) == CONNECTION_OK; }

domain::Error Connection::failure(pg_result* result) {
  const char* state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  last_state_ = state ? state : "";
  std::string message = result ? PQresultErrorMessage(result) : PQerrorMessage(conn_);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  if (result) PQclear(result);
  return domain::Error{"PostgreSQL: " + message, "db"};
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
