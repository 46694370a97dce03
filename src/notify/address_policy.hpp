#pragma once
// Where a webhook may be delivered (docs/NOTIFICATIONS.md): HTTPS to a name that resolves only
// to public addresses — never a private, loopback, link-local, shared, reserved or multicast
// one, checked on registration and again before every delivery (a name may be made to resolve
// elsewhere later). The demo and the tests may allow plain HTTP to the loopback, and only it.
#include "domain/result.hpp"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::notify {

// The addresses a name resolves to, as text ("192.0.2.1", "2001:db8::1"); behind an interface
// so that tests can make a name resolve anywhere. Blocking.
class Resolver {
 public:
  virtual ~Resolver() = default;
  virtual domain::Result<std::vector<std::string>> resolve(const std::string& host) = 0;
};
// getaddrinfo.
Resolver& system_resolver();

struct AddressPolicy {
  bool allow_loopback_http = false;  // the demo and the tests: http://127.0.0.1:PORT and [::1] only
};

// Whether a literal address may be reached: false for anything not public (and for loopback
// unless allowed).
bool public_address(std::string_view address, bool allow_loopback);

// Where to deliver: the URL's parts and the one address checked to connect to.
struct Destination {
  std::string url;
  std::string scheme;
  std::string host;  // as in the URL, brackets removed
  std::uint16_t port = 0;
  std::string address;  // the checked address, to pin the connection to
};

// The destination, or an error saying in French what is wrong (field "url"): not an absolute
// http(s) URL without credentials, not HTTPS, longer than 2,000 characters, a name that does not
// resolve, or an address not allowed.
domain::Result<Destination> check_destination(const std::string& url, Resolver& resolver, const AddressPolicy& policy);

}  // namespace ofpra::notify
