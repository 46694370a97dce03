#pragma once
// An OpenID Connect relying party (authorization code flow with PKCE), for FranceConnect (the
// protected person) and ProConnect (the counter's agents): discovery, the authorization
// address, then the code exchanged, the ID token checked and the userinfo read. Nothing here
// knows the registry: the caller decides what an identity means.
#include "domain/result.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "oidc/http_client.hpp"

#include <boost/json/object.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace ofpra::oidc {

struct ProviderSettings {
  std::string issuer;  // its discovery document is at issuer + /.well-known/openid-configuration
  std::string client_id;
  std::string client_secret;
  std::string redirect_uri;
  std::string scope = "openid";
  // The levels of assurance accepted, space separated, asked as acr_values; the ID token's acr
  // must be one of them. FranceConnect: "eidas1"; ProConnect: "eidas1 eidas2 eidas3". Empty:
  // none asked, none checked.
  std::string acr_values;
  // The userinfo must be a JWT signed by the provider (ProConnect's always is); otherwise plain
  // JSON from the userinfo endpoint is accepted too.
  bool signed_userinfo = false;
  // Asked of the provider as prompt= (ProConnect at a shared desk: "login", so that an agent who
  // left without ending her provider session does not sign the next one in); empty: none.
  std::string prompt = {};
};

// What the authorization request carried, kept by the caller until the provider sends her back.
struct PendingLogin {
  std::string state;
  std::string nonce;
  std::string code_verifier;
};

struct LoginStart {
  std::string url;  // where to send the browser
  PendingLogin pending;
};

// The userinfo's claims, with the subject the ID token and the userinfo agree on.
struct Identity {
  std::string sub;
  boost::json::object claims;
  std::string acr;       // the ID token's level of assurance, one of those accepted
  std::string id_token;  // as the provider issued it, for the logout's id_token_hint
};

class RelyingParty {
 public:
  RelyingParty(ProviderSettings settings, std::unique_ptr<HttpClient> http, env::Random& random,
               const env::Clock& clock);

  const ProviderSettings& settings() const { return settings_; }
  // Reads the discovery document the first time; a fresh state, nonce and PKCE verifier each
  // call. Errors are the provider's unavailability.
  domain::Result<LoginStart> start();
  // Exchanges the code; the ID token must be signed by one of the provider's keys, issued by
  // it, for this client, unexpired, and carry the nonce; the userinfo (JSON, or a JWT signed
  // the same way) must be about the same subject. Errors never carry a claim's value.
  domain::Result<Identity> finish(const std::string& code, const PendingLogin& pending);
  // Where to send the browser to end her session at the provider too (OpenID Connect
  // RP-Initiated Logout): back to post_logout_redirect_uri with state. nullopt when the
  // provider has no end_session_endpoint (or does not answer): sign out here only.
  std::optional<std::string> logout_url(const std::string& id_token, const std::string& post_logout_redirect_uri,
                                        const std::string& state);

 private:
  struct Endpoints {
    std::string issuer, authorization, token, userinfo, jwks, end_session;
    bool basic_auth = true;
  };
  domain::Result<Endpoints> endpoints();
  // The PEM of the key a token names (refetching the key set once for a kid not yet seen).
  domain::Result<std::string> key_for(const std::string& kid);
  domain::Result<boost::json::object> verified(const std::string& jwt);

  ProviderSettings settings_;
  std::unique_ptr<HttpClient> http_;
  env::Random& random_;
  const env::Clock& clock_;
  std::mutex mutex_;
  std::optional<Endpoints> endpoints_;
  std::map<std::string, std::string> keys_;  // kid -> PEM ("" for a key without kid)
};

}  // namespace ofpra::oidc
