#include "store/sqlite/registry_queries.hpp"
#include "store/sqlite/stores.hpp"

#include "domain/json_text.hpp"

#include <algorithm>

namespace ofpra::store::sqlite {

namespace {

domain::Partner partner_from_row(const Statement& row) {
  return {row.text(0), row.text(1),
          domain::parse_AdministrationType(row.text(2)).value_or(domain::AdministrationType::other)};
}

}  // namespace

Status SqlitePartnerStore::put_partner(const domain::Partner& partner) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::upsert_partner);
  if (!st) return st.error();
  return st->bind(1, partner.siret)
      .bind(2, partner.name)
      .bind(3, to_string(partner.type))
      .bind(4, env::format_utc(shared_.clock->now()))
      .run();
}

Result<std::vector<domain::Partner>> SqlitePartnerStore::partners() {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_partners);
  if (!st) return st.error();
  return collect(*st, partner_from_row);
}

Status SqlitePartnerStore::put_client(const ApiClient& client) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::insert_client);
  if (!st) return st.error();
  return st->bind(1, client.client_id)
      .bind(2, client.partner_siret)
      .bind(3, client.secret_hash)
      .bind(4, env::format_utc(shared_.clock->now()))
      .bind(5, client.public_key_pem)
      .run();
}

Result<std::optional<ApiClient>> SqlitePartnerStore::find_client(const std::string& client_id) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_client);
  if (!st) return st.error();
  st->bind(1, client_id);
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<ApiClient>{};
  return std::optional<ApiClient>(ApiClient{st->text(0), st->text(1), st->text(2), st->int64(3) != 0, st->text(4)});
}

Result<bool> SqlitePartnerStore::revoke_client(const std::string& client_id) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::revoke_client);
  if (!st) return st.error();
  if (auto s = st->bind(1, client_id).bind(2, env::format_utc(shared_.clock->now())).run(); !s) return s.error();
  return shared_.connection.changes() > 0;
}

Result<std::optional<domain::Partner>> SqlitePartnerStore::find_partner(const std::string& siret) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_partner);
  if (!st) return st.error();
  st->bind(1, siret);
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<domain::Partner>{};
  return std::optional<domain::Partner>(
      domain::Partner{st->text(0), st->text(1),
                      domain::parse_AdministrationType(st->text(2)).value_or(domain::AdministrationType::other)});
}

Result<std::int64_t> SqlitePartnerStore::put_habilitation(const domain::Habilitation& h) {
  std::lock_guard lock(shared_.mutex);
  auto& c = shared_.connection;
  if (auto s = c.exec("BEGIN IMMEDIATE"); !s) return s.error();
  auto fail = [&](const domain::Error& e) -> Result<std::int64_t> {
    c.exec("ROLLBACK");
    return e;
  };
  auto st = c.prepare(queries::insert_habilitation);
  if (!st) return fail(st.error());
  auto s = st->bind(1, h.partner_siret)
               .bind(2, to_string(h.state))
               .bind(3, h.legal_basis)
               .bind(4, h.legal_basis_url)
               .bind(5, h.purpose)
               .bind(6, std::int64_t{h.retention_months})
               .bind(7, h.valid_from)
               .bind(8, h.valid_to)
               .bind(9, env::format_utc(shared_.clock->now()))
               .run();
  if (!s) return fail(s.error());
  const auto id = c.last_insert_rowid();
  auto sc = c.prepare(queries::insert_habilitation_scope);
  if (!sc) return fail(sc.error());
  for (const auto& g : h.scopes)
    if (auto r = sc->bind(1, id).bind(2, to_string(g.scope)).bind(3, std::int64_t{g.consent_required ? 1 : 0}).run();
        !r)
      return fail(r.error());
  if (auto r = c.exec("COMMIT"); !r) return fail(r.error());
  return id;
}

Result<std::vector<domain::Habilitation>> SqlitePartnerStore::habilitations(const std::string& partner_siret) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_habilitations);
  if (!st) return st.error();
  auto sc = shared_.connection.prepare(queries::select_habilitation_scopes);
  if (!sc) return sc.error();
  st->bind(1, partner_siret);
  std::vector<domain::Habilitation> out;
  for (;;) {
    auto r = st->step();
    if (!r) return r.error();
    if (!*r) break;
    domain::Habilitation h;
    h.id = st->int64(0);
    h.partner_siret = st->text(1);
    h.state = domain::parse_habilitation_state(st->text(2)).value_or(domain::HabilitationState::draft);
    h.legal_basis = st->text(3);
    h.legal_basis_url = st->text(4);
    h.purpose = st->text(5);
    h.retention_months = static_cast<int>(st->int64(6));
    h.valid_from = st->text(7);
    h.valid_to = st->text(8);
    sc->bind(1, h.id);
    for (;;) {
      auto g = sc->step();
      if (!g) return g.error();
      if (!*g) break;
      if (auto scope = domain::parse_scope(sc->text(0))) h.scopes.push_back({*scope, sc->int64(1) != 0});
    }
    sc->reset();
    // Scopes in the canonical order, whatever order the table returns them in.
    std::sort(h.scopes.begin(), h.scopes.end(),
              [](const domain::ScopeGrant& a, const domain::ScopeGrant& b) { return a.scope < b.scope; });
    out.push_back(std::move(h));
  }
  return out;
}

Result<std::int64_t> SqlitePartnerStore::access_generation() {
  return read_counter(shared_, queries::select_access_generation);
}

Result<bool> SqlitePartnerStore::use_assertion(const std::string& client_id, const std::string& jti,
                                               std::int64_t expires_at, std::int64_t now) {
  std::lock_guard lock(shared_.mutex);
  auto forget = shared_.connection.prepare(queries::forget_expired_assertions);
  if (!forget) return forget.error();
  if (auto s = forget->bind(1, now).run(); !s) return s.error();
  auto st = shared_.connection.prepare(queries::insert_assertion);
  if (!st) return st.error();
  if (auto s = st->bind(1, client_id).bind(2, jti).bind(3, expires_at).run(); !s) return s.error();
  return shared_.connection.changes() > 0;
}

namespace {

domain::Consent consent_from_row(const Statement& row) {
  domain::Consent c;
  c.id = row.int64(0);
  c.numero_ofpra = row.text(1);
  c.partner_siret = row.opt_text(2).value_or("");
  if (auto type = row.opt_text(8)) c.partner_type = domain::parse_AdministrationType(*type);
  for (const auto& name : domain::parse_json_string_list(row.text(3)))
    if (auto scope = domain::parse_scope(name)) c.scopes.push_back(*scope);
  c.purpose = row.text(4);
  c.valid_from = row.text(5);
  c.valid_to = row.text(6);
  c.revoked_at = row.opt_text(7);
  return c;
}

}  // namespace

Result<std::int64_t> SqliteConsentStore::put_consent(const domain::Consent& consent) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::insert_consent);
  if (!st) return st.error();
  std::vector<std::string> scopes;
  for (auto s : consent.scopes) scopes.emplace_back(to_string(s));
  st->bind(1, consent.numero_ofpra);
  if (consent.partner_type) {
    st->bind_null(2).bind(3, to_string(*consent.partner_type));
  } else {
    st->bind(2, consent.partner_siret).bind_null(3);
  }
  auto s = st->bind(4, domain::json_string_list(scopes))
               .bind(5, consent.purpose)
               .bind(6, consent.valid_from)
               .bind(7, consent.valid_to)
               .bind(8, env::format_utc(shared_.clock->now()))
               .run();
  if (!s) return s.error();
  return shared_.connection.last_insert_rowid();
}

Result<bool> SqliteConsentStore::revoke_consent(std::int64_t id) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::revoke_consent);
  if (!st) return st.error();
  if (auto s = st->bind(1, id).bind(2, env::format_utc(shared_.clock->now())).run(); !s) return s.error();
  return shared_.connection.changes() > 0;
}

Result<std::optional<domain::Consent>> SqliteConsentStore::find_consent(std::int64_t id) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_consent);
  if (!st) return st.error();
  st->bind(1, id);
  auto rows = collect(*st, consent_from_row);
  if (!rows) return rows.error();
  if (rows->empty()) return std::optional<domain::Consent>{};
  return std::optional<domain::Consent>(std::move(rows->front()));
}

Result<std::vector<domain::Consent>> SqliteConsentStore::consents(const std::string& numero_ofpra,
                                                                  const std::string& partner_siret,
                                                                  domain::AdministrationType partner_type) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_consents);
  if (!st) return st.error();
  st->bind(1, numero_ofpra).bind(2, partner_siret).bind(3, to_string(partner_type));
  return collect(*st, consent_from_row);
}

Result<std::vector<domain::Consent>> SqliteConsentStore::consents_of(const std::string& numero_ofpra) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_consents_of);
  if (!st) return st.error();
  st->bind(1, numero_ofpra);
  return collect(*st, consent_from_row);
}

Status SqliteAccountStore::put_staff(const StaffAccount& account) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::upsert_staff);
  if (!st) return st.error();
  return st->bind(1, account.login)
      .bind(2, account.password_hash)
      .bind(3, account.role)
      .bind(4, env::format_utc(shared_.clock->now()))
      .run();
}

Result<std::optional<StaffAccount>> SqliteAccountStore::find_staff(const std::string& login) {
  std::lock_guard lock(shared_.mutex);
  auto st = shared_.connection.prepare(queries::select_staff);
  if (!st) return st.error();
  st->bind(1, login);
  auto r = st->step();
  if (!r) return r.error();
  if (!*r) return std::optional<StaffAccount>{};
  return std::optional<StaffAccount>(StaffAccount{st->text(0), st->text(1), st->text(2)});
}

}  // namespace ofpra::store::sqlite
