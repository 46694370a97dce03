#include "service/partners.hpp"

#include "auth/client_assertion.hpp"
#include "auth/secret_hash.hpp"
#include "service/staff.hpp"

namespace ofpra::service {

domain::Result<NewClient> new_client(const std::string& siret, const std::string& public_key_pem, env::Random& random) {
  NewClient n{{"pc_" + env::random_hex(random, 12), {}}, {}};
  n.client = {n.credentials.client_id, siret, {}, false, public_key_pem};
  if (public_key_pem.empty()) {
    n.credentials.client_secret = auth::new_secret(random);
    auto hash = auth::hash_secret(n.credentials.client_secret);
    if (!hash) return domain::unavailable_error("could not hash the client secret (out of memory)");
    n.client.secret_hash = std::move(*hash);
  } else if (auto alg = auth::public_key_algorithm(public_key_pem); !alg) {
    return domain::Error{alg.error().message, "public_key"};
  }
  return n;
}

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

  // An existing partner gets a new client only: its name, type and scopes change through the
  // workflow or `partner update`, which says what it changes, never here.
  auto known = db.partners().find_partner(p.siret);
  if (!known) return known.error();
  if (*known && ((*known)->type != p.type || (*known)->name != p.name || request.scopes ||
                 !request.legal_basis.empty() || !request.acting_for.empty()))
    return domain::Error{"this SIRET is already registered (" + std::string(to_string((*known)->type)) + ", " +
                             (*known)->name +
                             "); adding a client changes nothing else: `partner update` changes its name, type or "
                             "scopes and says what it changed",
                         "siret"};
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

  auto client = new_client(p.siret, request.public_key_pem, random);
  if (!client) return client.error();

  if (!*known) {
    if (auto s = db.partners().put_partner(p); !s) return s.error();
    if (auto id = db.partners().put_habilitation(h); !id) return id.error();
  }
  if (auto s = db.partners().put_client(client->client); !s) return s.error();
  return client->credentials;
}

domain::Result<std::vector<std::string>> update_partner(store::Database& db, const PartnerUpdate& u,
                                                        const env::Clock& clock) {
  auto known = db.partners().find_partner(u.siret);
  if (!known) return known.error();
  if (!*known) return domain::Error{"no partner has this SIRET", "siret"};
  auto partner = **known;
  std::vector<std::string> said;
  if (u.name && *u.name != partner.name) {
    if (u.name->empty() || u.name->size() > 200) return domain::Error{"must be 1 to 200 characters", "name"};
    said.push_back("name: " + partner.name + " -> " + *u.name);
    partner.name = *u.name;
  }
  if (u.type && *u.type != partner.type) {
    said.push_back("type: " + std::string(to_string(partner.type)) + " -> " + std::string(to_string(*u.type)));
    partner.type = *u.type;
  }
  std::optional<domain::Habilitation> added;
  if (u.scopes) {
    auto grants = domain::grants_for(partner.type, *u.scopes, !u.legal_basis.empty());
    if (!grants) return grants.error();
    if (grants->empty()) return domain::Error{"no scope", "scopes"};
    domain::Habilitation h;
    h.partner_siret = partner.siret;
    h.scopes = std::move(*grants);
    h.legal_basis = u.legal_basis.empty() ? "Politique par défaut du type d'administration (DESIGN §3)" : u.legal_basis;
    h.legal_basis_url = u.legal_basis_url;
    h.purpose = u.purpose;
    h.state = domain::HabilitationState::validated;
    h.valid_from = domain::day_of(clock.now()).to_string();
    added = std::move(h);
  }
  if (said.empty() && !added) return said;
  if (auto s = db.partners().put_partner(partner); !s) return s.error();
  if (added) {
    auto id = db.partners().put_habilitation(*added);
    if (!id) return id.error();
    std::string scopes;
    for (const auto& g : added->scopes)
      scopes +=
          (scopes.empty() ? "" : ", ") + std::string(to_string(g.scope)) + (g.consent_required ? " (consent)" : "");
    said.push_back("habilitation " + std::to_string(*id) + " added: " + scopes);
  }
  std::string all;
  for (const auto& line : said) all += (all.empty() ? "" : "; ") + line;
  if (auto r = record_staff_action(db, clock, std::string(command_line_actor), "partenaire.modification",
                                   partner.siret + " : " + all, u.purpose);
      !r)
    return r.error();
  return said;
}

}  // namespace ofpra::service
