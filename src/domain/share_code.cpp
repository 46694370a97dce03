#include "domain/share_code.hpp"

namespace ofpra::domain {

std::string_view to_string(ShareLevel level) {
  switch (level) {
    case ShareLevel::protection:
      return "protection";
    case ShareLevel::protection_civil_status:
      return "protection_etat_civil";
    case ShareLevel::full_civil_status:
      return "etat_civil_complet";
  }
  return "protection";
}

std::optional<ShareLevel> parse_share_level(std::string_view text) {
  for (auto l : {ShareLevel::protection, ShareLevel::protection_civil_status, ShareLevel::full_civil_status})
    if (to_string(l) == text) return l;
  return std::nullopt;
}

std::vector<Scope> scopes_of(ShareLevel level) {
  switch (level) {
    case ShareLevel::protection:
      return {Scope::protection};
    case ShareLevel::protection_civil_status:
      return {Scope::protection, Scope::civil_status_progress};
    case ShareLevel::full_civil_status:
      return {Scope::protection, Scope::civil_status_progress, Scope::civil_status_identity,
              Scope::civil_status_family};
  }
  return {};
}

std::optional<std::string> canonical_share_code(std::string_view typed) {
  std::string out;
  for (char ch : typed) {
    if (ch == ' ' || ch == '-' || ch == '\t') continue;
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
    if (share_code_alphabet.find(ch) == std::string_view::npos) return std::nullopt;
    out += ch;
    if (out.size() > share_code_length) return std::nullopt;
  }
  if (out.size() != share_code_length) return std::nullopt;
  return out;
}

std::string display_share_code(std::string_view c) {
  std::string out;
  for (std::size_t i = 0; i < c.size(); ++i) {
    if (i > 0 && i % 3 == 0) out += '-';
    out += c[i];
  }
  return out;
}

std::string_view to_string(ShareCodeState state) {
  switch (state) {
    case ShareCodeState::active:
      return "actif";
    case ShareCodeState::revoked:
      return "revoque";
    case ShareCodeState::expired:
      return "expire";
    case ShareCodeState::blocked:
      return "bloque";
  }
  return "revoque";
}

ShareCodeState state_of(const ShareCode& code, std::string_view now) {
  if (code.revoked_at) return ShareCodeState::revoked;
  if (code.expires_at <= now) return ShareCodeState::expired;
  if (code.failed_attempts >= share_code_max_failures) return ShareCodeState::blocked;
  return ShareCodeState::active;
}

bool birth_date_confirms(const PartialDate& registered, const PartialDate& given) {
  if (given.precision < registered.precision || given.year != registered.year) return false;
  if (registered.precision >= DatePrecision::month && given.month != registered.month) return false;
  if (registered.precision == DatePrecision::day && given.day != registered.day) return false;
  return true;
}

}  // namespace ofpra::domain
