#include "oidc/relying_party.hpp"

#include "auth/jws.hpp"
#include "auth/jwt.hpp"
#include "auth/secret_hash.hpp"
#include "domain/json_member.hpp"

#include <openssl/sha.h>

#include <boost/json.hpp>

#include <array>

namespace ofpra::oidc {
namespace {

namespace json = boost::json;

domain::Error failure(std::string what) { return {std::move(what), "oidc"}; }

std::int64_t number(const json::object& o, std::string_view k) {
  const auto* v = o.if_contains(k);
  if (v && v->is_int64()) return v->get_int64();
  if (v && v->is_uint64() && v->get_uint64() < (1ull << 62)) return static_cast<std::int64_t>(v->get_uint64());
  if (v && v->is_double() && v->get_double() > -1e15 && v->get_double() < 1e15)
    return static_cast<std::int64_t>(v->get_double());
  return 0;
}

domain::Result<json::object> json_object(const HttpReply& reply, std::string_view what) {
  if (reply.status != 200) return failure(std::string(what) + ": HTTP " + std::to_string(reply.status));
  boost::system::error_code ec;
  auto v = json::parse(reply.body, ec);
  if (ec || !v.is_object()) return failure(std::string(what) + ": not a JSON object");
  return std::move(v.get_object());
}

std::string query_escaped(std::string_view s) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

// Whether word is one of the space-separated words of list.
bool accepted(std::string_view list, std::string_view word) {
  if (word.empty()) return false;
  while (!list.empty()) {
    const auto space = list.find(' ');
    if (list.substr(0, space) == word) return true;
    list = space == std::string_view::npos ? std::string_view{} : list.substr(space + 1);
  }
  return false;
}

bool has_audience(const json::object& claims, const std::string& client_id) {
  const auto* aud = claims.if_contains("aud");
  if (!aud) return false;
  if (aud->is_string()) return aud->get_string() == client_id;
  if (!aud->is_array()) return false;
  bool found = false;
  for (const auto& a : aud->get_array()) found = found || (a.is_string() && a.get_string() == client_id);
  // Several audiences: the token must say it was issued to us (OpenID Connect Core §3.1.3.7).
  return found && (aud->get_array().size() == 1 || domain::string_member(claims, "azp") == client_id);
}

}  // namespace

RelyingParty::RelyingParty(ProviderSettings settings, std::unique_ptr<HttpClient> http, env::Random& random,
                           const env::Clock& clock)
    : settings_(std::move(settings)), http_(std::move(http)), random_(random), clock_(clock) {}

domain::Result<RelyingParty::Endpoints> RelyingParty::endpoints() {
  {
    std::lock_guard lock(mutex_);
    if (endpoints_) return *endpoints_;
  }
  auto reply = http_->get(settings_.issuer + "/.well-known/openid-configuration", {});
  if (!reply) return reply.error();
  auto doc = json_object(*reply, "discovery");
  if (!doc) return doc.error();
  Endpoints e{domain::string_member(*doc, "issuer"),
              domain::string_member(*doc, "authorization_endpoint"),
              domain::string_member(*doc, "token_endpoint"),
              domain::string_member(*doc, "userinfo_endpoint"),
              domain::string_member(*doc, "jwks_uri"),
              domain::string_member(*doc, "end_session_endpoint"),
              true};
  // The issuer must be the one configured (OpenID Connect Discovery §4.3).
  if (e.issuer != settings_.issuer || e.authorization.empty() || e.token.empty() || e.jwks.empty())
    return failure("discovery: the document does not describe the configured issuer");
  // An issuer reached over HTTPS is reached over HTTPS everywhere: the client secret and the
  // keys never travel in the clear.
  if (e.issuer.starts_with("https://"))
    for (const auto* endpoint : {&e.authorization, &e.token, &e.userinfo, &e.jwks, &e.end_session})
      if (!endpoint->empty() && !endpoint->starts_with("https://"))
        return failure("discovery: an endpoint is not HTTPS");
  if (e.userinfo.empty()) return failure("discovery: no userinfo endpoint");
  if (const auto* methods = doc->if_contains("token_endpoint_auth_methods_supported"); methods && methods->is_array()) {
    bool basic = false;
    for (const auto& m : methods->get_array())
      basic = basic || (m.is_string() && m.get_string() == "client_secret_basic");
    e.basic_auth = basic;
  }
  std::lock_guard lock(mutex_);
  endpoints_ = e;
  return e;
}

domain::Result<std::string> RelyingParty::key_for(const std::string& kid) {
  for (int attempt = 0; attempt < 2; ++attempt) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = keys_.find(kid); it != keys_.end()) return it->second;
      // A token without kid is accepted only from a provider with a single key.
      if (kid.empty() && keys_.size() == 1) return keys_.begin()->second;
    }
    if (attempt == 1) break;
    auto e = endpoints();
    if (!e) return e.error();
    auto reply = http_->get(e->jwks, {});
    if (!reply) return reply.error();
    auto set = json_object(*reply, "keys");
    if (!set) return set.error();
    std::map<std::string, std::string> keys;
    if (const auto* list = set->if_contains("keys"); list && list->is_array())
      for (const auto& k : list->get_array()) {
        if (!k.is_object() || (domain::string_member(k.get_object(), "use") != "" &&
                               domain::string_member(k.get_object(), "use") != "sig"))
          continue;
        if (auto pem = auth::pem_of_jwk(k.get_object()))
          keys[domain::string_member(k.get_object(), "kid")] = std::move(*pem);
      }
    std::lock_guard lock(mutex_);
    keys_ = std::move(keys);
  }
  return failure("no key of the provider's signs this token");
}

domain::Result<json::object> RelyingParty::verified(const std::string& jwt) {
  auto pem = key_for(auth::unverified_key_id(jwt));
  if (!pem) return pem.error();
  return auth::verify_jwt(jwt, *pem, "oidc");
}

domain::Result<LoginStart> RelyingParty::start() {
  auto e = endpoints();
  if (!e) return e.error();
  LoginStart s;
  s.pending = {auth::new_secret(random_), auth::new_secret(random_), auth::new_secret(random_)};
  std::array<unsigned char, SHA256_DIGEST_LENGTH> digest{};
  SHA256(reinterpret_cast<const unsigned char*>(s.pending.code_verifier.data()), s.pending.code_verifier.size(),
         digest.data());
  const auto challenge = auth::base64url(std::string_view(reinterpret_cast<const char*>(digest.data()), digest.size()));
  s.url = e->authorization + (e->authorization.find('?') == std::string::npos ? "?" : "&") +
          "response_type=code&client_id=" + query_escaped(settings_.client_id) +
          "&redirect_uri=" + query_escaped(settings_.redirect_uri) + "&scope=" + query_escaped(settings_.scope) +
          "&state=" + s.pending.state + "&nonce=" + s.pending.nonce + "&code_challenge=" + challenge +
          "&code_challenge_method=S256";
  if (!settings_.acr_values.empty()) s.url += "&acr_values=" + query_escaped(settings_.acr_values);
  if (!settings_.prompt.empty()) s.url += "&prompt=" + query_escaped(settings_.prompt);
  return s;
}

domain::Result<Identity> RelyingParty::finish(const std::string& code, const PendingLogin& pending) {
  auto e = endpoints();
  if (!e) return e.error();
  std::map<std::string, std::string> form{{"grant_type", "authorization_code"},
                                          {"code", code},
                                          {"redirect_uri", settings_.redirect_uri},
                                          {"code_verifier", pending.code_verifier}};
  if (!e->basic_auth) {
    form["client_id"] = settings_.client_id;
    form["client_secret"] = settings_.client_secret;
  }
  auto reply = e->basic_auth ? http_->post_form(e->token, form, settings_.client_id, settings_.client_secret)
                             : http_->post_form(e->token, form, {}, {});
  if (!reply) return reply.error();
  auto tokens = json_object(*reply, "token");
  if (!tokens) return tokens.error();
  const auto id_token = domain::string_member(*tokens, "id_token");
  const auto access_token = domain::string_member(*tokens, "access_token");
  if (id_token.empty() || access_token.empty()) return failure("token: no ID token or access token");

  auto claims = verified(id_token);
  if (!claims) return claims.error();
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock_.now().time_since_epoch()).count();
  if (domain::string_member(*claims, "iss") != e->issuer) return failure("ID token: another issuer");
  if (!has_audience(*claims, settings_.client_id)) return failure("ID token: not issued to this client");
  if (number(*claims, "exp") <= now) return failure("ID token: expired");
  if (number(*claims, "iat") > now + 60) return failure("ID token: issued in the future");
  if (domain::string_member(*claims, "nonce") != pending.nonce) return failure("ID token: another nonce");
  const auto acr = domain::string_member(*claims, "acr");
  if (!settings_.acr_values.empty() && !accepted(settings_.acr_values, acr))
    return failure("ID token: another level of assurance than those asked");
  const auto sub = domain::string_member(*claims, "sub");
  if (sub.empty()) return failure("ID token: no subject");

  auto info_reply = http_->get(e->userinfo, access_token);
  if (!info_reply) return info_reply.error();
  domain::Result<json::object> info = failure("userinfo: unreadable");
  if (info_reply->content_type.starts_with("application/jwt")) {
    if (info_reply->status != 200) return failure("userinfo: HTTP " + std::to_string(info_reply->status));
    info = verified(info_reply->body);
    // A signed userinfo says who issued it and for whom, as an ID token does.
    if (info && ((info->contains("iss") && domain::string_member(*info, "iss") != e->issuer) ||
                 (info->contains("aud") && !has_audience(*info, settings_.client_id))))
      return failure("userinfo: issued by another or for another");
  } else if (settings_.signed_userinfo) {
    return failure("userinfo: not a signed JWT");
  } else {
    info = json_object(*info_reply, "userinfo");
  }
  if (!info) return info.error();
  if (domain::string_member(*info, "sub") != sub) return failure("userinfo: another subject than the ID token's");
  return Identity{sub, std::move(*info), acr, id_token};
}

std::optional<std::string> RelyingParty::logout_url(const std::string& id_token,
                                                    const std::string& post_logout_redirect_uri,
                                                    const std::string& state) {
  auto e = endpoints();
  if (!e || e->end_session.empty()) return std::nullopt;
  return e->end_session + (e->end_session.find('?') == std::string::npos ? "?" : "&") +
         "id_token_hint=" + query_escaped(id_token) + "&state=" + query_escaped(state) +
         "&post_logout_redirect_uri=" + query_escaped(post_logout_redirect_uri);
}

}  // namespace ofpra::oidc
