#pragma once
// The protected person's portal account: activation and password reset by a one-time code
// sent to the contact on file, login with lockout, and sessions. Every answer that could tell
// whether a number is registered, or has an account, is the same either way.
#include "auth/code_hasher.hpp"
#include "auth/rate_limit.hpp"
#include "domain/partial_date.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "store/database.hpp"

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

struct AccountRules {
  std::chrono::minutes code_validity{15};
  int code_attempts = 5;  // wrong codes before a request is spent
  int code_digits = 8;    // 10^8 codes: with the limits below, far beyond a day's guesses
  int failed_logins = 5;  // wrong passwords before the account locks
  std::chrono::minutes lock{15};
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_lifetime{12};
  std::size_t password_min = 12;  // ANSSI: length rather than composition rules
  std::size_t password_max = 128;
};

// The message carrying a one-time code, in the person's language; composed by the portal
// from its catalogs. kind: "activation", "reinitialisation" or "compte_existant" (an
// activation asked for an account that exists: no code, a pointer to the reset instead).
// language: the page's, for when the registry does not know hers.
struct MessageText {
  std::string subject;
  std::string body;
};
// What a message to her says: its kind ("activation", "reinitialisation", "compte_existant",
// "franceconnect_lie"), the code (none but for the first two) and when it was asked or done
// (RFC 3339 UTC), so that whoever did not ask knows when somebody did.
struct CodeMessage {
  std::string_view kind;
  std::string_view code;
  std::string_view requested_at;
};
using ComposeMessage =
    std::function<MessageText(const CodeMessage& message, const domain::Contact& contact, std::string_view language)>;

struct AccountContext {
  store::Database& db;
  env::Random& random;
  const env::Clock& clock;
  const auth::CodeHasher& codes;      // one-time codes are stored under their keyed hash
  auth::RateLimiter& login_failures;  // per client address
  ComposeMessage compose;
  std::function<void()> message_queued;  // wakes the outbox dispatcher
  AccountRules rules{};
  // Code requests, per OFPRA number and per address; wrong codes, per OFPRA number, whatever
  // request they answer: with one live code per purpose, they bound the guesses an attacker
  // gets against one account. Null: unlimited (tests of other rules only).
  auth::RateLimiter* code_requests = nullptr;
  auth::RateLimiter* code_guesses = nullptr;
  // Share codes she sends to verifiers by e-mail, per OFPRA number. Null: unlimited.
  auth::RateLimiter* share_code_emails = nullptr;
};

enum class CodePurpose { activation, reset };

// Step one: the person gives her OFPRA number and birth date. It is answered in two parts,
// so that how long the answer takes tells nothing of the registry.
struct CodeRequest {
  CodePurpose purpose = CodePurpose::activation;
  std::string numero;
  domain::PartialDate birth_date;
  std::string request_id;    // for the form's second step: the same kind of random value whatever happens next
  std::string requested_at;  // RFC 3339 UTC
};

// The fields of step one that are malformed, each with its error (field "numero_ofpra",
// "date_naissance"): all of them, so that the page marks each.
std::vector<domain::Error> code_request_field_errors(const std::string& numero, const std::string& birth_date);

// What she is told, decided without reading the registry: the request, or an error for
// malformed input (the first of code_request_field_errors) or too many requests for this
// number or from this address ("essais", whether or not the number is registered).
domain::Result<CodeRequest> accept_code_request(const AccountContext& c, CodePurpose purpose, const std::string& numero,
                                                const std::string& birth_date, const std::string& client_address = {});

// What is done, once the answer has left: when the number and birth date designate a
// registered person with a contact, a code is queued for her in her language (else the page's),
// and any code still live for the same purpose stops working. Nothing is done otherwise; an
// error is the store's only.
domain::Status send_code(const AccountContext& c, const CodeRequest& request, std::string_view language = "fr");

// A message to her contact on file (e-mail preferred, else SMS), composed by c.compose; nothing
// when she has neither.
domain::Status queue_message(const AccountContext& c, const domain::Contact& contact, const CodeMessage& message,
                             std::string_view language);

// Step two: the code and the new password. Creates the account (activation) or replaces the
// password (reset) and closes every session; returns the person's number. Errors: "code"
// (wrong, expired or spent: one message), "mot_de_passe", "confirmation".
domain::Result<std::string> set_password_with_code(const AccountContext& c, const std::string& request_id,
                                                   const std::string& code, const std::string& password,
                                                   const std::string& confirmation);

// Returns the person's number; error field "identifiants" (wrong number or password, or a
// locked account: one message) or "essais" (too many failures from this address).
domain::Result<std::string> log_in(const AccountContext& c, const std::string& numero, const std::string& password,
                                   const std::string& client_address);

// A signed-in session: her number, its CSRF token, its expiry.
using PersonSession = store::PersonSession;

struct OpenedSession {
  std::string token;  // for the cookie; only its hash is stored
  PersonSession session;
};
domain::Result<OpenedSession> open_session(const AccountContext& c, const std::string& numero);
// The live session for a cookie's token, its idle time renewed; nullopt when none.
domain::Result<std::optional<PersonSession>> find_session(const AccountContext& c, const std::string& token);
domain::Status close_session(const AccountContext& c, const std::string& token);

}  // namespace ofpra::service
