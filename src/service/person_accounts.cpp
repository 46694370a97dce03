#include "service/person_accounts.hpp"

#include "auth/secret_hash.hpp"
#include "domain/registry_record.hpp"
#include "domain/share_code.hpp"
#include "journal/chain.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

constexpr std::string_view otp_kind = "otp";

using domain::Error;

std::string digits(env::Random& random, int n) {
  std::string out;
  while (static_cast<int>(out.size()) < n) {
    std::array<std::uint8_t, 16> bytes{};
    random.fill(bytes);
    // Rejection sampling keeps every digit equally likely.
    for (auto b : bytes)
      if (b < 250 && static_cast<int>(out.size()) < n) out += static_cast<char>('0' + b % 10);
  }
  return out;
}

// A password hash for numbers without an account, so that a wrong number costs the same time.
const std::string& decoy_hash() {
  static const std::string hash = auth::hash_secret("ofpra-connect decoy password").value_or("");
  return hash;
}

}  // namespace

std::vector<domain::Error> code_request_field_errors(const std::string& numero, const std::string& birth_date) {
  std::vector<domain::Error> errors;
  if (!domain::is_numero_ofpra(numero)) errors.push_back({"must be 9 digits", "numero_ofpra"});
  if (!domain::PartialDate::parse(birth_date)) errors.push_back({"must be a date", "date_naissance"});
  return errors;
}

domain::Result<CodeRequest> accept_code_request(const AccountContext& c, CodePurpose purpose, const std::string& numero,
                                                const std::string& birth_date, const std::string& client_address) {
  if (auto errors = code_request_field_errors(numero, birth_date); !errors.empty()) return errors.front();
  const auto given = domain::PartialDate::parse(birth_date);
  if (c.code_requests) {
    const auto number_key = "number:" + numero;
    const auto address_key = "address:" + client_address;
    if (c.code_requests->exhausted(number_key) || c.code_requests->exhausted(address_key))
      return Error{"too many codes asked for this number or from here", "essais"};
    (void)c.code_requests->take(number_key);
    (void)c.code_requests->take(address_key);
  }
  return CodeRequest{purpose, numero, *given, env::random_hex(c.random, 16), env::format_utc(c.clock.now())};
}

domain::Status send_code(const AccountContext& c, const CodeRequest& r, std::string_view language) {
  auto person = c.db.registry().find(r.numero);
  if (!person) return person.error();
  if (!*person || !domain::birth_date_confirms((*person)->date_naissance, r.birth_date)) return domain::success();
  const auto& contact = (*person)->contact;
  if (!contact.email && !contact.telephone) return domain::success();
  auto account = c.db.portal().find_account(r.numero);
  if (!account) return account.error();

  std::string kind = r.purpose == CodePurpose::activation ? "activation" : "reinitialisation";
  std::string code;
  if (r.purpose == CodePurpose::activation && *account) {
    kind = "compte_existant";
  } else if (r.purpose == CodePurpose::reset && !*account) {
    return domain::success();  // nothing to reset; the activation is the way in
  } else {
    code = digits(c.random, c.rules.code_digits);
    // One live code per account and purpose: the guesses against one never add up.
    if (auto s = c.db.portal().retire_codes(r.numero, kind, env::format_utc(c.clock.now())); !s) return s.error();
    store::OneTimeCode otc{r.request_id,
                           r.numero,
                           kind,
                           c.codes.hash(otp_kind, r.request_id + ":" + code),
                           env::format_utc(c.clock.now() + c.rules.code_validity),
                           0,
                           std::nullopt};
    if (auto s = c.db.portal().put_code(otc); !s) return s.error();
  }
  return queue_message(c, contact, {kind, code, r.requested_at}, language);
}

domain::Status queue_message(const AccountContext& c, const domain::Contact& contact, const CodeMessage& message,
                             std::string_view language) {
  if (!contact.email && !contact.telephone) return domain::success();
  auto text = c.compose(message, contact, language);
  store::OutboxMessage m;
  m.channel = contact.email ? "email" : "sms";
  m.recipient = contact.email ? *contact.email : *contact.telephone;
  m.subject = std::move(text.subject);
  m.body = std::move(text.body);
  if (auto id = c.db.portal().enqueue(m); !id) return id.error();
  if (c.message_queued) c.message_queued();
  return domain::success();
}

domain::Result<std::string> set_password_with_code(const AccountContext& c, const std::string& request_id,
                                                   const std::string& code, const std::string& password,
                                                   const std::string& confirmation) {
  const Error wrong_code{"the code is wrong, expired or already used", "code"};
  // Characters, not bytes: a passphrase in Arabic or Tigrinya is as long as it looks.
  const auto characters = static_cast<std::size_t>(std::count_if(
      password.begin(), password.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; }));
  if (characters < c.rules.password_min || characters > c.rules.password_max ||
      password.size() > 4 * c.rules.password_max)
    return Error{"must be " + std::to_string(c.rules.password_min) + " to " + std::to_string(c.rules.password_max) +
                     " characters",
                 "mot_de_passe"};
  if (password != confirmation) return Error{"does not repeat the password", "confirmation"};
  if (request_id.size() != 32 || code.size() != static_cast<std::size_t>(c.rules.code_digits)) return wrong_code;
  auto stored = c.db.portal().find_code(request_id);
  if (!stored) return stored.error();
  if (!*stored) return wrong_code;
  const auto& otc = **stored;
  if (otc.used_at || otc.attempts >= c.rules.code_attempts || otc.expires_at <= env::format_utc(c.clock.now()))
    return wrong_code;
  const auto guesses_key = "number:" + otc.numero_ofpra;
  if (c.code_guesses && c.code_guesses->exhausted(guesses_key)) return wrong_code;
  const auto hashes = c.codes.candidates(otp_kind, request_id + ":" + code);
  if (std::none_of(hashes.begin(), hashes.end(),
                   [&](const std::string& h) { return auth::equal_in_constant_time(h, otc.code_hash); })) {
    if (auto s = c.db.portal().count_code_attempt(request_id); !s) return s.error();
    if (c.code_guesses) (void)c.code_guesses->take(guesses_key);
    return wrong_code;
  }
  auto hash = auth::hash_secret(password);
  if (!hash) return Error{"the password could not be stored", "mot_de_passe"};
  auto first = c.db.portal().use_code(request_id, env::format_utc(c.clock.now()));
  if (!first) return first.error();
  if (!*first) return wrong_code;
  if (auto s = c.db.portal().set_password(otc.numero_ofpra, *hash); !s) return s.error();
  // A new password closes the sessions opened with the old one (perhaps by someone else), and
  // unlinks the FranceConnect identities linked to her: she links hers again.
  if (auto s = c.db.portal().delete_sessions_of(otc.numero_ofpra); !s) return s.error();
  if (auto s = c.db.portal().delete_identity_links(otc.numero_ofpra); !s) return s.error();
  return otc.numero_ofpra;
}

domain::Result<std::string> log_in(const AccountContext& c, const std::string& numero, const std::string& password,
                                   const std::string& client_address) {
  const Error refused{"wrong number or password", "identifiants"};
  const auto address_key = "address:" + client_address;
  if (c.login_failures.exhausted(address_key)) return Error{"too many failed logins from here", "essais"};
  std::optional<store::PersonAccount> account;
  if (domain::is_numero_ofpra(numero)) {
    auto found = c.db.portal().find_account(numero);
    if (!found) return found.error();
    account = std::move(*found);
  }
  const auto now = env::format_utc(c.clock.now());
  const bool locked = account && account->locked_until && *account->locked_until > now;
  // The hash is checked even for a locked or unknown account: the time taken tells nothing.
  const bool matches = auth::verify_secret(password, account ? account->password_hash : decoy_hash());
  if (account && matches && !locked) {
    if (account->failed_logins > 0)
      if (auto s = c.db.portal().clear_failed_logins(numero); !s) return s.error();
    return numero;
  }
  c.login_failures.take(address_key);
  if (account && !locked) {
    // A lock that has run out starts the count over: one wrong password after it does not lock
    // the account again at once.
    int failures = account->failed_logins;
    if (account->locked_until) {
      if (auto s = c.db.portal().clear_failed_logins(numero); !s) return s.error();
      failures = 0;
    }
    std::optional<std::string> lock;
    if (failures + 1 >= c.rules.failed_logins) lock = env::format_utc(c.clock.now() + c.rules.lock);
    if (auto s = c.db.portal().record_failed_login(numero, lock); !s) return s.error();
  }
  return refused;
}

domain::Result<OpenedSession> open_session(const AccountContext& c, const std::string& numero) {
  OpenedSession o;
  o.token = auth::new_secret(c.random, 32);
  o.session.token_hash = journal::sha256_hex(o.token);
  o.session.numero_ofpra = numero;
  o.session.csrf_token = auth::new_secret(c.random, 24);
  const auto now = c.clock.now();
  o.session.expires_at = env::format_utc(now + c.rules.session_lifetime);
  o.session.idle_until = env::format_utc(now + c.rules.session_idle);
  if (auto s = c.db.portal().put_session(o.session); !s) return s.error();
  return o;
}

domain::Result<std::optional<store::PersonSession>> find_session(const AccountContext& c, const std::string& token) {
  if (token.empty() || token.size() > 100) return std::optional<store::PersonSession>{};
  const auto hash = journal::sha256_hex(token);
  auto found = c.db.portal().find_session(hash);
  if (!found) return found.error();
  if (!*found) return found;
  const auto now = c.clock.now();
  const auto now_text = env::format_utc(now);
  if ((*found)->expires_at <= now_text || (*found)->idle_until <= now_text) {
    if (auto s = c.db.portal().delete_session(hash); !s) return s.error();
    return std::optional<store::PersonSession>{};
  }
  (*found)->idle_until = env::format_utc(now + c.rules.session_idle);
  if (auto s = c.db.portal().touch_session(hash, (*found)->idle_until); !s) return s.error();
  return found;
}

domain::Status close_session(const AccountContext& c, const std::string& token) {
  return c.db.portal().delete_session(journal::sha256_hex(token));
}

}  // namespace ofpra::service
