#include "web/answer_view.hpp"
#include "web/space_pages.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

// The refusal in the verifier's words: which field to correct, or why nothing is shown.
std::string_view refusal_key(unsigned status, const json::value& answer) {
  if (status == 404) return "verify_error_invalid";
  if (status == 429) return "verify_error_too_many";
  if (status >= 500) return "unavailable_text";
  const auto* errors = answer.is_object() ? answer.get_object().if_contains("errors") : nullptr;
  std::string parameter;
  if (errors && errors->is_array() && !errors->get_array().empty() && errors->get_array()[0].is_object())
    if (const auto* source = errors->get_array()[0].get_object().if_contains("source"); source && source->is_object())
      if (const auto* p = source->get_object().if_contains("parameter"); p && p->is_string())
        parameter = std::string(p->get_string());
  if (parameter == "code_partage") return "verify_error_code_format";
  if (parameter == "date_naissance") return "error_birth_date";
  if (parameter == "agent") return "verify_error_organisation";
  if (parameter == "motif") return "verify_error_purpose";
  return "verify_error_invalid";
}

}  // namespace

http::Response verify_code_page(const Visit& v) { return page(v, "verify_code", "verify_title"); }

void verify_code_submit(const Visit& v, std::function<void(http::Response)> respond) {
  if (!csrf_ok(v)) return respond(problem(v, 403, "form_expired_title", "form_expired_text"));
  json::object body{{"code_partage", v.field("code_partage")},
                    {"date_naissance", v.field("date_naissance")},
                    {"motif", v.field("motif")},
                    {"agent", v.field("organisme")}};
  // The visit outlives this call only through its copy in the callback.
  auto kept = std::make_shared<Visit>(v);
  service::verify_on_share_code_page(
      v.context->verification, v.request->client_address, json::serialize(body),
      [kept, respond = std::move(respond)](service::VerificationOutcome outcome) {
        boost::system::error_code ec;
        auto answer = json::parse(outcome.body, ec);
        if (outcome.status == 200 && !ec && answer.is_object()) {
          const auto& o = answer.get_object();
          const auto* data = o.if_contains("data");
          const auto* meta = o.if_contains("meta");
          if (data && data->is_object() && meta && meta->is_object()) {
            auto view = answer_view(*kept, data->get_object());
            const auto* reference = meta->get_object().if_contains("reference");
            json::object result{{"reference", reference && reference->is_string() ? reference->get_string() : ""}};
            for (auto& [k, x] : view) result[k] = x;
            return respond(page(*kept, "verify_code", "verify_title", {{"result", std::move(result)}}));
          }
        }
        const auto status = outcome.status == 200 ? 500u : outcome.status;
        respond(page(*kept, "verify_code", "verify_title", {{"error", kept->t(refusal_key(status, answer))}}, status));
      });
}

}  // namespace ofpra::web
