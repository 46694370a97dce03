#include "web/counter_pages.hpp"

#include "http/access_log.hpp"
#include "http/cookies.hpp"
#include "service/answer_codec.hpp"
#include "service/counter.hpp"
#include "service/demandes.hpp"
#include "web/answer_view.hpp"
#include "web/demande_view.hpp"
#include "web/labels.hpp"
#include "web/locale_format.hpp"
#include "web/typed_input.hpp"
#include "web/visit.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::web {
namespace {

namespace json = boost::json;
using service::CounterSession;

// Both cookies are Lax (set_lax_cookie): ProConnect sends her back with a top-level GET, and the
// session must come with the page that follows. Forms carry the CSRF token all the same.
std::string session_cookie(const PortalContext& c) { return cookie_name(c, "ofpra_guichet"); }
std::string login_cookie(const PortalContext& c) { return cookie_name(c, "ofpra_guichet_connexion"); }

// The ways the person may be sought, in the order of the page's links.
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> searches{{
    {"numero_ofpra", "Numéro Ofpra"},
    {"numero_agdref", "Numéro AGDREF"},
    {"identite", "Identité"},
    {"code_partage", "Code de partage"},
}};

// A counter page's visit: French, with the agent's session (her CSRF token) when she has one.
struct Desk {
  Visit v;
  std::optional<CounterSession> agent;
  std::optional<service::CounterDesk> desk;  // what she may ask, with her agent session
  // Her organisation stopped letting her in since she signed in (habilitation ended, allow-list
  // changed): her session is ended and the page says why.
  std::optional<domain::Error> no_longer_admitted;
};

http::Response counter_headers(http::Response r, const PortalContext& c) {
  return desk_headers(std::move(r), c.counter ? &c.counter->provider : nullptr);
}

std::string agent_label(const CounterSession& s) { return s.given_name + " " + s.usual_name; }

http::Response show(const Desk& d, std::string_view name, const std::string& title, json::object values,
                    unsigned status = 200) {
  values["heading"] = title;
  auto r = titled_page(d.v, name, title,
                       "Le guichet d'Ofpra Connect : les agents des administrations partenaires vérifient la "
                       "situation d'une personne protégée par l'Ofpra.",
                       values, status);
  return counter_headers(std::move(r), *d.v.context);
}

http::Response closed(const Desk& d, const std::string& message, unsigned status) {
  return show(d, "counter_login", "Guichet des administrations", {{"message", message}}, status);
}

// Why the provider's return did not open the counter: what the agent can do about it.
std::string refusal_text(const domain::Error& e) {
  if (e.field == "siret")
    return "Votre compte ProConnect ne donne pas le SIRET de votre organisme : le guichet ne peut pas savoir pour "
           "quelle administration vous agissez. Demandez à votre fournisseur d'identité de le renseigner.";
  if (e.field == "identite")
    return "Votre compte ProConnect ne donne pas votre identité complète (nom, prénom et identifiant de votre "
           "fournisseur d'identité), que le guichet enregistre avec chaque vérification. Demandez à votre "
           "fournisseur d'identité de la compléter.";
  if (e.field == "partenaire")
    return "Votre organisme n'est pas partenaire d'Ofpra Connect. Pour le devenir, votre administration dépose une "
           "demande d'habilitation auprès de l'Ofpra (voir la page Aide et contact).";
  if (e.field == "habilitation")
    return "L'habilitation de votre organisme n'est pas en vigueur (elle a pris fin ou n'a pas encore commencé). "
           "Adressez-vous au responsable de l'habilitation dans votre organisme.";
  if (e.field == "agent")
    return "Votre organisme a réservé le guichet à certains de ses agents, dont vous ne faites pas partie. "
           "Adressez-vous au responsable de l'habilitation dans votre organisme.";
  return "La connexion avec ProConnect n'a pas abouti. Recommencez depuis le début.";
}

Desk begin_desk(const PortalContext& c, const http::Request& request) {
  Desk d{begin_visit(c, request), std::nullopt, std::nullopt, std::nullopt};
  d.v.language = find_language("fr");
  d.v.counter = true;
  d.v.session.reset();  // a person's own session has nothing to do here
  if (!c.counter) return d;
  if (auto token = http::cookie(request, session_cookie(c)); !token.empty()) {
    auto found = service::find_counter_session(*c.counter, token);
    if (!found)
      d.v.store_failed = true;
    else
      d.agent = std::move(*found);
  }
  if (d.agent) {
    auto desk = service::counter_desk(*c.counter, *d.agent);
    if (desk) {
      d.desk = std::move(*desk);
    } else if (desk.error().is_unavailable()) {
      d.v.store_failed = true;
    } else {
      d.no_longer_admitted = desk.error();
      if (!service::close_counter_session(*c.counter, http::cookie(request, session_cookie(c)), {}))
        d.v.store_failed = true;
      d.agent.reset();
      return d;
    }
  }
  if (d.agent) {
    d.v.csrf = d.agent->csrf_token;
    d.v.set_csrf_cookie = false;
    d.v.counter_agent = agent_label(*d.agent);
  }
  return d;
}

using DeskFn = std::function<void(const Desk&, http::Respond)>;

// The page runs on the blocking pool (the services read the store).
void on_pool(http::Router& router, const PortalContext& c, std::string method, std::string path, DeskFn fn) {
  router.add_async(std::move(method), std::move(path), "counter",
                   [&c, fn = std::move(fn)](const http::Request& request, http::Respond respond) {
                     auto kept = std::make_shared<http::Request>(request);
                     c.blocking.submit([&c, fn, kept, respond = std::move(respond)] {
                       auto d = begin_desk(c, *kept);
                       if (d.v.store_failed)
                         return respond(closed(
                             d, "Le service est momentanément indisponible. Réessayez dans quelques minutes.", 503));
                       if (d.no_longer_admitted) {
                         auto r = closed(d, refusal_text(*d.no_longer_admitted), 403);
                         set_lax_cookie(r, d.v, session_cookie(c), "");
                         return respond(std::move(r));
                       }
                       fn(d, [kept, respond](http::Response r) { respond(std::move(r)); });
                     });
                   });
}

std::string_view search_of(std::string_view asked) {
  for (const auto& [id, label] : searches)
    if (id == asked) return id;
  return searches.front().first;
}

// The desk's form: the ways to search, the purposes, what the agent may see.
json::object desk_values(const Desk& d, const service::CounterDesk& desk, std::string_view by) {
  json::array ways;
  for (const auto& [id, label] : searches)
    ways.push_back(json::object{{"href", "/guichet?par=" + std::string(id)}, {"label", label}, {"current", id == by}});
  json::array purposes;
  for (const auto& p : desk.purposes)
    purposes.push_back(json::object{{"value", p}, {"selected", p == d.v.field("motif")}});
  json::array scopes;
  for (const auto& s : desk.scopes)
    scopes.push_back(json::object{{"label", label(d.v, "scope", to_string(s.scope))}, {"consent", s.consent_required}});
  std::vector<std::string> above;
  for (auto s : desk.above_level) above.push_back(label(d.v, "scope", to_string(s)));
  json::object values{{"organisation", desk.partner.name.empty() ? desk.partner.siret : desk.partner.name},
                      {"siret", desk.partner.siret},
                      {"ways", std::move(ways)},
                      {"by_" + std::string(by), true},
                      {"by", by},
                      {"purposes", std::move(purposes)},
                      {"has_purposes", !desk.purposes.empty()},
                      {"scopes", std::move(scopes)},
                      {"has_above", !above.empty()},
                      {"above", format_list("fr", above)},
                      {"has_scopes", !desk.scopes.empty()}};
  for (const auto* f : {"numero_ofpra", "numero_agdref", "nom_naissance", "prenoms", "date_naissance",
                        "code_pays_naissance", "code_partage", "motif", "date"})
    values[f] = d.v.field(f);
  values["sexe_" + d.v.field("sexe")] = true;
  values["sexe"] = d.v.field("sexe");
  if (d.v.context->demandes) values["delay_days"] = d.v.context->demandes->delay_days;
  return values;
}

// The refusal at the field it names (the API's parameter, "identite." removed), in the desk's
// words, or at the first field of the search when it names none.
void mark_refusal(json::object& values, const service::Refusal& r, std::string_view by) {
  using domain::Problem;
  const std::string first_field = by == "identite" ? "nom_naissance" : std::string(by);
  std::string field = r.parameter.starts_with("identite.") ? r.parameter.substr(9) : r.parameter;
  std::string message = r.detail;
  if (r.problem == Problem::consent_required) {
    // The same words whether nobody matched or she did not consent: the refusal tells nobody
    // that she is registered.
    field = first_field;
    message =
        "Aucune réponse ne peut vous être donnée : soit personne ne correspond à ce que vous avez saisi, soit la "
        "personne n'a pas donné à votre organisme le consentement que demande votre habilitation. Vérifiez la saisie ; "
        "sinon, demandez-lui un code de partage (elle le crée dans son espace Ofpra Connect) et cherchez-la « par code "
        "de partage ».";
  } else if (r.problem == Problem::invalid_share_code) {
    message =
        "Ce code n'ouvre aucune réponse : il est inconnu, expiré, révoqué ou bloqué, ou la date de naissance "
        "ne correspond pas. Demandez à la personne de relire son code et sa date de naissance, ou de créer un "
        "nouveau code.";
  } else if (r.problem == Problem::invalid_parameter && field == "date_naissance") {
    message =
        "Saisissez la date de naissance sous la forme JJ/MM/AAAA, ou MM/AAAA ou AAAA si ses documents ne donnent "
        "que le mois ou l'année, au plus tard aujourd'hui.";
  } else if (r.problem == Problem::invalid_parameter && field == "date") {
    message = "Saisissez la date de la situation sous la forme JJ/MM/AAAA, au plus tard aujourd'hui.";
  }
  static constexpr std::array<std::string_view, 10> fields{
      "numero_ofpra", "numero_agdref",       "nom_naissance", "prenoms", "date_naissance",
      "sexe",         "code_pays_naissance", "code_partage",  "motif",   "date"};
  if (std::find(fields.begin(), fields.end(), field) == fields.end()) field = first_field;
  mark_error_text(values, field, message);
}

void desk_page(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!c.counter)
    return respond(closed(d,
                          "Le guichet n'est pas ouvert sur ce serveur : aucun fournisseur ProConnect n'y est "
                          "configuré.",
                          200));
  if (!d.agent) return respond(show(d, "counter_login", "Guichet des administrations", {{"sign_in", true}}));
  const auto by = search_of(d.v.query("par"));
  respond(show(d, "counter", "Vérifier une situation", desk_values(d, *d.desk, by)));
}

void check_submit(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!c.counter || !d.agent) return respond(counter_headers(redirect("/guichet"), c));
  if (!csrf_ok(d.v)) return respond(closed(d, "Le formulaire a expiré. Rechargez la page et recommencez.", 403));
  const auto& desk = d.desk;
  const auto by = search_of(d.v.field("par"));
  auto fields = d.v.form;
  // A share code speaks of her situation today, as on the public page.
  if (by == "code_partage") fields.erase("date");
  if (auto it = fields.find("date"); it != fields.end() && !it->second.empty())
    it->second = typed_date(it->second).value_or(it->second);
  // The purpose is one of the habilitation's, when it names any.
  if (!desk->purposes.empty() &&
      std::find(desk->purposes.begin(), desk->purposes.end(), d.v.field("motif")) == desk->purposes.end()) {
    auto values = desk_values(d, *desk, by);
    mark_error_text(values, "motif", "Choisissez le motif dans la liste de votre habilitation.");
    return respond(show(d, "counter", "Vérifier une situation", std::move(values), 400));
  }
  // The organisation's request limit, shared with its information system's calls to the API.
  if (c.partner_limits)
    if (const auto limit = c.partner_limits->take(d.agent->partner_siret); !limit.allowed) {
      auto r = closed(d,
                      "La limite de vérifications de votre organisme est atteinte. Réessayez dans " +
                          std::to_string((limit.reset_seconds + 59) / 60) + " min.",
                      429);
      r.set_header("Retry-After", std::to_string(limit.reset_seconds));
      return respond(std::move(r));
    }
  auto request = service::counter_request(by, fields, d.agent->partner_siret, desk->scopes);
  auto kept = std::make_shared<Desk>(d);
  auto values = std::make_shared<json::object>(desk_values(d, *desk, by));
  auto shown_scopes = desk->scopes;
  auto done = [kept, values, shown_scopes, respond = std::move(respond)](service::Disclosure outcome) mutable {
    const auto& desk_visit = *kept;
    auto& vals = *values;
    if (const auto* a = std::get_if<service::Answer>(&outcome)) {
      const auto now = env::format_utc(desk_visit.v.context->door.clock.now());
      json::object receipt{{"when", format_time("fr", now)},           {"organisation", vals["organisation"]},
                           {"siret", desk_visit.agent->partner_siret}, {"agent", agent_label(*desk_visit.agent)},
                           {"agent_ref", desk_visit.agent->agent_ref}, {"motif", desk_visit.v.field("motif")},
                           {"reference", std::to_string(a->reference)}};
      vals["receipt"] = std::move(receipt);
      vals["reference"] = std::to_string(a->reference);
      if (a->outcome == service::Outcome::found) {
        auto shown = answer_view(desk_visit.v, *a);
        std::vector<std::string> withheld;
        for (const auto& s : shown_scopes)
          if (std::find(a->scopes.begin(), a->scopes.end(), s.scope) == a->scopes.end())
            withheld.push_back(label(desk_visit.v, "scope", to_string(s.scope)));
        shown["has_withheld"] = !withheld.empty();
        shown["withheld"] = format_list("fr", withheld);
        vals["found"] = std::move(shown);
      } else if (a->outcome == service::Outcome::ambiguous) {
        vals["ambiguous"] = true;
      } else {
        vals["not_found"] = true;
      }
      // What the machine could not settle, a person at OFPRA may (not for a share code: it
      // opens its answer or nothing).
      if (a->outcome != service::Outcome::found && desk_visit.v.context->demandes &&
          vals["by"].as_string() != "code_partage")
        vals["may_ask_ofpra"] = true;
      return respond(show(desk_visit, "counter_result", "Résultat de la vérification", std::move(vals)));
    }
    if (std::holds_alternative<service::DecideAgain>(outcome)) outcome = service::unavailable();
    const auto& r = std::get<service::Refusal>(outcome);
    const auto status = domain::info(r.problem).status;
    if (status >= 500)
      return respond(closed(desk_visit, "Le service est momentanément indisponible. " + r.detail, status));
    mark_refusal(vals, r, std::string(vals["by"].as_string()));
    respond(show(desk_visit, "counter", "Vérifier une situation", std::move(vals), status));
  };
  const service::CounterAgent caller{d.agent->agent_ref, d.agent->partner_siret};
  if (auto* refusal = std::get_if<service::Refusal>(&request))
    return service::refuse_unreadable(c.door, caller, std::move(*refusal), d.v.request->body, service::Reads::store,
                                      std::move(done));
  service::disclose(c.door, caller, std::get<service::DisclosureRequest>(request), service::Reads::store,
                    std::move(done));
}

void sign_in(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!c.counter) return respond(counter_headers(redirect("/guichet"), c));
  if (!sign_in_may_start(d.v))
    return respond(closed(d,
                          "Trop de connexions ont été commencées depuis cette adresse. Patientez quelques minutes "
                          "avant de recommencer.",
                          429));
  // A sign-in started again in this browser replaces the one under way.
  auto started = service::counter_start(*c.counter, http::cookie(*d.v.request, login_cookie(c)));
  if (!started) {
    http::log_event("warning", "a ProConnect sign-in could not start: " + started.error().message);
    return respond(closed(d,
                          started.error().field == "plein"
                              ? "Trop de connexions sont en cours sur le guichet. Réessayez dans quelques minutes."
                              : "ProConnect ne répond pas. Réessayez dans quelques minutes.",
                          503));
  }
  auto r = redirect(started->url);
  set_lax_cookie(r, d.v, login_cookie(c), started->login_id);
  respond(counter_headers(std::move(r), c));
}

void provider_return(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!c.counter) return respond(counter_headers(redirect("/guichet"), c));
  auto forget_login = [&](http::Response r) {
    set_lax_cookie(r, d.v, login_cookie(c), "");
    return r;
  };
  if (!d.v.query("error").empty())
    return respond(forget_login(closed(d, "La connexion avec ProConnect a été annulée.", 400)));
  auto opened = service::counter_return(*c.counter, http::cookie(*d.v.request, login_cookie(c)), d.v.query("state"),
                                        d.v.query("code"));
  if (!opened) {
    if (opened.error().is_unavailable())
      return respond(forget_login(closed(d, "ProConnect ou le service ne répond pas. Réessayez.", 503)));
    // Logged without anything that names the agent.
    http::log_event("warning", "a counter sign-in was refused (" + opened.error().field +
                                   "): " + (opened.error().field == "oidc" ? opened.error().message : "see the page"));
    // Off the return's address (its code is spent): the reason's word only, nothing personal.
    return respond(counter_headers(forget_login(redirect("/guichet/refus?raison=" + opened.error().field)), c));
  }
  auto r = forget_login(redirect("/guichet"));
  set_lax_cookie(r, d.v, session_cookie(c), opened->token);
  respond(counter_headers(std::move(r), c));
}

void sign_out(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!c.counter) return respond(counter_headers(redirect("/guichet"), c));
  if (d.agent && !csrf_ok(d.v))
    return respond(closed(d, "Le formulaire a expiré. Rechargez la page et recommencez.", 403));
  std::optional<std::string> provider_logout;
  if (d.agent) {
    auto closed_session = service::close_counter_session(*c.counter, http::cookie(*d.v.request, session_cookie(c)),
                                                         c.public_url + "/guichet/deconnecte");
    if (!closed_session) return respond(closed(d, "Le service est momentanément indisponible.", 503));
    provider_logout = std::move(*closed_session);
  }
  auto r = redirect(provider_logout.value_or("/guichet/deconnecte"));
  set_lax_cookie(r, d.v, session_cookie(c), "");
  // Nothing of the pages seen stays in this browser (Clear-Site-Data: its cache).
  r.set_header("Clear-Site-Data", "\"cache\"");
  respond(counter_headers(std::move(r), c));
}

void signed_out(const Desk& d, http::Respond respond) {
  // Still signed in (a link followed, a page kept open): the desk, not a false "signed out".
  if (d.agent) return respond(counter_headers(redirect("/guichet"), *d.v.context));
  respond(show(d, "counter_login", "Vous êtes déconnecté",
               {{"signed_out", true}, {"sign_in", d.v.context->counter != nullptr}}));
}

// Why a sign-in was refused (the reason's word only).
void refused_page(const Desk& d, http::Respond respond) {
  respond(closed(d, refusal_text(domain::Error{{}, d.v.query("raison")}), 403));
}

std::string demande_state_words(domain::DemandeState s) {
  switch (s) {
    case domain::DemandeState::open:
      return "Transmise à l'Ofpra";
    case domain::DemandeState::assigned:
      return "En cours de traitement à l'Ofpra";
    case domain::DemandeState::answered:
      return "Répondue";
    case domain::DemandeState::closed:
      break;
  }
  return "Close sans réponse";
}

std::string closing_words(domain::ClosingReason r) {
  switch (r) {
    case domain::ClosingReason::not_ours:
      return "L'Ofpra ne connaît pas cette personne.";
    case domain::ClosingReason::not_protected:
      return "Cette personne n'est pas protégée par l'Ofpra.";
    case domain::ClosingReason::insufficient:
      return "Les informations données ne suffisent pas à la désigner.";
    case domain::ClosingReason::replied:
      break;
  }
  return "L'Ofpra a répondu par écrit.";
}

// The agent's request, with OFPRA's answer once given (rendered as at the counter, with the
// person's names and birth date so that she ties it to the person at her desk).
json::object demande_values(const Desk& d, const store::Demande& q) {
  const auto today = domain::day_of(d.v.context->door.clock.now());
  const int left = service::working_days_left(q, today);
  json::object values{{"id", q.id},
                      {"state", demande_state_words(q.state)},
                      {"created", format_time("fr", q.created_at)},
                      {"due", format_date_text("fr", q.due_on)},
                      {"pending", domain::is_pending(q.state)},
                      {"late", domain::is_pending(q.state) && left < 0},
                      {"note", q.note},
                      {"reference", std::to_string(q.reference)},
                      {"follows", std::to_string(q.follows)},
                      {"message", q.message}};
  if (q.reason) values["reason"] = closing_words(*q.reason);
  if (auto question = service::question_of(q)) values["question"] = question_rows(*question);
  if (!q.settled_at.empty()) values["settled"] = format_time("fr", q.settled_at);
  if (auto answer = q.answer.empty() ? std::nullopt : service::decode_answer(q.answer)) {
    auto shown = answer_view(d.v, *answer);
    shown["answer_reference"] = std::to_string(answer->reference);
    values["found"] = std::move(shown);
  }
  return values;
}

bool signed_in(const Desk& d) { return d.v.context->counter && d.agent && d.v.context->demandes; }

void ask_ofpra(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!signed_in(d)) return respond(counter_headers(redirect("/guichet"), c));
  if (!csrf_ok(d.v)) return respond(closed(d, "Le formulaire a expiré. Rechargez la page et recommencez.", 403));
  const auto by = search_of(d.v.field("par"));
  auto fields = d.v.form;
  if (auto it = fields.find("date"); it != fields.end() && !it->second.empty())
    it->second = typed_date(it->second).value_or(it->second);
  auto values = desk_values(d, *d.desk, by);
  values["reference"] = d.v.field("reference");
  values["note"] = d.v.field("note");
  auto again = [&](std::string field, const std::string& message, unsigned status) {
    mark_error_text(values, field, message);
    values["may_ask_ofpra"] = true;
    values["form_page"] = true;
    return respond(show(d, "counter_demande_form", "Demander à l'Ofpra", std::move(values), status));
  };
  auto request = service::counter_request(by, fields, d.agent->partner_siret, d.desk->scopes);
  if (auto* refusal = std::get_if<service::Refusal>(&request)) return again("note", refusal->detail, 400);
  const auto follows = whole_number(d.v.field("reference")).value_or(0);
  const service::CounterAgent caller{d.agent->agent_ref, d.agent->partner_siret};
  auto filed = service::file_demande(
      *c.demandes, caller, {std::move(std::get<service::DisclosureRequest>(request)), d.v.field("note"), follows});
  if (auto* refusal = std::get_if<service::Refusal>(&filed)) {
    const auto status = domain::info(refusal->problem).status;
    if (status >= 500) return respond(closed(d, "Le service est momentanément indisponible. Réessayez.", status));
    if (refusal->parameter == "note")
      return again("note", "Dites à l'Ofpra ce que vous cherchez à savoir (2 000 caractères au plus).", 400);
    if (refusal->problem == domain::Problem::conflict) return again("note", refusal->detail, 409);
    if (refusal->parameter == "reference")
      return again("note",
                   "Cette demande doit suivre une vérification que vous venez de faire au guichet : refaites la "
                   "vérification, puis demandez à l'Ofpra depuis son résultat.",
                   400);
    return again("note", refusal->detail, status);
  }
  respond(counter_headers(redirect("/guichet/demande?id=" + std::get<service::Filing>(filed).demande.id), c));
}

void demande_page(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!signed_in(d)) return respond(counter_headers(redirect("/guichet"), c));
  const service::CounterAgent caller{d.agent->agent_ref, d.agent->partner_siret};
  auto found = service::demande_for(*c.demandes, caller, d.v.query("id"));
  if (!found) return respond(closed(d, "Le service est momentanément indisponible. Réessayez.", 503));
  if (!*found) return respond(show(d, "counter_demande", "Demande introuvable", {{"missing", true}}, 404));
  respond(show(d, "counter_demande", "Demande à l'Ofpra n° " + (*found)->id, demande_values(d, **found)));
}

void demandes_page(const Desk& d, http::Respond respond) {
  const auto& c = *d.v.context;
  if (!signed_in(d)) return respond(counter_headers(redirect("/guichet"), c));
  const service::CounterAgent caller{d.agent->agent_ref, d.agent->partner_siret};
  auto all = service::demandes_for(*c.demandes, caller);
  if (!all) return respond(closed(d, "Le service est momentanément indisponible. Réessayez.", 503));
  json::array rows;
  for (const auto& q : *all)
    rows.push_back(json::object{{"id", q.id},
                                {"href", "/guichet/demande?id=" + q.id},
                                {"created", format_time("fr", q.created_at)},
                                {"state", demande_state_words(q.state)},
                                {"due", format_date_text("fr", q.due_on)}});
  respond(show(d, "counter_demandes", "Mes demandes à l'Ofpra", {{"rows", std::move(rows)}, {"none", all->empty()}}));
}

}  // namespace

void add_counter_routes(http::Router& router, const PortalContext& c) {
  on_pool(router, c, "GET", "/guichet", desk_page);
  on_pool(router, c, "POST", "/guichet/verifier", check_submit);
  on_pool(router, c, "GET", "/guichet/connexion", sign_in);
  on_pool(router, c, "GET", "/guichet/retour", provider_return);
  on_pool(router, c, "POST", "/guichet/deconnexion", sign_out);
  on_pool(router, c, "GET", "/guichet/deconnecte", signed_out);
  on_pool(router, c, "GET", "/guichet/refus", refused_page);
  on_pool(router, c, "POST", "/guichet/demande", ask_ofpra);
  on_pool(router, c, "GET", "/guichet/demande", demande_page);
  on_pool(router, c, "GET", "/guichet/demandes", demandes_page);
}

}  // namespace ofpra::web
