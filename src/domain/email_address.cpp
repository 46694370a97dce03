#include "domain/email_address.hpp"

namespace ofpra::domain {

bool is_email_address(std::string_view e) {
  const auto at = e.find('@');
  return e.size() <= 254 && at != std::string_view::npos && at != 0 && at + 1 < e.size() &&
         e.find('@', at + 1) == std::string_view::npos &&
         e.find_first_of(" \t\r\n<>\"\\,;") == std::string_view::npos && e.find('.', at) != std::string_view::npos &&
         e.back() != '.';
}

}  // namespace ofpra::domain
