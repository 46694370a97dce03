#include "domain/json_text.hpp"
#include "store/sql/queries.hpp"
#include "store/sql/stores.hpp"

namespace ofpra::store::sql {
namespace {

domain::Consent consent_from_row(const Row& row) {
  domain::Consent c;
  c.id = row.int64(0);
  c.numero_ofpra = row.text(1);
  c.partner_siret = row.text(2);
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

Result<std::int64_t> SqlConsentStore::put_consent(const domain::Consent& consent) {
  std::vector<std::string> scopes;
  for (auto s : consent.scopes) scopes.emplace_back(to_string(s));
  // A consent names one partner or every partner of a type, never both.
  const Value siret = consent.partner_type ? Value{} : Value{consent.partner_siret};
  const Value type = consent.partner_type ? Value{std::string(to_string(*consent.partner_type))} : Value{};
  auto id = returned_id(db_.query(queries::insert_consent,
                                  {consent.numero_ofpra, siret, type, domain::json_string_list(scopes), consent.purpose,
                                   consent.valid_from, consent.valid_to, env::format_utc(clock_.now())}));
  if (!id) return id.error();
  if (!*id) return domain::unavailable_error("the consent was not inserted");
  return **id;
}

Result<bool> SqlConsentStore::revoke_consent(std::int64_t id) {
  return changed_any(db_.run(queries::revoke_consent, {id, env::format_utc(clock_.now())}));
}

Result<std::optional<domain::Consent>> SqlConsentStore::find_consent(std::int64_t id) {
  return first<domain::Consent>(db_.query(queries::select_consent, {id}), consent_from_row);
}

Result<std::vector<domain::Consent>> SqlConsentStore::consents(const std::string& numero_ofpra,
                                                               const std::string& partner_siret,
                                                               domain::AdministrationType partner_type) {
  return all(db_.query(queries::select_consents, {numero_ofpra, partner_siret, std::string(to_string(partner_type))}),
             consent_from_row);
}

Result<std::vector<domain::Consent>> SqlConsentStore::consents_of(const std::string& numero_ofpra) {
  return all(db_.query(queries::select_consents_of, {numero_ofpra}), consent_from_row);
}

}  // namespace ofpra::store::sql
