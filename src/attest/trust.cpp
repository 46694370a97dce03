#include "attest/trust.hpp"

#include "attest/p256.hpp"

#include <openssl/bio.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <vector>

namespace ofpra::attest {
namespace {

using Clock = std::chrono::system_clock;

std::shared_ptr<void> own(X509* x) {
  return {x, [](void* p) { X509_free(static_cast<X509*>(p)); }};
}
X509* x509(const std::shared_ptr<void>& p) { return static_cast<X509*>(p.get()); }

std::string common_name(X509* x) {
  char buffer[256] = {};
  const int n = X509_NAME_get_text_by_NID(X509_get_subject_name(x), NID_commonName, buffer, sizeof buffer);
  return n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : std::string();
}

Clock::time_point time_of(const ASN1_TIME* t) {
  struct tm parts {};
  ASN1_TIME_to_tm(t, &parts);
  return Clock::from_time_t(timegm(&parts));
}

}  // namespace

domain::Result<TrustedCertificates> TrustedCertificates::from_pem(std::string_view chain_pem,
                                                                  std::string_view crl_pem) {
  std::vector<std::shared_ptr<void>> all;
  BIO* bio = BIO_new_mem_buf(chain_pem.data(), static_cast<int>(chain_pem.size()));
  while (X509* x = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr)) all.push_back(own(x));
  BIO_free(bio);
  TrustedCertificates t;
  for (const auto& c : all)
    if (X509_check_ca(x509(c)) && X509_verify(x509(c), X509_get0_pubkey(x509(c))) == 1) {
      t.authority_ = c;
      t.authority_id_ = common_name(x509(c));
    }
  if (!t.authority_) return domain::Error{"no authority certificate (a self-signed CA) in the chain", "certificats"};
  EVP_PKEY* authority_key = X509_get0_pubkey(x509(t.authority_));
  for (const auto& c : all)
    if (c != t.authority_ && X509_verify(x509(c), authority_key) == 1) t.signing_.emplace(common_name(x509(c)), c);
  if (!crl_pem.empty()) {
    BIO* crl_bio = BIO_new_mem_buf(crl_pem.data(), static_cast<int>(crl_pem.size()));
    X509_CRL* crl = PEM_read_bio_X509_CRL(crl_bio, nullptr, nullptr, nullptr);
    BIO_free(crl_bio);
    if (!crl || X509_CRL_verify(crl, authority_key) != 1) {
      X509_CRL_free(crl);
      return domain::Error{"the revocation list is not the authority's", "crl"};
    }
    for (const auto& [id, c] : t.signing_) {
      X509_REVOKED* entry = nullptr;
      if (X509_CRL_get0_by_serial(crl, &entry, X509_get_serialNumber(x509(c))) == 1) t.revoked_.insert(id);
    }
    X509_CRL_free(crl);
  }
  return t;
}

CertificateVerdict TrustedCertificates::verify(std::string_view authority_id, std::string_view id,
                                               std::chrono::sys_days signed_on, std::string_view message,
                                               std::string_view signature) const {
  const auto found = signing_.find(id);
  if (authority_id != authority_id_ || found == signing_.end()) return CertificateVerdict::unknown;
  X509* certificate = x509(found->second);
  if (!p256_verify(X509_get0_pubkey(certificate), message, signature)) return CertificateVerdict::unknown;
  if (revoked_.contains(id)) return CertificateVerdict::revoked;
  // The header dates the signature to the day.
  const auto from = std::chrono::floor<std::chrono::days>(time_of(X509_get0_notBefore(certificate)));
  if (signed_on < from || signed_on > time_of(X509_get0_notAfter(certificate)))
    return CertificateVerdict::outside_validity;
  return CertificateVerdict::valid;
}

}  // namespace ofpra::attest
