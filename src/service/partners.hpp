#pragma once
// Registering an administration: the partner, a validated habilitation within the default
// policy of its type (wider only on a recorded legal basis), and an API client whose secret
// is shown once and stored as an argon2id hash. For a SIRET already registered, with the same
// name and type and nothing more asked, a new client only.
#include "domain/habilitation.hpp"
#include "domain/partner.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "store/database.hpp"

#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

struct NewPartner {
  domain::Partner partner;
  std::optional<std::vector<domain::Scope>> scopes;  // none: the default policy of the type
  std::string legal_basis;
  std::string legal_basis_url;
  std::string purpose;
  // private_key_jwt: the client's PEM public key; then it gets no secret.
  std::string public_key_pem;
  // Administrations (SIRET) the partner receives answers for besides itself (a software vendor).
  std::vector<std::string> acting_for;
};

struct ClientCredentials {
  std::string client_id;
  std::string client_secret;  // shown once; empty for a client that authenticates with its key
};

// A client of the partner, not yet stored: with a public key, no secret. Errors: "public_key".
struct NewClient {
  ClientCredentials credentials;
  store::ApiClient client;
};
domain::Result<NewClient> new_client(const std::string& siret, const std::string& public_key_pem, env::Random& random);

domain::Result<ClientCredentials> add_partner(store::Database& db, const NewPartner& request, env::Random& random,
                                              const env::Clock& clock);

// An explicit change of a registered partner (`partner update`): its name, its type, and a new
// validated habilitation with these scopes (within the type's default policy, or beyond it on
// a legal basis). Returns what changed, one line each (none: nothing did). Errors: "siret" (no
// such partner), "name", "scopes".
struct PartnerUpdate {
  std::string siret;
  std::optional<std::string> name;
  std::optional<domain::AdministrationType> type;
  std::optional<std::vector<domain::Scope>> scopes;
  std::string legal_basis;
  std::string legal_basis_url;
  std::string purpose;
};
domain::Result<std::vector<std::string>> update_partner(store::Database& db, const PartnerUpdate& update,
                                                        const env::Clock& clock);

}  // namespace ofpra::service
