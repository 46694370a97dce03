#include "http/cookies.hpp"

namespace ofpra::http {

std::string cookie(const Request& request, std::string_view name) {
  for (const auto& [k, v] : request.headers) {
    if (k != "cookie") continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      const auto end = rest.find(';');
      auto pair = rest.substr(0, end);
      rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      const auto eq = pair.find('=');
      if (eq != std::string_view::npos && pair.substr(0, eq) == name) return std::string(pair.substr(eq + 1));
    }
  }
  return {};
}

CookieOptions session_cookie_options(bool secure) {
  CookieOptions o;
  o.secure = secure;
  return o;
}

CookieOptions expired_cookie_options(bool secure) {
  CookieOptions o;
  o.secure = secure;
  o.max_age = std::chrono::seconds(0);
  return o;
}

void set_cookie(Response& response, std::string_view name, std::string_view value, const CookieOptions& o) {
  std::string header = std::string(name) + "=" + std::string(value) + "; Path=/; SameSite=" + o.same_site;
  if (o.max_age) header += "; Max-Age=" + std::to_string(o.max_age->count());
  if (o.http_only) header += "; HttpOnly";
  if (o.secure) header += "; Secure";
  response.headers.emplace_back("Set-Cookie", std::move(header));
}

}  // namespace ofpra::http
