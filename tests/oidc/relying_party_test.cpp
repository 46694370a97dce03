#include "oidc/relying_party.hpp"

#include "auth/ed25519_key.hpp"
#include "auth/jws.hpp"
#include "support/fake_oidc_provider.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

using namespace ofpra;
namespace json = boost::json;

namespace {

using test_support::FakeProvider;
using test_support::issuer;

struct Fixture {
  test_support::TempDir dir;
  test_support::FixedClock clock;
  auth::Ed25519Key key = *auth::Ed25519Key::load_or_create(dir.path(), "provider");
  FakeProvider* provider = nullptr;
  std::unique_ptr<oidc::RelyingParty> rp;
  oidc::PendingLogin pending;
  Fixture() {
    auto http = std::make_unique<FakeProvider>(key);
    provider = http.get();
    rp = std::make_unique<oidc::RelyingParty>(
        oidc::ProviderSettings{std::string(issuer), "client", "secret", "https://rp.example/retour", "openid", ""},
        std::move(http), env::secure_random(), clock);
    auto start = rp->start();
    EXPECT_TRUE(start) << start.error().message;
    pending = start->pending;
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(clock.t.time_since_epoch()).count();
    provider->id_claims = {{"iss", issuer},   {"aud", "client"}, {"sub", "s-1"},
                           {"exp", now + 60}, {"iat", now},      {"nonce", pending.nonce}};
    provider->userinfo = {{"sub", "s-1"}, {"family_name", "HASSAN"}, {"given_name", "Amina"}};
  }
};

}  // namespace

TEST(RelyingParty, TheAuthorizationAddressCarriesStateNonceAndAnS256Challenge) {
  Fixture f;
  auto start = f.rp->start();
  ASSERT_TRUE(start);
  EXPECT_TRUE(start->url.starts_with("https://fc.example/authorize?response_type=code&client_id=client"));
  EXPECT_NE(start->url.find("&state=" + start->pending.state), std::string::npos);
  EXPECT_NE(start->url.find("&nonce=" + start->pending.nonce), std::string::npos);
  EXPECT_NE(start->url.find("&code_challenge_method=S256"), std::string::npos);
  EXPECT_EQ(start->url.find(start->pending.code_verifier), std::string::npos);  // never sent here
  EXPECT_NE(start->pending.state, f.pending.state);
}

TEST(RelyingParty, AGoodAnswerGivesTheUserinfoOfTheIdTokensSubject) {
  Fixture f;
  auto identity = f.rp->finish("c0de", f.pending);
  ASSERT_TRUE(identity) << identity.error().message;
  EXPECT_EQ(identity->sub, "s-1");
  EXPECT_EQ(identity->claims.at("family_name").as_string(), "HASSAN");
}

TEST(RelyingParty, EverySpoiledIdTokenOrUserinfoIsRefused) {
  const std::vector<std::pair<std::string, std::function<void(Fixture&)>>> spoils{
      {"another nonce", [](Fixture& f) { f.provider->id_claims["nonce"] = "x"; }},
      {"another audience", [](Fixture& f) { f.provider->id_claims["aud"] = "someone-else"; }},
      {"two audiences without azp",
       [](Fixture& f) {
         f.provider->id_claims["aud"] = json::array{"client", "x"};
       }},
      {"another issuer", [](Fixture& f) { f.provider->id_claims["iss"] = "https://evil.example"; }},
      {"expired", [](Fixture& f) { f.provider->id_claims["exp"] = 1; }},
      {"issued in the future",
       [](Fixture& f) { f.provider->id_claims["iat"] = f.provider->id_claims["exp"].as_int64() + 3600; }},
      {"no subject", [](Fixture& f) { f.provider->id_claims.erase("sub"); }},
      {"an unknown key", [](Fixture& f) { f.provider->kid = "k2"; }},
      {"userinfo about another", [](Fixture& f) { f.provider->userinfo["sub"] = "s-2"; }},
  };
  for (const auto& [what, spoil] : spoils) {
    Fixture f;
    spoil(f);
    auto identity = f.rp->finish("c0de", f.pending);
    EXPECT_FALSE(identity) << what;
    if (!identity) {
      EXPECT_EQ(identity.error().field, "oidc") << what;
    }
  }
  Fixture f;
  EXPECT_FALSE(f.rp->finish("wrong code", f.pending));
}

TEST(RelyingParty, TheLevelOfAssuranceAskedMustBeTheOneGiven) {
  Fixture f;
  auto http = std::make_unique<FakeProvider>(f.key);
  auto* provider = http.get();
  auto settings = f.rp->settings();
  settings.acr_values = "eidas1";
  oidc::RelyingParty rp(settings, std::move(http), env::secure_random(), f.clock);
  auto start = rp.start();
  ASSERT_TRUE(start);
  EXPECT_NE(start->url.find("&acr_values=eidas1"), std::string::npos);
  provider->id_claims = f.provider->id_claims;
  provider->userinfo = f.provider->userinfo;
  provider->id_claims["nonce"] = start->pending.nonce;
  EXPECT_FALSE(rp.finish("c0de", start->pending));  // no acr
  provider->id_claims["acr"] = "eidas1";
  EXPECT_TRUE(rp.finish("c0de", start->pending));
}

TEST(RelyingParty, ALevelOutsideThoseAcceptedIsRefusedAndTheOneGivenIsReported) {
  Fixture f;
  auto http = std::make_unique<FakeProvider>(f.key);
  auto* provider = http.get();
  auto settings = f.rp->settings();
  settings.acr_values = "eidas1 eidas2 eidas3";  // ProConnect's
  oidc::RelyingParty rp(settings, std::move(http), env::secure_random(), f.clock);
  auto start = rp.start();
  ASSERT_TRUE(start);
  EXPECT_NE(start->url.find("&acr_values=eidas1%20eidas2%20eidas3"), std::string::npos);
  EXPECT_EQ(start->url.find("&prompt="), std::string::npos);
  settings.prompt = "login";
  EXPECT_NE(oidc::RelyingParty(settings, std::make_unique<FakeProvider>(f.key), env::secure_random(), f.clock)
                .start()
                ->url.find("&prompt=login"),
            std::string::npos);
  provider->id_claims = f.provider->id_claims;
  provider->userinfo = f.provider->userinfo;
  provider->id_claims["nonce"] = start->pending.nonce;
  for (const char* low : {"eidas", "eidas0", "eidas1 eidas2", ""}) {
    provider->id_claims["acr"] = low;
    EXPECT_FALSE(rp.finish("c0de", start->pending)) << low;
  }
  provider->id_claims["acr"] = "eidas2";
  auto identity = rp.finish("c0de", start->pending);
  ASSERT_TRUE(identity);
  EXPECT_EQ(identity->acr, "eidas2");
  EXPECT_FALSE(identity->id_token.empty());
}

TEST(RelyingParty, LogoutGoesToTheProvidersEndSessionWithTheIdTokenAsHint) {
  Fixture f;
  auto url = f.rp->logout_url("a.b.c", "https://rp.example/guichet/deconnecte", "s1");
  ASSERT_TRUE(url);
  EXPECT_EQ(*url,
            "https://fc.example/logout?id_token_hint=a.b.c&state=s1&post_logout_redirect_uri=https%3A%2F%2Frp.example%"
            "2Fguichet%2Fdeconnecte");
}

TEST(RelyingParty, ATokenSignedByAnotherKeyIsRefused) {
  Fixture f;
  test_support::TempDir other_dir;
  auto other = *auth::Ed25519Key::load_or_create(other_dir.path(), "other");
  auto http = std::make_unique<FakeProvider>(f.key);
  // Same key set, but the token is signed by another key under the same kid.
  struct Forger final : oidc::HttpClient {
    FakeProvider& real;
    const auth::Ed25519Key& forged;
    Forger(FakeProvider& r, const auth::Ed25519Key& k) : real(r), forged(k) {}
    domain::Result<oidc::HttpReply> get(const std::string& url, const std::string& bearer) override {
      return real.get(url, bearer);
    }
    domain::Result<oidc::HttpReply> post_form(const std::string&, const std::map<std::string, std::string>&,
                                              const std::string&, const std::string&) override {
      const auto header = json::serialize(json::object{{"alg", "EdDSA"}, {"kid", "k1"}});
      return FakeProvider::reply(json::serialize(json::object{
          {"access_token", "at"}, {"id_token", auth::jws_sign(header, json::serialize(real.id_claims), forged)}}));
    }
  };
  http->id_claims = f.provider->id_claims;
  http->userinfo = f.provider->userinfo;
  oidc::RelyingParty rp(f.rp->settings(), std::make_unique<Forger>(*http, other), env::secure_random(), f.clock);
  auto start = rp.start();
  ASSERT_TRUE(start);
  http->id_claims["nonce"] = start->pending.nonce;
  auto identity = rp.finish("c0de", start->pending);
  ASSERT_FALSE(identity);
  EXPECT_EQ(identity.error().message, "bad signature");
}
