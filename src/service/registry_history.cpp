#include "service/registry_history.hpp"

#include <boost/json.hpp>

namespace ofpra::service {

domain::Result<std::vector<std::string>> person_history_lines(store::RegistryStore& registry,
                                                              const std::string& numero_ofpra) {
  auto history = registry.history(numero_ofpra);
  if (!history) return history.error();
  std::vector<std::string> lines;
  for (const auto& v : history->versions) {
    boost::json::array events;
    for (const auto& e : history->events) {
      if (e.version != v.version) continue;
      boost::system::error_code ec;
      auto detail = boost::json::parse(e.detail, ec);
      events.push_back({{"id", e.id},
                        {"type", e.type},
                        {"detail", ec ? boost::json::value(boost::json::object{}) : detail},
                        {"le", e.occurred_at}});
    }
    boost::system::error_code ec;
    auto record = boost::json::parse(v.record, ec);
    if (ec) return domain::unavailable_error("a kept version of the registry could not be read");
    boost::json::object line{
        {"version", v.version},
        {"ecrite_le", v.written_at},
        {"ecrite_par", v.written_by},
        {"remplacee_le", v.replaced_at.empty() ? boost::json::value(nullptr) : boost::json::value(v.replaced_at)},
        {"evenements", std::move(events)},
        {"enregistrement", std::move(record)}};
    lines.push_back(boost::json::serialize(line));
  }
  return lines;
}

}  // namespace ofpra::service
