#include "domain/plain_text.hpp"

#include <algorithm>

#include <cstdint>
#include <optional>

namespace ofpra::domain {
namespace {

// The code point at i (advancing i), or nullopt for invalid UTF-8.
std::optional<char32_t> next(std::string_view s, std::size_t& i) {
  const auto b = static_cast<unsigned char>(s[i]);
  int n = 0;
  char32_t c = 0;
  if (b < 0x80) {
    ++i;
    return b;
  }
  if ((b & 0xE0) == 0xC0) {
    n = 1;
    c = b & 0x1F;
  } else if ((b & 0xF0) == 0xE0) {
    n = 2;
    c = b & 0x0F;
  } else if ((b & 0xF8) == 0xF0) {
    n = 3;
    c = b & 0x07;
  } else {
    return std::nullopt;
  }
  if (i + static_cast<std::size_t>(n) >= s.size()) return std::nullopt;
  for (int k = 1; k <= n; ++k) {
    const auto cb = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
    if ((cb & 0xC0) != 0x80) return std::nullopt;
    c = (c << 6) | (cb & 0x3F);
  }
  i += static_cast<std::size_t>(n) + 1;
  // Overlong forms, surrogates and beyond Unicode.
  if ((n == 1 && c < 0x80) || (n == 2 && c < 0x800) || (n == 3 && c < 0x10000) || c > 0x10FFFF ||
      (c >= 0xD800 && c <= 0xDFFF))
    return std::nullopt;
  return c;
}

bool reorders(char32_t c) { return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069); }

bool invisible(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || (c >= 0x200B && c <= 0x200F) || c == 0x2060 ||
         c == 0xFEFF || c == 0x3000 || (c >= 0x2000 && c <= 0x200A) || c == 0x202F || c == 0x205F;
}

}  // namespace

bool is_plain_text(std::string_view s, bool multiline) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = next(s, i);
    if (!c) return false;
    if ((*c == '\n' || *c == '\r' || *c == '\t') && multiline) continue;
    if (*c < 0x20 || (*c >= 0x7F && *c <= 0x9F) || reorders(*c) || *c == 0x2028 || *c == 0x2029) return false;
  }
  return true;
}

bool has_visible_text(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    auto c = next(s, i);
    if (!c) return true;  // not text at all: is_plain_text says so
    if (!invisible(*c)) return true;
  }
  return false;
}

bool is_text_line(std::string_view s, std::size_t max) {
  return s.size() <= max && has_visible_text(s) && is_plain_text(s, false);
}

std::size_t characters(std::string_view utf8) {
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0U) != 0x80U; }));
}

bool is_reason(std::string_view s) {
  return s.size() <= 4 * max_reason_characters && characters(s) <= max_reason_characters && has_visible_text(s) &&
         is_plain_text(s, true);
}

}  // namespace ofpra::domain
