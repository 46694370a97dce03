#include "attest/verification.hpp"

#include <future>

namespace ofpra::attest {

Verification verify_attestation(const service::DoorContext& door, const TrustedCertificates& trusted,
                                std::string_view document_type, const service::AttestationVerifier& verifier,
                                std::string_view content) {
  Verification v{read_attestation(trusted, document_type, content), std::nullopt, std::nullopt};
  if (!v.read.stated) return v;
  std::promise<std::variant<service::AttestationCheck, service::Refusal>> promise;
  auto answered = promise.get_future();
  service::check_attestation(
      door, verifier, v.read.presented,
      [&promise](std::variant<service::AttestationCheck, service::Refusal> r) { promise.set_value(std::move(r)); });
  auto result = answered.get();
  if (auto* check = std::get_if<service::AttestationCheck>(&result))
    v.check = std::move(*check);
  else
    v.refusal = std::move(std::get<service::Refusal>(result));
  return v;
}

}  // namespace ofpra::attest
