#pragma once
// The protected person's portal (issue 6) and the public share-code page: server-rendered
// DSFR pages that work without JavaScript, in the person's language. Every disclosure is one
// call of the door (service/disclosure.hpp), as the share-code holder or as the person herself;
// every account step goes through service/person_accounts. Handlers run on the blocking pool:
// the services they call read the store.
#include "attest/authority.hpp"
#include "env/task_pool.hpp"
#include "http/router.hpp"
#include "service/counter.hpp"
#include "service/demandes.hpp"
#include "service/disclosure.hpp"
#include "service/franceconnect.hpp"
#include "service/habilitation_requests.hpp"
#include "service/person_accounts.hpp"
#include "service/staff.hpp"
#include "service/statistics.hpp"

#include <string>

namespace ofpra::web {

struct PortalContext {
  const service::AccountContext& accounts;
  const service::DoorContext& door;
  env::TaskPool& blocking;
  bool secure_cookies = false;  // the service is reached over HTTPS
  // Where one-time codes land when they are written to files (the demo), shown on the
  // activation page; empty in production.
  std::string demo_outbox;
  std::string public_url;                 // where a verifier finds the share-code page
  auth::RateLimiter* opinions = nullptr;  // opinions given, per address
  // "S'identifier avec FranceConnect"; null when no provider is configured.
  const service::FranceConnectContext* franceconnect = nullptr;
  // The counter (/guichet) for partner agents signed in with ProConnect; null when no provider
  // is configured.
  const service::CounterContext* counter = nullptr;
  // Sign-ins started with an OpenID provider, per address (each holds a pending slot).
  auth::RateLimiter* sign_in_starts = nullptr;
  // Each partner's request limit, by SIRET: its counter's checks count with its API's.
  auth::RateLimiter* partner_limits = nullptr;
  // The back office (/admin) for OFPRA staff signed in with ProConnect; null when no provider is
  // configured.
  const service::StaffContext* staff = nullptr;
  // Habilitation requests: the public form (/habilitation) and the back office's instruction;
  // null: neither.
  const service::RequestContext* requests = nullptr;
  // Habilitation request forms sent (filed, followed, amended), per address; null: unlimited.
  auth::RateLimiter* request_forms = nullptr;
  // The key that signs the journal's checkpoints, shown to auditors and checked against.
  std::string journal_key_id = {};
  std::string journal_public_key_hex = {};
  // Requests to OFPRA: the counter's, the person's, and the back office's queue; null: none.
  const service::DemandeContext* demandes = nullptr;
  // The public statistics (/statistiques), computed at most every few minutes; null: none.
  service::StatisticsCache* statistics = nullptr;
  // Signed attestations (/espace/attestations, /verifier-attestation); null: none.
  const attest::Authority* attestation_authority = nullptr;
  int attestation_validity_days = domain::default_attestation_validity_days;
  auth::RateLimiter* attestation_checks = nullptr;  // verifications per address; null: unlimited
};

// Routes capture the context, which must outlive the router.
void add_portal_routes(http::Router& router, const PortalContext& context);

// The message carrying a one-time code, from the catalogs, in the person's language when we
// have it (her contact's "langue"), else in the language of the page she used; it says when
// the code was asked, in Paris time.
service::MessageText compose_code_message(const service::CodeMessage& message, const domain::Contact& contact,
                                          std::string_view page_language);

}  // namespace ofpra::web
