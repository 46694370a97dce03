#pragma once
// Cookies (RFC 6265): reading the Cookie header, writing Set-Cookie.
#include "http/message.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::http {

// The value of the named cookie, or empty.
std::string cookie(const Request& request, std::string_view name);

struct CookieOptions {
  bool http_only = true;
  bool secure = false;  // set when the service is reached over HTTPS
  std::string same_site = "Strict";
  std::optional<std::chrono::seconds> max_age;  // none: a session cookie; zero: delete
};

// HttpOnly, SameSite=Strict, for the browser session (the defaults above).
CookieOptions session_cookie_options(bool secure);
// Tells the browser to forget the cookie.
CookieOptions expired_cookie_options(bool secure);

// Appends a Set-Cookie header; value must be a cookie-octet string (no spaces, quotes, ';').
void set_cookie(Response& response, std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace ofpra::http
