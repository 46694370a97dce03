#pragma once
// application/x-www-form-urlencoded bodies and percent-decoding.
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace ofpra::http {

// nullopt on a malformed escape. plus_is_space: '+' means ' ' (forms), as in HTML.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space = true);
// nullopt when malformed or when a name appears twice (RFC 6749 §3.2 forbids repeats).
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);

}  // namespace ofpra::http
