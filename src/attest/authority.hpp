#pragma once
// The attestations' signing authority, kept in the keys folder's attestations/ (keys 0600, apart
// from the token and journal keys): a certification authority, whose key signs the signing
// certificates and the revocation list, and signing certificates named by the 4-character
// identifier the 2D-Doc header carries. One signs new attestations (the current one); the
// others keep verifying what they signed until they expire or are revoked. Nodes sharing the
// folder agree on the same keys (auth/key_files.hpp).
#include "attest/trust.hpp"
#include "domain/result.hpp"
#include "env/clock.hpp"

#include <chrono>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::attest {

// What the certificates say of the authority. A deployment with an authority of the trusted list
// replaces the test authority's name (docs/ATTESTATIONS.md).
// As the 2D-Doc asks, the authority's certificate is named (CN) by the authority's identifier and
// a signing certificate by its own; FR00 is the identifiers' test authority.
// The document type is one France Titres allocates; ZZ, allocated to nobody, marks the demo's.
struct AuthoritySettings {
  std::string authority_id = "FR00";
  std::string organisation = "OFPRA - Ofpra Connect - AC DE TEST";
  std::string document_type = "ZZ";
  bool is_test() const { return authority_id.ends_with("00"); }
};

inline constexpr auto signing_certificate_lifetime = std::chrono::days(3 * 366);
inline constexpr auto authority_lifetime = std::chrono::days(10 * 366);

class Authority {
 public:
  // Creates the authority and a first signing certificate when the folder has none.
  static domain::Result<Authority> load_or_create(const std::filesystem::path& keys_dir, const AuthoritySettings& names,
                                                  const env::Clock& clock);
  // A new signing certificate becomes current; with revoke_previous, the one it replaces is
  // revoked (its key is no longer trusted). Returns the new identifier.
  static domain::Result<std::string> rotate(const std::filesystem::path& keys_dir, const AuthoritySettings& names,
                                            const env::Clock& clock, bool revoke_previous);

  const AuthoritySettings& settings() const { return names_; }
  const std::string& current_certificate() const { return current_; }
  // 64 bytes: r and s, by the current signing key.
  std::string sign(std::string_view message) const;
  // Its own certificates, as a verifier trusts them.
  const TrustedCertificates& trusted() const { return trusted_; }
  // The signing certificates, then the authority's, as PEM.
  const std::string& chain_pem() const { return chain_pem_; }
  // The revocation list signed by the authority, valid 30 days, made again daily.
  std::string crl_pem() const;

 private:
  struct Keys;
  std::shared_ptr<const Keys> keys_;
  AuthoritySettings names_;
  std::string current_;
  std::string chain_pem_;
  TrustedCertificates trusted_;
  const env::Clock* clock_ = nullptr;
  struct Crl {
    std::mutex lock;
    std::string pem;
    std::chrono::system_clock::time_point made{};
  };
  std::shared_ptr<Crl> crl_;
};

}  // namespace ofpra::attest
