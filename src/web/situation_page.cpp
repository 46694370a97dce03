#include "service/answer_shape.hpp"
#include "web/answer_view.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {

// Her own file, shaped as an answer with every scope: the same rules decide what "within the
// delay" means for her and for the administrations.
http::Response situation_page(const Visit& v) {
  const auto& c = v.context->verification;
  auto registry = c.registry.current();
  if (!registry) return problem(v, 503, "unavailable_title", "unavailable_text");
  auto person = registry->find(v.session->numero_ofpra);
  boost::json::object values;
  if (person) {
    const auto today = domain::day_of(c.clock.now());
    const std::vector<domain::Scope> everything(domain::all_scopes.begin(), domain::all_scopes.end());
    auto data = service::shape_answer(*person, everything, today, c.processing_delay_months, *registry);
    values["answer"] = answer_view(v, data);
  }
  return page(v, "situation", "situation_title", values, 200, "situation");
}

}  // namespace ofpra::web
