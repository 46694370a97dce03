#include "store/sqlite/portal_queries.hpp"
#include "store/sqlite/stores.hpp"

namespace ofpra::store::sqlite {
namespace {

std::string now_text(const Shared& shared) { return env::format_utc(shared.clock->now()); }

domain::ShareCode share_code_from_row(const Statement& row) {
  domain::ShareCode c;
  c.id = row.int64(0);
  c.numero_ofpra = row.text(1);
  c.hint = row.text(2);
  c.level = domain::parse_share_level(row.text(3)).value_or(domain::ShareLevel::protection);
  c.purpose = row.text(4);
  c.created_at = row.text(5);
  c.expires_at = row.text(6);
  c.revoked_at = row.opt_text(7);
  c.failed_attempts = static_cast<int>(row.int64(8));
  return c;
}

// The first row, or nothing.
template <class T, class F>
Result<std::optional<T>> first_row(Statement& st, F from_row) {
  auto r = st.step();
  if (!r) return r.error();
  if (!*r) return std::optional<T>{};
  return std::optional<T>(from_row(st));
}

}  // namespace

template <class T, class Bind, class F>
Result<std::optional<T>> SqlitePortalStore::one(std::string_view sql, Bind bind, F from_row) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(sql);
  if (!st) return st.error();
  bind(*st);
  return first_row<T>(*st, from_row);
}

template <class Bind>
Status SqlitePortalStore::run(std::string_view sql, Bind bind) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(sql);
  if (!st) return st.error();
  bind(*st);
  return st->run();
}

template <class Bind>
Result<bool> SqlitePortalStore::changed(std::string_view sql, Bind bind) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(sql);
  if (!st) return st.error();
  bind(*st);
  if (auto s = st->run(); !s) return s.error();
  return shared_.connection.changes() > 0;
}

Result<std::optional<PersonAccount>> SqlitePortalStore::find_account(const std::string& numero_ofpra) {
  return one<PersonAccount>(
      queries::select_account, [&](Statement& st) { st.bind(1, numero_ofpra); },
      [](const Statement& row) {
        return PersonAccount{row.text(0), row.text(1), static_cast<int>(row.int64(2)), row.opt_text(3)};
      });
}

Status SqlitePortalStore::set_password(const std::string& numero_ofpra, const std::string& password_hash) {
  return run(queries::upsert_password,
             [&](Statement& st) { st.bind(1, numero_ofpra).bind(2, password_hash).bind(3, now_text(shared_)); });
}

Status SqlitePortalStore::record_failed_login(const std::string& numero_ofpra,
                                              const std::optional<std::string>& locked_until) {
  return run(queries::record_failed_login, [&](Statement& st) { st.bind(1, numero_ofpra).bind(2, locked_until); });
}

Status SqlitePortalStore::clear_failed_logins(const std::string& numero_ofpra) {
  return run(queries::clear_failed_logins, [&](Statement& st) { st.bind(1, numero_ofpra); });
}

Status SqlitePortalStore::put_code(const OneTimeCode& code) {
  return run(queries::insert_code, [&](Statement& st) {
    st.bind(1, code.request_id).bind(2, code.numero_ofpra).bind(3, code.purpose).bind(4, code.code_hash);
    st.bind(5, code.expires_at);
  });
}

Result<std::optional<OneTimeCode>> SqlitePortalStore::find_code(const std::string& request_id) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_code);
  if (!st) return st.error();
  st->bind(1, request_id);
  return first_row<OneTimeCode>(*st, [](const Statement& row) {
    return OneTimeCode{row.text(0),    row.text(1), row.text(2),
                       row.text(3),    row.text(4), static_cast<int>(row.int64(5)),
                       row.opt_text(6)};
  });
}

Status SqlitePortalStore::count_code_attempt(const std::string& request_id) {
  return run(queries::count_code_attempt, [&](Statement& st) { st.bind(1, request_id); });
}

Result<bool> SqlitePortalStore::use_code(const std::string& request_id, const std::string& at) {
  return changed(queries::use_code, [&](Statement& st) { st.bind(1, request_id).bind(2, at); });
}

Status SqlitePortalStore::put_session(const PersonSession& s) {
  return run(queries::insert_session, [&](Statement& st) {
    st.bind(1, s.token_hash).bind(2, s.numero_ofpra).bind(3, s.csrf_token).bind(4, now_text(shared_));
    st.bind(5, s.expires_at).bind(6, s.idle_until);
  });
}

Result<std::optional<PersonSession>> SqlitePortalStore::find_session(const std::string& token_hash) {
  return one<PersonSession>(
      queries::select_session, [&](Statement& st) { st.bind(1, token_hash); },
      [](const Statement& row) {
        return PersonSession{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4)};
      });
}

Status SqlitePortalStore::touch_session(const std::string& token_hash, const std::string& idle_until) {
  return run(queries::touch_session, [&](Statement& st) { st.bind(1, token_hash).bind(2, idle_until); });
}

Status SqlitePortalStore::delete_session(const std::string& token_hash) {
  return run(queries::delete_session, [&](Statement& st) { st.bind(1, token_hash); });
}

Status SqlitePortalStore::delete_sessions_of(const std::string& numero_ofpra) {
  return run(queries::delete_sessions_of, [&](Statement& st) { st.bind(1, numero_ofpra); });
}

Result<std::optional<std::int64_t>> SqlitePortalStore::put_share_code(const domain::ShareCode& c,
                                                                      const std::string& code_hash) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::insert_share_code);
  if (!st) return st.error();
  st->bind(1, c.numero_ofpra).bind(2, code_hash).bind(3, c.hint).bind(4, to_string(c.level)).bind(5, c.purpose);
  st->bind(6, c.created_at).bind(7, c.expires_at);
  if (auto s = st->run(); !s) return s.error();
  if (shared_.connection.changes() == 0) return std::optional<std::int64_t>{};
  return std::optional<std::int64_t>(shared_.connection.last_insert_rowid());
}

Result<std::optional<domain::ShareCode>> SqlitePortalStore::find_share_code(const std::string& code_hash) {
  return one<domain::ShareCode>(
      queries::select_share_code, [&](Statement& st) { st.bind(1, code_hash); }, share_code_from_row);
}

Result<std::vector<domain::ShareCode>> SqlitePortalStore::share_codes_of(const std::string& numero_ofpra) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_share_codes_of);
  if (!st) return st.error();
  st->bind(1, numero_ofpra);
  return collect(*st, share_code_from_row);
}

Result<bool> SqlitePortalStore::revoke_share_code(std::int64_t id, const std::string& numero_ofpra) {
  return changed(queries::revoke_share_code,
                 [&](Statement& st) { st.bind(1, id).bind(2, numero_ofpra).bind(3, now_text(shared_)); });
}

Status SqlitePortalStore::count_share_code_failure(std::int64_t id) {
  return run(queries::count_share_code_failure, [&](Statement& st) { st.bind(1, id); });
}

Result<std::int64_t> SqlitePortalStore::enqueue(const OutboxMessage& m) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::insert_message);
  if (!st) return st.error();
  st->bind(1, m.channel).bind(2, m.recipient).bind(3, m.subject).bind(4, m.body).bind(5, now_text(shared_));
  if (auto s = st->run(); !s) return s.error();
  return shared_.connection.last_insert_rowid();
}

Result<std::vector<OutboxMessage>> SqlitePortalStore::unsent(std::size_t limit, int max_attempts) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_unsent);
  if (!st) return st.error();
  st->bind(1, static_cast<std::int64_t>(limit)).bind(2, std::int64_t{max_attempts});
  return collect(*st, [](const Statement& row) {
    return OutboxMessage{row.int64(0), row.text(1), row.text(2),
                         row.text(3),  row.text(4), static_cast<int>(row.int64(5))};
  });
}

Status SqlitePortalStore::mark_sent(std::int64_t id) {
  return run(queries::mark_sent, [&](Statement& st) { st.bind(1, id).bind(2, now_text(shared_)); });
}

Status SqlitePortalStore::mark_failed(std::int64_t id, const std::string& error) {
  return run(queries::mark_failed, [&](Statement& st) { st.bind(1, id).bind(2, error); });
}

}  // namespace ofpra::store::sqlite
