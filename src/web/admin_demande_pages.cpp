// The back office's queue of requests to OFPRA (docs/DEMANDES.md), for the support role: by due
// day in working days, a request with the persons the matcher considered (to staff only), and
// taking, answering (through the door, on behalf of the partner) or closing it.
#include "domain/registry_record.hpp"
#include "service/demandes.hpp"
#include "web/back_office.hpp"
#include "web/demande_view.hpp"
#include "web/locale_format.hpp"

#include <boost/json.hpp>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using domain::DemandeState;
using domain::JournalChannel;
using domain::StaffRole;

// A partner's request closed without an answer: why, as the form offers it and as the page says it.
struct PartnerReason {
  domain::ClosingReason reason;
  std::string_view choice;
  std::string_view said;
};
constexpr PartnerReason partner_reasons[] = {
    {domain::ClosingReason::not_ours, "Personne inconnue de l'Ofpra", "personne inconnue de l'Ofpra"},
    {domain::ClosingReason::not_protected, "Personne non protégée", "personne non protégée"},
    {domain::ClosingReason::insufficient, "Informations insuffisantes : dire quoi envoyer",
     "informations insuffisantes"},
};

constexpr std::pair<std::string_view, std::string_view> topics[] = {{"protection", "sa protection"},
                                                                    {"etat_civil", "son état civil"},
                                                                    {"famille", "sa famille"},
                                                                    {"autre", "autre chose"}};

std::string topic_words(const std::string& topic) {
  for (const auto& [word, said] : topics)
    if (word == topic) return std::string(said);
  return topic;
}

std::string state_words(const store::Demande& d) {
  if (d.reason == domain::ClosingReason::replied) return "Répondue par écrit";
  switch (d.state) {
    case DemandeState::open:
      return "Ouverte";
    case DemandeState::assigned:
      return "Prise en charge";
    case DemandeState::answered:
      return "Répondue";
    case DemandeState::closed:
      break;
  }
  return "Close";
}

std::string channel_words(JournalChannel c) {
  return c == JournalChannel::api ? "API" : c == JournalChannel::counter ? "Guichet" : "Portail de la personne";
}

std::string reason_words(domain::ClosingReason r) {
  if (r == domain::ClosingReason::replied) return "réponse écrite à la personne";
  for (const auto& p : partner_reasons)
    if (p.reason == r) return std::string(p.said);
  return std::string(to_string(r));
}

// "5 jours ouvrés", "dernier jour", "en retard de 2 jours ouvrés".
std::string delay_words(int left) {
  auto days = [](int n) { return std::to_string(n) + (n > 1 ? " jours ouvrés" : " jour ouvré"); };
  if (left > 0) return "reste " + days(left);
  if (left == 0) return "échéance aujourd'hui";
  return "en retard de " + days(-left);
}

http::Response not_found(const Office& o) {
  return office_message(o, "Demande introuvable", "Aucune demande à l'Ofpra n'a ce numéro.", 404);
}

std::string link_to(const std::string& id) { return "/admin/file/demande?id=" + id; }

json::object row_of(const store::Demande& d, std::optional<int> left) {
  json::object row{{"id", d.id},
                   {"href", link_to(d.id)},
                   {"created", format_time("fr", d.created_at)},
                   {"channel", channel_words(d.channel)},
                   {"state", state_words(d)},
                   {"due", format_date_text("fr", d.due_on)},
                   {"assigned", d.assigned_to},
                   {"settled", d.settled_at.empty() ? "" : format_time("fr", d.settled_at)},
                   {"settled_by", d.settled_by}};
  if (left) {
    row["delay"] = delay_words(*left);
    row["late"] = *left < 0;
  }
  return row;
}

void queue(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::support, "file des demandes")) return respond(std::move(*r));
  auto q = service::demande_queue(*o.v.context->demandes, o.staff->member);
  if (!q) return respond(office_unavailable(o));
  json::array pending, settled;
  std::int64_t late = 0;
  for (const auto& line : q->pending) {
    pending.push_back(row_of(line.demande, line.days_left));
    late += line.days_left < 0 ? 1 : 0;
  }
  for (const auto& d : q->settled) settled.push_back(row_of(d, std::nullopt));
  respond(office_page(o, "admin_queue", "File des demandes à l'Ofpra",
                      {{"pending", std::move(pending)},
                       {"none_pending", q->pending.empty()},
                       {"count", q->pending.size()},
                       {"late", late},
                       {"delay", o.v.context->demandes->delay_days},
                       {"settled", std::move(settled)},
                       {"none_settled", q->settled.empty()}}));
}

http::Response demande_page(const Office& o, const std::string& id, json::object extra = {}, unsigned status = 200) {
  auto found = service::open_demande(*o.v.context->demandes, o.staff->member, id);
  if (!found) return office_unavailable(o);
  if (!*found) return not_found(o);
  const auto& f = **found;
  const auto& d = f.demande;
  json::array considered;
  for (const auto& p : f.considered)
    considered.push_back(json::object{
        {"numero", p.numero_ofpra},
        {"names", p.names},
        {"born", format_date("fr", p.date_naissance)},
        {"place", p.lieu_naissance.value_or("")},
        {"country", p.code_pays_naissance.value_or("")},
        {"sex", to_string(p.sexe)},
        {"score", p.score ? std::to_string(static_cast<int>(*p.score * 100 + 0.5)) + " %" : std::string("—")},
        {"protected", p.protected_today ? "oui" : "non"},
        {"checked", o.v.field("numero_ofpra") == p.numero_ofpra}});
  const bool pending = domain::is_pending(d.state);
  const bool hers = !f.question;
  json::array reasons;
  if (!hers)
    for (const auto& p : partner_reasons)
      reasons.push_back(json::object{{"value", to_string(p.reason)},
                                     {"label", p.choice},
                                     {"checked", o.v.field("raison") == to_string(p.reason)}});
  json::object values{{"id", d.id},
                      {"state", state_words(d)},
                      {"channel", channel_words(d.channel)},
                      {"partner", f.partner_name},
                      {"agent", d.agent},
                      {"hers", hers},
                      {"topic", topic_words(d.topic)},
                      {"follows_answer", d.follows > 0},
                      {"created", format_time("fr", d.created_at)},
                      {"due", format_date_text("fr", d.due_on)},
                      {"delay", pending ? delay_words(f.days_left) : std::string()},
                      {"late", pending && f.days_left < 0},
                      {"follows", d.follows},
                      {"reference", d.reference},
                      {"note", d.note},
                      {"question", f.question ? question_rows(*f.question) : json::array{}},
                      {"considered", std::move(considered)},
                      {"has_considered", !f.considered.empty()},
                      {"assigned", d.assigned_to},
                      {"mine", d.assigned_to == o.staff->member.email},
                      {"pending", pending},
                      {"may_answer", pending && !hers},
                      {"reasons", std::move(reasons)},
                      {"autre_numero", o.v.field("autre_numero")},
                      {"message", o.v.field("message")}};
  // Her own question: who she is, for the support to read her file (staff only).
  if (hers && !f.considered.empty()) {
    const auto& her = f.considered.front();
    values["person"] = her.numero_ofpra + " — " + her.names + ", " + format_date("fr", her.date_naissance);
  }
  if (!pending) {
    values["settled"] = json::object{{"by", d.settled_by},
                                     {"at", format_time("fr", d.settled_at)},
                                     {"answered", d.state == DemandeState::answered},
                                     {"person", d.person},
                                     {"answer_reference", d.answer_reference},
                                     {"reason", d.reason ? reason_words(*d.reason) : std::string()},
                                     {"message", d.message}};
  }
  for (auto& [k, v] : extra) values[k] = v;
  return office_page(o, "admin_demande", "Demande " + d.id, std::move(values), status);
}

void show(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::support, "demande à l'Ofpra")) return respond(std::move(*r));
  respond(demande_page(o, o.v.query("id")));
}

// Why the door refused OFPRA's answer, in the support's words.
std::string door_refusal_words(const service::Refusal& r) {
  using domain::Problem;
  switch (r.problem) {
    case Problem::consent_required:
      return "La personne n'a pas donné à cet organisme le consentement que demande son habilitation : rien n'est "
             "transmis. Clôturez en disant à l'organisme de demander un code de partage à la personne.";
    case Problem::scope_not_habilitated:
    case Problem::recipient_not_allowed:
      return "L'habilitation de l'organisme ne couvre plus ce qu'il demande (" + r.detail +
             ") : rien n'est transmis. Clôturez la demande en le disant.";
    default:
      return "La réponse est refusée : " + r.detail;
  }
}

void act(const Office& o, http::Respond respond) {
  if (auto r = office_refusal(o, StaffRole::support, "demande à l'Ofpra")) return respond(std::move(*r));
  if (auto r = office_csrf(o)) return respond(std::move(*r));
  const auto& c = *o.v.context->demandes;
  const auto& id = o.v.field("id");
  const auto& action = o.v.field("action");
  const auto back = [&] { return desk_headers(redirect(link_to(id)), nullptr); };
  json::object errors;
  auto fail = [&](const domain::Error& e, const std::string& field, const std::string& message) {
    if (e.is_unavailable()) return office_unavailable(o);
    if (e.field == "demande") return not_found(o);
    if (e.field == "etat")
      mark_error_text(errors, field, "La demande a été traitée entre-temps, ou ne se traite pas ainsi : relisez-la.");
    else
      mark_error_text(errors, field, message);
    return demande_page(o, id, std::move(errors), e.field == "etat" ? 409 : 400);
  };
  if (action == "prendre") {
    if (auto s = service::take_demande(c, o.staff->member, id); !s)
      return respond(fail(s.error(), "prendre", "La demande ne peut pas être prise."));
    return respond(back());
  }
  if (action == "repondre") {
    const auto& typed = o.v.field("autre_numero");
    const auto& chosen = o.v.field("numero_ofpra");
    const auto numero = typed.empty() ? chosen : typed;
    // Two different persons named at once: answering about either could be the wrong one.
    const std::string problem = numero.empty() ? "Choisissez la personne, ou saisissez son numéro Ofpra."
                                : !typed.empty() && !chosen.empty() && typed != chosen
                                    ? "Vous avez choisi une personne et saisi le numéro d'une autre : gardez l'une "
                                      "ou l'autre."
                                : !domain::is_numero_ofpra(numero) ? "Un numéro Ofpra compte 9 chiffres."
                                                                   : "";
    if (!problem.empty()) {
      mark_error_text(errors, "numero_ofpra", problem);
      return respond(demande_page(o, id, std::move(errors), 400));
    }
    auto answered = service::answer_demande(c, o.staff->member, id, numero, o.v.field("message_reponse"));
    if (!answered)
      return respond(fail(answered.error(), answered.error().field == "message" ? "message_reponse" : "numero_ofpra",
                          answered.error().field == "message"
                              ? "Le message est un texte sans caractère de contrôle, de 2 000 caractères au plus."
                              : "Ce numéro Ofpra n'est pas au registre."));
    if (const auto* refusal = std::get_if<service::Refusal>(&*answered)) {
      mark_error_text(errors, "numero_ofpra", door_refusal_words(*refusal));
      return respond(demande_page(o, id, std::move(errors), 403));
    }
    return respond(back());
  }
  if (action == "clore") {
    const auto chosen = domain::parse_closing_reason(o.v.field("raison"));
    if (!chosen) {
      mark_error_text(errors, "raison", "Choisissez pourquoi la demande est close.");
      return respond(demande_page(o, id, std::move(errors), 400));
    }
    auto closed = service::close_demande(c, o.staff->member, id, *chosen, o.v.field("message"));
    if (!closed)
      return respond(fail(closed.error(), closed.error().field == "message" ? "message" : "raison",
                          closed.error().field == "message"
                              ? "Écrivez ce que vous répondez : ce message est transmis tel quel."
                              : "Ce motif ne convient pas à cette demande."));
    return respond(back());
  }
  respond(office_message(o, "Action inconnue", "Choisissez une action de la page.", 400));
}

}  // namespace

void add_office_demande_routes(http::Router& router, const PortalContext& c) {
  if (!c.demandes) return;
  on_office(router, c, "GET", "/admin/file", queue);
  on_office(router, c, "GET", "/admin/file/demande", show);
  on_office(router, c, "POST", "/admin/file/demande", act);
}

}  // namespace ofpra::web
