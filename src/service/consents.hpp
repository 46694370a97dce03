#pragma once
// Recording a person's consent to one partner (DESIGN §3), and its revocation. The portal
// (issue 6) and OFPRA staff (the `consent` subcommand) use these same functions.
#include "domain/consent.hpp"
#include "env/clock.hpp"
#include "store/database.hpp"

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
domain::Result<std::int64_t> grant_consent(store::Database& db, const NewConsent& request, const env::Clock& clock);

}  // namespace ofpra::service
