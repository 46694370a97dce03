#pragma once
// The counter ("guichet"): an agent of a partner signs in with ProConnect and checks a
// situation for her organisation, through the door as a CounterAgent. She is let in only when
// the provider's `siret` claim names a partner with a habilitation in force, and, when that
// organisation keeps an allow-list, her e-mail's domain or her uid is on it. She may ask for
// what the habilitation covers at the level of assurance of her sign-in.
#include "domain/habilitation.hpp"
#include "domain/partner.hpp"
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "oidc/pending_logins.hpp"
#include "oidc/relying_party.hpp"
#include "service/disclosure_request.hpp"
#include "store/database.hpp"

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ofpra::service {

inline constexpr std::string_view proconnect_acr_values = "eidas1 eidas2 eidas3";
inline constexpr std::chrono::hours counter_session_lifetime{12};
inline constexpr std::chrono::minutes counter_session_idle{30};
// Sign-ins under way at once.
inline constexpr std::size_t counter_max_pending = 10000;

// 1, 2, 3 for eidas1, eidas2, eidas3; 0 for anything else.
int assurance_level(std::string_view acr);

struct CounterContext {
  store::Database& db;
  oidc::RelyingParty& provider;
  oidc::PendingLogins& logins;
  env::Random& random;
  const env::Clock& clock;
  // The level of assurance a scope needs at the counter (e.g. 2 for etat_civil.famille);
  // absent: 1.
  std::map<domain::Scope, int> scope_levels;
};

// The agent's stable reference in the journal and in the person's history: derived from her
// identity provider and subject there, never her name or e-mail.
std::string agent_reference(std::string_view idp_id, std::string_view sub);

// See oidc::start_sign_in.
domain::Result<oidc::SignInStart> counter_start(const CounterContext& c, const std::string& replacing = {});

using CounterSession = store::CounterSession;
struct OpenedCounterSession {
  std::string token;  // for the cookie; only its hash is stored
  CounterSession session;
};
// Back from the provider. Errors by field: "oidc" (an unknown or replayed sign-in, or an answer
// that does not check out), "identite" (a claim ProConnect always gives is missing), "siret"
// (no SIRET, or not one), "partenaire" (not a partner of OFPRA), "habilitation" (no habilitation
// in force), "agent" (not on her organisation's allow-list), or the unavailability of the
// provider or the store.
domain::Result<OpenedCounterSession> counter_return(const CounterContext& c, const std::string& login_id,
                                                    const std::string& state, const std::string& code);

// The live session for a cookie's token, its idle time renewed; nullopt when none.
domain::Result<std::optional<CounterSession>> find_counter_session(const CounterContext& c, const std::string& token);
// Ends it here; the provider's logout address (back to post_logout) when it has one.
domain::Result<std::optional<std::string>> close_counter_session(const CounterContext& c, const std::string& token,
                                                                 const std::string& post_logout);

// What the agent may ask today: her organisation, the purposes of its habilitations in force,
// the scopes they cover that her sign-in's level allows (and whether each needs the person's
// consent), and those that would need a stronger sign-in. Admission is checked again here, at
// every page: errors "partenaire", "habilitation", "agent" as for counter_return once her
// organisation no longer lets her in (a habilitation ended, the allow-list changed), or the
// store's unavailability.
struct CounterScope {
  domain::Scope scope;
  bool consent_required = false;
};
struct CounterDesk {
  domain::Partner partner;
  std::vector<std::string> purposes;
  std::vector<CounterScope> scopes;
  std::vector<domain::Scope> above_level;
};
domain::Result<CounterDesk> counter_desk(const CounterContext& c, const CounterSession& session);

// The counter's search form as typed, read as the API reads a request (the same checks, the
// same parameter names, "identite." before an identity's fields): how the person is sought
// (by: "numero_ofpra", "numero_agdref", "identite" or "code_partage"), the fields (numero_ofpra,
// numero_agdref, nom_naissance, prenoms separated by spaces or commas, date_naissance, sexe,
// code_pays_naissance, code_partage, motif, date), for the agent's organisation (siret), asking
// for at most scopes.
std::variant<DisclosureRequest, Refusal> counter_request(std::string_view by,
                                                         const std::map<std::string, std::string>& fields,
                                                         const std::string& siret,
                                                         const std::vector<CounterScope>& scopes);

// The organisation's allow-list (command line now, back office later). kind: "domaine" (an
// e-mail domain, lower case) or "uid". Errors: "siret", "kind", "value" (empty, or a domain
// that is not one).
domain::Result<bool> allow_at_counter(store::Database& db, const std::string& siret, store::CounterAllowance a);
domain::Result<bool> disallow_at_counter(store::Database& db, const std::string& siret, store::CounterAllowance a);

}  // namespace ofpra::service
