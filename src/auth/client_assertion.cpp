#include "auth/client_assertion.hpp"

#include "auth/jws.hpp"
#include "domain/json_strict.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
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

std::string string_claim(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

std::int64_t number_claim(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->get_uint64());
  return 0;
}

}  // namespace

domain::Result<std::string> public_key_algorithm(std::string_view pem) {
  auto key = read_key(pem);
  if (!key) return Error{"not a PEM public key (-----BEGIN PUBLIC KEY-----)", "public_key"};
  return algorithm_of(key.get());
}

domain::Result<AssertionClaims> verify_assertion(std::string_view jwt, std::string_view public_key_pem) {
  auto parts = split(jwt);
  if (!parts) return parts.error();
  auto key = read_key(public_key_pem);
  if (!key) return Error{"the client's key cannot be read", "client_assertion"};
  auto expected = algorithm_of(key.get());
  if (!expected) return expected.error();
  const auto header = parse_object(parts->header);
  if (string_claim(header, "alg") != *expected)
    return Error{"the assertion's alg does not match the client's key", "client_assertion"};
  if (!signature_ok(key.get(), *expected, parts->signing_input, std::move(parts->signature)))
    return Error{"bad signature", "client_assertion"};
  const auto claims = parse_object(parts->payload);
  AssertionClaims c;
  c.iss = string_claim(claims, "iss");
  c.sub = string_claim(claims, "sub");
  c.jti = string_claim(claims, "jti");
  c.exp = number_claim(claims, "exp");
  c.iat = number_claim(claims, "iat");
  c.nbf = number_claim(claims, "nbf");
  if (const auto* aud = claims.if_contains("aud")) {
    if (aud->is_string()) c.aud.emplace_back(aud->get_string());
    if (aud->is_array())
      for (const auto& a : aud->get_array())
        if (a.is_string()) c.aud.emplace_back(a.get_string());
  }
  return c;
}

std::string unverified_subject(std::string_view jwt) {
  auto parts = split(jwt);
  if (!parts) return {};
  const auto claims = parse_object(parts->payload);
  auto sub = string_claim(claims, "sub");
  return sub.empty() ? string_claim(claims, "iss") : sub;
}

}  // namespace ofpra::auth
