#include "http/trusted_proxies.hpp"

#include <boost/asio/ip/address.hpp>

#include <charconv>

namespace ofpra::http {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// The address as 16 bytes (IPv4 mapped into IPv6), or false when it is not one.
bool bytes_of(std::string_view text, std::array<std::uint8_t, 16>& out, bool& v4) {
  boost::system::error_code ec;
  auto a = boost::asio::ip::make_address(std::string(text), ec);
  if (ec) return false;
  v4 = a.is_v4();
  const auto v6 = v4 ? boost::asio::ip::make_address_v6(boost::asio::ip::v4_mapped, a.to_v4()) : a.to_v6();
  out = v6.to_bytes();
  return true;
}

}  // namespace

domain::Result<TrustedProxies> TrustedProxies::parse(std::string_view list) {
  TrustedProxies t;
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (item.empty()) continue;
    const auto slash = item.find('/');
    Network n;
    bool v4 = false;
    if (!bytes_of(item.substr(0, slash), n.bytes, v4))
      return domain::Error{"must list IP addresses or networks (10.0.0.0/8, fd00::/8)", "trusted_proxies"};
    n.prefix = 128;
    if (slash != std::string_view::npos) {
      unsigned bits = 0;
      const auto text = item.substr(slash + 1);
      auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), bits);
      if (ec != std::errc{} || end != text.data() + text.size() || bits > (v4 ? 32u : 128u))
        return domain::Error{"a network's prefix length is 0-32 (IPv4) or 0-128 (IPv6)", "trusted_proxies"};
      n.prefix = v4 ? 96 + bits : bits;
    }
    t.networks_.push_back(n);
  }
  return t;
}

bool TrustedProxies::contains(std::string_view address) const {
  std::array<std::uint8_t, 16> a{};
  bool v4 = false;
  if (networks_.empty() || !bytes_of(trim(address), a, v4)) return false;
  for (const auto& n : networks_) {
    bool inside = true;
    for (unsigned bit = 0; bit < n.prefix && inside; bit += 8) {
      const unsigned take = std::min(8u, n.prefix - bit);
      const auto mask = static_cast<std::uint8_t>(0xFF << (8 - take));
      inside = (a[bit / 8] & mask) == (n.bytes[bit / 8] & mask);
    }
    if (inside) return true;
  }
  return false;
}

std::string TrustedProxies::client_of(std::string_view peer, std::string_view forwarded_for) const {
  if (!contains(peer)) return std::string(peer);
  // From the right: each hop appends the address it saw; the first one we do not run is the client.
  std::string_view rest = forwarded_for;
  while (!rest.empty()) {
    const auto comma = rest.rfind(',');
    const auto hop = trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
    std::array<std::uint8_t, 16> ignored{};
    bool v4 = false;
    if (!bytes_of(hop, ignored, v4)) return std::string(peer);  // malformed: believe nothing
    if (!contains(hop)) return std::string(hop);
  }
  return std::string(peer);
}

}  // namespace ofpra::http
