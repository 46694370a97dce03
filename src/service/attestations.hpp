#pragma once
// Signed attestations (docs/ATTESTATIONS.md). The person (or an operator for her) asks the door
// about herself for the scopes of the level she chose; what it answers is what the attestation
// states, and attest/ draws and signs it. The issuance is journaled as hers; it is valid a number
// of days, until she withdraws it, OFPRA's staff revoke it, or her protection ends. Verifying
// one is the door's check_attestation (disclosure.hpp).
#include "env/random.hpp"
#include "service/disclosure.hpp"

#include <string>
#include <variant>
#include <vector>

namespace ofpra::service {

struct AttestationIssue {
  std::string numero_ofpra;
  domain::AttestationLevel level = domain::AttestationLevel::protection;
  std::string language = "fr";  // of the page's second text
  std::string issued_by;        // "portail", or the operator
  std::string certificate;      // the signing certificate that will sign it
};

struct IssuedAttestation {
  domain::AttestationRecord record;
  Answer answer;  // found, naming her, with the blocks of the level's scopes
};

// Refused when the door refuses; when what the level states is not true of her today (409,
// "niveau": not protected, no civil-status file, an identity not yet established), before any
// journal entry; and when max_attestations_in_force of hers are in force (409, "attestations").
// Blocking.
std::variant<IssuedAttestation, Refusal> issue_attestation(const DoorContext& door, env::Random& random,
                                                           int validity_days, const AttestationIssue& issue);

// Hers, newest first, each with its status today (revoked, expired or valid).
struct HeldAttestation {
  domain::AttestationRecord record;
  domain::AttestationStatus status = domain::AttestationStatus::valid;
};
// Her list shows those in force first: never more in force than she can see and withdraw.
inline constexpr std::size_t max_attestations_listed = 50;
inline constexpr std::size_t max_attestations_in_force = 20;
domain::Result<std::vector<HeldAttestation>> attestations_of(store::Database& db, const env::Clock& clock,
                                                             const std::string& numero_ofpra);

// Withdrawn by her (numero_ofpra: hers only) or revoked by OFPRA (numero_ofpra empty). False
// when there is no such attestation of hers, or it was already revoked.
domain::Result<bool> revoke_attestation(store::Database& db, const env::Clock& clock, const std::string& id,
                                        const std::string& numero_ofpra, domain::RevocationReason reason,
                                        const std::string& by);

// Upper-case letters and digits, as an attestation identifier is written.
bool is_attestation_id(std::string_view text);

}  // namespace ofpra::service
