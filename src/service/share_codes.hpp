#pragma once
// Share codes (DESIGN §3): the person creates, lists and revokes them from the portal; the
// verification door resolves the one a verifier gives.
#include "auth/code_hasher.hpp"
#include "domain/share_code.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "service/person_accounts.hpp"
#include "store/database.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ofpra::service {

// A person holds at most this many codes that still work; she revokes one to make another.
inline constexpr std::size_t max_active_share_codes = 20;

struct NewShareCode {
  std::string numero_ofpra;
  domain::ShareLevel level = domain::ShareLevel::protection;
  std::string purpose;
  int days = domain::share_code_default_days;  // 1 to domain::share_code_max_days
};

struct CreatedShareCode {
  domain::ShareCode code;
  std::string text;  // canonical; shown to the person once, only its hash is kept
};

// What is wrong with the request's own fields ("purpose", "days"), all of them, so that a page
// marks each; create_share_code refuses with the first.
std::vector<domain::Error> share_code_field_errors(const NewShareCode& request);

// Errors name the field ("purpose", "days", "codes"), never a value.
// Only the code's keyed hash is stored (auth/code_hasher.hpp).
domain::Result<CreatedShareCode> create_share_code(store::Database& db, const auth::CodeHasher& codes,
                                                   const NewShareCode& request, env::Random& random,
                                                   const env::Clock& clock);

// The share code a verifier gave, as the store has it: nullopt when there is none.
domain::Result<std::optional<domain::ShareCode>> find_share_code(store::PortalStore& store,
                                                                 const auth::CodeHasher& codes, std::string_view typed);

// One of her codes as her portal lists it: its state now, and how often it opened an answer or
// was refused, as the journal recorded.
struct ShareCodeListing {
  domain::ShareCode code;
  domain::ShareCodeState state = domain::ShareCodeState::active;
  int uses = 0;
  int refused = 0;
};
// Her codes, newest first.
domain::Result<std::vector<ShareCodeListing>> share_codes_of(store::Database& db, const std::string& numero_ofpra,
                                                             const env::Clock& clock);
// She sends a code she was just shown to the person who will check it. Only a code of hers that
// still works is sent; the message, composed from its canonical text, is queued in the outbox.
// Errors name "code" (not one of her working codes: checked first), "courriel" (not an e-mail
// address) or
// "essais" (context.share_code_emails reached: per account, so that the portal cannot be made
// to send mail at will), else the store's.
struct ShareCodeEmail {
  std::string numero_ofpra;
  std::string code;  // as shown to her
  std::string to;    // the verifier's e-mail address
};
domain::Status email_share_code(const AccountContext& context, const ShareCodeEmail& request,
                                const std::function<MessageText(std::string_view code)>& compose);

// Revokes her own code; another person's id changes nothing.
domain::Status revoke_own_share_code(store::Database& db, std::int64_t id, const std::string& numero_ofpra);

}  // namespace ofpra::service
