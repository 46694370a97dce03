#include "service/tokens.hpp"

#include "auth/client_assertion.hpp"
#include "auth/secret_hash.hpp"
#include "service/ingestion.hpp"

#include <algorithm>
#include <set>

namespace ofpra::service {

namespace {

using Authenticated = std::optional<store::ApiClient>;

// What an unknown client's secret is checked against: it costs the same hashing time as a known one.
const std::string& decoy_hash() {
  static const std::string decoy = *auth::hash_secret("decoy secret for unknown clients");
  return decoy;
}

// The client when its secret is right. An unknown client costs the same hashing time as a
// known one with a wrong secret.
domain::Result<Authenticated> by_secret(store::Database& db, const ClientAuthentication& a, const std::string& now) {
  auto client = db.partners().find_client(a.client_id);
  if (!client) return client.error();
  const bool known = client->has_value() && (*client)->active() && !(*client)->secret_hash.empty();
  bool secret_ok = auth::verify_secret(a.client_secret, known ? (**client).secret_hash : decoy_hash());
  // After a rotation, the secret it replaced until its overlap ends.
  if (known && !secret_ok && !(*client)->previous_secret_hash.empty() && (*client)->previous_until > now)
    secret_ok = auth::verify_secret(a.client_secret, (*client)->previous_secret_hash);
  if (!known || !secret_ok) return Authenticated{};
  return std::move(*client);
}

// The client when its assertion is signed by its key, addressed to us, current, and not seen
// before (RFC 7523 §3).
domain::Result<Authenticated> by_assertion(store::Database& db, const ClientAuthentication& a,
                                           const std::string& token_endpoint, const std::string& issuer,
                                           std::int64_t now) {
  const auto subject = auth::unverified_subject(a.assertion);
  if (subject.empty() || (!a.client_id.empty() && a.client_id != subject)) return Authenticated{};
  auto client = db.partners().find_client(subject);
  if (!client) return client.error();
  if (!*client || !(*client)->active() || (*client)->public_key_pem.empty()) return Authenticated{};
  auto claims = auth::verify_assertion(a.assertion, (*client)->public_key_pem);
  if (!claims) return Authenticated{};
  const bool addressed = std::any_of(claims->aud.begin(), claims->aud.end(),
                                     [&](const std::string& aud) { return aud == token_endpoint || aud == issuer; });
  constexpr std::int64_t skew = 60;
  if (claims->iss != subject || claims->sub != subject || !addressed || claims->jti.empty() ||
      claims->jti.size() > 200 || claims->exp <= now || claims->exp > now + max_assertion_lifetime ||
      claims->nbf > now + skew || claims->iat > now + skew)
    return Authenticated{};
  auto fresh = db.partners().use_assertion(subject, claims->jti, claims->exp, now);
  if (!fresh) return fresh.error();
  if (!*fresh) return Authenticated{};  // replayed
  return std::move(*client);
}

// OFPRA's information system (service/ingestion.hpp): a secret, and the one scope of its kind.
TokenOutcome registry_client_token(const TokenContext& context, const ClientAuthentication& a, const std::string& scope,
                                   const std::string& origin_key, const std::string& client_key) {
  TokenOutcome out;
  auto client = context.db.ingestion().find_registry_client(a.client_id);
  if (!client) return out;
  const bool known = client->has_value() && !(*client)->revoked;
  const bool secret_ok = auth::verify_secret(a.client_secret, known ? (**client).secret_hash : decoy_hash());
  if (!known || !secret_ok || !a.assertion.empty()) {
    if (context.failures) {
      (void)context.failures->take(origin_key);
      (void)context.failures->take(client_key);
    }
    out.refusal = TokenRefusal::invalid_client;
    return out;
  }
  if (!scope.empty() && scope != registry_write_scope) {
    out.refusal = TokenRefusal::invalid_scope;
    return out;
  }
  auth::AccessToken t{a.client_id, "", {std::string(registry_write_scope)}, {}, 0, 0};
  TokenGrant g;
  g.access_token = context.issuer.issue(t, context.clock.now(), context.random);
  g.expires_in = context.issuer.lifetime().count();
  g.scope = registry_write_scope;
  out.grant = std::move(g);
  return out;
}

}  // namespace

TokenOutcome grant_client_credentials(const TokenContext& context, const ClientAuthentication& authentication,
                                      const std::string& scope, const std::string& token_endpoint) {
  auto& [db, issuer, clock, random, failures] = context;
  TokenOutcome out;
  const auto origin_key = "origin:" + authentication.origin;
  const auto client_key = "client:" + authentication.client_id + "@" + authentication.origin;
  if (failures && (failures->exhausted(origin_key) || failures->exhausted(client_key))) {
    out.refusal = TokenRefusal::too_many_failures;
    return out;
  }
  if (authentication.client_id.starts_with(registry_client_prefix))
    return registry_client_token(context, authentication, scope, origin_key, client_key);
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.now().time_since_epoch()).count();
  auto client = authentication.assertion.empty()
                    ? by_secret(db, authentication, env::format_utc(clock.now()))
                    : by_assertion(db, authentication, token_endpoint, issuer.issuer(), now);
  if (!client) return out;
  if (!*client) {
    if (failures) {
      (void)failures->take(origin_key);
      (void)failures->take(client_key);
    }
    out.refusal = TokenRefusal::invalid_client;
    return out;
  }
  const auto& c = **client;
  auto habs = db.partners().habilitations(c.partner_siret);
  if (!habs) return out;
  const auto today = domain::day_of(clock.now()).to_string();
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
