#pragma once
// Small JSON writers for hot paths (the journal's canonical form and its stored lists), where
// building a Boost.JSON tree per entry costs more than the entry itself.
#include <string>
#include <string_view>
#include <vector>

namespace ofpra::domain {

// Appends s as a JSON string literal, quotes included.
void append_json_string(std::string& out, std::string_view s);
// Appends ["a","b"].
void append_json_string_list(std::string& out, const std::vector<std::string>& items);
std::string json_string_list(const std::vector<std::string>& items);
// The strings of a JSON array of strings; anything else gives an empty list.
std::vector<std::string> parse_json_string_list(std::string_view text);

}  // namespace ofpra::domain
