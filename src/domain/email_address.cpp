#include "domain/email_address.hpp"

#include <algorithm>

namespace ofpra::domain {

bool is_email_address(std::string_view e) {
  const auto at = e.find('@');
  // No control character, space or DEL; UTF-8 is allowed (internationalised addresses, RFC 6531).
  const bool printable = std::all_of(e.begin(), e.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u > 0x20 && u != 0x7f;
  });
  return printable && e.size() <= 254 && at != std::string_view::npos && at != 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string_view::npos &&
         e.find_first_of(" \t\r\n<>\"\\,;") == std::string_view::npos && e.find('.', at) != std::string_view::npos &&
         e.back() != '.';
}

std::string ascii_lower(std::string text) {
  for (auto& ch : text)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return text;
}

}  // namespace ofpra::domain
