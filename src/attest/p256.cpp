#include "attest/p256.hpp"

#include <openssl/bio.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace ofpra::attest {
namespace {

constexpr int half = 32;

std::shared_ptr<void> own(EVP_PKEY* k) {
  return {k, [](void* p) { EVP_PKEY_free(static_cast<EVP_PKEY*>(p)); }};
}

}  // namespace

P256Key P256Key::generate() {
  P256Key k;
  k.key_ = own(EVP_EC_gen("P-256"));
  return k;
}

domain::Result<P256Key> P256Key::from_pem(std::string_view private_pem) {
  BIO* bio = BIO_new_mem_buf(private_pem.data(), static_cast<int>(private_pem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  if (!key) return domain::Error{"not a private key in PEM", "attestation keys"};
  if (!EVP_PKEY_is_a(key, "EC") || EVP_PKEY_get_bits(key) != 256) {
    EVP_PKEY_free(key);
    return domain::Error{"not a P-256 key", "attestation keys"};
  }
  P256Key k;
  k.key_ = own(key);
  return k;
}

std::string P256Key::private_pem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  PEM_write_bio_PrivateKey(bio, static_cast<EVP_PKEY*>(key_.get()), nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  const long n = BIO_get_mem_data(bio, &data);
  std::string pem(data, static_cast<std::size_t>(n));
  BIO_free(bio);
  return pem;
}

std::string P256Key::sign(std::string_view message) const {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned char der[80];
  std::size_t der_length = sizeof der;
  EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(key_.get()));
  EVP_DigestSign(ctx, der, &der_length, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  EVP_MD_CTX_free(ctx);
  const unsigned char* p = der;
  ECDSA_SIG* sig = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(der_length));
  std::string raw(2 * half, '\0');
  BN_bn2binpad(ECDSA_SIG_get0_r(sig), reinterpret_cast<unsigned char*>(raw.data()), half);
  BN_bn2binpad(ECDSA_SIG_get0_s(sig), reinterpret_cast<unsigned char*>(raw.data()) + half, half);
  ECDSA_SIG_free(sig);
  return raw;
}

bool p256_verify(void* evp_public, std::string_view message, std::string_view signature) {
  if (signature.size() != 2 * half) return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(signature.data());
  ECDSA_SIG* sig = ECDSA_SIG_new();
  ECDSA_SIG_set0(sig, BN_bin2bn(bytes, half, nullptr), BN_bin2bn(bytes + half, half, nullptr));
  unsigned char* der = nullptr;
  const int der_length = i2d_ECDSA_SIG(sig, &der);
  ECDSA_SIG_free(sig);
  if (der_length <= 0) return false;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = EVP_DigestVerifyInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY*>(evp_public)) == 1 &&
                  EVP_DigestVerify(ctx, der, static_cast<std::size_t>(der_length),
                                   reinterpret_cast<const unsigned char*>(message.data()), message.size()) == 1;
  EVP_MD_CTX_free(ctx);
  OPENSSL_free(der);
  return ok;
}

}  // namespace ofpra::attest
