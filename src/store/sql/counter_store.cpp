#include "store/sql/counter_queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {

Status SqlCounterStore::put_counter_session(const CounterSession& s, const std::string& now) {
  if (auto forgotten = db_.run(queries::forget_counter_sessions, {now}); !forgotten) return forgotten.error();
  return done(db_.run(queries::insert_counter_session,
                      {s.token_hash, s.agent_ref, s.partner_siret, s.given_name, s.usual_name, s.email_domain, s.uid,
                       s.acr, s.id_token, s.csrf_token, now, s.expires_at, s.idle_until}));
}

Result<std::optional<CounterSession>> SqlCounterStore::find_counter_session(const std::string& token_hash) {
  return first<CounterSession>(db_.query(queries::select_counter_session, {token_hash}), [](const Row& r) {
    return CounterSession{r.text(0), r.text(1), r.text(2), r.text(3), r.text(4),  r.text(5),
                          r.text(6), r.text(7), r.text(8), r.text(9), r.text(10), r.text(11)};
  });
}

Status SqlCounterStore::touch_counter_session(const std::string& token_hash, const std::string& idle_until) {
  return done(db_.run(queries::touch_counter_session, {token_hash, idle_until}));
}

Status SqlCounterStore::delete_counter_session(const std::string& token_hash) {
  return done(db_.run(queries::delete_counter_session, {token_hash}));
}

Result<std::vector<CounterAllowance>> SqlCounterStore::counter_allowances(const std::string& partner_siret) {
  return all(db_.query(queries::select_counter_allowances, {partner_siret}), [](const Row& r) {
    return CounterAllowance{r.text(0), r.text(1)};
  });
}

Result<bool> SqlCounterStore::add_counter_allowance(const std::string& partner_siret, const CounterAllowance& a) {
  return changed_any(db_.run(queries::insert_counter_allowance, {partner_siret, a.kind, a.value}));
}

Result<bool> SqlCounterStore::remove_counter_allowance(const std::string& partner_siret, const CounterAllowance& a) {
  return changed_any(db_.run(queries::delete_counter_allowance, {partner_siret, a.kind, a.value}));
}

}  // namespace ofpra::store::sql
