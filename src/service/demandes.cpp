#include "service/demandes.hpp"

#include "domain/plain_text.hpp"
#include "domain/registry_record.hpp"
#include "domain/share_code.hpp"
#include "domain/working_days.hpp"
#include "service/answer_codec.hpp"
#include "service/answer_shape.hpp"
#include "service/staff.hpp"
#include "service/verification_request.hpp"

#include <algorithm>
#include <future>

namespace ofpra::service {
namespace {

using domain::Problem;
using store::Demande;

constexpr std::size_t considered_shown = 10;

Refusal invalid(std::string parameter, std::string detail) {
  return {Problem::invalid_parameter, std::move(detail), std::move(parameter)};
}

std::string new_id(env::Random& random) {
  std::array<std::uint8_t, domain::demande_id_length> bytes{};
  random.fill(bytes);
  std::string id;
  const auto& alphabet = domain::share_code_alphabet;
  for (auto b : bytes) id += alphabet[b % alphabet.size()];
  return id;
}

bool is_id(std::string_view id) {
  return id.size() == domain::demande_id_length && std::all_of(id.begin(), id.end(), [](char ch) {
           return domain::share_code_alphabet.find(ch) != std::string_view::npos;
         });
}

std::string partner_of(const Caller& caller) {
  if (const auto* client = std::get_if<PartnerClient>(&caller)) return client->token.siret;
  if (const auto* agent = std::get_if<CounterAgent>(&caller)) return agent->partner_siret;
  return {};
}

// The automated answer followed: the caller's own (same partner, same door), an answer and not a
// refusal, naming nobody (an ambiguity's entries for each candidate do), recent.
std::optional<Refusal> check_followed(const DemandeContext& c, const Caller& caller, std::int64_t follows,
                                      domain::JournalChannel channel) {
  const auto refused = invalid("reference",
                               "Cette référence n'est pas celle d'une réponse automatique récente donnée à votre "
                               "organisme : indiquez la référence (meta.reference) de la réponse que la demande suit.");
  const auto siret = partner_of(caller);
  auto found = c.door.db.journal().search({.partner_siret = siret, .before_seq = follows + 1, .limit = 1});
  if (!found) return unavailable();
  if (found->empty()) return refused;
  const auto& e = found->front();
  const auto since = env::format_utc(c.door.clock.now() - std::chrono::hours(24) * demande_follow_days).substr(0, 10);
  const bool answered = e.result == domain::JournalResult::found || e.result == domain::JournalResult::not_found ||
                        e.result == domain::JournalResult::ambiguous;
  if (e.seq != follows || e.channel != channel || !answered || e.recorded_at < since) return refused;
  if (const auto* client = std::get_if<PartnerClient>(&caller); client && e.client_id != client->token.client_id)
    return refused;
  if (const auto* agent = std::get_if<CounterAgent>(&caller); agent && e.agent != agent->agent) return refused;
  return std::nullopt;
}

// The door's filing, waited for on this thread.
std::variant<std::int64_t, Refusal> filed_through_door(const DemandeContext& c, const Caller& caller,
                                                       const DisclosureRequest& question) {
  std::promise<std::variant<std::int64_t, Refusal>> promise;
  auto result = promise.get_future();
  service::file_demande(c.door, caller, question,
                        [&promise](std::variant<std::int64_t, Refusal> r) { promise.set_value(std::move(r)); });
  return result.get();
}

// What the caller may see: which requests are hers.
store::DemandeFilter filter_for(const Caller& caller) {
  store::DemandeFilter f;
  if (const auto* client = std::get_if<PartnerClient>(&caller)) {
    f.partner_siret = client->token.siret;
    f.channel = domain::JournalChannel::api;
  } else if (const auto* agent = std::get_if<CounterAgent>(&caller)) {
    f.partner_siret = agent->partner_siret;
    f.channel = domain::JournalChannel::counter;
    f.agent = agent->agent;
  } else if (const auto* her = std::get_if<PersonHerself>(&caller)) {
    f.person = her->numero_ofpra;
  }
  return f;
}

bool may_read(const store::DemandeFilter& f, const Demande& d) {
  if (!f.person.empty()) return d.person == f.person;
  if (f.partner_siret.empty() || d.partner_siret != f.partner_siret) return false;
  if (f.channel && d.channel != *f.channel) return false;
  return f.agent.empty() || d.agent == f.agent;
}

domain::Status may_support(const DemandeContext& c, const store::StaffMember& staff, const std::string& attempted) {
  auto may = staff_may(c.door.db, c.door.clock, staff, domain::StaffRole::support, attempted);
  if (!may) return may.error();
  if (!*may) return domain::refused("role", "the support role is needed");
  return domain::success();
}

domain::Result<Demande> pending(const DemandeContext& c, const std::string& id) {
  auto found = is_id(id) ? c.door.db.demandes().find_demande(id) : domain::Result<std::optional<Demande>>(std::nullopt);
  if (!found) return found.error();
  if (!*found) return domain::refused("demande", "no such request");
  if (!domain::is_pending((*found)->state)) return domain::refused("etat", "the request is settled");
  return std::move(**found);
}

// A partner's client revoked or suspended since its token was issued reads nothing more.
domain::Status client_active(const DemandeContext& c, const Caller& caller) {
  const auto* client = std::get_if<PartnerClient>(&caller);
  if (!client) return domain::success();
  auto access = c.door.access.current(client->token.client_id);
  if (!access) return access.error();
  if (!*access || !(*access)->client.active()) return domain::refused("jeton", "the client is no longer allowed");
  return domain::success();
}

domain::PartialDate today_of(const DemandeContext& c) { return domain::day_of(c.door.clock.now()); }

// The partner's technical contact, from its latest validated habilitation request; empty when none.
domain::Result<std::string> technical_contact(store::Database& db, const std::string& siret) {
  auto validated = db.requests().requests(domain::HabilitationState::validated);
  if (!validated) return validated.error();
  for (const auto& r : *validated)
    if (r.organisation.siret == siret) return r.technical_email;
  return std::string();
}

// Tells the partner that its request is settled: where to read it, nothing about the person.
domain::Result<std::vector<store::OutboxMessage>> settled_messages(const DemandeContext& c, const Demande& d) {
  std::vector<store::OutboxMessage> out;
  if (d.partner_siret.empty()) return out;
  auto contact = technical_contact(c.door.db, d.partner_siret);
  if (!contact) return contact.error();
  if (contact->empty()) return out;
  store::OutboxMessage m;
  m.channel = "email";
  m.recipient = *contact;
  m.subject = "Ofpra Connect : votre demande " + d.id + " a reçu une réponse";
  m.body = "Bonjour,\n\nL'Ofpra a traité la demande " + d.id + " déposée le " + d.created_at.substr(0, 10) +
           (d.channel == domain::JournalChannel::api
                ? " par votre système d'information.\nLisez la réponse avec GET " + c.public_url + "/api/v1/demandes/" +
                      d.id + " (jeton de votre client API).\n"
                : " au guichet.\nL'agent qui l'a déposée la lit sur " + c.public_url + "/guichet/demandes.\n") +
           "\nCe message ne contient aucune donnée personnelle.\n\nOfpra Connect\n";
  out.push_back(std::move(m));
  return out;
}

domain::Result<Demande> settle(const DemandeContext& c, Demande d) {
  auto messages = settled_messages(c, d);
  if (!messages) return messages.error();
  auto written = c.door.db.demandes().settle_demande(d, *messages);
  if (!written) return written.error();
  if (!*written) return domain::refused("etat", "the request was settled meanwhile");
  if (!messages->empty() && c.wake_outbox) c.wake_outbox();
  return d;
}

std::string names_of(const domain::Person& p) {
  std::string out = p.nom_naissance;
  if (p.nom_usage) out += " (" + *p.nom_usage + ")";
  for (const auto& given : p.prenoms) out += " " + given;
  return out;
}

// Filing again about an answer already followed: the same request gives the one filed; another
// question or note is refused, naming the request that follows it.
std::variant<Filing, Refusal> same_or_conflict(Demande existing, const NewDemande& filed) {
  if (existing.question == verification_body(filed.question) && existing.note == filed.note)
    return Filing{std::move(existing), true};
  return Refusal{Problem::conflict,
                 "La demande " + existing.id +
                     " suit déjà cette réponse automatique, avec une autre question ou une autre note : consultez-la.",
                 "reference"};
}

}  // namespace

std::vector<std::string> question_errors(std::string_view topic, std::string_view note) {
  std::vector<std::string> out;
  if (std::find(demande_topics.begin(), demande_topics.end(), topic) == demande_topics.end()) out.emplace_back("sujet");
  if (!domain::is_reason(note)) out.emplace_back("note");
  return out;
}

std::optional<DisclosureRequest> question_of(const Demande& d) {
  if (d.question.empty()) return std::nullopt;
  auto parsed = parse_verification_request(d.question);
  auto* question = std::get_if<DisclosureRequest>(&parsed);
  if (!question) return std::nullopt;
  // The counter asks for what the agent's access gives, the API for exactly what it names.
  if (d.channel == domain::JournalChannel::counter) question->scopes_asked = ScopesAsked::at_most;
  return std::move(*question);
}

int working_days_left(const Demande& d, const domain::PartialDate& today) {
  auto due = domain::PartialDate::parse_day(d.due_on);
  if (!due) return 0;
  if (domain::days_from_civil(today.year, today.month, today.day) <=
      domain::days_from_civil(due->year, due->month, due->day))
    return domain::working_days_between(today, *due);
  return -domain::working_days_between(*due, today);
}

std::variant<Filing, Refusal> file_demande(const DemandeContext& c, const Caller& caller, NewDemande filed) {
  const auto* her = std::get_if<PersonHerself>(&caller);
  const auto channel = her                                            ? domain::JournalChannel::portal
                       : std::holds_alternative<CounterAgent>(caller) ? domain::JournalChannel::counter
                                                                      : domain::JournalChannel::api;
  if (her)
    if (const auto errors = question_errors(filed.topic, filed.note); !errors.empty() && errors.front() == "sujet")
      return invalid("sujet", "Choisissez le sujet de votre question.");
  if (!domain::is_reason(filed.note))
    return invalid("note", "Dites à l'Ofpra ce que vous cherchez à savoir (1 à 2 000 caractères).");
  if (her) {
    // A few questions wait at once: OFPRA answers them before taking more.
    auto mine = c.door.db.demandes().demandes({.person = her->numero_ofpra});
    if (!mine) return unavailable();
    if (std::count_if(mine->begin(), mine->end(), [](const Demande& d) {
          return d.channel == domain::JournalChannel::portal && domain::is_pending(d.state);
        }) >= max_pending_questions)
      return Refusal{Problem::too_many_requests, "Trois questions attendent déjà leur réponse.", "attente"};
    filed.question = {};
    filed.question.subject.number = her->numero_ofpra;
    filed.question.purpose = "Question de la personne à l'Ofpra (" + filed.topic + ")";
    filed.follows = 0;
  } else {
    if (auto refusal = check_followed(c, caller, filed.follows, channel)) return *refusal;
    auto existing = c.door.db.demandes().demande_following(filed.follows);
    if (!existing) return unavailable();
    if (*existing) return same_or_conflict(std::move(**existing), filed);
  }

  auto reference = filed_through_door(c, caller, filed.question);
  if (auto* refusal = std::get_if<Refusal>(&reference)) return std::move(*refusal);

  const auto now = c.door.clock.now();
  Demande d;
  d.id = new_id(c.random);
  d.channel = channel;
  d.partner_siret = partner_of(caller);
  if (const auto* client = std::get_if<PartnerClient>(&caller)) d.client_id = client->token.client_id;
  d.agent = filed.question.agent;
  if (const auto* agent = std::get_if<CounterAgent>(&caller)) d.agent = agent->agent;
  if (her) d.person = her->numero_ofpra;
  if (!her) d.question = verification_body(filed.question);
  d.topic = filed.topic;
  d.note = filed.note;
  d.follows = filed.follows;
  d.reference = std::get<std::int64_t>(reference);
  d.created_at = env::format_utc(now);
  d.due_on = domain::add_working_days(domain::day_of(now), c.delay_days).to_string();
  auto created = c.door.db.demandes().create_demande(d);
  if (!created) return unavailable();
  if (*created) return Filing{std::move(d), false};
  // Another filing of the same answer got there first.
  auto first = c.door.db.demandes().demande_following(filed.follows);
  if (!first || !*first) return unavailable();
  return same_or_conflict(std::move(**first), filed);
}

domain::Result<std::optional<Demande>> demande_for(const DemandeContext& c, const Caller& caller,
                                                   const std::string& id) {
  if (auto active = client_active(c, caller); !active) return active.error();
  if (!is_id(id)) return std::optional<Demande>{};
  auto found = c.door.db.demandes().find_demande(id);
  if (!found) return found.error();
  if (!*found || !may_read(filter_for(caller), **found)) return std::optional<Demande>{};
  return found;
}

domain::Result<std::vector<Demande>> demandes_for(const DemandeContext& c, const Caller& caller) {
  if (auto active = client_active(c, caller); !active) return active.error();
  return c.door.db.demandes().demandes(filter_for(caller));
}

domain::Result<Queue> demande_queue(const DemandeContext& c, const store::StaffMember& staff) {
  if (auto may = may_support(c, staff, "file des demandes"); !may) return may.error();
  auto pending = c.door.db.demandes().pending_demandes();
  if (!pending) return pending.error();
  auto settled = c.door.db.demandes().settled_demandes(50);
  if (!settled) return settled.error();
  Queue q;
  const auto today = today_of(c);
  for (auto& d : *pending) {
    const int left = working_days_left(d, today);
    q.pending.push_back({std::move(d), left});
  }
  q.settled = std::move(*settled);
  return q;
}

domain::Result<std::optional<DemandeFile>> open_demande(const DemandeContext& c, const store::StaffMember& staff,
                                                        const std::string& id) {
  if (auto may = may_support(c, staff, "demande " + id); !may) return may.error();
  auto found = is_id(id) ? c.door.db.demandes().find_demande(id) : domain::Result<std::optional<Demande>>(std::nullopt);
  if (!found) return found.error();
  if (!*found) return std::optional<DemandeFile>{};
  DemandeFile file{std::move(**found), std::nullopt, {}, {}, 0};
  file.question = question_of(file.demande);
  file.days_left = working_days_left(file.demande, today_of(c));
  if (!file.demande.partner_siret.empty()) {
    auto partner = c.door.db.partners().find_partner(file.demande.partner_siret);
    if (!partner) return partner.error();
    file.partner_name = *partner ? (*partner)->name : file.demande.partner_siret;
  }
  const auto registry = c.door.registry.current();
  if (!registry) return domain::unavailable_error("the registry is not loaded");
  std::vector<std::pair<std::string, std::optional<double>>> numbers;
  if (file.question) {
    const auto& subject = file.question->subject;
    if (subject.kind == SubjectKind::identite)
      for (auto& [numero, score] : registry->considered(subject.identite, considered_shown))
        numbers.emplace_back(std::move(numero), score.total);
    else if (subject.kind == SubjectKind::numero_agdref)
      for (auto& numero : registry->numbers_by_agdref(subject.number))
        numbers.emplace_back(std::move(numero), std::nullopt);
    else if (subject.kind == SubjectKind::numero_ofpra)
      numbers.emplace_back(subject.number, std::nullopt);
  } else if (!file.demande.person.empty()) {
    numbers.emplace_back(file.demande.person, std::nullopt);
  }
  const auto today = today_of(c);
  std::string shown;
  for (auto& [numero, score] : numbers) {
    auto person = registry->find(numero);
    if (!person) continue;
    const auto now =
        shape_answer(*person, {domain::Scope::protection}, today, c.door.processing_delay_months, *registry);
    file.considered.push_back({numero, names_of(*person), person->date_naissance, person->lieu_naissance,
                               person->code_pays_naissance, person->sexe, score,
                               now.protection && now.protection->is_protected});
    shown += (shown.empty() ? "" : ",") + numero;
  }
  // Who saw which persons, and why: the request's number.
  if (auto r = record_staff_action(c.door.db, c.door.clock, staff.email, "demande.consultation", "demande " + id,
                                   shown.empty() ? "aucun candidat" : "candidats " + shown);
      !r)
    return r.error();
  return std::optional<DemandeFile>(std::move(file));
}

domain::Status take_demande(const DemandeContext& c, const store::StaffMember& staff, const std::string& id) {
  if (auto may = may_support(c, staff, "prise en charge de la demande " + id); !may) return may;
  auto d = pending(c, id);
  if (!d) return d.error();
  auto taken = c.door.db.demandes().assign_demande(id, staff.email, env::format_utc(c.door.clock.now()));
  if (!taken) return taken.error();
  if (!*taken) return domain::refused("etat", "the request was settled meanwhile");
  return record_staff_action(c.door.db, c.door.clock, staff.email, "demande.prise_en_charge", "demande " + id,
                             d->assigned_to.empty() ? "" : "reprise de " + d->assigned_to);
}

domain::Result<std::variant<Demande, Refusal>> answer_demande(const DemandeContext& c, const store::StaffMember& staff,
                                                              const std::string& id, const std::string& numero_ofpra,
                                                              const std::string& message) {
  if (auto may = may_support(c, staff, "réponse à la demande " + id); !may) return may.error();
  auto d = pending(c, id);
  if (!d) return d.error();
  auto question = question_of(*d);
  if (!question) return domain::refused("etat", "a person's own question is answered in writing");
  if (!domain::is_numero_ofpra(numero_ofpra)) return domain::refused("numero_ofpra", "9 digits");
  const auto registry = c.door.registry.current();
  if (!registry) return domain::unavailable_error("the registry is not loaded");
  if (!registry->contains(numero_ofpra)) return domain::refused("numero_ofpra", "not in the registry");
  if (!message.empty() && !domain::is_reason(message)) return domain::refused("message", "plain text");

  question->subject = Subject{SubjectKind::numero_ofpra, numero_ofpra, {}, std::nullopt};
  question->request_hash.clear();
  const StaffMember caller{staff.email, d->id, d->partner_siret, d->channel == domain::JournalChannel::counter};
  std::promise<Disclosure> promise;
  auto answered = promise.get_future();
  disclose(c.door, caller, *question, Reads::store, [&promise](Disclosure r) { promise.set_value(std::move(r)); });
  auto outcome = answered.get();
  if (std::holds_alternative<DecideAgain>(outcome)) outcome = unavailable();
  if (auto* refusal = std::get_if<Refusal>(&outcome)) {
    if (domain::info(refusal->problem).status >= 500) return domain::unavailable_error(refusal->detail);
    if (auto r = record_staff_action(c.door.db, c.door.clock, staff.email, "demande.refus", "demande " + id,
                                     std::string(domain::info(refusal->problem).code));
        !r)
      return r.error();
    return std::variant<Demande, Refusal>(std::move(*refusal));
  }
  const auto& answer = std::get<Answer>(outcome);
  d->state = domain::DemandeState::answered;
  d->person = numero_ofpra;
  d->settled_by = staff.email;
  d->settled_at = env::format_utc(c.door.clock.now());
  d->message = message;
  d->answer_reference = answer.reference;
  d->answer = encode_answer(answer);
  auto settled = settle(c, std::move(*d));
  if (!settled) return settled.error();
  if (auto r = record_staff_action(c.door.db, c.door.clock, staff.email, "demande.reponse", "demande " + id,
                                   "référence " + std::to_string(answer.reference));
      !r)
    return r.error();
  return std::variant<Demande, Refusal>(std::move(*settled));
}

domain::Result<Demande> close_demande(const DemandeContext& c, const store::StaffMember& staff, const std::string& id,
                                      domain::ClosingReason reason, const std::string& message) {
  if (auto may = may_support(c, staff, "clôture de la demande " + id); !may) return may.error();
  auto d = pending(c, id);
  if (!d) return d.error();
  if (!domain::is_reason(message)) return domain::refused("message", "OFPRA's words to whoever asked are required");
  // A person's own question is answered in writing; a partner's is closed for a reason of its own.
  const bool hers = d->question.empty();
  if (hers != (reason == domain::ClosingReason::replied)) return domain::refused("raison", "not for this request");
  d->state = domain::DemandeState::closed;
  d->reason = reason;
  d->message = message;
  d->settled_by = staff.email;
  d->settled_at = env::format_utc(c.door.clock.now());
  auto settled = settle(c, std::move(*d));
  if (!settled) return settled.error();
  if (auto r = record_staff_action(c.door.db, c.door.clock, staff.email, "demande.cloture", "demande " + id,
                                   std::string(to_string(reason)) + " : " + message);
      !r)
    return r.error();
  return settled;
}

}  // namespace ofpra::service
