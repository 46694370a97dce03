// Key kinds and assertion checks. The signatures here are made with OpenSSL; the integration
// test (tests/integration/partner_api.test.mjs) signs assertions with jose, independently.
#include "auth/client_assertion.hpp"
#include "auth/jws.hpp"

#include <gtest/gtest.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <memory>

using namespace ofpra;

namespace {

struct Pkey {
  EVP_PKEY* k;
  ~Pkey() { EVP_PKEY_free(k); }
};

EVP_PKEY* generate(const char* type, const char* param = nullptr, unsigned bits = 0) {
  EVP_PKEY* key = nullptr;
  if (param) return EVP_PKEY_Q_keygen(nullptr, nullptr, type, param);
  if (bits) return EVP_PKEY_Q_keygen(nullptr, nullptr, type, static_cast<size_t>(bits));
  key = EVP_PKEY_Q_keygen(nullptr, nullptr, type);
  return key;
}

std::string public_pem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  auto len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

std::string sign(EVP_PKEY* key, const std::string& alg, const std::string& payload) {
  const auto input = auth::base64url("{\"alg\":\"" + alg + "\"}") + "." + auth::base64url(payload);
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestSignInit(ctx.get(), nullptr, alg == "EdDSA" ? nullptr : EVP_sha256(), nullptr, key);
  std::size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(input.data()), input.size());
  std::string sig(len, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len,
                 reinterpret_cast<const unsigned char*>(input.data()), input.size());
  sig.resize(len);
  if (alg == "ES256") {  // DER to r || s
    const auto* p = reinterpret_cast<const unsigned char*>(sig.data());
    ECDSA_SIG* s = d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(sig.size()));
    std::string raw(64, '\0');
    BN_bn2binpad(ECDSA_SIG_get0_r(s), reinterpret_cast<unsigned char*>(raw.data()), 32);
    BN_bn2binpad(ECDSA_SIG_get0_s(s), reinterpret_cast<unsigned char*>(raw.data()) + 32, 32);
    ECDSA_SIG_free(s);
    sig = raw;
  }
  return input + "." + auth::base64url(sig);
}

const std::string claims =
    R"({"iss":"pc_1","sub":"pc_1","aud":["https://ofpra.test/oauth/token"],"jti":"j1","exp":2000000000,"iat":1999999900})";

}  // namespace

TEST(ClientAssertion, AcceptsEd25519Rsa2048AndP256KeysOnly) {
  Pkey ed{generate("ED25519")}, rsa{generate("RSA", nullptr, 2048)}, small{generate("RSA", nullptr, 1024)},
      p256{generate("EC", "P-256")}, p384{generate("EC", "P-384")};
  EXPECT_EQ(*auth::public_key_algorithm(public_pem(ed.k)), "EdDSA");
  EXPECT_EQ(*auth::public_key_algorithm(public_pem(rsa.k)), "RS256");
  EXPECT_EQ(*auth::public_key_algorithm(public_pem(p256.k)), "ES256");
  EXPECT_FALSE(auth::public_key_algorithm(public_pem(small.k)));
  EXPECT_FALSE(auth::public_key_algorithm(public_pem(p384.k)));
  EXPECT_FALSE(auth::public_key_algorithm("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n"));
  EXPECT_FALSE(auth::public_key_algorithm(""));
}

TEST(ClientAssertion, VerifiesEachAlgorithmAndReadsTheClaims) {
  constexpr const char* none = nullptr;
  for (auto [type, param, bits, alg] :
       {std::tuple{"ED25519", none, 0u, "EdDSA"}, std::tuple{"RSA", none, 2048u, "RS256"},
        std::tuple{"EC", "P-256", 0u, "ES256"}}) {
    Pkey key{generate(type, param, bits)};
    auto c = auth::verify_assertion(sign(key.k, alg, claims), public_pem(key.k));
    ASSERT_TRUE(c) << alg << ": " << c.error().message;
    EXPECT_EQ(c->iss, "pc_1");
    EXPECT_EQ(c->sub, "pc_1");
    EXPECT_EQ(c->aud, std::vector<std::string>{"https://ofpra.test/oauth/token"});
    EXPECT_EQ(c->jti, "j1");
    EXPECT_EQ(c->exp, 2000000000);
    EXPECT_EQ(auth::unverified_subject(sign(key.k, alg, claims)), "pc_1");
  }
}

TEST(ClientAssertion, RefusesOtherKeysOtherAlgorithmsAndTampering) {
  Pkey ed{generate("ED25519")}, other{generate("ED25519")}, rsa{generate("RSA", nullptr, 2048)};
  const auto good = sign(ed.k, "EdDSA", claims);
  EXPECT_FALSE(auth::verify_assertion(good, public_pem(other.k)));
  // An RS256 header over an Ed25519 key, and an HS256 one keyed with the public key's text.
  EXPECT_FALSE(auth::verify_assertion(sign(rsa.k, "RS256", claims), public_pem(ed.k)));
  const auto input = auth::base64url(R"({"alg":"HS256"})") + "." + auth::base64url(claims);
  EXPECT_FALSE(auth::verify_assertion(input + "." + auth::base64url("mac"), public_pem(ed.k)));
  EXPECT_FALSE(auth::verify_assertion(auth::base64url(R"({"alg":"none"})") + "." + auth::base64url(claims) + ".",
                                      public_pem(ed.k)));
  auto tampered = good;
  tampered[tampered.find('.') + 3] ^= 1;
  EXPECT_FALSE(auth::verify_assertion(tampered, public_pem(ed.k)));
  for (const char* junk : {"", "a.b", "a.b.c", "...", "a.b.c.d"})
    EXPECT_FALSE(auth::verify_assertion(junk, public_pem(ed.k)));
}
