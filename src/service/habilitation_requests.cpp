#include "service/habilitation_requests.hpp"

#include "auth/secret_hash.hpp"
#include "domain/email_address.hpp"
#include "domain/partial_date.hpp"
#include "domain/plain_text.hpp"
#include "journal/chain.hpp"
#include "service/staff.hpp"

#include <algorithm>
#include <charconv>

namespace ofpra::service {
namespace {

using domain::Error;
using domain::HabilitationState;
using store::HabilitationRequest;

std::string field(const RequestForm& form, const std::string& name) {
  const auto it = form.find(name);
  if (it == form.end()) return {};
  const auto& v = it->second;
  const auto b = v.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  return v.substr(b, v.find_last_not_of(" \t\r\n") - b + 1);
}

std::string today(const env::Clock& clock) { return domain::day_of(clock.now()).to_string(); }

// What became of the request, as a sentence's end: "Votre demande … <this>."
std::string became(HabilitationState s) {
  switch (s) {
    case HabilitationState::draft:
      return "est enregistrée comme brouillon";
    case HabilitationState::submitted:
      return "est soumise à l'Ofpra";
    case HabilitationState::changes_requested:
      return "vous est renvoyée : l'Ofpra vous demande de la modifier";
    case HabilitationState::validated:
      return "est validée";
    case HabilitationState::refused:
      return "est refusée";
    case HabilitationState::revoked:
      return "est révoquée";
    case HabilitationState::archived:
      return "est archivée";
  }
  return {};
}

std::string number(const HabilitationRequest& r) { return "n° " + std::to_string(r.id); }

store::OutboxMessage email(std::string to, std::string subject, std::string body) {
  return {0, "email", std::move(to), std::move(subject), std::move(body), 0};
}

// What the organisation's two contacts are told of a step (one message each, the same words).
void tell_contacts(std::vector<store::OutboxMessage>& out, const HabilitationRequest& r, const std::string& subject,
                   const std::string& body) {
  out.push_back(email(r.dpo_email, subject, body));
  if (r.technical_email != r.dpo_email) out.push_back(email(r.technical_email, subject, body));
}

// Staff who instruct requests, told that one waits for them.
domain::Status tell_instructors(store::Database& db, std::vector<store::OutboxMessage>& out,
                                const HabilitationRequest& r, const std::string& subject, const std::string& url,
                                const std::string& except = {}) {
  auto staff = db.staff().staff_members();
  if (!staff) return staff.error();
  for (const auto& m : *staff)
    if (m.active && m.roles.has(domain::StaffRole::habilitations) && m.email != except)
      out.push_back(email(m.email, subject,
                          "La demande d'habilitation " + number(r) + " de " + r.organisation.name + " (SIRET " +
                              r.organisation.siret + ") vous attend dans le back-office : " + url +
                              "/admin/demande?numero=" + std::to_string(r.id) + "\n"));
  return domain::success();
}

std::string follow_text(const RequestContext& c, const HabilitationRequest& r) {
  return "Suivez-la sur " + c.public_url + "/habilitation/suivi avec son numéro (" + std::to_string(r.id) +
         ") et la clé de suivi qui vous a été donnée à son dépôt.\n";
}

bool same_fields(const HabilitationRequest& a, const HabilitationRequest& b) {
  return a.organisation.siret == b.organisation.siret && a.organisation.name == b.organisation.name &&
         a.organisation.type == b.organisation.type && a.scopes == b.scopes && a.legal_basis == b.legal_basis &&
         a.legal_reference == b.legal_reference && a.purpose == b.purpose && a.expected_volume == b.expected_volume &&
         a.dpo_email == b.dpo_email && a.technical_email == b.technical_email && a.valid_to == b.valid_to;
}

}  // namespace

std::string describe_scopes(const std::vector<domain::ScopeGrant>& scopes) {
  std::string out;
  for (const auto& g : scopes)
    out += (out.empty() ? "" : ", ") + std::string(to_string(g.scope)) +
           (g.consent_required ? " (avec consentement)" : " (sans consentement)");
  return out;
}

namespace {

// The request the form describes, and every field it refuses, in the form's order.
HabilitationRequest read_form(const RequestForm& form, const env::Clock& clock, std::vector<domain::Error>& errors) {
  auto refuse = [&](std::string name, std::string message) {
    errors.push_back(domain::refused(std::move(name), std::move(message)));
  };
  HabilitationRequest r;
  std::string siret;
  for (char ch : field(form, "siret"))
    if (ch != ' ' && ch != '.') siret += ch;
  if (!domain::is_siret(siret)) refuse("siret", "14 chiffres dont le dernier est la clé de Luhn");
  const auto name = field(form, "organisation");
  if (!domain::is_text_line(name, 200)) refuse("organisation", "le nom de l'organisme, 200 caractères au plus");
  const auto type = domain::parse_AdministrationType(field(form, "type"));
  if (!type) refuse("type", "choisissez le type d'administration");
  r.organisation = {siret, name, type.value_or(domain::AdministrationType::other)};

  const bool without_consent = field(form, "sans_consentement") == "on";
  const auto policy = domain::default_policy(r.organisation.type);
  for (auto scope : domain::all_scopes) {
    if (field(form, "scope_" + std::string(to_string(scope))) != "on") continue;
    const auto it =
        std::find_if(policy.begin(), policy.end(), [&](const domain::ScopeGrant& g) { return g.scope == scope; });
    const bool policy_consent = it == policy.end() || it->consent_required;
    r.scopes.push_back({scope, policy_consent && !without_consent});
  }
  if (r.scopes.empty()) refuse("scopes", "cochez au moins une donnée demandée");

  r.legal_basis = field(form, "base_legale");
  r.legal_reference = field(form, "reference");
  if (r.legal_basis.size() < 5 || !domain::is_text_line(r.legal_basis, 500))
    refuse("base_legale", "le texte qui fonde le traitement (5 à 500 caractères)");
  if (r.legal_reference.size() < 3 || !domain::is_text_line(r.legal_reference, 500))
    refuse("reference", "sa référence : un article de code ou un lien vers Légifrance (500 caractères au plus)");
  r.purpose = field(form, "motif");
  if (r.purpose.size() < 5 || !domain::is_text_line(r.purpose, 300))
    refuse("motif", "la finalité du traitement, 5 à 300 caractères");
  const auto volume = field(form, "volume");
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(volume.data(), volume.data() + volume.size(), v);
  if (volume.empty() || ec != std::errc() || end != volume.data() + volume.size() || v < 1 || v > 100'000'000)
    refuse("volume", "un nombre de vérifications par mois, de 1 à 100 000 000");
  r.expected_volume = v;
  r.dpo_email = domain::ascii_lower(field(form, "email_dpd"));
  r.technical_email = domain::ascii_lower(field(form, "email_technique"));
  if (!domain::is_email_address(r.dpo_email) || r.dpo_email.size() > 200)
    refuse("email_dpd", "l'adresse électronique du délégué à la protection des données");
  if (!domain::is_email_address(r.technical_email) || r.technical_email.size() > 200)
    refuse("email_technique", "l'adresse électronique du contact technique");
  r.valid_to = field(form, "date_fin");
  if (!r.valid_to.empty()) {
    const auto latest = domain::add_months(domain::day_of(clock.now()), 12 * max_habilitation_years).to_string();
    auto end_day = domain::PartialDate::parse_day(r.valid_to);
    if (!end_day || r.valid_to <= today(clock) || r.valid_to > latest)
      refuse("date_fin", "une date à venir, dans " + std::to_string(max_habilitation_years) + " ans au plus");
    else
      r.valid_to = end_day->to_string();
  }
  return r;
}

}  // namespace

domain::Result<HabilitationRequest> read_request_form(const RequestForm& form, const env::Clock& clock) {
  std::vector<domain::Error> errors;
  auto r = read_form(form, clock, errors);
  if (!errors.empty()) return errors.front();
  return r;
}

std::vector<domain::Error> request_form_errors(const RequestForm& form, const env::Clock& clock) {
  std::vector<domain::Error> errors;
  (void)read_form(form, clock, errors);
  return errors;
}

domain::Result<CreatedRequest> create_request(const RequestContext& c, const RequestForm& form, bool submit) {
  auto r = read_request_form(form, c.clock);
  if (!r) return r.error();
  const auto now = env::format_utc(c.clock.now());
  CreatedRequest created;
  created.follow_key = auth::new_secret(c.random, 18);
  r->follow_key_hash = journal::sha256_hex(created.follow_key);
  r->state = submit ? HabilitationState::submitted : HabilitationState::draft;
  store::RequestEffects effects;
  store::RequestEvent event{
      now, "demandeur", submit ? "soumettre" : "enregistrer", "", std::string(to_string(r->state)), ""};
  // Its id is known only once inserted: the messages go out with a second write.
  auto id = c.db.requests().create_request(*r, event, effects);
  if (!id) return id.error();
  r->id = created.id = *id;
  std::vector<store::OutboxMessage> messages;
  tell_contacts(messages, *r, "Ofpra Connect : demande d'habilitation " + number(*r),
                "Votre demande d'habilitation " + number(*r) + " pour " + r->organisation.name + " " +
                    became(r->state) + ".\nSa clé de suivi : " + created.follow_key + "\n" + follow_text(c, *r));
  if (submit)
    if (auto s = tell_instructors(c.db, messages, *r, "Nouvelle demande d'habilitation " + number(*r), c.public_url);
        !s)
      return s.error();
  if (c.notify)
    for (const auto& m : messages)
      if (auto q = c.db.portal().enqueue(m); !q) return q.error();
  return created;
}

domain::Result<HabilitationRequest> followed_request(const RequestContext& c, std::int64_t id, const std::string& key) {
  if (key.empty() || key.size() > 100) return domain::refused("cle", "numéro ou clé de suivi inconnus");
  auto found = c.db.requests().find_request(id);
  if (!found) return found.error();
  if (!*found || (*found)->follow_key_hash != journal::sha256_hex(key))
    return domain::refused("cle", "numéro ou clé de suivi inconnus");
  return std::move(**found);
}

domain::Result<HabilitationRequest> amend_request(const RequestContext& c, std::int64_t id, const std::string& key,
                                                  const RequestForm& form, bool submit) {
  auto current = followed_request(c, id, key);
  if (!current) return current.error();
  const auto action = submit ? domain::RequestAction::submit : domain::RequestAction::save;
  auto step = domain::next_step({current->state}, action, {}, "");
  if (!step) return step.error();
  auto amended = read_request_form(form, c.clock);
  if (!amended) return amended.error();
  if (amended->organisation.siret != current->organisation.siret)
    return domain::refused("siret", "le SIRET d'une demande ne change pas : déposez une nouvelle demande");
  amended->id = current->id;
  amended->state = step->to;
  amended->follow_key_hash = current->follow_key_hash;
  const auto now = env::format_utc(c.clock.now());
  store::RequestEffects effects;
  if (submit) {
    tell_contacts(
        effects.messages, *amended, "Ofpra Connect : demande d'habilitation " + number(*amended) + " soumise",
        "Votre demande d'habilitation " + number(*amended) + " est soumise à l'Ofpra.\n" + follow_text(c, *amended));
    if (auto s = tell_instructors(c.db, effects.messages, *amended,
                                  "Demande d'habilitation " + number(*amended) + " soumise", c.public_url);
        !s)
      return s.error();
  }
  const std::string what = same_fields(*current, *amended) ? "" : "demande modifiée";
  store::RequestEvent event{now,
                            "demandeur",
                            std::string(to_string(action)),
                            std::string(to_string(current->state)),
                            std::string(to_string(amended->state)),
                            what};
  if (!c.notify) effects.messages.clear();
  auto saved = c.db.requests().save_request(*amended, current->state, event, effects);
  if (!saved) return saved.error();
  if (!*saved) return domain::refused("etat", "la demande a changé entre-temps : rechargez-la");
  return std::move(*amended);
}

domain::Result<HabilitationRequest> decide_request(const RequestContext& c, const store::StaffMember& staff,
                                                   std::int64_t id, domain::RequestAction action,
                                                   const std::string& comment) {
  auto found = c.db.requests().find_request(id);
  if (!found) return found.error();
  if (!*found) return domain::refused("demande", "aucune demande n'a ce numéro");
  auto r = std::move(**found);
  const domain::RequestFacts facts{r.state, domain::beyond_default(r.organisation.type, r.scopes), r.first_validator,
                                   r.dpo_email, r.technical_email};
  const domain::WorkflowActor actor{true, staff.email, staff.roles};
  auto step = domain::next_step(facts, action, actor, comment);
  if (!step) {
    if (step.error().field == "role")
      if (auto s = record_staff_action(c.db, c.clock, staff.email, "refus.habilitations",
                                       "demande " + std::to_string(id) + " : " + std::string(to_string(action)),
                                       "rôle manquant");
          !s)
        return s.error();
    return step.error();
  }
  const auto before = r.state;
  store::RequestEffects effects;
  const auto day = today(c.clock);
  if (step->to == HabilitationState::validated) {
    auto known = c.db.partners().find_partner(r.organisation.siret);
    if (!known) return known.error();
    if (*known && (*known)->type != r.organisation.type)
      return domain::refused("type", "ce SIRET est enregistré comme " + std::string(to_string((*known)->type)) +
                                         " : un administrateur corrige le type (partner update) avant la validation");
    // A registered partner keeps its name: the form is anyone's to fill, and the name is what
    // its past answers are shown under (`partner update` renames it, saying so).
    if (!*known) effects.partner = r.organisation;
    domain::Habilitation h;
    h.partner_siret = r.organisation.siret;
    h.scopes = r.scopes;
    h.legal_basis = r.legal_basis;
    h.legal_basis_url = r.legal_reference;
    h.purpose = r.purpose;
    h.state = HabilitationState::validated;
    h.valid_from = day;
    h.valid_to = r.valid_to.empty()
                     ? domain::add_months(domain::day_of(c.clock.now()), 12 * default_habilitation_years).to_string()
                     : r.valid_to;
    r.valid_from = h.valid_from;
    r.valid_to = h.valid_to;
    effects.habilitation = std::move(h);
  }
  if (step->to == HabilitationState::revoked) effects.revoke_habilitation = r.habilitation_id;
  if (step->first_validation)
    r.first_validator = staff.email;
  else if (step->to != HabilitationState::submitted)
    r.first_validator.clear();
  r.state = step->to;

  if (step->first_validation) {
    if (auto s = tell_instructors(c.db, effects.messages, r,
                                  "Demande d'habilitation " + number(r) + " : une seconde validation est attendue",
                                  c.public_url, staff.email);
        !s)
      return s.error();
  } else {
    std::string body = "Votre demande d'habilitation " + number(r) + " pour " + r.organisation.name + " " +
                       became(r.state) + ".\nMotif donné par l'Ofpra : " + comment + "\n";
    if (r.state == HabilitationState::validated)
      body += "L'habilitation vaut du " + r.valid_from + " au " + r.valid_to +
              ". L'Ofpra vous remet les identifiants de l'API par un canal sûr.\n";
    if (r.state == HabilitationState::changes_requested) body += "Modifiez-la puis soumettez-la de nouveau.\n";
    tell_contacts(effects.messages, r, "Ofpra Connect : votre demande d'habilitation " + number(r),
                  body + follow_text(c, r));
  }
  const auto now = env::format_utc(c.clock.now());
  store::RequestEvent event{now,
                            staff.email,
                            step->first_validation ? "premiere_validation" : std::string(to_string(action)),
                            std::string(to_string(before)),
                            std::string(to_string(r.state)),
                            comment};
  if (!c.notify) effects.messages.clear();
  auto saved = c.db.requests().save_request(r, before, event, effects);
  if (!saved) return saved.error();
  if (!*saved) return domain::refused("etat", "la demande a changé entre-temps : rechargez-la");
  if (auto s = record_staff_action(c.db, c.clock, staff.email, "habilitation." + event.action,
                                   "demande " + std::to_string(id), comment);
      !s)
    return s.error();
  auto reread = c.db.requests().find_request(id);
  if (!reread) return reread.error();
  if (!*reread) return domain::refused("demande", "aucune demande n'a ce numéro");
  return std::move(**reread);
}

domain::Result<std::vector<HabilitationRequest>> list_requests(const RequestContext& c,
                                                               std::optional<HabilitationState> state) {
  return c.db.requests().requests(state);
}

domain::Result<std::optional<RequestFile>> request_file(const RequestContext& c, std::int64_t id) {
  auto found = c.db.requests().find_request(id);
  if (!found) return found.error();
  if (!*found) return std::optional<RequestFile>{};
  RequestFile f{std::move(**found), {}, {}, {}};
  auto registered = c.db.partners().find_partner(f.request.organisation.siret);
  if (!registered) return registered.error();
  f.registered = std::move(*registered);
  auto events = c.db.requests().request_events(id);
  if (!events) return events.error();
  f.events = std::move(*events);
  if (f.request.state == HabilitationState::validated) {
    auto clients = c.db.partners().clients_of(f.request.organisation.siret);
    if (!clients) return clients.error();
    f.clients = std::move(*clients);
  }
  return std::optional<RequestFile>{std::move(f)};
}

domain::Result<int> send_expiry_reminders(const RequestContext& c) {
  const auto d = domain::day_of(c.clock.now());
  const auto until =
      domain::civil_from_days(domain::days_from_civil(d.year, d.month, d.day) + reminder_days_before_end).to_string();
  auto ending = c.db.requests().ending_unreminded(until);
  if (!ending) return ending.error();
  int n = 0;
  for (const auto& r : *ending) {
    std::vector<store::OutboxMessage> messages;
    tell_contacts(messages, r, "Ofpra Connect : l'habilitation " + number(r) + " prend fin le " + r.valid_to,
                  "L'habilitation " + number(r) + " de " + r.organisation.name + " prend fin le " + r.valid_to +
                      ". Pour la prolonger, déposez une nouvelle demande sur " + c.public_url +
                      "/habilitation avant cette date.\n");
    for (const auto& m : messages)
      if (auto q = c.db.portal().enqueue(m); !q) return q.error();
    if (auto s = c.db.requests().mark_reminded(r.id, env::format_utc(c.clock.now())); !s) return s.error();
    ++n;
  }
  return n;
}

}  // namespace ofpra::service
