#pragma once
// What the door is given of a signed attestation presented for verification, and what it says
// of it (service/disclosure.hpp, check_attestation).
#include "domain/attestation.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace ofpra::service {

// What its 2D-Doc says of itself, once attest/ has checked its signature against our
// certificates.
struct PresentedAttestation {
  std::string id;  // as its 2D-Doc carries it; empty when it could not be read
  std::string certificate;
  bool genuine = false;  // one of our signing certificates signed it, as it is
  bool certificate_revoked = false;
  std::string request_hash;  // hex SHA-256 of what was presented
};
struct AttestationCheck {
  domain::AttestationStatus status = domain::AttestationStatus::unknown;
  std::optional<domain::AttestationRecord> record;  // ours: valid, expired or revoked
  std::int64_t reference = 0;                       // the verification's journal entry
};
}  // namespace ofpra::service
