#include "notify/address_policy.hpp"

#include <boost/url/parse.hpp>

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <array>
#include <cstring>

namespace ofpra::notify {
namespace {

struct V4Range {
  std::uint32_t base;
  int bits;
};

constexpr std::uint32_t v4(int a, int b, int c, int d) {
  return static_cast<std::uint32_t>(a) << 24 | static_cast<std::uint32_t>(b) << 16 |
         static_cast<std::uint32_t>(c) << 8 | static_cast<std::uint32_t>(d);
}

// Every IPv4 block that is not the public Internet (RFC 6890 and its updates).
constexpr std::array<V4Range, 15> v4_not_public{{{v4(0, 0, 0, 0), 8},
                                                 {v4(10, 0, 0, 0), 8},
                                                 {v4(100, 64, 0, 0), 10},
                                                 {v4(127, 0, 0, 0), 8},
                                                 {v4(169, 254, 0, 0), 16},
                                                 {v4(172, 16, 0, 0), 12},
                                                 {v4(192, 0, 0, 0), 24},
                                                 {v4(192, 0, 2, 0), 24},
                                                 {v4(192, 88, 99, 0), 24},
                                                 {v4(192, 168, 0, 0), 16},
                                                 {v4(198, 18, 0, 0), 15},
                                                 {v4(198, 51, 100, 0), 24},
                                                 {v4(203, 0, 113, 0), 24},
                                                 {v4(224, 0, 0, 0), 4},
                                                 {v4(240, 0, 0, 0), 4}}};

bool in(std::uint32_t a, const V4Range& r) {
  const std::uint32_t mask = r.bits == 0 ? 0 : ~std::uint32_t{0} << (32 - r.bits);
  return (a & mask) == (r.base & mask);
}

bool public_v4(std::uint32_t a, bool allow_loopback) {
  if (allow_loopback && in(a, {v4(127, 0, 0, 0), 8})) return true;
  for (const auto& r : v4_not_public)
    if (in(a, r)) return false;
  return true;
}

bool public_v6(const std::array<std::uint8_t, 16>& b, bool allow_loopback) {
  static constexpr std::array<std::uint8_t, 16> loopback{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  if (b == loopback) return allow_loopback;
  auto starts = [&](std::initializer_list<std::uint8_t> prefix, int bits) {
    int i = 0;
    for (auto byte : prefix) {
      const int take = std::min(8, bits - i * 8);
      if (take <= 0) break;
      const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
      if ((b[static_cast<std::size_t>(i)] & mask) != (byte & mask)) return false;
      ++i;
    }
    return true;
  };
  auto embedded_v4 = [&] {
    return static_cast<std::uint32_t>(b[12]) << 24 | static_cast<std::uint32_t>(b[13]) << 16 |
           static_cast<std::uint32_t>(b[14]) << 8 | b[15];
  };
  // IPv4-mapped and NAT64: the IPv4 address inside decides.
  if (starts({0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff}, 96) ||
      starts({0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0}, 96))
    return public_v4(embedded_v4(), false);
  // Only global unicast (2000::/3) is public, less the blocks in it that are not.
  return starts({0x20}, 3) && !(starts({0x20, 0x01, 0x00}, 23) ||        // IETF protocols, Teredo
                                starts({0x20, 0x01, 0x0d, 0xb8}, 32) ||  // documentation
                                starts({0x20, 0x02}, 16) ||              // 6to4
                                starts({0x3f, 0xff}, 20));               // documentation (RFC 9637)
}

class SystemResolver final : public Resolver {
 public:
  domain::Result<std::vector<std::string>> resolve(const std::string& host) override {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo* found = nullptr;
    if (::getaddrinfo(host.c_str(), nullptr, &hints, &found) != 0 || !found)
      return domain::Error{"le nom de l'adresse ne se résout pas", "url"};
    std::vector<std::string> out;
    for (auto* a = found; a; a = a->ai_next) {
      char text[INET6_ADDRSTRLEN] = {};
      const void* raw = a->ai_family == AF_INET
                            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(a->ai_addr)->sin_addr)
                            : static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(a->ai_addr)->sin6_addr);
      if (::inet_ntop(a->ai_family, raw, text, sizeof text)) out.emplace_back(text);
    }
    ::freeaddrinfo(found);
    return out;
  }
};

}  // namespace

Resolver& system_resolver() {
  static SystemResolver resolver;
  return resolver;
}

bool public_address(std::string_view address, bool allow_loopback) {
  const std::string text(address);
  in_addr a4{};
  if (::inet_pton(AF_INET, text.c_str(), &a4) == 1) return public_v4(ntohl(a4.s_addr), allow_loopback);
  std::array<std::uint8_t, 16> a6{};
  if (::inet_pton(AF_INET6, text.c_str(), a6.data()) == 1) return public_v6(a6, allow_loopback);
  return false;
}

domain::Result<Destination> check_destination(const std::string& url, Resolver& resolver, const AddressPolicy& policy) {
  auto refuse = [](std::string why) { return domain::Error{std::move(why), "url"}; };
  if (url.size() > 2000) return refuse("l'adresse dépasse 2 000 caractères");
  auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return refuse("ce n'est pas une adresse absolue");
  Destination d;
  d.url = url;
  d.scheme = parsed->scheme();
  if (d.scheme != "https" && !(d.scheme == "http" && policy.allow_loopback_http))
    return refuse("l'adresse doit être en https");
  if (parsed->has_userinfo()) return refuse("l'adresse ne doit pas porter d'identifiants");
  d.host = parsed->host_address();  // brackets removed for IPv6
  if (d.host.empty()) return refuse("l'adresse n'a pas d'hôte");
  d.port = parsed->has_port() ? parsed->port_number() : (d.scheme == "https" ? 443 : 80);
  if (parsed->has_port() && d.port == 0) return refuse("le port de l'adresse n'est pas valable");
  // An address written in the URL is what it is; a name is asked of the resolver.
  in6_addr literal{};
  const bool is_literal =
      ::inet_pton(AF_INET, d.host.c_str(), &literal) == 1 || ::inet_pton(AF_INET6, d.host.c_str(), &literal) == 1;
  auto addresses = is_literal ? domain::Result<std::vector<std::string>>(std::vector<std::string>{d.host})
                              : resolver.resolve(d.host);
  if (!addresses) return refuse(addresses.error().message);
  if (addresses->empty()) return refuse("le nom de l'adresse ne se résout pas");
  // Every address the name gives must be allowed, not only the first: a name resolving to a
  // public and a private address could be reached at the private one.
  for (const auto& a : *addresses) {
    const bool loopback_allowed = policy.allow_loopback_http;
    if (!public_address(a, loopback_allowed)) return refuse("l'adresse mène à un réseau privé ou réservé");
    // With plain HTTP allowed for the demo, only the loopback is reached that way.
    if (d.scheme == "http" && public_address(a, false)) return refuse("l'adresse doit être en https");
  }
  d.address = addresses->front();
  return d;
}

}  // namespace ofpra::notify
