#include "auth/client_assertion.hpp"

#include "auth/jwt.hpp"
#include "domain/json_member.hpp"

#include <boost/json.hpp>

namespace ofpra::auth {
namespace {

namespace json = boost::json;

std::int64_t number_claim(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (!v) return 0;
  if (v->is_int64()) return v->get_int64();
  if (v->is_uint64() && v->get_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->get_uint64());
  return 0;
}

}  // namespace

domain::Result<AssertionClaims> verify_assertion(std::string_view jwt, std::string_view public_key_pem) {
  auto verified = verify_jwt(jwt, public_key_pem, "client_assertion");
  if (!verified) return verified.error();
  const auto& claims = *verified;
  AssertionClaims c;
  c.iss = domain::string_member(claims, "iss");
  c.sub = domain::string_member(claims, "sub");
  c.jti = domain::string_member(claims, "jti");
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
  const auto claims = unverified_payload(jwt);
  auto sub = domain::string_member(claims, "sub");
  return sub.empty() ? domain::string_member(claims, "iss") : sub;
}

}  // namespace ofpra::auth
