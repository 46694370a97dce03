#pragma once
// Reading a parsed JSON object's members where their absence is an answer of its own (claims of
// a token, fields of an OpenID document).
#include <boost/json/object.hpp>

#include <string>
#include <string_view>

namespace ofpra::domain {

// The member's text; empty when it is absent or not a string.
std::string string_member(const boost::json::object& object, std::string_view key);

}  // namespace ofpra::domain
