#include "auth/tokens.hpp"
#include "auth/jws.hpp"
#include "auth/secret_hash.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

using namespace ofpra;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  test_support::TempDir dir;
  auth::TokenIssuer issuer{*auth::Ed25519Key::load_or_create(dir.path(), "token-ed25519"), "https://ofpra.test", 300s};
  std::chrono::system_clock::time_point now = std::chrono::system_clock::now();

  std::string issue() {
    auth::AccessToken t{"pc_1", "73282932000074", {"protection", "etat_civil.avancement"}, {}, 0, 0};
    return issuer.issue(t, now, env::secure_random());
  }
};

std::string part(const std::string& token, int i) {
  std::size_t start = 0;
  for (int k = 0; k < i; ++k) start = token.find('.', start) + 1;
  return token.substr(start, token.find('.', start) - start);
}

}  // namespace

TEST(Tokens, IssuedTokensVerifyWithTheirClaims) {
  Fixture f;
  auto token = f.issue();
  auto t = f.issuer.verify(token, f.now + 10s);
  ASSERT_TRUE(t) << t.error().message;
  EXPECT_EQ(t->client_id, "pc_1");
  EXPECT_EQ(t->siret, "73282932000074");
  EXPECT_EQ(t->scopes, (std::vector<std::string>{"protection", "etat_civil.avancement"}));
  EXPECT_EQ(t->expires_at - t->issued_at, 300);
  EXPECT_EQ(t->jti.size(), 32u);
  auto header = auth::base64url_decode(part(token, 0));
  ASSERT_TRUE(header);
  EXPECT_NE(header->find("\"alg\":\"EdDSA\""), std::string::npos);
}

TEST(Tokens, ExpiredForgedAndAlgNoneTokensAreRefused) {
  Fixture f;
  auto token = f.issue();
  EXPECT_FALSE(f.issuer.verify(token, f.now + 301s));
  // Another scope in the payload, same signature.
  auto payload = *auth::base64url_decode(part(token, 1));
  payload.replace(payload.find("protection"), 10, "etat_civil");
  auto forged = part(token, 0) + "." + auth::base64url(payload) + "." + part(token, 2);
  EXPECT_FALSE(f.issuer.verify(forged, f.now));
  // alg none, no signature.
  auto none = auth::base64url(R"({"alg":"none","kid":"x"})") + "." + part(token, 1) + ".";
  EXPECT_FALSE(f.issuer.verify(none, f.now));
  auto none_sig = auth::base64url(R"({"alg":"none"})") + "." + part(token, 1) + "." + part(token, 2);
  EXPECT_FALSE(f.issuer.verify(none_sig, f.now));
  // Signed by another key.
  test_support::TempDir other;
  auth::TokenIssuer stranger{*auth::Ed25519Key::load_or_create(other.path(), "token-ed25519"), "https://ofpra.test",
                             300s};
  auth::AccessToken t{"pc_1", "73282932000074", {"etat_civil.famille"}, {}, 0, 0};
  EXPECT_FALSE(f.issuer.verify(stranger.issue(t, f.now, env::secure_random()), f.now));
  for (const char* junk : {"", ".", "..", "a.b.c", "a.b", "a.b.c.d"}) EXPECT_FALSE(f.issuer.verify(junk, f.now));
}

TEST(Tokens, JwksPublishesTheKey) {
  Fixture f;
  auto jwks = f.issuer.jwks();
  EXPECT_NE(jwks.find("\"kty\":\"OKP\""), std::string::npos);
  EXPECT_NE(jwks.find("\"crv\":\"Ed25519\""), std::string::npos);
  EXPECT_EQ(jwks.find("\"d\""), std::string::npos);  // never the private part
}

TEST(Tokens, AVerifiedTokenStillExpiresAndItsForgeriesStayRefused) {
  Fixture f;
  auto token = f.issue();
  ASSERT_TRUE(f.issuer.verify(token, f.now));  // now remembered
  auto again = f.issuer.verify(token, f.now + 10s);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->client_id, "pc_1");
  EXPECT_EQ(again->scopes, (std::vector<std::string>{"protection", "etat_civil.avancement"}));
  EXPECT_FALSE(f.issuer.verify(token, f.now + 300s));
  // A one-character change of a remembered token is a different, unsigned token.
  auto tampered = token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  EXPECT_FALSE(f.issuer.verify(tampered, f.now));
}

// Issue 24: the clock jumping. Forward, tokens expire early and clients ask again; backward, a
// token issued "later" than now is refused rather than living longer than its lifetime.
TEST(Tokens, AClockJumpNeverStretchesATokensLife) {
  Fixture f;
  auto token = f.issue();
  ASSERT_TRUE(f.issuer.verify(token, f.now));
  EXPECT_FALSE(f.issuer.verify(token, f.now - 1h));  // stepped back: "issued in the future"
  EXPECT_TRUE(f.issuer.verify(token, f.now - 30s));  // within the skew nodes are allowed
  EXPECT_FALSE(f.issuer.verify(token, f.now + 1h));  // stepped forward: expired
  EXPECT_TRUE(f.issuer.verify(token, f.now + 10s));  // and back to normal
}
