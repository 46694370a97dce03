#pragma once
// ECDSA on P-256 with SHA-256, as the 2D-Doc signs: the signature is r and s, 32 bytes each,
// big-endian (64 bytes), not the DER of X.509.
#include "domain/result.hpp"

#include <memory>
#include <string>
#include <string_view>

namespace ofpra::attest {

class P256Key {
 public:
  static P256Key generate();
  static domain::Result<P256Key> from_pem(std::string_view private_pem);
  std::string private_pem() const;
  std::string sign(std::string_view message) const;  // 64 bytes
  // The OpenSSL EVP_PKEY, for the certificates made with it.
  void* evp() const { return key_.get(); }

 private:
  std::shared_ptr<void> key_;
};

// Whether signature (64 bytes) is the key's over message; evp_public is an EVP_PKEY.
bool p256_verify(void* evp_public, std::string_view message, std::string_view signature);

}  // namespace ofpra::attest
