#include "service/disclosure.hpp"
#include "web/answer_view.hpp"
#include "web/locale_format.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// The refusal in the verifier's words: which field to correct, or why nothing is shown (at the
// code's field).
std::string_view refusal_field(const service::Refusal& r) {
  for (std::string_view f : {"code_partage", "date_naissance", "motif"})
    if (r.parameter == f) return f;
  if (r.parameter == "agent") return "organisme";
  return "code_partage";
}

std::string_view refusal_key(const service::Refusal& r) {
  using domain::Problem;
  if (r.problem == Problem::invalid_share_code) return "verify_error_invalid";
  if (r.problem == Problem::too_many_share_code_attempts) return "verify_error_too_many";
  if (domain::info(r.problem).status >= 500) return "unavailable_text";
  if (r.parameter == "code_partage") return "verify_error_code_format";
  if (r.parameter == "date_naissance") return "error_birth_date";
  if (r.parameter == "agent") return "verify_error_organisation";
  if (r.parameter == "motif") return "verify_error_purpose";
  return "verify_error_invalid";
}

// The form again, with what the verifier typed and the refusal at its field.
http::Response refusal_page(const Visit& v, const service::Refusal& r) {
  json::object values;
  for (const auto* f : {"code_partage", "date_naissance", "organisme", "motif"}) values[f] = v.field(f);
  mark_error(v, values, refusal_field(r), refusal_key(r));
  // A code that opens nothing: what to ask the person for.
  values["next_step"] =
      r.problem == domain::Problem::invalid_share_code || r.problem == domain::Problem::too_many_share_code_attempts;
  return page(v, "verify_code", "verify_title", values, domain::info(r.problem).status);
}

}  // namespace

http::Response verify_code_page(const Visit& v) { return page(v, "verify_code", "verify_title"); }

void verify_code_submit(const Visit& v, std::function<void(http::Response)> respond) {
  if (!csrf_ok(v)) return respond(problem(v, 403, "form_expired_title", "form_expired_text"));
  auto request = service::share_code_page_request(v.field("code_partage"), v.field("date_naissance"), v.field("motif"),
                                                  v.field("organisme"));
  // The visit outlives this call only through its copy in the callback.
  auto kept = std::make_shared<Visit>(v);
  auto done = [kept, respond = std::move(respond)](service::Disclosure d) {
    if (const auto* answer = std::get_if<service::Answer>(&d)) {
      auto result = answer_view(*kept, *answer);
      result["reference"] = std::to_string(answer->reference);
      result["checked_at"] =
          filled(kept->t("verify_checked_at"), "{date}",
                 format_time(kept->language->code, env::format_utc(kept->context->door.clock.now())));
      return respond(page(*kept, "verify_code", "verify_title",
                          {{"result", std::move(result)}, {"opinion_journey", "verification"}}));
    }
    if (const auto* refusal = std::get_if<service::Refusal>(&d)) return respond(refusal_page(*kept, *refusal));
    respond(refusal_page(*kept, service::unavailable()));  // never asked in memory only
  };
  const service::ShareCodeHolder holder{v.request->client_address};
  // A form that cannot be read is refused and journaled like any refusal.
  if (auto* refusal = std::get_if<service::Refusal>(&request))
    return service::refuse_unreadable(v.context->door, holder, std::move(*refusal), v.request->body,
                                      service::Reads::store, std::move(done));
  service::disclose(v.context->door, holder, std::get<service::DisclosureRequest>(request), service::Reads::store,
                    std::move(done));
}

}  // namespace ofpra::web
