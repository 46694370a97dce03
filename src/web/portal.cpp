#include "web/portal.hpp"

#include "http/cookies.hpp"
#include "http/form.hpp"
#include "service/addressing.hpp"
#include "web/account_pages.hpp"
#include "web/back_office.hpp"
#include "web/counter_pages.hpp"
#include "web/franceconnect_pages.hpp"
#include "web/locale_format.hpp"
#include "web/opinion_pages.hpp"
#include "web/space_pages.hpp"
#include "web/statistics_page.hpp"
#include "web/visit.hpp"

namespace ofpra::web {
namespace {

using PageFn = http::Response (*)(const Visit&);

// The page runs on the blocking pool; the request is kept alive until the answer leaves.
void on_pool(http::Router& router, const PortalContext& c, std::string method, std::string path, std::string name,
             std::function<void(const Visit&, http::Respond)> handler) {
  router.add_async(std::move(method), std::move(path), std::move(name),
                   [&c, handler = std::move(handler)](const http::Request& request, http::Respond respond) {
                     auto kept = std::make_shared<http::Request>(request);
                     c.blocking.submit([&c, handler, kept, respond = std::move(respond)] {
                       auto visit = begin_visit(c, *kept);
                       if (visit.store_failed)
                         return respond(problem(visit, 503, "unavailable_title", "unavailable_text"));
                       handler(visit, [kept, respond](http::Response r) { respond(std::move(r)); });
                     });
                   });
}

void simple(http::Router& router, const PortalContext& c, std::string method, std::string path, std::string name,
            std::function<http::Response(const Visit&)> fn) {
  on_pool(router, c, std::move(method), std::move(path), std::move(name),
          [fn = std::move(fn)](const Visit& v, http::Respond respond) { respond(fn(v)); });
}

// Her own pages speak to her in her grammatical gender.
Visit addressed(const PortalContext& c, const Visit& v) {
  Visit own = v;
  const auto sex = service::sex_of(c.door.registry, v.session->numero_ofpra);
  own.addressee = sex == domain::Sex::female ? Addressee::woman
                  : sex == domain::Sex::male ? Addressee::man
                                             : Addressee::unknown;
  return own;
}

// The person's space: signed-in visitors only; others are sent to the login page.
void in_space(http::Router& router, const PortalContext& c, std::string method, std::string path, std::string name,
              PageFn fn) {
  simple(router, c, std::move(method), std::move(path), std::move(name), [&c, fn](const Visit& v) {
    if (!v.session) return redirect("/connexion");
    return fn(addressed(c, v));
  });
}

// A path of ours, with at most the code step's request id as its query.
bool safe_return_path(std::string_view path) {
  if (const auto q = path.find('?'); q != std::string_view::npos) {
    constexpr std::string_view name = "demande=";
    const auto query = path.substr(q + 1);
    if (!query.starts_with(name) || !code_request_id(query.substr(name.size()))) return false;
    path = path.substr(0, q);
  }
  if (path.empty() || path.front() != '/' || path.starts_with("//") || path.size() > 100) return false;
  for (char ch : path)
    if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '/' || ch == '-' || ch == '_')) return false;
  return true;
}

}  // namespace

service::MessageText compose_code_message(const service::CodeMessage& message, const domain::Contact& contact,
                                          std::string_view page_language) {
  std::string_view lang = page_language;
  if (contact.langue)
    if (const auto* l = find_language(*contact.langue)) lang = l->code;
  auto subject = text(lang, "message_" + std::string(message.kind) + "_subject");
  auto body = text(lang, "message_" + std::string(message.kind) + "_body");
  body = filled(std::move(body), "{code}", message.code);
  const auto when = format_time(lang, message.requested_at);
  body = filled(std::move(body), "{demande}", filled(text(lang, "message_requested_at"), "{heure}", when));
  body = filled(std::move(body), "{heure}", when);
  return {std::move(subject), std::move(body)};
}

void add_portal_routes(http::Router& router, const PortalContext& c) {
  // Choosing a language: a preference cookie, then back to the page (a path of ours only).
  router.get("/langue", "language", [&c](const http::Request& request) {
    std::string choice, back = "/";
    if (auto q = http::parse_form(request.query)) {
      if (auto it = q->find("choix"); it != q->end()) choice = it->second;
      if (auto it = q->find("retour"); it != q->end() && safe_return_path(it->second)) back = it->second;
    }
    auto r = redirect(back);
    if (const auto* l = find_language(choice)) {
      auto options = http::session_cookie_options(c.secure_cookies);
      options.same_site = "Lax";  // kept when arriving from a link elsewhere
      options.max_age = std::chrono::seconds(86400 * 365);
      http::set_cookie(r, "langue", l->code, options);
    }
    return r;
  });

  simple(router, c, "GET", "/connexion", "login", login_page);
  simple(router, c, "POST", "/connexion", "login", login_submit);
  simple(router, c, "POST", "/deconnexion", "logout", logout_submit);
  simple(router, c, "GET", "/connexion/franceconnect", "franceconnect", franceconnect_go);
  simple(router, c, "GET", "/connexion/franceconnect/retour", "franceconnect", franceconnect_back);
  simple(router, c, "POST", "/connexion/franceconnect/confirmer", "franceconnect", franceconnect_confirm_submit);
  using service::CodePurpose;
  simple(router, c, "GET", "/activer", "activation",
         [](const Visit& v) { return code_request_page(v, CodePurpose::activation); });
  on_pool(router, c, "POST", "/activer", "activation", [](const Visit& v, http::Respond respond) {
    code_request_submit(v, CodePurpose::activation, std::move(respond));
  });
  simple(router, c, "GET", "/activer/code", "activation",
         [](const Visit& v) { return code_confirm_page(v, CodePurpose::activation); });
  simple(router, c, "POST", "/activer/code", "activation",
         [](const Visit& v) { return code_confirm_submit(v, CodePurpose::activation); });
  simple(router, c, "GET", "/mot-de-passe-oublie", "password_reset",
         [](const Visit& v) { return code_request_page(v, CodePurpose::reset); });
  on_pool(router, c, "POST", "/mot-de-passe-oublie", "password_reset", [](const Visit& v, http::Respond respond) {
    code_request_submit(v, CodePurpose::reset, std::move(respond));
  });
  simple(router, c, "GET", "/mot-de-passe-oublie/code", "password_reset",
         [](const Visit& v) { return code_confirm_page(v, CodePurpose::reset); });
  simple(router, c, "POST", "/mot-de-passe-oublie/code", "password_reset",
         [](const Visit& v) { return code_confirm_submit(v, CodePurpose::reset); });

  on_pool(router, c, "GET", "/espace", "space_situation", [&c](const Visit& v, http::Respond respond) {
    if (!v.session) return respond(redirect("/connexion"));
    situation_page(addressed(c, v), std::move(respond));
  });
  in_space(router, c, "GET", "/espace/codes", "space_codes", share_codes_page);
  in_space(router, c, "POST", "/espace/codes", "space_codes", share_code_create);
  in_space(router, c, "POST", "/espace/codes/revoquer", "space_codes", share_code_revoke);
  in_space(router, c, "POST", "/espace/codes/envoyer", "space_codes", share_code_email);
  in_space(router, c, "GET", "/espace/consentements", "space_consents", consents_page);
  in_space(router, c, "POST", "/espace/consentements", "space_consents", consent_grant);
  in_space(router, c, "GET", "/espace/consentements/retirer", "space_consents", consent_withdrawal_page);
  in_space(router, c, "POST", "/espace/consentements/retirer", "space_consents", consent_revoke);
  in_space(router, c, "GET", "/espace/historique", "space_history", history_page);
  in_space(router, c, "GET", "/espace/questions", "space_questions", questions_page);
  in_space(router, c, "POST", "/espace/questions", "space_questions", question_submit);
  in_space(router, c, "GET", "/espace/attestations", "space_attestations", attestations_page);
  in_space(router, c, "POST", "/espace/attestations", "space_attestations", attestation_issue);
  in_space(router, c, "POST", "/espace/attestations/retirer", "space_attestations", attestation_withdraw);

  simple(router, c, "GET", "/avis", "opinion", opinion_page);
  simple(router, c, "GET", "/statistiques", "statistics", statistics_page);
  simple(router, c, "POST", "/avis", "opinion", [&c](const Visit& v) { return opinion_submit(v, c.opinions); });
  add_counter_routes(router, c);
  add_office_session_routes(router, c);
  add_office_request_routes(router, c);
  add_office_audit_routes(router, c);
  add_office_notification_routes(router, c);
  add_office_demande_routes(router, c);
  add_habilitation_request_routes(router, c);
  simple(router, c, "GET", "/verifier-code", "verify_code", verify_code_page);
  on_pool(router, c, "POST", "/verifier-code", "verify_code", verify_code_submit);
  simple(router, c, "GET", "/verifier-attestation", "verify_attestation", verify_attestation_page);
  simple(router, c, "POST", "/verifier-attestation", "verify_attestation", verify_attestation_submit);
}

}  // namespace ofpra::web
