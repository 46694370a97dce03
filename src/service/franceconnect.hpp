#pragma once
// "S'identifier avec FranceConnect" for protected persons. A FranceConnect identity (names,
// birth date, sex, birthplace and country) signs her in when it was linked to her before; it is
// linked only when the matcher names exactly one registered person with certainty and she then
// types that person's OFPRA number, once. Otherwise she is told how to activate her account:
// nothing says whom the matcher found, or whether anyone.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "oidc/relying_party.hpp"
#include "service/registry_snapshot.hpp"
#include "store/database.hpp"

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ofpra::service {

inline constexpr std::string_view franceconnect_provider = "franceconnect";
// Wrong numbers typed to confirm one FranceConnect sign-in before it is abandoned.
inline constexpr int franceconnect_confirm_tries = 3;

// Sign-ins under way, between the provider's page and her confirmation: in memory, 10 minutes,
// behind a random id the browser keeps in a cookie. (A node that did not start a sign-in does
// not know it: with several nodes, the load balancer keeps her on one, or she starts again.)
class FranceConnectLogins {
 public:
  struct Entry {
    oidc::PendingLogin pending;
    std::string subject_hash;  // once the provider sent her back
    std::string candidate;     // the number the matcher named, never shown
    int tries_left = franceconnect_confirm_tries;
    std::chrono::system_clock::time_point expires;
  };
  explicit FranceConnectLogins(const env::Clock& clock) : clock_(clock) {}
  std::string add(Entry entry, env::Random& random);
  std::optional<Entry> find(const std::string& id);
  void put(const std::string& id, Entry entry);
  void remove(const std::string& id);

 private:
  const env::Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

struct FranceConnectContext {
  oidc::RelyingParty& provider;
  FranceConnectLogins& logins;
  store::Database& db;
  const Registry& registry;
  env::Random& random;
  const env::Clock& clock;
};

struct FranceConnectStart {
  std::string url;       // the provider's page
  std::string login_id;  // for the cookie
};
domain::Result<FranceConnectStart> franceconnect_start(const FranceConnectContext& c);

// Back from the provider (state, code): her number when the identity was linked before
// (signed_in); else whether she may confirm (a certain match) or must activate her account.
// An unknown login id, a state that is not the one sent, or a provider's refusal is an error
// ("oidc"); the provider's unavailability too.
enum class FranceConnectOutcome { signed_in, confirm, unknown };
struct FranceConnectReturn {
  FranceConnectOutcome outcome = FranceConnectOutcome::unknown;
  std::string numero_ofpra;  // signed_in only
};
domain::Result<FranceConnectReturn> franceconnect_return(const FranceConnectContext& c, const std::string& login_id,
                                                         const std::string& state, const std::string& code);

// She typed her OFPRA number: her number (and the link stored) when it is the one the matcher
// named; "numero_ofpra" when it is not (tries left), "essais" when no try is left (the sign-in
// is abandoned), "oidc" when there is no such sign-in waiting.
domain::Result<std::string> franceconnect_confirm(const FranceConnectContext& c, const std::string& login_id,
                                                  const std::string& typed_numero);

}  // namespace ofpra::service
