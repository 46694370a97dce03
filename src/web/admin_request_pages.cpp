// The back office's habilitation requests: the list by state, a request with its history, the
// decisions the staff member may take on it, and the credentials of a validated organisation.
#include "service/credentials.hpp"
#include "service/habilitation_requests.hpp"
#include "web/back_office.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::HabilitationState;
using domain::RequestAction;
using domain::StaffRole;

constexpr std::pair<RequestAction, std::string_view> staff_actions[] = {
    {RequestAction::validate, "Valider"}, {RequestAction::request_changes, "Demander des modifications"},
    {RequestAction::refuse, "Refuser"},   {RequestAction::revoke, "Révoquer l'habilitation"},
    {RequestAction::archive, "Archiver"},
};

std::string label_of(const std::string& state) {
  const auto s = domain::parse_habilitation_state(state);
  return s ? state_label(*s) : state;
}

// Someone who may look at requests: the habilitations staff and the admins (who archive).
std::optional<http::Response> may_see_requests(const Office& o, const std::string& attempted) {
  if (o.staff && o.staff->member.roles.has(StaffRole::admin)) return std::nullopt;
  return office_refusal(o, StaffRole::habilitations, attempted);
}

void list(const Office& o, http::Respond respond) {
  if (auto r = may_see_requests(o, "demandes d'habilitation")) return respond(std::move(*r));
  const auto state = domain::parse_habilitation_state(o.v.query("etat"));
  auto found = service::list_requests(*o.v.context->requests, state);
  if (!found) return respond(office_unavailable(o));
  json::array rows;
  for (const auto& r : *found)
    rows.push_back(json::object{{"id", r.id},
                                {"href", "/admin/demande?numero=" + std::to_string(r.id)},
                                {"organisation", r.organisation.name},
                                {"siret", r.organisation.siret},
                                {"type", to_string(r.organisation.type)},
                                {"state", state_label(r.state)},
                                {"second", !r.first_validator.empty()},
                                {"updated", format_time("fr", r.updated_at)}});
  json::array filters;
  filters.push_back(json::object{{"href", "/admin/demandes"}, {"label", "Toutes"}, {"current", !state}});
  for (auto s : {HabilitationState::submitted, HabilitationState::changes_requested, HabilitationState::draft,
                 HabilitationState::validated, HabilitationState::refused, HabilitationState::revoked,
                 HabilitationState::archived})
    filters.push_back(json::object{{"href", "/admin/demandes?etat=" + std::string(to_string(s))},
                                   {"label", state_label(s)},
                                   {"current", state == s}});
  respond(office_page(o, "admin_requests", "Demandes d'habilitation",
                      {{"rows", std::move(rows)}, {"filters", std::move(filters)}, {"empty", found->empty()}}));
}

// The request's page, with what she may do on it; extra: a new secret shown once, a refusal.
http::Response request_page(const Office& o, std::int64_t id, json::object extra = {}, unsigned status = 200) {
  const auto& c = *o.v.context->requests;
  auto found = service::request_file(c, id);
  if (!found) return office_unavailable(o);
  if (!*found) return office_message(o, "Demande introuvable", "Aucune demande d'habilitation n'a ce numéro.", 404);
  const auto& r = (*found)->request;
  json::array history;
  for (const auto& e : (*found)->events)
    history.push_back(json::object{{"at", format_time("fr", e.at)},
                                   {"actor", e.actor},
                                   {"action", e.action},
                                   {"to", label_of(e.to_state)},
                                   {"comment", e.comment}});
  json::array scopes;
  for (const auto& g : r.scopes)
    scopes.push_back(json::object{{"scope", to_string(g.scope)}, {"consent", g.consent_required}});
  const domain::RequestFacts facts{r.state, domain::beyond_default(r.organisation.type, r.scopes), r.first_validator,
                                   r.dpo_email, r.technical_email};
  const domain::WorkflowActor actor{true, o.staff->member.email, o.staff->member.roles};
  json::array actions;
  for (const auto& [action, label] : staff_actions)
    if (domain::next_step(facts, action, actor, "?"))
      actions.push_back(json::object{
          {"value", to_string(action)}, {"label", label}, {"checked", o.v.field("action") == to_string(action)}});
  json::object values{{"id", r.id},
                      {"state", state_label(r.state)},
                      {"organisation", r.organisation.name},
                      {"siret", r.organisation.siret},
                      {"type", to_string(r.organisation.type)},
                      {"scopes", std::move(scopes)},
                      {"beyond_default", facts.beyond_default},
                      {"first_validator", r.first_validator},
                      {"legal_basis", r.legal_basis},
                      {"legal_reference", r.legal_reference},
                      {"purpose", r.purpose},
                      {"volume", r.expected_volume},
                      {"dpo_email", r.dpo_email},
                      {"technical_email", r.technical_email},
                      {"valid_from", r.valid_from},
                      {"valid_to", r.valid_to},
                      {"history", std::move(history)},
                      {"actions", std::move(actions)},
                      {"comment", o.v.field("commentaire")}};
  if (!values["actions"].as_array().empty()) values["may_decide"] = true;
  // The organisation's credentials, once validated.
  const bool named = o.staff->member.email == r.dpo_email || o.staff->member.email == r.technical_email;
  if ((*found)->registered) {
    const auto& p = *(*found)->registered;
    values["registered"] =
        json::object{{"name", p.name}, {"type", to_string(p.type)}, {"other_type", p.type != r.organisation.type}};
  }
  if (r.state == HabilitationState::validated && o.staff->member.roles.has(StaffRole::habilitations) && !named) {
    const auto& clients = (*found)->clients;
    json::array rows;
    const auto now = env::format_utc(c.clock.now());
    for (const auto& k : clients) {
      std::string state = k.revoked ? "révoqué" : k.suspended ? "suspendu" : "actif";
      if (!k.revoked && !k.previous_secret_hash.empty() && k.previous_until > now)
        state += " (ancien secret valable jusqu'au " + format_time("fr", k.previous_until) + ")";
      rows.push_back(json::object{{"client_id", k.client_id},
                                  {"method", k.public_key_pem.empty() ? "client_secret_basic" : "private_key_jwt"},
                                  {"state", state},
                                  {"created", format_time("fr", k.created_at)},
                                  {"live", !k.revoked},
                                  {"suspended", k.suspended},
                                  {"secret", !k.revoked && k.public_key_pem.empty()}});
    }
    values["credentials"] = true;
    values["has_clients"] = !clients.empty();
    values["has_live"] = std::any_of(clients.begin(), clients.end(), [](const auto& k) { return !k.revoked; });
    values["clients"] = std::move(rows);
  }
  for (auto& [k, v] : extra) values[k] = v;
  return office_page(o, "admin_request", "Demande n° " + std::to_string(r.id), std::move(values), status);
}

std::optional<std::int64_t> number_of(const std::string& value) {
  auto n = whole_number(value);
  if (!n || *n <= 0) return std::nullopt;
  return n;
}

void show(const Office& o, http::Respond respond) {
  if (auto r = may_see_requests(o, "demande d'habilitation")) return respond(std::move(*r));
  const auto id = number_of(o.v.query("numero"));
  if (!id)
    return respond(office_message(o, "Demande introuvable", "Aucune demande d'habilitation n'a ce numéro.", 404));
  respond(request_page(o, *id));
}

void decide(const Office& o, http::Respond respond) {
  if (auto r = may_see_requests(o, "décision sur une demande")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto id = number_of(o.v.field("numero"));
  if (!id)
    return respond(office_message(o, "Demande introuvable", "Aucune demande d'habilitation n'a ce numéro.", 404));
  const auto action = domain::parse_request_action(o.v.field("action"));
  json::object errors;
  if (!action) {
    mark_error_text(errors, "action", "Choisissez une décision.");
    return respond(request_page(o, *id, std::move(errors), 400));
  }
  const auto& c = *o.v.context->requests;
  auto decided = service::decide_request(c, o.staff->member, *id, *action, o.v.field("commentaire"));
  if (decided) return respond(desk_headers(redirect("/admin/demande?numero=" + std::to_string(*id)), nullptr));
  const auto& e = decided.error();
  if (e.is_unavailable()) return respond(office_unavailable(o));
  if (e.field == "demande") return respond(office_message(o, "Demande introuvable", e.message, 404));
  const std::string field = e.field == "comment" ? "commentaire" : "action";
  const std::string message =
      e.field == "comment"     ? "Dites pourquoi : le motif est envoyé à l'organisme et enregistré."
      : e.field == "validator" ? "Cette décision revient à une autre personne : vous êtes nommée dans la demande, ou "
                                 "vous l'avez déjà validée une première fois."
      : e.field == "role"      ? "Cette décision demande le rôle « habilitations »."
      : e.field == "etat"      ? "La demande a changé entre-temps : relisez-la avant de décider."
      : e.field == "type" ? "Ce SIRET est déjà enregistré avec un autre type d'administration : un administrateur "
                            "le corrige (partner update) avant la validation."
                          : "Cette décision n'est pas possible dans l'état actuel de la demande.";
  mark_error_text(errors, field, message);
  const unsigned status = e.field == "role" || e.field == "validator" ? 403 : e.field == "comment" ? 400 : 409;
  respond(request_page(o, *id, std::move(errors), status));
}

// Credentials: issue, rotate, suspend, resume, revoke. The request's number brings her back.
void credentials(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::habilitations, "identifiants")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto id = number_of(o.v.field("numero"));
  if (!id)
    return respond(office_message(o, "Demande introuvable", "Aucune demande d'habilitation n'a ce numéro.", 404));
  const auto& rc = *o.v.context->requests;
  const service::CredentialsContext c{rc.db, rc.random, rc.clock};
  const auto& member = o.staff->member;
  const auto what = o.v.field("operation");
  const auto comment = o.v.field("motif_identifiants");
  const auto client_id = o.v.field("client_id");
  json::object extra;
  auto fail = [&](const domain::Error& e) {
    if (e.is_unavailable()) return office_unavailable(o);
    if (e.field == "demande")
      return office_message(o, "Demande non validée", "Seule une demande validée reçoit des identifiants.", 409);
    const std::string message =
        e.field == "comment"      ? "Dites pourquoi : le motif est enregistré."
        : e.field == "public_key" ? "La clé publique n'est pas une clé PEM Ed25519, RSA ou EC P-256."
        : e.field == "overlap"    ? "Le recouvrement va de 0 à 90 jours."
        : e.field == "validator"  ? "Vous êtes nommée dans cette demande : une autre personne gère ses identifiants."
        : e.field == "siret"      ? "Cet organisme n'a pas d'habilitation en vigueur."
                                  : "Cet organisme n'a pas de client actif avec cet identifiant.";
    const std::string field = e.field == "public_key" ? "cle_publique"
                              : e.field == "overlap"  ? "recouvrement"
                              : what == "creer"       ? "motif_creation"
                                                      : "motif_identifiants";
    mark_error_text(extra, field, message);
    return request_page(o, *id, std::move(extra), e.field == "validator" ? 403 : 400);
  };
  if (what == "creer" || what == "rotation") {
    auto issued =
        what == "creer"
            ? service::issue_client(c, member, *id, o.v.field("cle_publique"), comment)
            : service::rotate_secret(c, member, *id, client_id,
                                     static_cast<int>(whole_number(o.v.field("recouvrement")).value_or(-1)), comment);
    if (!issued) return respond(fail(issued.error()));
    extra["new_client_id"] = issued->client_id;
    if (!issued->client_secret.empty()) extra["new_secret"] = issued->client_secret;
    return respond(request_page(o, *id, std::move(extra)));
  }
  const auto change = what == "suspendre"   ? service::ClientChange::suspend
                      : what == "reprendre" ? service::ClientChange::resume
                                            : service::ClientChange::revoke;
  if (what != "suspendre" && what != "reprendre" && what != "revoquer")
    return respond(office_message(o, "Opération inconnue", "Choisissez une opération de la page.", 400));
  if (auto s = service::change_client(c, member, *id, client_id, change, comment); !s) return respond(fail(s.error()));
  respond(desk_headers(redirect("/admin/demande?numero=" + std::to_string(*id)), nullptr));
}

}  // namespace

void add_office_request_routes(http::Router& router, const PortalContext& c) {
  if (!c.requests) return;
  on_office(router, c, "GET", "/admin/demandes", list);
  on_office(router, c, "GET", "/admin/demande", show);
  on_office(router, c, "POST", "/admin/demande", decide);
  on_office(router, c, "POST", "/admin/identifiants", credentials);
}

}  // namespace ofpra::web
