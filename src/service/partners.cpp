#include "service/partners.hpp"

#include "auth/client_assertion.hpp"
#include "auth/secret_hash.hpp"

namespace ofpra::service {

domain::Result<ClientCredentials> add_partner(store::Database& db, const NewPartner& request, env::Random& random,
                                              const env::Clock& clock) {
  const auto& p = request.partner;
  if (!domain::is_siret(p.siret)) return domain::Error{"must be 14 digits with a valid Luhn key", "siret"};
  if (p.name.empty() || p.name.size() > 200) return domain::Error{"must be 1 to 200 characters", "name"};
  std::vector<domain::Scope> wanted;
  if (request.scopes) {
    wanted = *request.scopes;
  } else {
    for (const auto& g : domain::default_policy(p.type)) wanted.push_back(g.scope);
  }
  if (wanted.empty())
    return domain::Error{"no scope: administrations of this type need explicit scopes and a legal basis", "scopes"};
  auto grants = domain::grants_for(p.type, wanted, !request.legal_basis.empty());
  if (!grants) return grants.error();

  for (const auto& siret : request.acting_for)
    if (!domain::is_siret(siret))
      return domain::Error{"must be SIRETs of 14 digits with a valid Luhn key", "acting_for"};

  // Its type decides what it may ever be habilitated for: adding a client never changes it.
  auto known = db.partners().find_partner(p.siret);
  if (!known) return known.error();
  if (*known && (*known)->type != p.type)
    return domain::Error{"this SIRET is already registered as " + std::string(to_string((*known)->type)) +
                             "; a partner's type is not changed by adding a client",
                         "type"};

  domain::Habilitation h;
  h.partner_siret = p.siret;
  h.acting_for = request.acting_for;
  h.scopes = std::move(*grants);
  h.legal_basis =
      request.legal_basis.empty() ? "Politique par défaut du type d'administration (DESIGN §3)" : request.legal_basis;
  h.legal_basis_url = request.legal_basis_url;
  h.purpose = request.purpose;
  h.state = domain::HabilitationState::validated;
  h.valid_from = domain::day_of(clock.now()).to_string();

  ClientCredentials credentials{"pc_" + env::random_hex(random, 12), {}};
  store::ApiClient client{credentials.client_id, p.siret, {}, false, request.public_key_pem};
  if (request.public_key_pem.empty()) {
    credentials.client_secret = auth::new_secret(random);
    auto hash = auth::hash_secret(credentials.client_secret);
    if (!hash) return domain::Error{"could not hash the client secret (out of memory)", {}};
    client.secret_hash = std::move(*hash);
  } else if (auto alg = auth::public_key_algorithm(request.public_key_pem); !alg) {
    return alg.error();
  }

  if (auto s = db.partners().put_partner(p); !s) return s.error();
  if (auto id = db.partners().put_habilitation(h); !id) return id.error();
  if (auto s = db.partners().put_client(client); !s) return s.error();
  return credentials;
}

}  // namespace ofpra::service
