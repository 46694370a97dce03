// The back office's door and its people: ProConnect sign-in for OFPRA staff, the dashboard, the
// team (admins add staff and set their roles) and the log of every staff action.
#include "http/access_log.hpp"
#include "http/cookies.hpp"
#include "service/habilitation_requests.hpp"
#include "web/back_office.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::HabilitationState;
using domain::StaffRole;

std::string login_cookie(const PortalContext& c) { return cookie_name(c, "ofpra_admin_connexion"); }

// Why the provider's return did not open the back office.
std::string refusal_text(const std::string& reason) {
  if (reason == "inconnu")
    return "Votre compte ProConnect n'est pas celui d'un membre du personnel de l'Ofpra habilité au back-office, ou "
           "votre accès a été désactivé. Un administrateur du back-office vous ajoute avec l'adresse électronique de "
           "votre compte.";
  if (reason == "email")
    return "Votre compte ProConnect ne donne pas d'adresse électronique : le back-office ne peut pas savoir qui vous "
           "êtes.";
  return "La connexion avec ProConnect n'a pas abouti. Recommencez depuis le début.";
}

void home(const Office& o, http::Respond respond) {
  if (!o.staff) {
    if (auto r = office_refusal(o, StaffRole::admin, {})) return respond(std::move(*r));
  }
  const auto& c = *o.v.context;
  json::object values;
  const auto& roles = o.staff->member.roles;
  if ((roles.has(StaffRole::habilitations) || roles.has(StaffRole::admin)) && c.requests) {
    auto all = service::list_requests(*c.requests, std::nullopt);
    if (!all) return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
    json::array counts;
    for (auto state : {HabilitationState::submitted, HabilitationState::changes_requested, HabilitationState::draft,
                       HabilitationState::validated, HabilitationState::refused, HabilitationState::revoked,
                       HabilitationState::archived}) {
      const auto n = std::count_if(all->begin(), all->end(), [&](const auto& r) { return r.state == state; });
      counts.push_back(json::object{{"state", to_string(state)},
                                    {"label", state_label(state)},
                                    {"count", n},
                                    {"href", "/admin/demandes?etat=" + std::string(to_string(state))}});
    }
    values["requests"] = std::move(counts);
    values["has_requests"] = true;
  }
  values["audit"] = roles.has(StaffRole::audit);
  values["admin"] = roles.has(StaffRole::admin);
  values["support"] = roles.has(StaffRole::support);
  respond(office_page(o, "admin_home", "Tableau de bord", std::move(values)));
}

void sign_in(const Office& o, http::Respond respond) {
  const auto& c = *o.v.context;
  if (!c.staff) return respond(desk_headers(redirect("/admin"), nullptr));
  if (!sign_in_may_start(o.v))
    return respond(office_message(o, "Trop de connexions",
                                  "Trop de connexions ont été commencées depuis cette adresse. Patientez quelques "
                                  "minutes avant de recommencer.",
                                  429));
  auto started = oidc::start_sign_in(c.staff->provider, c.staff->logins, c.staff->random,
                                     http::cookie(*o.v.request, login_cookie(c)));
  if (!started) {
    http::log_event("warning", "a back-office sign-in could not start: " + started.error().message);
    return respond(office_message(o, "ProConnect indisponible", "ProConnect ne répond pas. Réessayez.", 503));
  }
  auto r = redirect(started->url);
  set_lax_cookie(r, o.v, login_cookie(c), started->login_id);
  respond(desk_headers(std::move(r), &c.staff->provider));
}

void provider_return(const Office& o, http::Respond respond) {
  const auto& c = *o.v.context;
  if (!c.staff) return respond(desk_headers(redirect("/admin"), nullptr));
  auto forget_login = [&](http::Response r) {
    set_lax_cookie(r, o.v, login_cookie(c), "");
    return desk_headers(std::move(r), &c.staff->provider);
  };
  if (!o.v.query("error").empty())
    return respond(
        forget_login(office_message(o, "Connexion annulée", "La connexion avec ProConnect a été annulée.", 400)));
  auto opened = service::staff_return(*c.staff, http::cookie(*o.v.request, login_cookie(c)), o.v.query("state"),
                                      o.v.query("code"));
  if (!opened) {
    if (opened.error().is_unavailable())
      return respond(
          forget_login(office_message(o, "Service indisponible", "ProConnect ou le service ne répond pas.", 503)));
    http::log_event("warning", "a back-office sign-in was refused (" + opened.error().field + ")");
    return respond(forget_login(redirect("/admin/refus?raison=" + opened.error().field)));
  }
  auto r = forget_login(redirect("/admin"));
  set_lax_cookie(r, o.v, office_cookie(c), opened->token);
  respond(std::move(r));
}

void sign_out(const Office& o, http::Respond respond) {
  const auto& c = *o.v.context;
  if (!c.staff || !o.staff) return respond(desk_headers(redirect("/admin/deconnecte"), nullptr));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  auto closed = service::close_staff_session(*c.staff, *o.staff, c.public_url + "/admin/deconnecte");
  if (!closed) return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
  auto r = redirect(closed->value_or("/admin/deconnecte"));
  set_lax_cookie(r, o.v, office_cookie(c), "");
  r.set_header("Clear-Site-Data", "\"cache\"");
  respond(desk_headers(std::move(r), &c.staff->provider));
}

void signed_out(const Office& o, http::Respond respond) {
  if (o.staff) return respond(desk_headers(redirect("/admin"), nullptr));
  respond(office_page(o, "admin_login", "Vous êtes déconnecté",
                      {{"signed_out", true}, {"sign_in", o.v.context->staff != nullptr}}));
}

void refused_page(const Office& o, http::Respond respond) {
  respond(office_page(o, "admin_login", "Connexion refusée", {{"refused", refusal_text(o.v.query("raison"))}}, 403));
}

json::object team_values(const Office& o, const std::vector<store::StaffMember>& members) {
  json::array list;
  for (const auto& m : members)
    list.push_back(json::object{{"email", m.email},
                                {"name", m.name},
                                {"roles", to_string(m.roles)},
                                {"active", m.active},
                                {"created_by", m.created_by},
                                {"self", m.email == o.staff->member.email}});
  json::array roles;
  for (auto r : domain::all_staff_roles)
    roles.push_back(
        json::object{{"value", to_string(r)}, {"checked", o.v.field("role_" + std::string(to_string(r))) == "on"}});
  return {{"members", std::move(list)},          {"roles", std::move(roles)},
          {"email", o.v.field("email")},         {"name", o.v.field("nom")},
          {"comment", o.v.field("commentaire")}, {"inactive", o.v.field("desactive") == "on"}};
}

void team(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::admin, "équipe")) return respond(std::move(*r));
  auto members = service::staff_team(o.v.context->staff->db);
  if (!members) return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
  auto values = team_values(o, *members);
  if (o.v.query("fait") == "1") values["done"] = true;
  respond(office_page(o, "admin_team", "Équipe du back-office", std::move(values)));
}

void team_change(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::admin, "modification de l'équipe")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->staff;
  domain::StaffRoles roles;
  for (auto r : domain::all_staff_roles)
    if (o.v.field("role_" + std::string(to_string(r))) == "on") roles.add(r);
  auto changed = service::put_staff_member(
      c.db, c.clock, &o.staff->member, {o.v.field("email"), o.v.field("nom"), roles, o.v.field("desactive") != "on"},
      o.v.field("commentaire"));
  if (changed) return respond(desk_headers(redirect("/admin/equipe?fait=1"), &c.provider));
  if (changed.error().is_unavailable())
    return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
  auto members = service::staff_team(c.db);
  if (!members) return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
  auto values = team_values(o, *members);
  const auto& e = changed.error();
  const std::string field = e.field == "name"      ? "nom"
                            : e.field == "comment" ? "commentaire"
                            : e.field == "roles"   ? "roles"
                                                   : "email";
  const std::string message = e.field == "email"   ? "Saisissez l'adresse électronique de son compte ProConnect."
                              : e.field == "name"  ? "Saisissez son nom (200 caractères au plus)."
                              : e.field == "roles" ? "Cochez au moins un rôle."
                              : e.field == "self" ? "Un autre administrateur modifie vos propres rôles et votre accès."
                                                  : "Dites pourquoi : le motif est enregistré avec la modification.";
  mark_error_text(values, field, message);
  respond(office_page(o, "admin_team", "Équipe du back-office", std::move(values), 400));
}

void actions(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::admin, "actions du personnel")) return respond(std::move(*r));
  const auto before = whole_number(o.v.query("avant")).value_or(0);
  auto list = service::recent_staff_actions(o.v.context->staff->db, before);
  if (!list) return respond(office_message(o, "Service indisponible", "Réessayez dans quelques minutes.", 503));
  json::array rows;
  for (const auto& a : *list)
    rows.push_back(json::object{{"at", format_time("fr", a.at)},
                                {"email", a.email},
                                {"action", a.action},
                                {"target", a.target},
                                {"comment", a.comment}});
  json::object values{{"actions", std::move(rows)}};
  if (list->size() == service::staff_actions_page)
    values["next"] = "/admin/actions?avant=" + std::to_string(list->back().id);
  respond(office_page(o, "admin_actions", "Actions du personnel", std::move(values)));
}

}  // namespace

std::string state_label(domain::HabilitationState state) {
  switch (state) {
    case HabilitationState::draft:
      return "Brouillon";
    case HabilitationState::submitted:
      return "Soumise";
    case HabilitationState::changes_requested:
      return "Modifications demandées";
    case HabilitationState::validated:
      return "Validée";
    case HabilitationState::refused:
      return "Refusée";
    case HabilitationState::revoked:
      return "Révoquée";
    case HabilitationState::archived:
      return "Archivée";
  }
  return {};
}

void add_office_session_routes(http::Router& router, const PortalContext& c) {
  on_office(router, c, "GET", "/admin", home);
  on_office(router, c, "GET", "/admin/connexion", sign_in);
  on_office(router, c, "GET", "/admin/retour", provider_return);
  on_office(router, c, "POST", "/admin/deconnexion", sign_out);
  on_office(router, c, "GET", "/admin/deconnecte", signed_out);
  on_office(router, c, "GET", "/admin/refus", refused_page);
  on_office(router, c, "GET", "/admin/equipe", team);
  on_office(router, c, "POST", "/admin/equipe", team_change);
  on_office(router, c, "GET", "/admin/actions", actions);
}

}  // namespace ofpra::web
