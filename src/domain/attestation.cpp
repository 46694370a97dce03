#include "domain/attestation.hpp"

#include "domain/word_list.hpp"

#include <array>

namespace ofpra::domain {
namespace {
constexpr std::array<std::string_view, 3> level_words{"protection", "avancement", "identite"};
constexpr std::array<std::string_view, 3> reason_words{"retrait", "fin_de_protection", "ofpra"};
constexpr std::array<std::string_view, 5> status_words{"valide", "expiree", "revoquee", "inconnue", "invalide"};
}  // namespace

std::string_view to_string(AttestationLevel level) { return level_words[static_cast<std::size_t>(level)]; }
std::optional<AttestationLevel> parse_attestation_level(std::string_view text) {
  return find_word<AttestationLevel>(level_words, text);
}

std::vector<Scope> scopes_of(AttestationLevel level) {
  switch (level) {
    case AttestationLevel::protection:
      return {Scope::protection};
    case AttestationLevel::progress:
      return {Scope::civil_status_progress};
    case AttestationLevel::identity:
      return {Scope::civil_status_progress, Scope::civil_status_identity, Scope::civil_status_family};
  }
  return {};
}

std::string_view to_string(RevocationReason reason) { return reason_words[static_cast<std::size_t>(reason)]; }
std::optional<RevocationReason> parse_revocation_reason(std::string_view text) {
  return find_word<RevocationReason>(reason_words, text);
}

std::string_view to_string(AttestationStatus status) { return status_words[static_cast<std::size_t>(status)]; }

}  // namespace ofpra::domain
