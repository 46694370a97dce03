#pragma once
// Which peers are our own reverse proxies, whose X-Forwarded-For is believed: behind nginx every
// connection comes from nginx, and limits per origin would count everyone as one. Nothing else
// is believed: a client's own X-Forwarded-For changes nothing.
#include "domain/result.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::http {

class TrustedProxies {
 public:
  TrustedProxies() = default;  // none: the peer is the client
  // A comma-separated list of addresses or networks: "127.0.0.1, 10.0.0.0/8, ::1, fd00::/8".
  static domain::Result<TrustedProxies> parse(std::string_view list);

  bool contains(std::string_view address) const;
  // The client's address: the peer's, unless the peer is a trusted proxy; then the rightmost
  // address of X-Forwarded-For that is not a trusted proxy (the one the first trusted proxy
  // saw), or the peer's when the header is missing or malformed.
  std::string client_of(std::string_view peer, std::string_view forwarded_for) const;
  bool empty() const { return networks_.empty(); }

 private:
  struct Network {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 as IPv4-mapped IPv6
    unsigned prefix = 128;
  };
  std::vector<Network> networks_;
};

}  // namespace ofpra::http
