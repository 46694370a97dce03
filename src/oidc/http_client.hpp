#pragma once
// The few HTTP calls a relying party makes to its OpenID provider (discovery, keys, token,
// userinfo): blocking, with a timeout, from the blocking pool only. An interface, so that tests
// of the relying party's checks can answer in place of the provider.
#include "domain/result.hpp"

#include <chrono>
#include <map>
#include <memory>
#include <string>

namespace ofpra::oidc {

struct HttpReply {
  long status = 0;
  std::string content_type;
  std::string body;
};

class HttpClient {
 public:
  virtual ~HttpClient() = default;
  // bearer: an access token for the Authorization header, or empty.
  virtual domain::Result<HttpReply> get(const std::string& url, const std::string& bearer) = 0;
  // A form POST, with HTTP Basic credentials when user is not empty.
  virtual domain::Result<HttpReply> post_form(const std::string& url, const std::map<std::string, std::string>& form,
                                              const std::string& user, const std::string& password) = 0;
};

// libcurl; HTTPS certificates are checked; a reply over 1 MiB is refused.
std::unique_ptr<HttpClient> curl_client(std::chrono::seconds timeout = std::chrono::seconds(10));

}  // namespace ofpra::oidc
