#include "domain/json_text.hpp"

#include <boost/json.hpp>

namespace ofpra::domain {

namespace {
bool needs_escape(char c) { return c == '"' || c == '\\' || static_cast<unsigned char>(c) < 0x20; }
}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char hex[] = "0123456789abcdef";
  out += '"';
  // Text to escape is rare (the journal's canonical form is built at every entry): plain runs
  // are copied whole.
  for (std::size_t i = 0; i < s.size();) {
    std::size_t run = i;
    while (run < s.size() && !needs_escape(s[run])) ++run;
    out.append(s.substr(i, run - i));
    if (run == s.size()) break;
    const char c = s[run];
    const auto u = static_cast<unsigned char>(c);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        out += "\\u00";
        out += hex[u >> 4];
        out += hex[u & 0xf];
    }
    i = run + 1;
  }
  out += '"';
}

void append_json_string_list(std::string& out, const std::vector<std::string>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

std::string json_string_list(const std::vector<std::string>& items) {
  std::string out;
  append_json_string_list(out, items);
  return out;
}

std::vector<std::string> parse_json_string_list(std::string_view text) {
  std::vector<std::string> out;
  boost::system::error_code ec;
  auto v = boost::json::parse(text, ec);
  if (ec || !v.is_array()) return out;
  for (const auto& item : v.get_array())
    if (item.is_string()) out.emplace_back(item.get_string());
  return out;
}

}  // namespace ofpra::domain
