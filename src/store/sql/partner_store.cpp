#include "domain/json_text.hpp"
#include "store/sql/portal_queries.hpp"
#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"

#include <algorithm>

namespace ofpra::store::sql {
namespace {

domain::Partner partner_from_row(const Row& row) {
  return {row.text(0), row.text(1),
          domain::parse_AdministrationType(row.text(2)).value_or(domain::AdministrationType::other)};
}

domain::Habilitation habilitation_from_row(const Row& r) {
  domain::Habilitation h;
  h.id = r.int64(0);
  h.partner_siret = r.text(1);
  h.state = domain::parse_habilitation_state(r.text(2)).value_or(domain::HabilitationState::draft);
  h.legal_basis = r.text(3);
  h.legal_basis_url = r.text(4);
  h.purpose = r.text(5);
  h.retention_months = static_cast<int>(r.int64(6));
  h.valid_from = r.text(7);
  h.valid_to = r.text(8);
  return h;
}

ApiClient client_from_row(const Row& r) {
  return ApiClient{r.text(0), r.text(1), r.text(2), r.flag(3), r.text(4), r.text(5), r.text(6), r.flag(7), r.text(8)};
}

}  // namespace

Status SqlPartnerStore::put_partner(const domain::Partner& partner) {
  return done(db_.run(queries::upsert_partner, {partner.siret, partner.name, std::string(to_string(partner.type)),
                                                env::format_utc(clock_.now())}));
}

Result<std::vector<domain::Partner>> SqlPartnerStore::partners() {
  return all(db_.query(queries::select_partners), partner_from_row);
}

Status SqlPartnerStore::put_client(const ApiClient& client) {
  return done(db_.run(queries::insert_client, {client.client_id, client.partner_siret, client.secret_hash,
                                               env::format_utc(clock_.now()), client.public_key_pem}));
}

Result<std::optional<ApiClient>> SqlPartnerStore::find_client(const std::string& client_id) {
  return first<ApiClient>(db_.query(queries::select_client, {client_id}), client_from_row);
}

Result<std::vector<ApiClient>> SqlPartnerStore::clients_of(const std::string& partner_siret) {
  return all(db_.query(queries::select_clients_of, {partner_siret}), client_from_row);
}

Result<bool> SqlPartnerStore::rotate_client_secret(const std::string& client_id, const std::string& secret_hash,
                                                   const std::string& previous_until) {
  return changed_any(db_.run(queries::rotate_client_secret, {client_id, secret_hash, previous_until}));
}

Result<bool> SqlPartnerStore::set_client_suspended(const std::string& client_id, bool suspended) {
  if (suspended) return changed_any(db_.run(queries::suspend_client, {client_id, env::format_utc(clock_.now())}));
  return changed_any(db_.run(queries::resume_client, {client_id}));
}

Result<bool> SqlPartnerStore::revoke_client(const std::string& client_id) {
  return changed_any(db_.run(queries::revoke_client, {client_id, env::format_utc(clock_.now())}));
}

Result<std::optional<domain::Partner>> SqlPartnerStore::find_partner(const std::string& siret) {
  return first<domain::Partner>(db_.query(queries::select_partner, {siret}), partner_from_row);
}

Result<std::int64_t> insert_habilitation(Executor& tx, const domain::Habilitation& h, const std::string& now) {
  auto inserted = returned_id(tx.query(
      queries::insert_habilitation, {h.partner_siret, std::string(to_string(h.state)), h.legal_basis, h.legal_basis_url,
                                     h.purpose, h.retention_months, h.valid_from, h.valid_to, now}));
  if (!inserted) return inserted.error();
  if (!*inserted) return domain::unavailable_error("the habilitation was not inserted");
  const auto id = **inserted;
  for (const auto& g : h.scopes)
    if (auto r = tx.run(queries::insert_habilitation_scope,
                        {id, std::string(to_string(g.scope)), g.consent_required ? 1 : 0});
        !r)
      return r.error();
  for (const auto& siret : h.acting_for)
    if (auto r = tx.run(queries::insert_habilitation_recipient, {id, siret}); !r) return r.error();
  return id;
}

Status insert_outbox_message(Executor& tx, const OutboxMessage& m, const std::string& now) {
  auto id = returned_id(tx.query(queries::insert_message, {m.channel, m.recipient, m.subject, m.body, now}));
  if (!id) return id.error();
  return domain::success();
}

Result<std::int64_t> SqlPartnerStore::put_habilitation(const domain::Habilitation& h) {
  std::int64_t id = 0;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    auto inserted = insert_habilitation(tx, h, env::format_utc(clock_.now()));
    if (!inserted) return inserted.error();
    id = *inserted;
    return domain::success();
  });
  if (!s) return s.error();
  return id;
}

Result<std::vector<domain::Habilitation>> SqlPartnerStore::habilitations(const std::string& partner_siret) {
  std::vector<domain::Habilitation> out;
  auto s = db_.transaction(Mode::snapshot, [&](Executor& tx) -> Status {
    auto found = all(tx.query(queries::select_habilitations, {partner_siret}), habilitation_from_row);
    if (!found) return found.error();
    out = std::move(*found);
    for (auto& h : out) {
      auto scopes = tx.query(queries::select_habilitation_scopes, {h.id});
      if (!scopes) return scopes.error();
      for (const auto& r : *scopes)
        if (auto scope = domain::parse_scope(r.text(0))) h.scopes.push_back({*scope, r.flag(1)});
      // Scopes in the canonical order, whatever order the table returns them in.
      std::sort(h.scopes.begin(), h.scopes.end(),
                [](const domain::ScopeGrant& a, const domain::ScopeGrant& b) { return a.scope < b.scope; });
      auto recipients =
          all(tx.query(queries::select_habilitation_recipients, {h.id}), [](const Row& r) { return r.text(0); });
      if (!recipients) return recipients.error();
      h.acting_for = std::move(*recipients);
    }
    return domain::success();
  });
  if (!s) return s.error();
  return out;
}

Result<std::int64_t> SqlPartnerStore::access_generation() { return db_.integer(queries::select_access_generation); }

Result<bool> SqlPartnerStore::use_assertion(const std::string& client_id, const std::string& jti,
                                            std::int64_t expires_at, std::int64_t now) {
  bool fresh = false;
  auto s = db_.transaction(Mode::write, [&](Executor& tx) -> Status {
    if (auto r = tx.run(queries::forget_expired_assertions, {now}); !r) return r.error();
    auto r = tx.run(queries::insert_assertion, {client_id, jti, expires_at});
    if (!r) return r.error();
    fresh = *r > 0;
    return domain::success();
  });
  if (!s) return s.error();
  return fresh;
}

}  // namespace ofpra::store::sql
