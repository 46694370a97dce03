#pragma once
// A signed attestation (docs/ATTESTATIONS.md): what the person chose it to state, for how long
// it is valid, and whether it was withdrawn. Its 2D-Doc is drawn by attest/.
#include "domain/scope.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

// What it states: her protection; her civil status being established (the family form received,
// the file within OFPRA's delay); her established identity and family.
enum class AttestationLevel : std::uint8_t { protection, progress, identity };
// "protection", "avancement", "identite".
std::string_view to_string(AttestationLevel level);
std::optional<AttestationLevel> parse_attestation_level(std::string_view text);
// The scopes whose answer it states.
std::vector<Scope> scopes_of(AttestationLevel level);

// Why it no longer holds: she withdrew it, her protection ended (seen when it is verified), or
// OFPRA's staff revoked it.
enum class RevocationReason : std::uint8_t { withdrawn, protection_ended, by_ofpra };
// "retrait", "fin_de_protection", "ofpra".
std::string_view to_string(RevocationReason reason);
std::optional<RevocationReason> parse_revocation_reason(std::string_view text);

// What a verifier is told about it today.
enum class AttestationStatus : std::uint8_t { valid, expired, revoked, unknown, invalid };
// "valide", "expiree", "revoquee", "inconnue", "invalide" (the signature does not hold).
std::string_view to_string(AttestationStatus status);

inline constexpr int default_attestation_validity_days = 92;  // about three months
inline constexpr std::size_t attestation_id_length = 12;      // upper-case letters and digits

struct AttestationRecord {
  std::string id;
  std::string numero_ofpra;
  AttestationLevel level = AttestationLevel::protection;
  std::string language;        // the second language of the page (BCP 47), "fr" when none
  std::string certificate;     // the 2D-Doc header's certificate identifier
  std::string issued_at;       // RFC 3339 UTC
  std::string valid_until;     // YYYY-MM-DD, its last valid day
  std::int64_t reference = 0;  // the journal entry of its issuance
  std::string issued_by;       // "portail", or who issued it at OFPRA
  std::string revoked_at;      // empty while it holds
  std::optional<RevocationReason> revoked_reason;
  std::string revoked_by;
};

}  // namespace ofpra::domain
