#include "service/franceconnect.hpp"

#include "auth/jws.hpp"
#include "journal/chain.hpp"
#include "matching/matcher.hpp"

#include <boost/json.hpp>

#include <array>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::Error;

constexpr std::chrono::minutes login_lifetime{10};

std::string claim(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

// FranceConnect's identity pivot as the matcher's query: birth name, given names (space
// separated), birth date, sex ("female", "male"), birth country (INSEE code, as ours).
std::optional<matching::IdentityQuery> query_of(const json::object& claims) {
  matching::IdentityQuery q;
  q.nom_naissance = claim(claims, "family_name");
  const auto given_text = claim(claims, "given_name");
  std::string_view given = given_text;
  while (!given.empty()) {
    const auto space = given.find(' ');
    if (const auto part = given.substr(0, space); !part.empty()) q.prenoms.emplace_back(part);
    given = space == std::string_view::npos ? std::string_view{} : given.substr(space + 1);
  }
  auto birth = domain::PartialDate::parse(claim(claims, "birthdate"));
  if (q.nom_naissance.empty() || q.prenoms.empty() || !birth) return std::nullopt;
  q.date_naissance = *birth;
  const auto gender = claim(claims, "gender");
  if (gender == "female") q.sexe = domain::Sex::female;
  if (gender == "male") q.sexe = domain::Sex::male;
  if (const auto country = claim(claims, "birthcountry"); !country.empty()) q.code_pays_naissance = country;
  return q;
}

}  // namespace

std::string FranceConnectLogins::add(Entry entry, env::Random& random) {
  std::array<std::uint8_t, 32> bytes{};
  random.fill(bytes);
  auto id = auth::base64url(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()));
  entry.expires = clock_.now() + login_lifetime;
  std::lock_guard lock(mutex_);
  // Forget what ran out, so that abandoned sign-ins do not pile up.
  std::erase_if(entries_, [now = clock_.now()](const auto& e) { return e.second.expires <= now; });
  entries_[id] = std::move(entry);
  return id;
}

std::optional<FranceConnectLogins::Entry> FranceConnectLogins::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.expires <= clock_.now()) return std::nullopt;
  return it->second;
}

void FranceConnectLogins::put(const std::string& id, Entry entry) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(id); it != entries_.end()) it->second = std::move(entry);
}

void FranceConnectLogins::remove(const std::string& id) {
  std::lock_guard lock(mutex_);
  entries_.erase(id);
}

domain::Result<FranceConnectStart> franceconnect_start(const FranceConnectContext& c) {
  auto start = c.provider.start();
  if (!start) return start.error();
  FranceConnectLogins::Entry entry;
  entry.pending = start->pending;
  return FranceConnectStart{start->url, c.logins.add(std::move(entry), c.random)};
}

domain::Result<FranceConnectReturn> franceconnect_return(const FranceConnectContext& c, const std::string& login_id,
                                                         const std::string& state, const std::string& code) {
  auto entry = c.logins.find(login_id);
  if (!entry || entry->pending.state.empty() || state != entry->pending.state || code.empty())
    return Error{"no sign-in with this state is waiting", "oidc"};
  auto identity = c.provider.finish(code, entry->pending);
  if (!identity) return identity.error();
  entry->pending.state.clear();  // a code is exchanged once
  entry->subject_hash = journal::sha256_hex(identity->sub);
  auto linked = c.db.portal().find_identity_link(std::string(franceconnect_provider), entry->subject_hash);
  if (!linked) return linked.error();
  if (*linked) {
    c.logins.remove(login_id);
    return FranceConnectReturn{FranceConnectOutcome::signed_in, **linked};
  }
  FranceConnectReturn r;
  if (const auto q = query_of(identity->claims))
    if (const auto snapshot = c.registry.current()) {
      const auto match = snapshot->identity_match(*q);
      if (match.verdict == matching::Verdict::found && match.numbers.size() == 1) {
        entry->candidate = match.numbers.front();
        r.outcome = FranceConnectOutcome::confirm;
      }
    }
  if (r.outcome == FranceConnectOutcome::unknown)
    c.logins.remove(login_id);
  else
    c.logins.put(login_id, std::move(*entry));
  return r;
}

domain::Result<std::string> franceconnect_confirm(const FranceConnectContext& c, const std::string& login_id,
                                                  const std::string& typed) {
  auto entry = c.logins.find(login_id);
  if (!entry || entry->candidate.empty()) return Error{"no sign-in is waiting for a confirmation", "oidc"};
  if (typed != entry->candidate) {
    if (--entry->tries_left <= 0) {
      c.logins.remove(login_id);
      return Error{"too many wrong numbers", "essais"};
    }
    c.logins.put(login_id, std::move(*entry));
    return Error{"not the number of the person found", "numero_ofpra"};
  }
  if (auto s = c.db.portal().put_identity_link(std::string(franceconnect_provider), entry->subject_hash, typed); !s)
    return s.error();
  c.logins.remove(login_id);
  return typed;
}

}  // namespace ofpra::service
