// private_key_jwt assertions (RFC 7523) and the public keys partners register: the raw bytes as
// an assertion and as a PEM key, then as the header and claims of an assertion signed with a
// registered Ed25519 key (first line: the header), to reach the claims behind the signature.
#include "auth/client_assertion.hpp"
#include "../fuzz_check.hpp"
#include "auth/jws.hpp"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

using namespace ofpra;

namespace {

struct Signer {
  EVP_PKEY* key = EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519");
  std::string pem;
  Signer() {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_PUBKEY(bio.get(), key);
    char* text = nullptr;
    const auto n = BIO_get_mem_data(bio.get(), &text);
    pem.assign(text, static_cast<std::size_t>(n));
  }
  ~Signer() { EVP_PKEY_free(key); }
  std::string sign(std::string_view input) const {
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
    unsigned char signature[64];
    std::size_t length = sizeof signature;
    EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, key);
    EVP_DigestSign(ctx.get(), signature, &length, reinterpret_cast<const unsigned char*>(input.data()), input.size());
    return std::string(reinterpret_cast<const char*>(signature), length);
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Signer signer;
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  (void)auth::verify_assertion(input, signer.pem);
  (void)auth::unverified_subject(input);
  (void)auth::public_key_algorithm(input);

  const auto newline = input.find('\n');
  const auto header = input.substr(0, newline);
  const auto claims = newline == std::string_view::npos ? std::string_view{} : input.substr(newline + 1);
  const auto signing_input = auth::base64url(header) + "." + auth::base64url(claims);
  const auto jwt = signing_input + "." + auth::base64url(signer.sign(signing_input));
  // Accepted only when the header names the key's algorithm.
  if (auth::verify_assertion(jwt, signer.pem)) FUZZ_CHECK(header.find("EdDSA") != std::string_view::npos);
  return 0;
}
