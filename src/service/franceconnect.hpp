#pragma once
// "S'identifier avec FranceConnect" for protected persons. A FranceConnect identity (names,
// birth date, sex, birth country) signs her in when it was linked to her before; it is linked
// only when the matcher names exactly one registered person with certainty and she then types
// that person's OFPRA number. Whether the matcher found anyone is never shown: every identity
// not yet linked gets the same form, and a wrong number the same answer. A link is announced
// to her contact on file, and a new password undoes it.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "oidc/relying_party.hpp"
#include "service/person_accounts.hpp"
#include "service/registry_snapshot.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ofpra::service {

inline constexpr std::string_view franceconnect_provider = "franceconnect";
// Numbers typed to confirm one FranceConnect sign-in before it is abandoned.
inline constexpr int franceconnect_confirm_tries = 3;
// Sign-ins under way at once: beyond, new ones wait (a flood of starts must not fill memory).
inline constexpr std::size_t franceconnect_max_pending = 10000;

// Sign-ins under way, between the provider's page and her confirmation: in memory, 10 minutes,
// behind a random id the browser keeps in a cookie. (A node that did not start a sign-in does
// not know it: with several nodes, the load balancer keeps her on one, or she starts again.)
class FranceConnectLogins {
 public:
  struct Entry {
    oidc::PendingLogin pending;  // its state is cleared once the provider sent her back
    std::string subject_hash;
    std::string candidate;  // the number the matcher named, never shown; empty: nobody
    int tries_left = franceconnect_confirm_tries;
    std::chrono::system_clock::time_point expires;
  };
  explicit FranceConnectLogins(const env::Clock& clock) : clock_(clock) {}
  // nullopt when franceconnect_max_pending are under way.
  std::optional<std::string> add(Entry entry, env::Random& random);
  // The entry if its state is this one, the state cleared at once: a return is taken once.
  std::optional<Entry> take_return(const std::string& id, const std::string& state);
  void put(const std::string& id, Entry entry);
  // A confirmation attempt, counted under the lock: the entry when the number is the
  // candidate's (and removed), else nullopt with tries_left lowered (removed at zero).
  enum class Attempt { confirmed, wrong, exhausted, none };
  Attempt attempt(const std::string& id, const std::string& typed, Entry& out);
  void remove(const std::string& id);

 private:
  const env::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

struct FranceConnectContext {
  oidc::RelyingParty& provider;
  FranceConnectLogins& logins;
  const AccountContext& accounts;  // the store, randomness, clock, wrong-number limit, messages
  const Registry& registry;
};

struct FranceConnectStart {
  std::string url;       // the provider's page
  std::string login_id;  // for the cookie
};
// Errors: the provider unavailable, or too many sign-ins under way (both "unavailable").
domain::Result<FranceConnectStart> franceconnect_start(const FranceConnectContext& c);

// Back from the provider (state, code): her number when the identity was linked before;
// otherwise she is asked her OFPRA number, whoever the matcher found or not. An unknown login
// id, another state, a return taken already, or a provider's answer that does not check out is
// an error ("oidc"); the provider's unavailability too.
struct FranceConnectReturn {
  std::optional<std::string> signed_in;  // her number, when linked before
};
domain::Result<FranceConnectReturn> franceconnect_return(const FranceConnectContext& c, const std::string& login_id,
                                                         const std::string& state, const std::string& code);

// She typed her OFPRA number: her number (the link stored, her contact told) when it is the one
// the matcher named; else "numero_ofpra" while tries are left, "essais" when none is (the
// sign-in is abandoned; wrong numbers also count against the named person's daily limit of
// wrong codes, whatever sign-in they come from), "oidc" when no sign-in is waiting.
domain::Result<std::string> franceconnect_confirm(const FranceConnectContext& c, const std::string& login_id,
                                                  const std::string& typed_numero, std::string_view language);

}  // namespace ofpra::service
