#include "auth/tokens.hpp"

#include "auth/jws.hpp"

#include <boost/json.hpp>

namespace ofpra::auth {
namespace json = boost::json;

std::string TokenIssuer::issue(AccessToken& t, std::chrono::system_clock::time_point now, env::Random& random) const {
  t.issued_at = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  t.expires_at = t.issued_at + lifetime_.count();
  t.jti = env::random_hex(random, 16);
  std::string scope;
  for (const auto& s : t.scopes) scope += (scope.empty() ? "" : " ") + s;
  const auto header = json::serialize(json::object{{"alg", "EdDSA"}, {"typ", "at+jwt"}, {"kid", key_.key_id()}});
  const auto payload = json::serialize(json::object{{"iss", issuer_},
                                                    {"sub", t.client_id},
                                                    {"client_id", t.client_id},
                                                    {"siret", t.siret},
                                                    {"scope", scope},
                                                    {"iat", t.issued_at},
                                                    {"exp", t.expires_at},
                                                    {"jti", t.jti}});
  return jws_sign(header, payload, key_);
}

domain::Result<AccessToken> TokenIssuer::verify(std::string_view token,
                                                std::chrono::system_clock::time_point now) const {
  auto parts = jws_verify(token, key_.public_key());
  if (!parts) return parts.error();
  boost::system::error_code ec;
  auto h = json::parse(parts->header_json, ec);
  const auto* kid = h.get_object().if_contains("kid");
  if (!kid || !kid->is_string() || kid->get_string() != key_.key_id()) return domain::Error{"unknown key", "token"};
  auto p = json::parse(parts->payload_json, ec);
  if (ec || !p.is_object()) return domain::Error{"the token's claims are not a JSON object", "token"};
  const auto& o = p.get_object();
  auto str = [&](std::string_view k) -> std::string {
    const auto* v = o.if_contains(k);
    return v && v->is_string() ? std::string(v->get_string()) : std::string();
  };
  auto num = [&](std::string_view k) -> std::int64_t {
    const auto* v = o.if_contains(k);
    return v && v->is_int64() ? v->get_int64() : 0;
  };
  AccessToken t{str("client_id"), str("siret"), {}, str("jti"), num("iat"), num("exp")};
  if (str("iss") != issuer_) return domain::Error{"unknown issuer", "token"};
  const auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (t.expires_at <= now_s) return domain::Error{"expired", "token"};
  const auto scope = str("scope");
  for (std::size_t pos = 0; pos < scope.size();) {
    auto end = scope.find(' ', pos);
    if (end == std::string::npos) end = scope.size();
    if (end > pos) t.scopes.push_back(scope.substr(pos, end - pos));
    pos = end + 1;
  }
  return t;
}

std::string TokenIssuer::jwks() const {
  const auto& pk = key_.public_key();
  json::object k{{"kty", "OKP"},
                 {"crv", "Ed25519"},
                 {"x", base64url(std::string_view(reinterpret_cast<const char*>(pk.data()), pk.size()))},
                 {"kid", key_.key_id()},
                 {"alg", "EdDSA"},
                 {"use", "sig"}};
  return json::serialize(json::object{{"keys", json::array{std::move(k)}}});
}

}  // namespace ofpra::auth
