// The public pages of habilitation requests (/habilitation): an administration fills the form,
// keeps the follow-up key shown once (and sent to its contacts), and follows or amends its
// request with its number and that key, sent in forms, never in an address.
#include "service/habilitation_requests.hpp"
#include "web/back_office.hpp"
#include "web/locale_format.hpp"
#include "web/typed_input.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::HabilitationState;

constexpr std::pair<std::string_view, std::string_view> types[] = {
    {"transport", "Transport"},
    {"education", "Éducation"},
    {"caf", "Caisse d'allocations familiales"},
    {"assurance_maladie", "Assurance maladie"},
    {"france_travail", "France Travail"},
    {"prefecture", "Préfecture"},
    {"collectivite", "Collectivité territoriale"},
    {"bailleur_social", "Bailleur social"},
    {"autre", "Autre"},
};

constexpr std::pair<std::string_view, std::string_view> scope_labels[] = {
    {"protection", "La protection (la personne est-elle protégée, à quel titre, depuis quand)"},
    {"protection.historique", "L'historique de la protection (sa situation à une date)"},
    {"etat_civil.avancement", "L'avancement de l'établissement de son état civil"},
    {"etat_civil.identite", "Son identité établie par l'Ofpra"},
    {"etat_civil.famille", "Sa famille (conjoint, enfants, parents)"},
};

// One more form from this address, or the page that says to wait.
std::optional<http::Response> too_many(const Office& o) {
  auto* limit = o.v.context->request_forms;
  if (!limit) return std::nullopt;
  const auto taken = limit->take(o.v.request->client_address);
  if (taken.allowed) return std::nullopt;
  auto r = office_message(o, "Trop de formulaires",
                          "Trop de formulaires ont été envoyés depuis cette adresse. Réessayez dans " +
                              std::to_string((taken.reset_seconds + 59) / 60) + " min.",
                          429);
  r.set_header("Retry-After", std::to_string(taken.reset_seconds));
  return r;
}

// The form's values: as posted, or from the request being amended.
json::object form_values(const Office& o, const store::HabilitationRequest* r) {
  auto field = [&](const std::string& name, const std::string& stored) {
    return o.v.form.count(name) ? o.v.field(name) : stored;
  };
  json::array type_options;
  const auto type = field("type", r ? std::string(to_string(r->organisation.type)) : "");
  for (const auto& [value, label] : types)
    type_options.push_back(json::object{{"value", value}, {"label", label}, {"selected", value == type}});
  json::array scopes;
  bool without_consent = o.v.field("sans_consentement") == "on";
  for (const auto& [value, label] : scope_labels) {
    bool checked = o.v.field("scope_" + std::string(value)) == "on";
    if (r && o.v.form.count("organisation") == 0)
      for (const auto& g : r->scopes)
        if (to_string(g.scope) == value) checked = true;
    scopes.push_back(json::object{{"value", value}, {"label", label}, {"checked", checked}});
  }
  if (r && o.v.form.count("organisation") == 0)
    for (const auto& g : r->scopes) without_consent = without_consent || !g.consent_required;
  return {{"siret", field("siret", r ? r->organisation.siret : "")},
          {"organisation", field("organisation", r ? r->organisation.name : "")},
          {"types", std::move(type_options)},
          {"scopes", std::move(scopes)},
          {"sans_consentement", without_consent},
          {"base_legale", field("base_legale", r ? r->legal_basis : "")},
          {"reference", field("reference", r ? r->legal_reference : "")},
          {"motif", field("motif", r ? r->purpose : "")},
          {"volume", field("volume", r ? std::to_string(r->expected_volume) : "")},
          {"email_dpd", field("email_dpd", r ? r->dpo_email : "")},
          {"email_technique", field("email_technique", r ? r->technical_email : "")},
          {"date_fin", field("date_fin", r ? r->valid_to : "")}};
}

// The form as the service reads it: a date typed day first (31/12/2027) as the service's.
service::RequestForm typed(const Office& o) {
  auto form = o.v.form;
  if (auto it = form.find("date_fin"); it != form.end() && !it->second.empty())
    it->second = typed_date(it->second).value_or(it->second);
  return form;
}

// The refusal at its field, in the page's words.
void mark(json::object& values, const domain::Error& e) {
  static const std::map<std::string, std::string> words{
      {"siret", "Saisissez le SIRET de l'organisme : 14 chiffres dont le dernier est une clé de contrôle."},
      {"organisation", "Saisissez le nom de l'organisme (200 caractères au plus)."},
      {"type", "Choisissez le type d'administration."},
      {"scopes", "Cochez au moins une donnée."},
      {"base_legale", "Saisissez le texte qui fonde le traitement (5 à 500 caractères)."},
      {"reference", "Saisissez la référence du texte : un article de code ou un lien vers Légifrance."},
      {"motif", "Décrivez la finalité du traitement (5 à 300 caractères)."},
      {"volume", "Saisissez un nombre de vérifications par mois, de 1 à 100 000 000."},
      {"email_dpd", "Saisissez l'adresse électronique du délégué à la protection des données."},
      {"email_technique", "Saisissez l'adresse électronique du contact technique."},
      {"date_fin",
       "Saisissez une date à venir, dans cinq ans au plus, sous la forme JJ/MM/AAAA ; ou laissez vide : "
       "l'habilitation vaut alors trois ans."},
  };
  const auto it = words.find(e.field);
  mark_error_text(values, it == words.end() ? "siret" : e.field, it == words.end() ? e.message : it->second);
}

void form_page(const Office& o, http::Respond respond) {
  auto values = form_values(o, nullptr);
  values["action"] = "/habilitation";
  respond(office_page(o, "habilitation_form", "Demander une habilitation", std::move(values)));
}

void create(const Office& o, http::Respond respond) {
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  if (auto r = too_many(o)) return respond(std::move(*r));
  const bool submit = o.v.field("envoi") != "brouillon";
  const auto form = typed(o);
  auto created = service::create_request(*o.v.context->requests, form, submit);
  if (!created) {
    if (created.error().is_unavailable()) return respond(office_unavailable(o));
    auto values = form_values(o, nullptr);
    values["action"] = "/habilitation";
    for (const auto& e : service::request_form_errors(form, o.v.context->requests->clock)) mark(values, e);
    return respond(office_page(o, "habilitation_form", "Demander une habilitation", std::move(values), 400));
  }
  respond(office_page(o, "habilitation_created", submit ? "Demande envoyée" : "Brouillon enregistré",
                      {{"id", created->id}, {"key", created->follow_key}, {"submitted", submit}}));
}

// The request's page for its organisation: its state, the OFPRA's words, and the form when it
// may still change it. Staff are named "Ofpra", never by their address.
http::Response follow_page(const Office& o, const store::HabilitationRequest& r, const std::string& key,
                           json::object extra = {}, unsigned status = 200) {
  auto file = service::request_file(*o.v.context->requests, r.id);
  if (!file || !*file) return office_unavailable(o);
  json::array history;
  for (const auto& e : (*file)->events) {
    const auto to = domain::parse_habilitation_state(e.to_state);
    history.push_back(json::object{{"at", format_time("fr", e.at)},
                                   {"actor", e.actor == "demandeur" ? "Votre organisme" : "Ofpra"},
                                   {"state", to ? state_label(*to) : e.to_state},
                                   {"comment", e.actor == "demandeur" ? std::string() : e.comment}});
  }
  auto values = form_values(o, &r);
  values["action"] = "/habilitation/modifier";
  values["id"] = r.id;
  values["key"] = key;
  values["state"] = state_label(r.state);
  values["history"] = std::move(history);
  values["editable"] = r.state == HabilitationState::draft || r.state == HabilitationState::changes_requested;
  if (r.state == HabilitationState::validated)
    values["validity"] = "Votre habilitation vaut du " + r.valid_from + " au " + r.valid_to + ".";
  for (auto& [k, v] : extra) values[k] = v;
  return office_page(o, "habilitation_follow", "Demande n° " + std::to_string(r.id), std::move(values), status);
}

void follow_form(const Office& o, http::Respond respond) {
  respond(office_page(o, "habilitation_follow", "Suivre une demande d'habilitation", {{"ask", true}}));
}

// The request the form's number and key open; otherwise the page that says so.
std::variant<store::HabilitationRequest, http::Response> opened(const Office& o) {
  const auto id = whole_number(o.v.field("numero"));
  auto found = service::followed_request(*o.v.context->requests, id.value_or(0), o.v.field("cle"));
  if (found) return std::move(*found);
  if (found.error().is_unavailable()) return office_unavailable(o);
  json::object values{{"ask", true}, {"numero", o.v.field("numero")}};
  mark_error_text(values, "numero", "Ce numéro et cette clé de suivi ne correspondent à aucune demande.");
  return office_page(o, "habilitation_follow", "Suivre une demande d'habilitation", std::move(values), 403);
}

void follow(const Office& o, http::Respond respond) {
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  if (auto r = too_many(o)) return respond(std::move(*r));
  auto request = opened(o);
  if (auto* r = std::get_if<http::Response>(&request)) return respond(std::move(*r));
  respond(follow_page(o, std::get<store::HabilitationRequest>(request), o.v.field("cle")));
}

void amend(const Office& o, http::Respond respond) {
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  if (auto r = too_many(o)) return respond(std::move(*r));
  auto request = opened(o);
  if (auto* r = std::get_if<http::Response>(&request)) return respond(std::move(*r));
  const auto& current = std::get<store::HabilitationRequest>(request);
  const bool submit = o.v.field("envoi") != "brouillon";
  const auto id = current.id;
  const auto form = typed(o);
  auto amended = service::amend_request(*o.v.context->requests, id, o.v.field("cle"), form, submit);
  if (amended) return respond(follow_page(o, *amended, o.v.field("cle"), {{"saved", true}, {"submitted", submit}}));
  if (amended.error().is_unavailable()) return respond(office_unavailable(o));
  json::object errors;
  if (amended.error().field == "action" || amended.error().field == "etat")
    mark_error_text(errors, "siret", "Votre demande ne peut plus être modifiée : l'Ofpra l'instruit ou l'a tranchée.");
  else if (auto all = service::request_form_errors(form, o.v.context->requests->clock); !all.empty())
    for (const auto& e : all) mark(errors, e);
  else
    mark(errors, amended.error());
  respond(follow_page(o, current, o.v.field("cle"), std::move(errors), 400));
}

}  // namespace

void add_habilitation_request_routes(http::Router& router, const PortalContext& c) {
  if (!c.requests) return;
  on_office(router, c, "GET", "/habilitation", form_page);
  on_office(router, c, "POST", "/habilitation", create);
  on_office(router, c, "GET", "/habilitation/suivi", follow_form);
  on_office(router, c, "POST", "/habilitation/suivi", follow);
  on_office(router, c, "POST", "/habilitation/modifier", amend);
}

}  // namespace ofpra::web
