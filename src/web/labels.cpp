#include "web/labels.hpp"

#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {

std::string label(const Visit& v, std::string_view kind, std::string_view code) {
  std::string key = std::string(kind) + "_" + std::string(code);
  for (auto& ch : key)
    if (ch == '.') ch = '_';
  return v.t(key);
}

std::string date_label(const Visit& v, const boost::json::value& date) {
  if (!date.is_string()) return {};
  auto d = domain::PartialDate::parse(std::string_view(date.get_string()));
  return d ? format_date(v.language->code, *d) : std::string(date.get_string());
}

std::string date_label(const Visit& v, const domain::PartialDate& date) { return format_date(v.language->code, date); }

std::string joined(const boost::json::value& names) {
  std::string out;
  if (!names.is_array()) return out;
  for (const auto& n : names.get_array())
    if (n.is_string()) out += (out.empty() ? "" : " ") + std::string(n.get_string());
  return out;
}

}  // namespace ofpra::web
