#include "http/request_reading.hpp"

#include <boost/beast/core/string.hpp>

#include <cctype>

namespace ofpra::http {

namespace bhttp = boost::beast::http;

std::string_view framing_problem(const BeastRequest& in) {
  const auto hosts = in.count(bhttp::field::host);
  if (hosts > 1) return "Un seul en-tête Host par requête.";
  if (hosts == 0 && in.version() >= 11) return "L'en-tête Host est requis en HTTP/1.1.";
  if (in.count(bhttp::field::transfer_encoding) == 0) return {};
  std::string_view last;
  for (const auto& f : in)
    if (f.name() == bhttp::field::transfer_encoding) last = f.value();
  if (const auto comma = last.rfind(','); comma != std::string_view::npos) last = last.substr(comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  if (!boost::beast::iequals(last, "chunked")) return "Le dernier codage de transfert doit être chunked.";
  return {};
}

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

Request to_request(BeastRequest& in, std::string_view peer, const TrustedProxies& proxies) {
  Request req;
  req.received = std::chrono::steady_clock::now();
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  auto q = req.target.find('?');
  req.path = req.target.substr(0, q);
  if (q != std::string::npos) req.query = req.target.substr(q + 1);
  req.headers.reserve(8);
  for (const auto& f : in) {
    std::string name(f.name_string());
    // ASCII only, as field names are (std::tolower is a call per character, and locale-bound).
    for (auto& c : name)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = std::move(in.body());
  if (const auto id = req.header("x-request-id"); valid_request_id(id)) req.request_id = std::string(id);
  req.client_address = proxies.empty() ? std::string(peer) : proxies.client_of(peer, req.header("x-forwarded-for"));
  return req;
}

}  // namespace ofpra::http
