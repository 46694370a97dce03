#pragma once
// An OpenID provider in memory, for the relying party's tests and the counter's: its discovery
// document, key set (one Ed25519 key), token answer (an ID token built from claims a test may
// spoil, signed under kid) and userinfo answer.
#include "auth/ed25519_key.hpp"
#include "auth/jws.hpp"
#include "env/random.hpp"
#include "oidc/http_client.hpp"
#include "oidc/relying_party.hpp"

#include <boost/json.hpp>

#include <filesystem>
#include <memory>
#include <string>

namespace ofpra::test_support {

namespace json = boost::json;

inline constexpr std::string_view issuer = "https://fc.example";

// A provider in memory: its discovery document, key set, token and userinfo answers, the ID
// token built from claims a test may spoil.
struct FakeProvider final : oidc::HttpClient {
  const auth::Ed25519Key& key;
  json::object id_claims;
  json::object userinfo;
  std::string kid = "k1";
  explicit FakeProvider(const auth::Ed25519Key& k) : key(k) {}

  domain::Result<oidc::HttpReply> get(const std::string& url, const std::string& bearer) override {
    if (url == std::string(issuer) + "/.well-known/openid-configuration")
      return reply(json::serialize(json::object{{"issuer", issuer},
                                                {"authorization_endpoint", "https://fc.example/authorize"},
                                                {"token_endpoint", "https://fc.example/token"},
                                                {"userinfo_endpoint", "https://fc.example/userinfo"},
                                                {"jwks_uri", "https://fc.example/jwks"},
                                                {"end_session_endpoint", "https://fc.example/logout"}}));
    if (url == "https://fc.example/jwks") {
      const auto& p = key.public_key();
      const auto x = auth::base64url(std::string_view(reinterpret_cast<const char*>(p.data()), p.size()));
      return reply(json::serialize(json::object{
          {"keys", json::array{json::object{{"kty", "OKP"}, {"crv", "Ed25519"}, {"x", x}, {"kid", "k1"}}}}}));
    }
    if (url == "https://fc.example/userinfo" && bearer == "at") return reply(json::serialize(userinfo));
    return oidc::HttpReply{404, "text/plain", ""};
  }
  domain::Result<oidc::HttpReply> post_form(const std::string& url, const std::map<std::string, std::string>& form,
                                            const std::string& user, const std::string& password) override {
    if (url != "https://fc.example/token" || user != "client" || password != "secret" || form.at("code") != "c0de")
      return oidc::HttpReply{400, "application/json", R"({"error":"invalid_grant"})"};
    const auto header = json::serialize(json::object{{"alg", "EdDSA"}, {"kid", kid}});
    return reply(json::serialize(
        json::object{{"access_token", "at"}, {"id_token", auth::jws_sign(header, json::serialize(id_claims), key)}}));
  }
  static oidc::HttpReply reply(std::string body) { return {200, "application/json", std::move(body)}; }
};

// A relying party (client "client", secret "secret") on a FakeProvider whose key lives in keys.
struct FakeSignIn {
  auth::Ed25519Key key;
  FakeProvider* provider = nullptr;
  std::unique_ptr<oidc::RelyingParty> rp;

  FakeSignIn(const std::filesystem::path& keys, const env::Clock& clock, std::string redirect_uri,
             std::string acr_values)
      : key(*auth::Ed25519Key::load_or_create(keys, "provider")) {
    auto http = std::make_unique<FakeProvider>(key);
    provider = http.get();
    rp = std::make_unique<oidc::RelyingParty>(
        oidc::ProviderSettings{std::string(issuer), "client", "secret", std::move(redirect_uri), "openid",
                               std::move(acr_values)},
        std::move(http), env::secure_random(), clock);
  }

  // The provider's answer to the sign-in that the authorization address url began: an ID token
  // about sub at acr, issued at now (seconds), and this userinfo. Returns url's state.
  std::string answer(const std::string& url, const std::string& sub, const std::string& acr, json::object info,
                     std::int64_t now) {
    auto param = [&](const std::string& name) {
      const auto at = url.find("&" + name + "=") + name.size() + 2;
      return url.substr(at, url.find('&', at) - at);
    };
    provider->id_claims = {{"iss", issuer}, {"aud", "client"},        {"sub", sub}, {"exp", now + 60}, {"iat", now},
                           {"acr", acr},    {"nonce", param("nonce")}};
    provider->userinfo = std::move(info);
    return param("state");
  }
};

}  // namespace ofpra::test_support
