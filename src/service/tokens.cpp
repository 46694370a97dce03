#include "service/tokens.hpp"

#include "auth/secret_hash.hpp"

#include <algorithm>
#include <set>

namespace ofpra::service {

TokenOutcome grant_client_credentials(store::Database& db, const auth::TokenIssuer& issuer,
                                      const std::string& client_id, const std::string& client_secret,
                                      const std::string& scope, const env::Clock& clock, env::Random& random) {
  TokenOutcome out;
  auto client = db.partners().find_client(client_id);
  if (!client) return out;
  // An unknown client costs the same hashing time as a known one with a wrong secret.
  static const std::string decoy = *auth::hash_secret("decoy secret for unknown clients");
  const bool known = client->has_value() && !(*client)->revoked;
  const bool secret_ok = auth::verify_secret(client_secret, known ? (**client).secret_hash : decoy);
  if (!known || !secret_ok) {
    out.refusal = TokenRefusal::invalid_client;
    return out;
  }
  const auto& c = **client;
  auto habs = db.partners().habilitations(c.partner_siret);
  if (!habs) return out;
  const auto today = env::format_utc(clock.now()).substr(0, 10);
  std::set<std::string> allowed;
  for (const auto& h : *habs) {
    if (!domain::in_force(h, today)) continue;
    for (const auto& g : h.scopes) allowed.insert(std::string(to_string(g.scope)));
  }
  std::vector<std::string> granted;
  if (scope.empty()) {
    granted.assign(allowed.begin(), allowed.end());
  } else {
    for (std::size_t pos = 0; pos < scope.size();) {
      auto end = std::min(scope.find(' ', pos), scope.size());
      auto s = scope.substr(pos, end - pos);
      if (!s.empty() && std::find(granted.begin(), granted.end(), s) == granted.end()) {
        if (!allowed.count(s)) {
          out.refusal = TokenRefusal::invalid_scope;
          return out;
        }
        granted.push_back(s);
      }
      pos = end + 1;
    }
  }
  if (granted.empty()) {
    out.refusal = TokenRefusal::invalid_scope;
    return out;
  }
  auth::AccessToken t{c.client_id, c.partner_siret, granted, {}, 0, 0};
  TokenGrant g;
  g.access_token = issuer.issue(t, clock.now(), random);
  g.expires_in = issuer.lifetime().count();
  for (const auto& s : granted) g.scope += (g.scope.empty() ? "" : " ") + s;
  out.grant = std::move(g);
  return out;
}

}  // namespace ofpra::service
