#include "store/sql/portal_queries.hpp"
#include "store/sql/stores.hpp"

#include <algorithm>

namespace ofpra::store::sql {
namespace {

domain::ShareCode share_code_from_row(const Row& row) {
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

}  // namespace

Result<std::optional<PersonAccount>> SqlPortalStore::find_account(const std::string& numero_ofpra) {
  return first<PersonAccount>(db_.query(queries::select_account, {numero_ofpra}), [](const Row& r) {
    return PersonAccount{r.text(0), r.text(1), static_cast<int>(r.int64(2)), r.opt_text(3)};
  });
}

Status SqlPortalStore::set_password(const std::string& numero_ofpra, const std::string& password_hash) {
  return done(db_.run(queries::upsert_password, {numero_ofpra, password_hash, now()}));
}

Status SqlPortalStore::record_failed_login(const std::string& numero_ofpra,
                                           const std::optional<std::string>& locked_until) {
  return done(db_.run(queries::record_failed_login, {numero_ofpra, locked_until}));
}

Status SqlPortalStore::retire_codes(const std::string& numero_ofpra, const std::string& purpose,
                                    const std::string& at) {
  return done(db_.run(queries::retire_codes, {numero_ofpra, purpose, at}));
}

Status SqlPortalStore::clear_failed_logins(const std::string& numero_ofpra) {
  return done(db_.run(queries::clear_failed_logins, {numero_ofpra}));
}

Status SqlPortalStore::put_code(const OneTimeCode& code) {
  return done(db_.run(queries::insert_code,
                      {code.request_id, code.numero_ofpra, code.purpose, code.code_hash, code.expires_at}));
}

Result<std::optional<OneTimeCode>> SqlPortalStore::find_code(const std::string& request_id) {
  return first<OneTimeCode>(db_.query(queries::select_code, {request_id}), [](const Row& r) {
    return OneTimeCode{r.text(0),    r.text(1), r.text(2), r.text(3), r.text(4), static_cast<int>(r.int64(5)),
                       r.opt_text(6)};
  });
}

Status SqlPortalStore::count_code_attempt(const std::string& request_id) {
  return done(db_.run(queries::count_code_attempt, {request_id}));
}

Result<bool> SqlPortalStore::use_code(const std::string& request_id, const std::string& at) {
  return changed_any(db_.run(queries::use_code, {request_id, at}));
}

Status SqlPortalStore::put_session(const PersonSession& s) {
  return done(db_.run(queries::insert_session,
                      {s.token_hash, s.numero_ofpra, s.csrf_token, now(), s.expires_at, s.idle_until}));
}

Result<std::optional<PersonSession>> SqlPortalStore::find_session(const std::string& token_hash) {
  return first<PersonSession>(db_.query(queries::select_session, {token_hash}), [](const Row& r) {
    return PersonSession{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4)};
  });
}

Status SqlPortalStore::touch_session(const std::string& token_hash, const std::string& idle_until) {
  return done(db_.run(queries::touch_session, {token_hash, idle_until}));
}

Status SqlPortalStore::delete_session(const std::string& token_hash) {
  return done(db_.run(queries::delete_session, {token_hash}));
}

Status SqlPortalStore::delete_sessions_of(const std::string& numero_ofpra) {
  return done(db_.run(queries::delete_sessions_of, {numero_ofpra}));
}

Result<std::optional<std::int64_t>> SqlPortalStore::put_share_code(const domain::ShareCode& c,
                                                                   const std::string& code_hash) {
  return returned_id(db_.query(
      queries::insert_share_code,
      {c.numero_ofpra, code_hash, c.hint, std::string(to_string(c.level)), c.purpose, c.created_at, c.expires_at}));
}

Result<std::optional<domain::ShareCode>> SqlPortalStore::find_share_code(const std::string& code_hash) {
  return first<domain::ShareCode>(db_.query(queries::select_share_code, {code_hash}), share_code_from_row);
}

Result<std::vector<domain::ShareCode>> SqlPortalStore::share_codes_of(const std::string& numero_ofpra) {
  return all(db_.query(queries::select_share_codes_of, {numero_ofpra}), share_code_from_row);
}

Result<bool> SqlPortalStore::revoke_share_code(std::int64_t id, const std::string& numero_ofpra) {
  return changed_any(db_.run(queries::revoke_share_code, {id, numero_ofpra, now()}));
}

Status SqlPortalStore::count_share_code_failure(std::int64_t id) {
  return done(db_.run(queries::count_share_code_failure, {id}));
}

Result<std::int64_t> SqlPortalStore::enqueue(const OutboxMessage& m) {
  auto id = returned_id(db_.query(queries::insert_message, {m.channel, m.recipient, m.subject, m.body, now()}));
  if (!id) return id.error();
  if (!*id) return domain::unavailable_error("the message was not queued");
  return **id;
}

Result<std::vector<OutboxMessage>> SqlPortalStore::claim_unsent(std::size_t limit, int max_attempts) {
  const auto now = clock_.now();
  auto claimed =
      all(db_.query(queries::claim_unsent, {static_cast<std::int64_t>(limit), max_attempts,
                                            env::format_utc(now + outbox_claim), env::format_utc(now)}),
          [](const Row& r) {
            return OutboxMessage{r.int64(0), r.text(1), r.text(2), r.text(3), r.text(4), static_cast<int>(r.int64(5))};
          });
  // RETURNING gives the rows in no promised order: oldest first, as the table has them.
  if (claimed) std::sort(claimed->begin(), claimed->end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  return claimed;
}

Result<std::optional<std::string>> SqlPortalStore::find_identity_link(const std::string& provider,
                                                                      const std::string& subject_hash) {
  return first<std::string>(db_.query(queries::select_identity_link, {provider, subject_hash}),
                            [](const Row& r) { return r.text(0); });
}

Status SqlPortalStore::delete_identity_links(const std::string& numero_ofpra) {
  return done(db_.run(queries::delete_identity_links, {numero_ofpra}));
}

Status SqlPortalStore::put_identity_link(const std::string& provider, const std::string& subject_hash,
                                         const std::string& numero_ofpra) {
  return done(db_.run(queries::upsert_identity_link, {provider, subject_hash, numero_ofpra, now()}));
}

Status SqlPortalStore::add_opinion(const Opinion& o) {
  return done(db_.run(queries::insert_opinion, {o.day, o.journey, o.language, o.useful, o.ease, o.comment}));
}

Result<std::vector<OpinionCount>> SqlPortalStore::opinion_counts() {
  return all(db_.query(queries::opinion_counts, {}), [](const Row& r) {
    return OpinionCount{r.text(0), r.text(1), static_cast<int>(r.int64(2)), r.int64(3)};
  });
}

Status SqlPortalStore::mark_sent(std::int64_t id) { return done(db_.run(queries::mark_sent, {id, now()})); }

Status SqlPortalStore::mark_failed(std::int64_t id, const std::string& error) {
  return done(db_.run(queries::mark_failed, {id, error}));
}

Result<std::int64_t> SqlLimitStore::add_to_window(const std::string& key, std::int64_t start, std::int64_t end,
                                                  std::int64_t n) {
  const bool pg = db_.dialect() == Dialect::postgresql;
  return db_.integer(pg ? queries::add_to_window_postgresql : queries::add_to_window_sqlite, {key, start, end, n});
}

Status SqlLimitStore::forget_windows(std::int64_t now) { return done(db_.run(queries::forget_windows, {now})); }

}  // namespace ofpra::store::sql
