#pragma once
// The certificates a verifier trusts for attestations: an authority's certificate (named by the
// 2D-Doc's authority identifier) and the signing certificates it issued (named by theirs), with
// those it revoked. Built from the authority's own folder (attest/authority.hpp) or, offline,
// from the chain and revocation list it publishes.
#include "domain/result.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>

namespace ofpra::attest {

enum class CertificateVerdict { valid, unknown, revoked, outside_validity };

class TrustedCertificates {
 public:
  // chain_pem: the signing certificates and the authority's (a self-signed CA); crl_pem: its
  // revocation list, checked against it (may be empty). Certificates the authority did not
  // sign are left out.
  static domain::Result<TrustedCertificates> from_pem(std::string_view chain_pem, std::string_view crl_pem = {});

  const std::string& authority_id() const { return authority_id_; }
  // Whether certificate `id` of authority `authority_id` signed message on that day, and holds.
  CertificateVerdict verify(std::string_view authority_id, std::string_view id, std::chrono::sys_days signed_on,
                            std::string_view message, std::string_view signature) const;

 private:
  std::string authority_id_;
  std::shared_ptr<void> authority_;                                    // X509
  std::map<std::string, std::shared_ptr<void>, std::less<>> signing_;  // X509 by identifier
  std::set<std::string, std::less<>> revoked_;
};

}  // namespace ofpra::attest
