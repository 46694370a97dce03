#pragma once
// Verifying an attestation, for the page, the API and the command line alike: what was presented
// read (attestation_code.hpp), then, when it is a 2D-Doc of our kind, the door's check
// (service/disclosure.hpp, check_attestation), journaled. Blocking.
#include "attest/attestation_code.hpp"
#include "service/disclosure.hpp"

#include <optional>

namespace ofpra::attest {

struct Verification {
  ReadAttestation read;
  std::optional<service::AttestationCheck> check;  // when the door was asked and answered
  std::optional<service::Refusal> refusal;         // when it could not answer (journal, store)
};

Verification verify_attestation(const service::DoorContext& door, const TrustedCertificates& trusted,
                                std::string_view document_type, const service::AttestationVerifier& verifier,
                                std::string_view content);

}  // namespace ofpra::attest
