#pragma once
// Sign-ins under way between the authorization request and the provider's return: in memory,
// 10 minutes, behind a random id the browser keeps in a cookie; each is taken back once. (A
// node that did not start a sign-in does not know it: with several nodes, the load balancer
// keeps the browser on one, or the user starts again.)
#include "env/clock.hpp"
#include "env/random.hpp"
#include "oidc/relying_party.hpp"

#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace ofpra::oidc {

class PendingLogins {
 public:
  // capacity: sign-ins under way at once; beyond, new ones wait (a flood of starts must not
  // fill memory).
  PendingLogins(const env::Clock& clock, std::size_t capacity) : clock_(clock), capacity_(capacity) {}
  // Its id; nullopt when full.
  std::optional<std::string> add(PendingLogin pending, env::Random& random);
  // The sign-in if the id is known, unexpired and its state is this one; forgotten at once,
  // whatever the answer: a return, or a replay of it, is taken once.
  std::optional<PendingLogin> take(const std::string& id, const std::string& state);
  void forget(const std::string& id);

 private:
  struct Entry {
    PendingLogin pending;
    std::chrono::system_clock::time_point expires;
  };
  const env::Clock& clock_;
  std::size_t capacity_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

struct SignInStart {
  std::string url;       // the provider's page
  std::string login_id;  // for the cookie
};
// Starts a sign-in with the provider, kept in logins; replacing: the login id this browser
// already holds, forgotten. Errors: the provider unavailable, or too many sign-ins under way
// (field "plein"), both "unavailable".
domain::Result<SignInStart> start_sign_in(RelyingParty& provider, PendingLogins& logins, env::Random& random,
                                          const std::string& replacing);

}  // namespace ofpra::oidc
