#include "service/disclosure.hpp"
#include "web/answer_view.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {

// Her own file, asked of the door as herself with every scope: the same rules decide what
// "within the delay" means for her and for the administrations, and the view is journaled, so
// that a view from a stolen session shows in her history.
void situation_page(const Visit& v, std::function<void(http::Response)> respond) {
  service::DisclosureRequest request;
  request.subject = {service::SubjectKind::numero_ofpra, v.session->numero_ofpra, {}, std::nullopt};
  request.scopes.assign(domain::all_scopes.begin(), domain::all_scopes.end());
  request.purpose = "Consultation de sa situation dans son espace personnel";
  auto kept = std::make_shared<Visit>(v);
  service::disclose(v.context->door, service::PersonHerself{v.session->numero_ofpra}, request, service::Reads::store,
                    [kept, respond = std::move(respond)](service::Disclosure d) {
                      const auto* answer = std::get_if<service::Answer>(&d);
                      if (!answer) return respond(problem(*kept, 503, "unavailable_title", "unavailable_text"));
                      boost::json::object values{{"opinion_journey", "espace"}};
                      if (answer->outcome == service::Outcome::found) values["answer"] = answer_view(*kept, *answer);
                      respond(page(*kept, "situation", "situation_title", values, 200, "situation"));
                    });
}

}  // namespace ofpra::web
