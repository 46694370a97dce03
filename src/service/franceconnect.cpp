#include "service/franceconnect.hpp"

#include "auth/secret_hash.hpp"
#include "domain/json_member.hpp"
#include "journal/chain.hpp"
#include "matching/matcher.hpp"

#include <boost/json.hpp>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::Error;

constexpr std::chrono::minutes login_lifetime{10};

// FranceConnect's identity pivot as the matcher's query: birth name, given names (space
// separated), birth date to the day, sex ("female", "male") and birth country (an INSEE code,
// as ours). All are required: a missing one would weigh as "unknown" in the score, and the
// authorization address, which passes through the browser, could have had its scope cut.
std::optional<matching::IdentityQuery> query_of(const json::object& claims) {
  matching::IdentityQuery q;
  q.nom_naissance = domain::string_member(claims, "family_name");
  const auto given_text = domain::string_member(claims, "given_name");
  std::string_view given = given_text;
  while (!given.empty()) {
    const auto space = given.find(' ');
    if (const auto part = given.substr(0, space); !part.empty()) q.prenoms.emplace_back(part);
    given = space == std::string_view::npos ? std::string_view{} : given.substr(space + 1);
  }
  const auto birth = domain::PartialDate::parse(domain::string_member(claims, "birthdate"));
  const auto gender = domain::string_member(claims, "gender");
  const auto country = domain::string_member(claims, "birthcountry");
  if (q.nom_naissance.empty() || q.prenoms.empty() || !birth || birth->precision != domain::DatePrecision::day ||
      (gender != "female" && gender != "male") || country.size() != 5)
    return std::nullopt;
  q.date_naissance = *birth;
  q.sexe = gender == "female" ? domain::Sex::female : domain::Sex::male;
  q.code_pays_naissance = country;
  return q;
}

}  // namespace

std::optional<std::string> FranceConnectLogins::add(Entry entry, env::Random& random) {
  auto id = auth::new_secret(random);
  entry.expires = clock_.now() + login_lifetime;
  std::lock_guard lock(mutex_);
  if (entries_.size() >= franceconnect_max_pending)
    std::erase_if(entries_, [now = clock_.now()](const auto& e) { return e.second.expires <= now; });
  if (entries_.size() >= franceconnect_max_pending) return std::nullopt;
  entries_[id] = std::move(entry);
  return id;
}

std::optional<FranceConnectLogins::Entry> FranceConnectLogins::take_return(const std::string& id,
                                                                           const std::string& state) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.expires <= clock_.now() || it->second.pending.state.empty() ||
      it->second.pending.state != state)
    return std::nullopt;
  auto entry = it->second;
  it->second.pending.state.clear();
  return entry;
}

void FranceConnectLogins::put(const std::string& id, Entry entry) {
  std::lock_guard lock(mutex_);
  if (auto it = entries_.find(id); it != entries_.end()) it->second = std::move(entry);
}

FranceConnectLogins::Attempt FranceConnectLogins::attempt(const std::string& id, const std::string& typed, Entry& out) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(id);
  if (it == entries_.end() || it->second.expires <= clock_.now() || it->second.subject_hash.empty())
    return Attempt::none;
  out = it->second;
  if (!it->second.candidate.empty() && typed == it->second.candidate) {
    entries_.erase(it);
    return Attempt::confirmed;
  }
  if (--it->second.tries_left <= 0) {
    entries_.erase(it);
    return Attempt::exhausted;
  }
  return Attempt::wrong;
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
  auto id = c.logins.add(std::move(entry), c.accounts.random);
  if (!id) return domain::unavailable_error("too many FranceConnect sign-ins under way");
  return FranceConnectStart{start->url, std::move(*id)};
}

domain::Result<FranceConnectReturn> franceconnect_return(const FranceConnectContext& c, const std::string& login_id,
                                                         const std::string& state, const std::string& code) {
  auto entry = code.empty() ? std::nullopt : c.logins.take_return(login_id, state);
  if (!entry) return Error{"no sign-in with this state is waiting", "oidc"};
  auto identity = c.provider.finish(code, entry->pending);
  if (!identity) {
    c.logins.remove(login_id);
    return identity.error();
  }
  entry->pending.state.clear();
  entry->subject_hash = journal::sha256_hex(identity->sub);
  auto linked = c.accounts.db.portal().find_identity_link(std::string(franceconnect_provider), entry->subject_hash);
  if (!linked) return linked.error();
  if (*linked) {
    c.logins.remove(login_id);
    return FranceConnectReturn{**linked};
  }
  if (const auto q = query_of(identity->claims))
    if (const auto snapshot = c.registry.current()) {
      const auto match = snapshot->identity_match(*q);
      if (match.verdict == matching::Verdict::found && match.numbers.size() == 1)
        entry->candidate = match.numbers.front();
    }
  c.logins.put(login_id, std::move(*entry));
  return FranceConnectReturn{};
}

domain::Result<std::string> franceconnect_confirm(const FranceConnectContext& c, const std::string& login_id,
                                                  const std::string& typed, std::string_view language) {
  auto* guesses = c.accounts.code_guesses;
  FranceConnectLogins::Entry entry;
  // A person whose number was guessed at too often today is not linked from here today.
  const auto outcome = c.logins.attempt(login_id, typed, entry);
  if (outcome == FranceConnectLogins::Attempt::none) return Error{"no sign-in is waiting for a confirmation", "oidc"};
  const bool limited = !entry.candidate.empty() && guesses && guesses->exhausted(entry.candidate);
  if (outcome == FranceConnectLogins::Attempt::confirmed && !limited) {
    if (auto s =
            c.accounts.db.portal().put_identity_link(std::string(franceconnect_provider), entry.subject_hash, typed);
        !s)
      return s.error();
    // She is told, so that a link she did not make does not go unseen.
    if (auto person = c.accounts.db.registry().find(typed); person && *person)
      if (auto s = queue_message(c.accounts, (*person)->contact,
                                 {"franceconnect_lie", "", env::format_utc(c.accounts.clock.now())}, language);
          !s)
        return s.error();
    return typed;
  }
  if (!entry.candidate.empty() && guesses) (void)guesses->take(entry.candidate);
  if (outcome == FranceConnectLogins::Attempt::confirmed || outcome == FranceConnectLogins::Attempt::exhausted) {
    c.logins.remove(login_id);
    return Error{"too many wrong numbers", "essais"};
  }
  return Error{"not the number of the person found", "numero_ofpra"};
}

}  // namespace ofpra::service
