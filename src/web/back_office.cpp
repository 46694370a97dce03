#include "web/back_office.hpp"

#include "http/cookies.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;

Office begin_office(const PortalContext& c, const http::Request& request) {
  Office o{begin_visit(c, request), std::nullopt};
  o.v.language = find_language("fr");
  o.v.admin = true;
  o.v.session.reset();  // a person's own session has nothing to do here
  if (!c.staff) return o;
  if (auto token = http::cookie(request, office_cookie(c)); !token.empty()) {
    auto found = service::find_staff_session(*c.staff, token);
    if (!found)
      o.v.store_failed = true;
    else
      o.staff = std::move(*found);
  }
  if (o.staff) {
    o.v.csrf = o.staff->session.csrf_token;
    o.v.set_csrf_cookie = false;
  }
  return o;
}

// The links of her roles.
json::array navigation(const Office& o) {
  using domain::StaffRole;
  const auto& roles = o.staff->member.roles;
  const auto path = o.v.request->path;
  json::array nav;
  auto link = [&](std::string href, std::string label) {
    const bool current = path == href || (href != "/admin" && path.starts_with(href));
    nav.push_back(json::object{{"href", href}, {"label", label}, {"current", current}});
  };
  link("/admin", "Tableau de bord");
  if (roles.has(StaffRole::habilitations) || roles.has(StaffRole::admin))
    link("/admin/demandes", "Demandes d'habilitation");
  if (roles.has(StaffRole::support)) link("/admin/file", "File des demandes");
  if (roles.has(StaffRole::support) || roles.has(StaffRole::admin)) link("/admin/notifications", "Notifications");
  if (roles.has(StaffRole::audit)) link("/admin/journal", "Journal");
  if (roles.has(StaffRole::audit) || roles.has(StaffRole::admin)) link("/admin/alertes", "Alertes");
  if (roles.has(StaffRole::admin)) {
    link("/admin/equipe", "Équipe");
    link("/admin/actions", "Actions du personnel");
  }
  return nav;
}

}  // namespace

std::string office_cookie(const PortalContext& c) { return cookie_name(c, "ofpra_admin"); }

void on_office(http::Router& router, const PortalContext& c, std::string method, std::string path, OfficeFn fn) {
  router.add_async(std::move(method), std::move(path), "admin",
                   [&c, fn = std::move(fn)](const http::Request& request, http::Respond respond) {
                     auto kept = std::make_shared<http::Request>(request);
                     c.blocking.submit([&c, fn, kept, respond = std::move(respond)] {
                       auto o = begin_office(c, *kept);
                       if (o.v.store_failed)
                         return respond(office_message(
                             o, "Service indisponible",
                             "Le service est momentanément indisponible. Réessayez dans quelques minutes.", 503));
                       fn(o, [kept, respond](http::Response r) { respond(std::move(r)); });
                     });
                   });
}

http::Response office_page(const Office& o, std::string_view name, const std::string& title, json::object values,
                           unsigned status) {
  values["heading"] = title;
  if (o.staff) {
    values["staff_name"] = o.staff->member.name;
    values["staff_roles"] = to_string(o.staff->member.roles);
    values["office_nav"] = navigation(o);
  }
  auto r = titled_page(o.v, name, title,
                       "Le back-office d'Ofpra Connect : habilitations des administrations, identifiants, audit du "
                       "journal des accès.",
                       values, status);
  return desk_headers(std::move(r), o.v.context->staff ? &o.v.context->staff->provider : nullptr);
}

http::Response office_message(const Office& o, const std::string& title, const std::string& message, unsigned status) {
  // The way back: the public form's pages to the form, the back office's to its dashboard.
  const bool public_page = o.v.request->path.starts_with("/habilitation");
  return office_page(o, "admin_message", title,
                     {{"message", message},
                      {"back_href", public_page ? "/habilitation" : "/admin"},
                      {"back_label", public_page           ? "Revenir à la demande d'habilitation"
                                     : o.staff.has_value() ? "Revenir au tableau de bord"
                                                           : "Revenir au back-office"}},
                     status);
}

http::Response office_unavailable(const Office& o) {
  return office_message(o, "Service indisponible", "Le service est momentanément indisponible. Réessayez.", 503);
}

std::optional<http::Response> office_refusal(const Office& o, domain::StaffRole role, const std::string& attempted) {
  if (!o.staff) {
    if (!o.v.context->staff)
      return office_message(o, "Back-office fermé",
                            "Le back-office n'est pas ouvert sur ce serveur : aucun fournisseur ProConnect n'y est "
                            "configuré.",
                            200);
    return office_page(o, "admin_login", "Back-office de l'Ofpra", {{"sign_in", true}});
  }
  const auto& c = *o.v.context;
  auto may = service::staff_may(c.staff->db, c.staff->clock, o.staff->member, role, attempted);
  if (!may) return office_unavailable(o);
  if (!*may)
    return office_message(o, "Accès refusé",
                          "Cette page demande le rôle « " + std::string(to_string(role)) +
                              " », que vous n'avez pas. Votre tentative est enregistrée ; un administrateur peut vous "
                              "donner ce rôle.",
                          403);
  return std::nullopt;
}

std::optional<http::Response> office_csrf(const Office& o) {
  if (csrf_ok(o.v)) return std::nullopt;
  return office_message(o, "Formulaire expiré", "Le formulaire a expiré. Rechargez la page et recommencez.", 403);
}

}  // namespace ofpra::web
