#pragma once
// Share codes (DESIGN §3, modelled on the UK "prove your status" codes): the person creates a
// code for a level of disclosure; a verifier who gives the code and her birth date receives
// that level. Codes are short enough to read aloud, from an alphabet without look-alikes.
#include "domain/partial_date.hpp"
#include "domain/scope.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

enum class ShareLevel : std::uint8_t { protection, protection_civil_status, full_civil_status };
// "protection", "protection_etat_civil", "etat_civil_complet".
std::string_view to_string(ShareLevel level);
std::optional<ShareLevel> parse_share_level(std::string_view text);
// What each level discloses: protection; + the civil-status file's progress; + the
// established identity and family.
std::vector<Scope> scopes_of(ShareLevel level);

// No 0/O, 1/I/L or U: what is read aloud or copied by hand comes back right.
inline constexpr std::string_view share_code_alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
inline constexpr std::size_t share_code_length = 9;
inline constexpr int share_code_default_days = 30;
inline constexpr int share_code_max_days = 90;
// Wrong birth dates given with a code before it stops working.
inline constexpr int share_code_max_failures = 5;

// The code as stored and compared, from what someone typed: case, spaces and dashes ignored.
// nullopt unless 9 characters of the alphabet remain.
std::optional<std::string> canonical_share_code(std::string_view typed);
// "ABC-DEF-GHJ": three groups, easier to read aloud and to type.
std::string display_share_code(std::string_view canonical);

struct ShareCode {
  std::int64_t id = 0;  // set by the store
  std::string numero_ofpra;
  std::string hint;  // the code's last three characters, so that the person tells codes apart
  ShareLevel level = ShareLevel::protection;
  std::string purpose;
  std::string created_at;  // RFC 3339 UTC
  std::string expires_at;  // RFC 3339 UTC
  std::optional<std::string> revoked_at;
  int failed_attempts = 0;
};

enum class ShareCodeState : std::uint8_t { active, revoked, expired, blocked };
// "actif", "revoque", "expire", "bloque".
std::string_view to_string(ShareCodeState state);
// now: RFC 3339 UTC, as the store writes times.
ShareCodeState state_of(const ShareCode& code, std::string_view now);

// Whether the birth date a verifier gives designates the registered one: every part the
// registry knows must be given and equal ("1990-05-17" is not confirmed by "1990"); parts the
// registry does not know are not checked.
bool birth_date_confirms(const PartialDate& registered, const PartialDate& given);

}  // namespace ofpra::domain
