#include "domain/json_member.hpp"

#include <boost/json.hpp>

namespace ofpra::domain {

std::string string_member(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  return v && v->is_string() ? std::string(v->get_string()) : std::string();
}

}  // namespace ofpra::domain
