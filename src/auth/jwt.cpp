#include "auth/jwt.hpp"

#include "auth/jws.hpp"
#include "domain/json_member.hpp"
#include "domain/json_strict.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <boost/json.hpp>

#include <memory>

namespace ofpra::auth {
namespace {

namespace json = boost::json;
using domain::Error;

struct KeyFree {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Key = std::unique_ptr<EVP_PKEY, KeyFree>;

Key read_key(std::string_view pem) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), BIO_free);
  if (!bio) return nullptr;
  return Key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
}

domain::Result<std::string> algorithm_of(EVP_PKEY* key) {
  if (EVP_PKEY_is_a(key, "ED25519")) return std::string("EdDSA");
  if (EVP_PKEY_is_a(key, "RSA")) {
    if (EVP_PKEY_get_bits(key) < 2048) return Error{"RSA keys must have at least 2048 bits", "public_key"};
    return std::string("RS256");
  }
  if (EVP_PKEY_is_a(key, "EC")) {
    char curve[64] = {};
    std::size_t len = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, curve, sizeof curve, &len) == 1 &&
        std::string_view(curve, len) == "prime256v1")
      return std::string("ES256");
    return Error{"EC keys must be on the P-256 curve", "public_key"};
  }
  return Error{"the key must be Ed25519, RSA (2048 bits or more) or EC P-256", "public_key"};
}

// JWS ES256 signatures are r || s (RFC 7518 §3.4); OpenSSL wants DER.
std::string es256_to_der(std::string_view raw) {
  if (raw.size() != 64) return {};
  std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(ECDSA_SIG_new(), ECDSA_SIG_free);
  auto* r = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()), 32, nullptr);
  auto* s = BN_bin2bn(reinterpret_cast<const unsigned char*>(raw.data()) + 32, 32, nullptr);
  if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
    BN_free(r);
    BN_free(s);
    return {};
  }
  unsigned char* der = nullptr;
  const int len = i2d_ECDSA_SIG(sig.get(), &der);
  if (len <= 0) return {};
  std::string out(reinterpret_cast<const char*>(der), static_cast<std::size_t>(len));
  OPENSSL_free(der);
  return out;
}

bool signature_ok(EVP_PKEY* key, const std::string& alg, std::string_view input, std::string signature) {
  if (alg == "ES256") signature = es256_to_der(signature);
  if (signature.empty()) return false;
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!ctx) return false;
  const EVP_MD* md = alg == "EdDSA" ? nullptr : EVP_sha256();
  if (EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()), signature.size(),
                          reinterpret_cast<const unsigned char*>(input.data()), input.size()) == 1;
}

struct Compact {
  std::string header;
  std::string payload;
  std::string signature;
  std::string_view signing_input;
};

domain::Result<Compact> split(std::string_view jwt) {
  const auto dot1 = jwt.find('.');
  const auto dot2 = dot1 == std::string_view::npos ? dot1 : jwt.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos || jwt.find('.', dot2 + 1) != std::string_view::npos)
    return Error{"not a compact JWS", "client_assertion"};
  auto header = base64url_decode(jwt.substr(0, dot1));
  auto payload = base64url_decode(jwt.substr(dot1 + 1, dot2 - dot1 - 1));
  auto signature = base64url_decode(jwt.substr(dot2 + 1));
  if (!header || !payload || !signature) return Error{"not a compact JWS", "client_assertion"};
  return Compact{std::move(*header), std::move(*payload), std::move(*signature), jwt.substr(0, dot2)};
}

json::object parse_object(std::string_view text) {
  boost::system::error_code ec;
  json::parse_options options;
  options.max_depth = 4;
  auto v = json::parse(text, ec, {}, options);
  if (ec || !v.is_object() || domain::has_repeated_member(text)) return {};
  return std::move(v.get_object());
}

// An EVP_PKEY's public half as PEM.
std::string pem_of(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), BIO_free);
  if (!bio || PEM_write_bio_PUBKEY(bio.get(), key) != 1) return {};
  char* data = nullptr;
  const auto len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(len));
}

Key key_from(const char* type, OSSL_PARAM* params) {
  std::unique_ptr<EVP_PKEY_CTX, decltype(&EVP_PKEY_CTX_free)> ctx(EVP_PKEY_CTX_new_from_name(nullptr, type, nullptr),
                                                                  EVP_PKEY_CTX_free);
  EVP_PKEY* key = nullptr;
  if (!ctx || EVP_PKEY_fromdata_init(ctx.get()) != 1 ||
      EVP_PKEY_fromdata(ctx.get(), &key, EVP_PKEY_PUBLIC_KEY, params) != 1)
    return nullptr;
  return Key(key);
}

}  // namespace

domain::Result<std::string> public_key_algorithm(std::string_view pem) {
  auto key = read_key(pem);
  if (!key) return Error{"not a PEM public key (-----BEGIN PUBLIC KEY-----)", "public_key"};
  return algorithm_of(key.get());
}

domain::Result<json::object> verify_jwt(std::string_view jwt, std::string_view public_key_pem, std::string_view field) {
  const auto fail = [field](std::string what) { return Error{std::move(what), std::string(field)}; };
  auto parts = split(jwt);
  if (!parts) return fail("not a compact JWS");
  auto key = read_key(public_key_pem);
  if (!key) return fail("the key cannot be read");
  auto expected = algorithm_of(key.get());
  if (!expected) return expected.error();
  const auto header = parse_object(parts->header);
  if (domain::string_member(header, "alg") != *expected) return fail("the token's alg does not match the key");
  if (!signature_ok(key.get(), *expected, parts->signing_input, std::move(parts->signature)))
    return fail("bad signature");
  return parse_object(parts->payload);
}

json::object unverified_payload(std::string_view jwt) {
  auto parts = split(jwt);
  return parts ? parse_object(parts->payload) : json::object{};
}

std::string unverified_key_id(std::string_view jwt) {
  auto parts = split(jwt);
  return parts ? domain::string_member(parse_object(parts->header), "kid") : std::string();
}

domain::Result<std::string> pem_of_jwk(const json::object& jwk) {
  const auto kty = domain::string_member(jwk, "kty");
  std::unique_ptr<OSSL_PARAM_BLD, decltype(&OSSL_PARAM_BLD_free)> build(OSSL_PARAM_BLD_new(), OSSL_PARAM_BLD_free);
  if (!build) return Error{"out of memory", "jwk"};
  std::vector<std::unique_ptr<BIGNUM, decltype(&BN_free)>> numbers;
  const auto number = [&numbers](const std::string& b64) -> BIGNUM* {
    auto bytes = base64url_decode(b64);
    if (!bytes || bytes->empty()) return nullptr;
    numbers.emplace_back(
        BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), static_cast<int>(bytes->size()), nullptr),
        BN_free);
    return numbers.back().get();
  };
  const char* type = nullptr;
  std::string point;  // kept alive until the key is built
  if (kty == "RSA") {
    auto* n = number(domain::string_member(jwk, "n"));
    auto* e = number(domain::string_member(jwk, "e"));
    // A public exponent of 1 (or any even one) would let anyone forge signatures.
    if (e && (!BN_is_odd(e) || BN_num_bits(e) < 2)) return Error{"an RSA exponent must be odd and at least 3", "jwk"};
    if (!n || !e || OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_N, n) != 1 ||
        OSSL_PARAM_BLD_push_BN(build.get(), OSSL_PKEY_PARAM_RSA_E, e) != 1)
      return Error{"an RSA key needs n and e", "jwk"};
    type = "RSA";
  } else if (kty == "EC" && domain::string_member(jwk, "crv") == "P-256") {
    auto x = base64url_decode(domain::string_member(jwk, "x"));
    auto y = base64url_decode(domain::string_member(jwk, "y"));
    if (!x || !y || x->size() != 32 || y->size() != 32) return Error{"a P-256 key needs x and y of 32 bytes", "jwk"};
    point = "\x04" + *x + *y;
    if (OSSL_PARAM_BLD_push_utf8_string(build.get(), OSSL_PKEY_PARAM_GROUP_NAME, "prime256v1", 0) != 1 ||
        OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
      return Error{"the EC key cannot be read", "jwk"};
    type = "EC";
  } else if (kty == "OKP" && domain::string_member(jwk, "crv") == "Ed25519") {
    auto x = base64url_decode(domain::string_member(jwk, "x"));
    if (!x || x->size() != 32) return Error{"an Ed25519 key needs x of 32 bytes", "jwk"};
    point = *x;
    if (OSSL_PARAM_BLD_push_octet_string(build.get(), OSSL_PKEY_PARAM_PUB_KEY, point.data(), point.size()) != 1)
      return Error{"the Ed25519 key cannot be read", "jwk"};
    type = "ED25519";
  } else {
    return Error{"only RSA, EC P-256 and Ed25519 keys are read", "jwk"};
  }
  std::unique_ptr<OSSL_PARAM, decltype(&OSSL_PARAM_free)> params(OSSL_PARAM_BLD_to_param(build.get()), OSSL_PARAM_free);
  if (!params) return Error{"the key cannot be built", "jwk"};
  auto key = key_from(type, params.get());
  if (!key) return Error{"the key cannot be built", "jwk"};
  if (auto alg = algorithm_of(key.get()); !alg) return alg.error();
  auto pem = pem_of(key.get());
  if (pem.empty()) return Error{"the key cannot be written", "jwk"};
  return pem;
}

}  // namespace ofpra::auth
