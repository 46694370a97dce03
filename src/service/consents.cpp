#include "service/consents.hpp"

#include "domain/habilitation.hpp"
#include "domain/partial_date.hpp"
#include "domain/partner.hpp"
#include "domain/registry_record.hpp"

#include <algorithm>

namespace ofpra::service {

std::vector<domain::Error> consent_field_errors(const NewConsent& r, std::string_view today) {
  std::vector<domain::Error> errors;
  if (!domain::is_numero_ofpra(r.numero_ofpra)) errors.push_back({"must be 9 digits", "numero_ofpra"});
  if (!r.partner_type && !domain::is_siret(r.partner_siret))
    errors.push_back({"must be 14 digits with a valid Luhn key", "siret"});
  if (r.partner_type && !r.partner_siret.empty()) errors.push_back({"give a partner or a type, not both", "siret"});
  if (r.scopes.empty()) errors.push_back({"at least one scope is needed", "scopes"});
  if (r.purpose.empty() || r.purpose.size() > 500) errors.push_back({"must be 1 to 500 characters", "purpose"});
  const auto from_text = r.valid_from.empty() ? std::string(today) : r.valid_from;
  const auto from = domain::PartialDate::parse_day(from_text);
  const auto to = domain::PartialDate::parse_day(r.valid_to);
  if (!from) {
    errors.push_back({"must be a date YYYY-MM-DD", "from"});
  } else if (!to) {
    errors.push_back({"must be a date YYYY-MM-DD", "until"});
  } else {
    const auto days = domain::days_from_civil(to->year, to->month, to->day) -
                      domain::days_from_civil(from->year, from->month, from->day);
    if (days < 0)
      errors.push_back({"must not be before the start date", "until"});
    else if (days > domain::max_consent_days)
      errors.push_back({"a consent lasts at most " + std::to_string(domain::max_consent_days) + " days", "until"});
    else if (r.valid_to < today)
      errors.push_back({"is already past", "until"});
  }
  return errors;
}

domain::Result<std::int64_t> grant_consent(store::Database& db, const NewConsent& r, const env::Clock& clock) {
  using domain::Error;
  const auto today = domain::day_of(clock.now()).to_string();
  if (auto errors = consent_field_errors(r, today); !errors.empty()) return errors.front();
  const auto from_text = r.valid_from.empty() ? today : r.valid_from;

  auto person = db.registry().find(r.numero_ofpra);
  if (!person) return person.error();
  if (!*person) return Error{"no person with that number in the registry", "numero_ofpra"};
  if (r.partner_type) {
    // Partners of the type may be added later: the consent is bounded by what the type's
    // default policy allows, and each partner's own habilitation still applies at each request.
    const auto policy = domain::default_policy(*r.partner_type);
    for (auto s : r.scopes)
      if (std::none_of(policy.begin(), policy.end(), [s](const domain::ScopeGrant& g) { return g.scope == s; }))
        return Error{"partners of that type are not given " + std::string(to_string(s)), "scopes"};
  } else {
    auto partner = db.partners().find_partner(r.partner_siret);
    if (!partner) return partner.error();
    if (!*partner) return Error{"no partner with that SIRET", "siret"};
    auto habilitations = db.partners().habilitations(r.partner_siret);
    if (!habilitations) return habilitations.error();
    for (auto s : r.scopes) {
      if (!domain::consent_needed(*habilitations, s, today))
        return Error{"the partner is not habilitated for " + std::string(to_string(s)) + " today", "scopes"};
    }
  }
  domain::Consent c{0,
                    r.numero_ofpra,
                    r.partner_type ? std::string() : r.partner_siret,
                    r.partner_type,
                    r.scopes,
                    r.purpose,
                    from_text,
                    r.valid_to,
                    std::nullopt};
  return db.consents().put_consent(c);
}

domain::Result<ConsentChoices> consent_choices(store::Database& db, const std::string& numero,
                                               const env::Clock& clock) {
  ConsentChoices c;
  const auto today = domain::day_of(clock.now()).to_string();
  auto given = db.consents().consents_of(numero);
  if (!given) return given.error();
  for (auto& k : *given) {
    const auto state = domain::state_of(k, today);
    c.given.push_back({std::move(k), state});
  }
  auto partners = db.partners().partners();
  if (!partners) return partners.error();
  c.partners = std::move(*partners);
  auto followers = db.subscriptions().subscriptions_of_person(numero);
  if (!followers) return followers.error();
  for (auto it = followers->rbegin(); it != followers->rend(); ++it)
    if (it->active()) c.followers.push_back(std::move(*it));
  for (const auto& p : c.partners) {
    auto habilitations = db.partners().habilitations(p.siret);
    if (!habilitations) return habilitations.error();
    std::vector<domain::Scope> scopes;
    for (auto s : domain::all_scopes)
      if (domain::consent_needed(*habilitations, s, today).value_or(false)) scopes.push_back(s);
    if (scopes.empty()) continue;
    c.partners_offered.push_back(p);
    c.partner_scopes[p.siret] = std::move(scopes);
  }
  using T = domain::AdministrationType;
  for (auto type : {T::transport, T::education, T::caf, T::health_insurance, T::france_travail, T::prefecture,
                    T::local_authority, T::social_landlord, T::other}) {
    std::vector<domain::Scope> scopes;
    for (const auto& g : domain::default_policy(type))
      if (g.consent_required) scopes.push_back(g.scope);
    if (scopes.empty()) continue;
    c.types_offered.push_back(type);
    c.type_scopes[type] = std::move(scopes);
  }
  return c;
}

domain::Status revoke_own_consent(store::Database& db, std::int64_t id, const std::string& numero) {
  auto consent = db.consents().find_consent(id);
  if (!consent) return consent.error();
  if (*consent && (*consent)->numero_ofpra == numero)
    if (auto revoked = db.consents().revoke_consent(id); !revoked) return revoked.error();
  return domain::success();
}

}  // namespace ofpra::service
