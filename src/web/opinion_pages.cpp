#include "web/opinion_pages.hpp"
#include "service/opinions.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::web {
namespace {

namespace json = boost::json;

std::string_view error_key(const std::string& field) {
  if (field == "utile") return "error_opinion_useful";
  if (field == "facilite") return "error_opinion_ease";
  if (field == "commentaire") return "error_opinion_comment";
  return "error_opinion_journey";
}

// The form, as she filled it.
json::object form_values(const Visit& v, const std::string& journey) {
  json::array useful, ease;
  for (auto u : service::opinion_usefulness)
    useful.push_back(json::object{
        {"value", u}, {"label", v.t("opinion_useful_" + std::string(u))}, {"checked", v.field("utile") == u}});
  for (int i = 5; i >= 1; --i)
    ease.push_back(json::object{{"value", std::to_string(i)},
                                {"label", v.t("opinion_ease_" + std::to_string(i))},
                                {"checked", v.field("facilite") == std::to_string(i)}});
  return {{"parcours", journey},
          {"journey", v.t("opinion_journey_" + journey)},
          {"useful", std::move(useful)},
          {"ease", std::move(ease)},
          {"commentaire", v.field("commentaire")}};
}

bool known_journey(std::string_view j) {
  return std::find(service::opinion_journeys.begin(), service::opinion_journeys.end(), j) !=
         service::opinion_journeys.end();
}

}  // namespace

http::Response opinion_page(const Visit& v) {
  const auto& journey = v.query("parcours");
  return page(v, "opinion", "opinion_title", form_values(v, known_journey(journey) ? journey : "espace"));
}

http::Response opinion_submit(const Visit& v, auth::RateLimiter* limit) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto& journey = v.field("parcours");
  const service::NewOpinion opinion{
      journey, std::string(v.language->code), v.field("utile"),
      static_cast<int>(std::clamp<std::int64_t>(whole_number(v.field("facilite")).value_or(0), 0, 6)),
      v.field("commentaire")};
  auto values = form_values(v, known_journey(journey) ? journey : "espace");
  for (const auto& e : service::opinion_field_errors(opinion)) mark_error(v, values, e.field, error_key(e.field));
  if (values.contains("errors")) return page(v, "opinion", "opinion_title", values, 400);
  // Per address, in memory: the address is never stored with the opinion.
  if (limit && !limit->take(v.request->client_address).allowed) {
    mark_error(v, values, "utile", "error_opinion_too_many");
    return page(v, "opinion", "opinion_title", values, 429);
  }
  if (!service::give_opinion(v.context->accounts.db.portal(), opinion, v.context->accounts.clock))
    return problem(v, 503, "unavailable_title", "unavailable_text");
  return page(v, "opinion", "opinion_title", {{"thanks", true}});
}

}  // namespace ofpra::web
