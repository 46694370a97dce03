#pragma once
// Registering an administration: the partner, a validated habilitation within the default
// policy of its type (wider only on a recorded legal basis), and an API client whose secret
// is shown once and stored as an argon2id hash.
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

domain::Result<ClientCredentials> add_partner(store::Database& db, const NewPartner& request, env::Random& random,
                                              const env::Clock& clock);

}  // namespace ofpra::service
