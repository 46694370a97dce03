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

std::string date_label(const Visit& v, const domain::PartialDate& date) { return format_date(v.language->code, date); }

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n;
  return out;
}

}  // namespace ofpra::web
