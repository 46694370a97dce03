#pragma once
// Recording a person's consent to one partner (DESIGN §3), and its revocation. The portal
// (issue 6) and OFPRA staff (the `consent` subcommand) use these same functions.
#include "domain/consent.hpp"
#include "env/clock.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

struct NewConsent {
  std::string numero_ofpra;
  std::string partner_siret;                               // one partner...
  std::optional<domain::AdministrationType> partner_type;  // ...or every partner of a type
  std::vector<domain::Scope> scopes;
  std::string purpose;
  std::string valid_from;  // YYYY-MM-DD; empty: today
  std::string valid_to;    // YYYY-MM-DD, inclusive
};

// Checks the request (a registered person; a partner habilitated today for every scope, or a
// type whose default policy has every scope; dates in order, at most domain::max_consent_days
// long, not already over) and stores it; returns the consent's id. Errors name the field,
// never its value.
// What is wrong with the request's own fields ("siret", "scopes", "purpose", "from", "until"),
// all of them, so that a page marks each; grant_consent refuses with the first.
std::vector<domain::Error> consent_field_errors(const NewConsent& request, std::string_view today);

domain::Result<std::int64_t> grant_consent(store::Database& db, const NewConsent& request, const env::Clock& clock);

// What her portal offers her to consent to, and what she gave.
struct GivenConsent {
  domain::Consent consent;
  domain::ConsentState state = domain::ConsentState::active;  // today
};

struct ConsentChoices {
  std::vector<GivenConsent> given;        // newest first, every state
  std::vector<domain::Partner> partners;  // every partner (to name those her consents name)
  // The partners that need her consent for some scope today, and the administration types
  // whose default policy asks for consent: the only recipients a consent can serve.
  std::vector<domain::Partner> partners_offered;
  std::vector<domain::AdministrationType> types_offered;
  // What each of them can receive with her consent: the scopes a partner's habilitations in
  // force ask consent for today (by SIRET), those a type's default policy does (by type).
  std::map<std::string, std::vector<domain::Scope>> partner_scopes;
  std::map<domain::AdministrationType, std::vector<domain::Scope>> type_scopes;
  // The partners following her file now (docs/NOTIFICATIONS.md), oldest first: they are told,
  // without any data, when her situation changes.
  std::vector<store::Subscription> followers;
};
domain::Result<ConsentChoices> consent_choices(store::Database& db, const std::string& numero_ofpra,
                                               const env::Clock& clock);

// Revokes her own consent; another person's id changes nothing.
domain::Status revoke_own_consent(store::Database& db, std::int64_t id, const std::string& numero_ofpra);

}  // namespace ofpra::service
