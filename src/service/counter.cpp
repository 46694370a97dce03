#include "service/counter.hpp"

#include "auth/secret_hash.hpp"
#include "domain/email_address.hpp"
#include "domain/json_member.hpp"
#include "domain/partial_date.hpp"
#include "journal/chain.hpp"
#include "service/session_times.hpp"
#include "service/verification_request.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::service {
namespace {

using domain::Error;
namespace json = boost::json;

// Whether the allow-list lets her in: empty (every agent of the organisation), her e-mail's
// domain, or her uid at her identity provider.
bool allowed(const std::vector<store::CounterAllowance>& list, const std::string& domain, const std::string& uid) {
  if (list.empty()) return true;
  return std::any_of(list.begin(), list.end(), [&](const store::CounterAllowance& a) {
    return (a.kind == "domaine" && !domain.empty() && a.value == domain) ||
           (a.kind == "uid" && !uid.empty() && a.value == uid);
  });
}

std::string domain_of(const std::string& email) {
  const auto at = email.rfind('@');
  return at == std::string::npos ? std::string() : domain::ascii_lower(email.substr(at + 1));
}

domain::Result<store::CounterAllowance> checked(const std::string& siret, store::CounterAllowance a) {
  if (!domain::is_siret(siret)) return domain::refused("siret", "a SIRET is 14 digits with a valid Luhn key");
  if (a.kind == "domaine") {
    a.value = domain::ascii_lower(std::move(a.value));
    if (!domain::is_email_address("agent@" + a.value)) return domain::refused("value", "not an e-mail domain");
  } else if (a.kind != "uid") {
    return domain::refused("kind", "an allowance is an e-mail domain or a uid");
  }
  if (a.value.empty() || a.value.size() > 200) return domain::refused("value", "1 to 200 characters");
  return a;
}

}  // namespace

int assurance_level(std::string_view acr) {
  if (acr == "eidas1") return 1;
  if (acr == "eidas2") return 2;
  if (acr == "eidas3") return 3;
  return 0;
}

std::string agent_reference(std::string_view idp_id, std::string_view sub) {
  std::string both(idp_id);
  both += '\n';
  both += sub;
  return "agent-" + journal::sha256_hex(both).substr(0, 16);
}

domain::Result<oidc::SignInStart> counter_start(const CounterContext& c, const std::string& replacing) {
  return oidc::start_sign_in(c.provider, c.logins, c.random, replacing);
}

namespace {

// The organisation that lets an agent in now, as read for it: a partner with a habilitation in
// force whose allow-list, if any, names her e-mail's domain or her uid.
struct Admitted {
  domain::Partner partner;
  std::vector<domain::Habilitation> habilitations;
};

domain::Result<Admitted> admitted(const CounterContext& c, const std::string& siret, const std::string& email_domain,
                                  const std::string& uid, const std::string& today) {
  auto partner = c.db.partners().find_partner(siret);
  if (!partner) return partner.error();
  if (!*partner) return domain::refused("partenaire", "the agent's organisation is not a partner");
  auto habilitations = c.db.partners().habilitations(siret);
  if (!habilitations) return habilitations.error();
  if (std::none_of(habilitations->begin(), habilitations->end(),
                   [&](const domain::Habilitation& h) { return domain::in_force(h, today); }))
    return domain::refused("habilitation", "the organisation has no habilitation in force");
  auto list = c.db.counter().counter_allowances(siret);
  if (!list) return list.error();
  if (!allowed(*list, email_domain, uid))
    return domain::refused("agent", "the organisation does not let this agent use the counter");
  return Admitted{std::move(**partner), std::move(*habilitations)};
}

}  // namespace

domain::Result<OpenedCounterSession> counter_return(const CounterContext& c, const std::string& login_id,
                                                    const std::string& state, const std::string& code) {
  auto pending = c.logins.take(login_id, state);
  if (!pending) return domain::refused("oidc", "no sign-in under way with that state");
  auto identity = c.provider.finish(code, *pending);
  if (!identity) return identity.error();
  const auto& claims = identity->claims;
  const auto idp_id = domain::string_member(claims, "idp_id");
  const auto given_name = domain::string_member(claims, "given_name");
  const auto usual_name = domain::string_member(claims, "usual_name");
  if (idp_id.empty() || given_name.empty() || usual_name.empty())
    return domain::refused("identite", "the provider did not give idp_id, given_name and usual_name");
  const auto siret = domain::string_member(claims, "siret");
  if (!domain::is_siret(siret)) return domain::refused("siret", "no SIRET in the agent's identity");
  const auto email_domain = domain_of(domain::string_member(claims, "email"));
  const auto uid = domain::string_member(claims, "uid");
  if (auto in = admitted(c, siret, email_domain, uid, domain::day_of(c.clock.now()).to_string()); !in)
    return in.error();

  OpenedCounterSession o;
  o.token = auth::new_secret(c.random, 32);
  auto& s = o.session;
  s.token_hash = journal::sha256_hex(o.token);
  s.agent_ref = agent_reference(idp_id, identity->sub);
  s.partner_siret = siret;
  s.given_name = given_name;
  s.usual_name = usual_name;
  s.email_domain = email_domain;
  s.uid = uid;
  s.acr = identity->acr;
  s.id_token = identity->id_token;
  s.csrf_token = auth::new_secret(c.random, 24);
  const auto now = c.clock.now();
  s.expires_at = env::format_utc(now + counter_session_lifetime);
  s.idle_until = env::format_utc(now + counter_session_idle);
  if (auto put = c.db.counter().put_counter_session(s, env::format_utc(now)); !put) return put.error();
  return o;
}

domain::Result<std::optional<CounterSession>> find_counter_session(const CounterContext& c, const std::string& token) {
  if (token.empty() || token.size() > 100) return std::optional<CounterSession>{};
  const auto hash = journal::sha256_hex(token);
  auto found = c.db.counter().find_counter_session(hash);
  if (!found || !*found) return found;
  const auto idle = renewed_idle((*found)->expires_at, (*found)->idle_until, c.clock.now(), counter_session_idle);
  if (!idle) {
    if (auto s = c.db.counter().delete_counter_session(hash); !s) return s.error();
    return std::optional<CounterSession>{};
  }
  (*found)->idle_until = *idle;
  if (auto s = c.db.counter().touch_counter_session(hash, (*found)->idle_until); !s) return s.error();
  return found;
}

domain::Result<std::optional<std::string>> close_counter_session(const CounterContext& c, const std::string& token,
                                                                 const std::string& post_logout) {
  auto session = find_counter_session(c, token);
  if (!session) return session.error();
  if (!*session) return std::optional<std::string>{};
  if (auto s = c.db.counter().delete_counter_session((*session)->token_hash); !s) return s.error();
  return c.provider.logout_url((*session)->id_token, post_logout, auth::new_secret(c.random, 24));
}

domain::Result<CounterDesk> counter_desk(const CounterContext& c, const CounterSession& session) {
  const auto today = domain::day_of(c.clock.now()).to_string();
  auto in = admitted(c, session.partner_siret, session.email_domain, session.uid, today);
  if (!in) return in.error();
  const auto& habilitations = in->habilitations;
  CounterDesk desk;
  desk.partner = std::move(in->partner);
  for (const auto& h : habilitations)
    if (domain::in_force(h, today) && !h.purpose.empty() &&
        std::find(desk.purposes.begin(), desk.purposes.end(), h.purpose) == desk.purposes.end())
      desk.purposes.push_back(h.purpose);
  const auto level = assurance_level(session.acr);
  for (auto scope : domain::all_scopes) {
    const auto needs = domain::consent_needed(habilitations, scope, today);
    if (!needs) continue;
    const auto it = c.scope_levels.find(scope);
    if (level < (it == c.scope_levels.end() ? 1 : it->second))
      desk.above_level.push_back(scope);
    else
      desk.scopes.push_back({scope, *needs});
  }
  return desk;
}

std::variant<DisclosureRequest, Refusal> counter_request(std::string_view by,
                                                         const std::map<std::string, std::string>& fields,
                                                         const std::string& siret,
                                                         const std::vector<CounterScope>& scopes) {
  auto field = [&](const std::string& name) {
    const auto it = fields.find(name);
    return it == fields.end() ? std::string() : it->second;
  };
  // Numbers as agents copy them from a document: grouped with spaces, dots or dashes.
  auto number = [&](const std::string& name) {
    std::string digits;
    for (char ch : field(name))
      if (ch != ' ' && ch != '.' && ch != '-' && ch != '\t') digits += ch;
    return digits;
  };
  json::object body{{"recipient", siret}, {"motif", field("motif")}};
  json::array asked;
  for (const auto& s : scopes) asked.emplace_back(to_string(s.scope));
  body["scopes"] = std::move(asked);
  if (const auto date = field("date"); !date.empty()) body["date"] = date;
  if (by == "numero_agdref") {
    body["numero_agdref"] = number("numero_agdref");
  } else if (by == "identite") {
    json::array prenoms;
    std::string part;
    for (char ch : field("prenoms") + ' ') {
      if (ch == ' ' || ch == ',') {
        if (!part.empty()) prenoms.emplace_back(part);
        part.clear();
      } else {
        part += ch;
      }
    }
    json::object identite{{"nom_naissance", field("nom_naissance")},
                          {"prenoms", std::move(prenoms)},
                          {"date_naissance", field("date_naissance")}};
    for (const auto* optional : {"sexe", "code_pays_naissance"})
      if (const auto value = field(optional); !value.empty()) identite[optional] = value;
    body["identite"] = std::move(identite);
  } else if (by == "code_partage") {
    body["code_partage"] = field("code_partage");
    body["date_naissance"] = field("date_naissance");
  } else {
    body["numero_ofpra"] = number("numero_ofpra");
  }
  auto request = parse_verification_request(json::serialize(body));
  if (auto* r = std::get_if<DisclosureRequest>(&request)) r->scopes_asked = ScopesAsked::at_most;
  return request;
}

domain::Result<bool> allow_at_counter(store::Database& db, const std::string& siret, store::CounterAllowance a) {
  auto ok = checked(siret, std::move(a));
  if (!ok) return ok.error();
  return db.counter().add_counter_allowance(siret, *ok);
}

domain::Result<bool> disallow_at_counter(store::Database& db, const std::string& siret, store::CounterAllowance a) {
  auto ok = checked(siret, std::move(a));
  if (!ok) return ok.error();
  return db.counter().remove_counter_allowance(siret, *ok);
}

}  // namespace ofpra::service
