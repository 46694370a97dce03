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
  std::string acr_values;  // FranceConnect: "eidas1"; empty: none asked
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

 private:
  struct Endpoints {
    std::string issuer, authorization, token, userinfo, jwks;
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
