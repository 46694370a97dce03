#include "web/account_pages.hpp"

#include "http/access_log.hpp"
#include "http/cookies.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

struct Flow {
  std::string_view heading_key;
  std::string_view intro_key;
  std::string action;
  std::string confirm_action;
};

Flow flow_of(service::CodePurpose purpose) {
  if (purpose == service::CodePurpose::activation)
    return {"activation_title", "activation_intro", "/activer", "/activer/code"};
  return {"reset_title", "reset_intro", "/mot-de-passe-oublie", "/mot-de-passe-oublie/code"};
}

}  // namespace

http::Response signed_in(const Visit& v, const std::string& numero) {
  auto opened = service::open_session(v.context->accounts, numero);
  if (!opened) return problem(v, 503, "unavailable_title", "unavailable_text");
  auto r = redirect("/espace");
  http::set_cookie(r, session_cookie_name(*v.context), opened->token,
                   http::session_cookie_options(v.context->secure_cookies));
  http::set_cookie(r, csrf_cookie_name(*v.context), "", http::expired_cookie_options(v.context->secure_cookies));
  return r;
}

namespace {

std::string_view code_error_key(std::string_view field) {
  if (field == "mot_de_passe") return "error_password_length";
  if (field == "confirmation") return "error_password_confirmation";
  return "error_code";
}

}  // namespace

http::Response login_page(const Visit& v) {
  if (v.session) return redirect("/espace");
  return page(v, "login", "login_title", {{"franceconnect", v.context->franceconnect != nullptr}});
}

http::Response login_submit(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto& numero = v.field("numero_ofpra");
  auto result = service::log_in(v.context->accounts, numero, v.field("mot_de_passe"), v.request->client_address);
  if (result) return signed_in(v, *result);
  if (result.error().field != "identifiants" && result.error().field != "essais")
    return problem(v, 503, "unavailable_title", "unavailable_text");
  // The number typed is shown again only if it has the form of one: never echo anything else.
  // Which of number and password was wrong is not said: the message is at the number, and says both.
  json::object values{{"numero_ofpra", numero.size() == 9 ? numero : ""},
                      {"franceconnect", v.context->franceconnect != nullptr}};
  mark_error(v, values, "numero_ofpra", result.error().field == "essais" ? "error_too_many_logins" : "error_login");
  return page(v, "login", "login_title", values, result.error().field == "essais" ? 429 : 400);
}

http::Response logout_submit(const Visit& v) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  auto r = redirect("/connexion");
  if (v.session)
    (void)service::close_session(v.context->accounts, http::cookie(*v.request, session_cookie_name(*v.context)));
  http::set_cookie(r, session_cookie_name(*v.context), "", http::expired_cookie_options(v.context->secure_cookies));
  return r;
}

http::Response code_request_page(const Visit& v, service::CodePurpose purpose) {
  const auto f = flow_of(purpose);
  return page(v, "code_request", f.heading_key,
              {{"heading", v.t(f.heading_key)}, {"intro", v.t(f.intro_key)}, {"action", f.action}});
}

void code_request_submit(const Visit& v, service::CodePurpose purpose, http::Respond respond) {
  if (!csrf_ok(v)) return respond(problem(v, 403, "form_expired_title", "form_expired_text"));
  const auto f = flow_of(purpose);
  const auto& accounts = v.context->accounts;
  // What she typed stays in the form, each error at its field and in a summary linking to it
  // (the DSFR's error pattern).
  json::object values{{"heading", v.t(f.heading_key)},
                      {"intro", v.t(f.intro_key)},
                      {"action", f.action},
                      {"numero_ofpra", v.field("numero_ofpra")},
                      {"date_naissance", v.field("date_naissance")}};
  for (const auto& e : service::code_request_field_errors(v.field("numero_ofpra"), v.field("date_naissance")))
    mark_error(v, values, e.field, e.field == "numero_ofpra" ? "error_numero_ofpra" : "error_birth_date");
  if (values.contains("errors")) return respond(page(v, "code_request", f.heading_key, values, 400));
  auto request = service::accept_code_request(accounts, purpose, v.field("numero_ofpra"), v.field("date_naissance"),
                                              v.request->client_address);
  if (!request) {  // too many requests: the form's own message, nothing to mark
    values["error"] = v.t("error_too_many_code_requests");
    return respond(page(v, "code_request", f.heading_key, values, 429));
  }
  // The code step has its own address, so that reloading it or changing the language keeps
  // her there (the request id is random: no personal data in the address).
  respond(redirect(f.confirm_action + "?demande=" + request->request_id));
  // She was told a code is on its way if her details are right; when the store fails now, no
  // code comes and she asks again. The log says so without saying whose.
  if (auto sent = service::send_code(accounts, *request, v.language->code); !sent)
    http::log_event("warning", "a one-time code could not be queued: the store did not answer");
}

bool code_request_id(std::string_view text) {
  return text.size() == 32 && text.find_first_not_of("0123456789abcdef") == std::string_view::npos;
}

namespace {

// The code step; a refused form marks the field at fault and keeps the code typed (never the
// passwords).
http::Response code_confirm(const Visit& v, const Flow& f, const std::string& demande, std::string_view error_field,
                            unsigned status) {
  json::object values{{"heading", v.t(f.heading_key)},
                      {"action", f.confirm_action},
                      {"restart", f.action},
                      {"demande", demande},
                      {"demo_outbox", v.context->demo_outbox}};
  if (!error_field.empty()) {
    mark_error(v, values, error_field, code_error_key(error_field));
    values["code"] = v.field("code");
  }
  return page(v, "code_confirm", f.heading_key, values, status);
}

}  // namespace

http::Response code_confirm_page(const Visit& v, service::CodePurpose purpose) {
  const auto f = flow_of(purpose);
  const auto& demande = v.query("demande");
  if (!code_request_id(demande)) return redirect(f.action);
  return code_confirm(v, f, demande, {}, 200);
}

http::Response code_confirm_submit(const Visit& v, service::CodePurpose purpose) {
  if (!csrf_ok(v)) return problem(v, 403, "form_expired_title", "form_expired_text");
  const auto f = flow_of(purpose);
  auto numero = service::set_password_with_code(v.context->accounts, v.field("demande"), v.field("code"),
                                                v.field("mot_de_passe"), v.field("confirmation"));
  if (numero) return signed_in(v, *numero);
  const auto& field = numero.error().field;
  if (field != "code" && field != "mot_de_passe" && field != "confirmation")
    return problem(v, 503, "unavailable_title", "unavailable_text");
  const auto& demande = v.field("demande");
  return code_confirm(v, f, code_request_id(demande) ? demande : "", field, 400);
}

}  // namespace ofpra::web
