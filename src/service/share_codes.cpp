#include "service/share_codes.hpp"

#include "domain/email_address.hpp"
#include "journal/chain.hpp"

#include <algorithm>
#include <array>
#include <chrono>

namespace ofpra::service {
namespace {

constexpr std::string_view share_code_kind = "share";

// Uniform over the alphabet: bytes at or above the largest multiple of its size are redrawn.
std::string draw_code(env::Random& random) {
  constexpr auto n = domain::share_code_alphabet.size();
  constexpr auto limit = 256 - 256 % n;
  std::string out;
  while (out.size() < domain::share_code_length) {
    std::array<std::uint8_t, 16> bytes{};
    random.fill(bytes);
    for (auto b : bytes)
      if (b < limit && out.size() < domain::share_code_length) out += domain::share_code_alphabet[b % n];
  }
  return out;
}

}  // namespace

std::vector<domain::Error> share_code_field_errors(const NewShareCode& r) {
  std::vector<domain::Error> errors;
  if (r.purpose.empty() || r.purpose.size() > 200) errors.push_back({"must be 1 to 200 characters", "purpose"});
  if (r.days < 1 || r.days > domain::share_code_max_days)
    errors.push_back({"must be 1 to " + std::to_string(domain::share_code_max_days) + " days", "days"});
  return errors;
}

domain::Result<CreatedShareCode> create_share_code(store::Database& db, const auth::CodeHasher& codes,
                                                   const NewShareCode& r, env::Random& random,
                                                   const env::Clock& clock) {
  using domain::Error;
  if (auto errors = share_code_field_errors(r); !errors.empty()) return errors.front();
  const auto now = clock.now();
  const auto now_text = env::format_utc(now);
  auto existing = db.portal().share_codes_of(r.numero_ofpra);
  if (!existing) return existing.error();
  const auto active = std::count_if(existing->begin(), existing->end(), [&](const domain::ShareCode& c) {
    return domain::state_of(c, now_text) == domain::ShareCodeState::active;
  });
  if (static_cast<std::size_t>(active) >= max_active_share_codes)
    return Error{"at most " + std::to_string(max_active_share_codes) + " codes may be active at once", "codes"};

  domain::ShareCode code;
  code.numero_ofpra = r.numero_ofpra;
  code.level = r.level;
  code.purpose = r.purpose;
  code.created_at = now_text;
  code.expires_at = env::format_utc(now + std::chrono::days(r.days));
  // 30^9 codes: a collision is rare, and the unique index turns it into another draw.
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto text = draw_code(random);
    code.hint = text.substr(text.size() - 3);
    auto id = db.portal().put_share_code(code, codes.hash(share_code_kind, text));
    if (!id) return id.error();
    if (*id) {
      code.id = **id;
      return CreatedShareCode{std::move(code), std::move(text)};
    }
  }
  return Error{"no free code could be drawn", "codes"};
}

domain::Result<std::optional<domain::ShareCode>> find_share_code(store::PortalStore& store,
                                                                 const auth::CodeHasher& codes,
                                                                 std::string_view typed) {
  auto canonical = domain::canonical_share_code(typed);
  if (!canonical) return std::optional<domain::ShareCode>{};
  for (const auto& hash : codes.candidates(share_code_kind, *canonical)) {
    auto found = store.find_share_code(hash);
    if (!found || *found) return found;
  }
  return std::optional<domain::ShareCode>{};
}

domain::Result<std::vector<ShareCodeListing>> share_codes_of(store::Database& db, const std::string& numero,
                                                             const env::Clock& clock) {
  auto codes = db.portal().share_codes_of(numero);
  if (!codes) return codes.error();
  // Uses are read from the journal: what she sees is what was recorded.
  store::JournalQuery q;
  q.person = numero;
  q.limit = 2000;
  auto entries = db.journal().search(q);
  if (!entries) return entries.error();
  const auto now = env::format_utc(clock.now());
  std::vector<ShareCodeListing> listed;
  listed.reserve(codes->size());
  for (auto& c : *codes) {
    const auto ref = "code:" + std::to_string(c.id);
    ShareCodeListing l{std::move(c), {}, 0, 0};
    l.state = domain::state_of(l.code, now);
    for (const auto& e : *entries)
      if (e.consent_ref == ref) ++(e.result == domain::JournalResult::found ? l.uses : l.refused);
    listed.push_back(std::move(l));
  }
  return listed;
}

domain::Status email_share_code(const AccountContext& c, const ShareCodeEmail& r,
                                const std::function<MessageText(std::string_view code)>& compose) {
  using domain::Error;
  // The code first: an error about the address may then show the code again.
  const auto canonical = domain::canonical_share_code(r.code);
  if (!canonical) return Error{"not one of her working codes", "code"};
  auto found = find_share_code(c.db.portal(), c.codes, *canonical);
  if (!found) return found.error();
  if (!*found || (*found)->numero_ofpra != r.numero_ofpra ||
      domain::state_of(**found, env::format_utc(c.clock.now())) != domain::ShareCodeState::active)
    return Error{"not one of her working codes", "code"};
  if (!domain::is_email_address(r.to)) return Error{"must be an e-mail address", "courriel"};
  if (c.share_code_emails && !c.share_code_emails->take(r.numero_ofpra).allowed)
    return Error{"too many e-mails sent today", "essais"};
  auto text = compose(*canonical);
  store::OutboxMessage m;
  m.channel = "email";
  m.recipient = r.to;
  m.subject = std::move(text.subject);
  m.body = std::move(text.body);
  if (auto id = c.db.portal().enqueue(m); !id) return id.error();
  if (c.message_queued) c.message_queued();
  return domain::success();
}

domain::Status revoke_own_share_code(store::Database& db, std::int64_t id, const std::string& numero) {
  auto revoked = db.portal().revoke_share_code(id, numero);
  if (!revoked) return revoked.error();
  return domain::success();
}

}  // namespace ofpra::service
