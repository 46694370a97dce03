#pragma once
// An issued attestation as its signed 2D-Doc and its A4 PDF, every text in French and in the
// language she chose (one of the portal's), from the catalogs: the portal and the command line
// make the same page.
#include "attest/authority.hpp"
#include "service/attestations.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace ofpra::web {

struct AttestationFiles {
  std::string twoddoc;
  std::string pdf;
};

// The catalog code of a language the attestation may be written in: one of the portal's, or
// "prs" for Dari (fa-AF); nullopt otherwise.
std::optional<std::string> attestation_language(std::string_view code);

// public_url: where /verifier-attestation is, as the page tells how to verify it.
AttestationFiles attestation_files(const service::IssuedAttestation& issued, const attest::Authority& authority,
                                   std::string_view public_url);

}  // namespace ofpra::web
