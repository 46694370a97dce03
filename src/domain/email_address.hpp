#pragma once
// The shape of an e-mail address we accept, for a person's contact and for a verifier she sends
// a share code to: no control characters (UTF-8 allowed), local part, "@", a domain with a dot, no spaces, quotes or
// angle brackets, at most 254 bytes (RFC 5321's path limit). Whether it exists only the mail
// server knows.
#include <string>
#include <string_view>

namespace ofpra::domain {

bool is_email_address(std::string_view text);

// An address or a domain as compared: ASCII letters in lower case (an e-mail's domain is
// case-insensitive, and providers and people type local parts in any case).
std::string ascii_lower(std::string text);

}  // namespace ofpra::domain
