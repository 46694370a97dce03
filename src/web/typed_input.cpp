#include "web/typed_input.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <vector>

namespace ofpra::web {
namespace {

bool bidi_mark(UChar32 c) {
  return c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// The runs of ASCII digits, and whether only separators (space . / -) stand between them.
std::optional<std::vector<std::string>> digit_runs(std::string_view text) {
  std::vector<std::string> runs;
  bool in_run = false;
  for (char c : text) {
    if (c >= '0' && c <= '9') {
      if (!in_run) runs.emplace_back();
      runs.back() += c;
      in_run = true;
    } else if (c == ' ' || c == '.' || c == '/' || c == '-') {
      in_run = false;
    } else {
      return std::nullopt;
    }
  }
  return runs;
}

std::string two_digits(const std::string& n) { return n.size() == 1 ? "0" + n : n; }

}  // namespace

std::string ascii_digits(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(s, i, length, c);
    if (c >= 0 && u_charType(c) == U_DECIMAL_DIGIT_NUMBER) {
      out += static_cast<char>('0' + u_charDigitValue(c));
    } else if (c < 0 || !bidi_mark(c)) {
      out.append(text.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(i - start)));
    }
  }
  return out;
}

std::optional<std::string> typed_date(std::string_view typed) {
  const auto text = ascii_digits(typed);
  std::string_view t = text;
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  const auto runs = digit_runs(t);
  if (!runs || runs->empty()) return std::nullopt;
  const auto& r = *runs;
  const bool year_first = r[0].size() == 4;
  if (r.size() == 1 && r[0].size() == 4) return r[0];
  if (year_first) {  // 1990-05-17, 1990-05: as the pages write it
    if (r.size() > 3 || r[1].size() > 2 || (r.size() == 3 && r[2].size() > 2)) return std::nullopt;
    return r.size() == 2 ? r[0] + "-" + two_digits(r[1]) : r[0] + "-" + two_digits(r[1]) + "-" + two_digits(r[2]);
  }
  if (r.back().size() != 4) return std::nullopt;
  if (r.size() == 2 && r[0].size() <= 2) return r[1] + "-" + two_digits(r[0]);  // 05/1990
  if (r.size() == 3 && r[0].size() <= 2 && r[1].size() <= 2)                    // 17/05/1990, day first
    return r[2] + "-" + two_digits(r[1]) + "-" + two_digits(r[0]);
  return std::nullopt;
}

}  // namespace ofpra::web
