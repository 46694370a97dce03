#include "service/disclosure.hpp"

#include "journal/chain.hpp"
#include "service/answer_codec.hpp"
#include "service/answer_shape.hpp"
#include "service/decision.hpp"
#include "service/share_codes.hpp"

namespace ofpra::service {
namespace {

using domain::Problem;

// The caller's partner access as it is now (partner clients and counter agents), with the
// access generation it was read at when it is the copy in memory.
struct Access {
  std::shared_ptr<const ClientAccess> partner;
  std::optional<std::int64_t> generation;
};

Refusal journal_failure() {
  return {Problem::journal_unavailable,
          "La réponse n'a pas pu être enregistrée au journal : elle n'est pas donnée. Réessayez plus tard.",
          {}};
}

Refusal invalid_client() { return {Problem::invalid_token, "Ce client n'est plus autorisé.", {}}; }

// The access, or what to give at once without a journal entry.
std::variant<Access, Disclosure> access_of(const DoorContext& door, const Caller& caller, Reads reads) {
  if (const auto* client = std::get_if<PartnerClient>(&caller)) {
    const auto& id = client->token.client_id;
    if (reads == Reads::memory_only) {
      // The 401 below is not journaled, so it is never given from a copy that may be stale.
      auto cached = door.access.cached(id);
      if (!cached || !cached->access || !cached->access->client.active()) return DecideAgain{};
      return Access{std::move(cached->access), cached->generation};
    }
    // Revoking a client stops its tokens at once.
    auto current = door.access.current(id);
    if (!current) return unavailable();
    if (!*current || !(*current)->client.active()) return invalid_client();
    return Access{std::move(*current), std::nullopt};
  }
  // A counter agent, or OFPRA's staff on behalf of a partner: the partner's access read now.
  const auto* agent = std::get_if<CounterAgent>(&caller);
  const auto* staff = std::get_if<StaffMember>(&caller);
  if (!agent && !staff) return Access{};
  if (reads == Reads::memory_only) return DecideAgain{};
  const auto& siret = agent ? agent->partner_siret : staff->partner_siret;
  auto partner = door.db.partners().find_partner(siret);
  auto habilitations = door.db.partners().habilitations(siret);
  if (!partner || !habilitations) return unavailable();
  // An organisation that is not a partner has no habilitation: the decision refuses, journaled.
  auto organisation = partner->value_or(domain::Partner{siret, {}, domain::AdministrationType::other});
  return Access{
      std::make_shared<const ClientAccess>(ClientAccess{{}, std::move(organisation), std::move(*habilitations)}),
      std::nullopt};
}

domain::JournalChannel channel_of(CallerKind kind) {
  using domain::JournalChannel;
  switch (kind) {
    case CallerKind::partner_client:
      return JournalChannel::api;
    case CallerKind::share_code_holder:
      return JournalChannel::share_code_page;
    case CallerKind::person_herself:
      return JournalChannel::portal;
    case CallerKind::counter_agent:
      return JournalChannel::counter;
    case CallerKind::staff_member:
      return JournalChannel::ofpra;
    case CallerKind::attestation_verifier:
      return JournalChannel::attestation;
  }
  return JournalChannel::api;
}

domain::JournalResult result_of(Outcome outcome) {
  switch (outcome) {
    case Outcome::found:
      return domain::JournalResult::found;
    case Outcome::ambiguous:
      return domain::JournalResult::ambiguous;
    case Outcome::not_found:
      break;
  }
  return domain::JournalResult::not_found;
}

// Whose failed share-code attempts count together.
std::string failure_key(const Caller& caller) {
  if (const auto* c = std::get_if<PartnerClient>(&caller)) return "client:" + c->token.client_id;
  if (const auto* h = std::get_if<ShareCodeHolder>(&caller)) return "address:" + h->origin;
  if (const auto* a = std::get_if<CounterAgent>(&caller)) return "agent:" + a->partner_siret + ":" + a->agent;
  return {};
}

// The journal entry's context: who asks, for whom, why.
domain::JournalEntry entry_for(const Caller& caller, const DisclosureRequest& request, std::string request_hash) {
  domain::JournalEntry e;
  e.channel = channel_of(kind_of(caller));
  e.agent = request.agent;
  if (const auto* c = std::get_if<PartnerClient>(&caller)) {
    e.partner_siret = c->token.siret;
    e.client_id = c->context.empty() ? c->token.client_id : c->token.client_id + "/" + c->context;
  } else if (const auto* a = std::get_if<CounterAgent>(&caller)) {
    e.partner_siret = a->partner_siret;
    if (e.agent.empty()) e.agent = a->agent;
  } else if (const auto* s = std::get_if<StaffMember>(&caller)) {
    e.partner_siret = s->partner_siret;
    e.agent = s->login;
    e.client_id = "demande:" + s->demande;
  }
  e.recipient_siret = request.recipient;
  e.purpose = request.purpose;
  e.request_hash = std::move(request_hash);
  for (auto s : request.scopes) e.scopes_asked.emplace_back(to_string(s));
  return e;
}

// A stand-in for the bytes of a request built from a form: its fields, one per line.
std::string canonical_text(const DisclosureRequest& r) {
  std::string text = std::to_string(static_cast<int>(r.subject.kind)) + '\n' + r.subject.number + '\n' +
                     r.subject.identite.nom_naissance + '\n';
  for (const auto& p : r.subject.identite.prenoms) text += p + '\x1f';
  text += '\n' + r.subject.identite.date_naissance.to_string() + '\n';
  if (r.subject.date_naissance) text += r.subject.date_naissance->to_string();
  text += '\n';
  for (auto s : r.scopes) text += std::string(to_string(s)) + ' ';
  text +=
      '\n' + (r.date ? r.date->to_string() : std::string()) + '\n' + r.purpose + '\n' + r.recipient + '\n' + r.agent;
  return text;
}

// Every answer, refusals included, is journaled first; only then does it leave.
// candidates: the persons an ambiguous identity designates, none of whom is named to the
// caller: each gets an entry of her own after this one, so that her history shows the question.
// receipt_key: a bulk job's item, whose outcome is kept with its entry (DisclosureRequest).
void journal_then(const DoorContext& door, domain::JournalEntry entry, std::variant<Answer, Refusal> outcome,
                  std::optional<std::int64_t> decided_under, DisclosureDone done,
                  const std::vector<std::string>& candidates = {}, const std::string& receipt_key = {}) {
  if (const auto* answer = std::get_if<Answer>(&outcome)) {
    entry.result = result_of(answer->outcome);
  } else {
    entry.result = domain::JournalResult::refused;
    entry.refusal_code = domain::info(std::get<Refusal>(outcome).problem).code;
  }
  std::vector<domain::JournalEntry> companions;
  if (entry.person.empty())
    for (const auto& numero : candidates) {
      if (companions.size() == max_candidates_journaled) break;
      companions.push_back(entry);
      companions.back().person = numero;
    }
  store::JournalReceipt receipt;
  if (!receipt_key.empty()) receipt = {receipt_key, 0, encode_outcome(outcome)};
  door.journal.submit(
      std::move(entry),
      [outcome = std::move(outcome), done = std::move(done)](domain::Result<domain::JournalEntry> written) mutable {
        if (!written && written.error().is_stale()) return done(DecideAgain{});
        if (!written) return done(journal_failure());
        if (auto* answer = std::get_if<Answer>(&outcome)) {
          answer->reference = written->seq;  // what the person sees in her access history
          return done(std::move(*answer));
        }
        done(std::move(std::get<Refusal>(outcome)));
      },
      decided_under, std::move(companions), std::move(receipt));
}

// Who the subject designates in the registry (a share code is resolved apart).
void find_subject(const RegistrySnapshot& registry, const Subject& subject, Facts& f) {
  std::vector<std::string> numbers;
  switch (subject.kind) {
    case SubjectKind::numero_ofpra:
      if (registry.contains(subject.number)) numbers.push_back(subject.number);
      break;
    case SubjectKind::numero_agdref:
      numbers = registry.numbers_by_agdref(subject.number);
      break;
    case SubjectKind::identite:
      numbers = registry.identity_match(subject.identite).numbers;
      break;
    case SubjectKind::code_partage:
      return;
  }
  // Two persons fit: answering could name the wrong one, so nobody is named.
  if (numbers.size() == 1)
    f.person = std::move(numbers.front());
  else if (numbers.size() > 1)
    f.candidates = std::move(numbers);
}

// The share code given, as the store has it; nullopt when the store fails.
std::optional<ShareCodeFacts> share_code_facts(const DoorContext& door, const RegistrySnapshot& registry,
                                               const Subject& subject, const std::string& key) {
  ShareCodeFacts sc;
  if (door.share_code_failures.exhausted(key)) {
    sc.attempts_exhausted = true;
    return sc;
  }
  auto stored = find_share_code(door.db.portal(), door.codes, subject.number);
  if (!stored) return std::nullopt;
  sc.code = std::move(*stored);
  if (sc.code) {
    const auto person = registry.find(sc.code->numero_ofpra, domain::PersonParts::identity);
    sc.person_registered = person.has_value();
    sc.birth_date_confirms = person && domain::birth_date_confirms(person->date_naissance, *subject.date_naissance);
  }
  return sc;
}

// The consents of the person, or of each candidate, to the caller's partner.
std::optional<ConsentsOf> consents_for(const DoorContext& door, const Facts& f, const domain::Partner& partner) {
  ConsentsOf all;
  auto read = [&](const std::string& numero) {
    auto given = door.db.consents().consents(numero, partner.siret, partner.type);
    if (!given) return false;
    all.emplace_back(numero, std::move(*given));
    return true;
  };
  if (f.person && !read(*f.person)) return std::nullopt;
  for (const auto& numero : f.candidates)
    if (!read(numero)) return std::nullopt;
  // Nobody found: the same read, so that the refusal takes as long as for somebody.
  if (!f.person && f.candidates.empty() && !read("000000000")) return std::nullopt;
  return all;
}

// The facts every decision starts from: who asks, what, with which access, on which day.
Facts facts_of(const Caller& caller, const DisclosureRequest& request, const ClientAccess* partner,
               std::chrono::system_clock::time_point now) {
  Facts f;
  f.caller = kind_of(caller);
  f.request = &request;
  f.today = domain::day_of(now);
  if (const auto* her = std::get_if<PersonHerself>(&caller)) f.herself = her->numero_ofpra;
  if (const auto* client = std::get_if<PartnerClient>(&caller)) f.token_scopes = &client->token.scopes;
  if (partner) {
    f.habilitations = &partner->habilitations;
    f.partner_siret = partner->partner.siret;
  }
  return f;
}

}  // namespace

namespace {

// designated, when given, is set to whom a found answer is about before it is journaled.
void disclose_naming(const DoorContext& door, const Caller& caller, const DisclosureRequest& request, Reads reads,
                     DisclosureDone done, std::string* designated) {
  auto access = access_of(door, caller, reads);
  if (auto* now = std::get_if<Disclosure>(&access)) return done(std::move(*now));
  const auto& [partner, generation] = std::get<Access>(access);
  const bool memory_only = reads == Reads::memory_only;

  const auto registry = door.registry.current();
  if (!registry) return done(unavailable());

  const auto now = door.clock.now();
  auto f = facts_of(caller, request, partner.get(), now);

  const auto key = failure_key(caller);
  if (request.subject.kind == SubjectKind::code_partage) {
    if (memory_only) return done(DecideAgain{});
    f.now = env::format_utc(now);
    auto sc = share_code_facts(door, *registry, request.subject, key);
    if (!sc) return done(unavailable());
    f.share_code = std::move(*sc);
  } else {
    find_subject(*registry, request.subject, f);
  }

  auto decision = decide(f);
  if (std::holds_alternative<NeedsConsents>(decision.verdict)) {
    if (memory_only) return done(DecideAgain{});
    f.consents = consents_for(door, f, partner->partner);
    if (!f.consents) return done(unavailable());
    decision = decide(f);
  }

  if (decision.origin_failure) door.share_code_failures.take(key);
  if (decision.code_failure && !door.db.portal().count_share_code_failure(f.share_code->code->id))
    return done(unavailable());

  auto entry =
      entry_for(caller, request,
                request.request_hash.empty() ? journal::sha256_hex(canonical_text(request)) : request.request_hash);
  entry.person = decision.person;
  entry.consent_ref = std::move(decision.consent_ref);
  if (decision.scopes_asked != request.scopes) {
    entry.scopes_asked.clear();
    for (auto s : decision.scopes_asked) entry.scopes_asked.emplace_back(to_string(s));
  }
  if (auto* refusal = std::get_if<Refusal>(&decision.verdict))
    return journal_then(door, std::move(entry), std::move(*refusal), generation, std::move(done), f.candidates,
                        request.receipt_key);

  const auto& grant = std::get<Grant>(decision.verdict);
  if (designated && grant.outcome == Outcome::found) *designated = decision.person;
  if (grant.outcome != Outcome::found) {
    Answer nothing;  // no block: "not found" and "ambiguous" carry no personal data
    nothing.outcome = grant.outcome;
    return journal_then(door, std::move(entry), std::move(nothing), generation, std::move(done), f.candidates,
                        request.receipt_key);
  }
  const auto* staff = std::get_if<StaffMember>(&caller);
  const auto* her = std::get_if<PersonHerself>(&caller);
  const bool facing_her = f.caller == CallerKind::counter_agent || f.caller == CallerKind::share_code_holder ||
                          (staff && staff->facing_her) || (her && her->named);
  const auto person = registry->find(
      decision.person, facing_her ? parts_for(grant.given) | domain::PersonParts::identity : parts_for(grant.given));
  if (!person) return done(unavailable());
  for (auto s : grant.given) entry.scopes_given.emplace_back(to_string(s));
  auto answer =
      shape_answer(*person, grant.given, request.date.value_or(f.today), door.processing_delay_months, *registry);
  if (facing_her)
    answer.designation =
        DesignationBlock{person->nom_naissance, person->nom_usage, person->prenoms, person->date_naissance};
  journal_then(door, std::move(entry), std::move(answer), generation, std::move(done), {}, request.receipt_key);
}

}  // namespace

void disclose(const DoorContext& door, const Caller& caller, const DisclosureRequest& request, Reads reads,
              DisclosureDone done) {
  disclose_naming(door, caller, request, reads, std::move(done), nullptr);
}

void follow(const DoorContext& door, const PartnerClient& caller, const DisclosureRequest& request, Followed done) {
  auto designated = std::make_shared<std::string>();
  disclose_naming(
      door, caller, request, Reads::store,
      [designated, done = std::move(done)](Disclosure d) mutable { done(std::move(d), std::move(*designated)); },
      designated.get());
}

std::optional<Refusal> may_still_know(const DoorContext& door, const PartnerClient& caller, const std::string& numero,
                                      const std::vector<domain::Scope>& scopes, const std::string& recipient) {
  // One Caller for the whole decision: the facts point into it.
  const Caller asking = caller;
  auto access = access_of(door, asking, Reads::store);
  if (auto* now = std::get_if<Disclosure>(&access)) {
    if (auto* refusal = std::get_if<Refusal>(now)) return *refusal;
    return unavailable();
  }
  const auto& partner = std::get<Access>(access).partner;
  DisclosureRequest request;
  request.subject.kind = SubjectKind::numero_ofpra;
  request.subject.number = numero;
  request.scopes = scopes;
  request.recipient = recipient;
  request.purpose = "-";
  auto f = facts_of(asking, request, partner.get(), door.clock.now());
  f.person = numero;
  auto decision = decide(f);
  if (std::holds_alternative<NeedsConsents>(decision.verdict)) {
    f.consents = consents_for(door, f, partner->partner);
    if (!f.consents) return unavailable();
    decision = decide(f);
  }
  if (auto* refusal = std::get_if<Refusal>(&decision.verdict)) return *refusal;
  return std::nullopt;
}

void refuse_unreadable(const DoorContext& door, const Caller& caller, Refusal refusal, std::string_view body,
                       Reads reads, DisclosureDone done, const std::string& receipt_key) {
  auto access = access_of(door, caller, reads);
  if (auto* now = std::get_if<Disclosure>(&access)) return done(std::move(*now));
  auto entry = entry_for(caller, {}, journal::sha256_hex(body));
  journal_then(door, std::move(entry), std::move(refusal), std::get<Access>(access).generation, std::move(done), {},
               receipt_key);
}

}  // namespace ofpra::service

namespace ofpra::service {

void file_demande(const DoorContext& door, const Caller& caller, const DisclosureRequest& request, Filed done) {
  auto access = access_of(door, caller, Reads::store);
  if (auto* now = std::get_if<Disclosure>(&access)) {
    if (auto* refusal = std::get_if<Refusal>(now)) return done(std::move(*refusal));
    return done(unavailable());
  }
  const auto& partner = std::get<Access>(access).partner;
  const auto f = facts_of(caller, request, partner.get(), door.clock.now());
  auto entry =
      entry_for(caller, request,
                request.request_hash.empty() ? journal::sha256_hex(canonical_text(request)) : request.request_hash);
  entry.person = f.herself;
  auto refusal = may_file(f);
  if (refusal) {
    entry.result = domain::JournalResult::refused;
    entry.refusal_code = domain::info(refusal->problem).code;
  } else {
    entry.result = domain::JournalResult::filed;
  }
  door.journal.submit(std::move(entry), [refused = std::move(refusal),
                                         done = std::move(done)](domain::Result<domain::JournalEntry> written) mutable {
    if (!written) return done(journal_failure());
    if (refused) return done(std::move(*refused));
    done(written->seq);
  });
}

}  // namespace ofpra::service

namespace ofpra::service {

void check_attestation(const DoorContext& door, const AttestationVerifier& verifier,
                       const PresentedAttestation& presented, Checked done) {
  const auto registry = door.registry.current();
  if (!registry) return done(unavailable());
  std::optional<domain::AttestationRecord> record;
  if (presented.genuine) {
    auto found = door.db.attestations().find_attestation(presented.id);
    if (!found) return done(unavailable());
    record = std::move(*found);
  }
  const auto now = door.clock.now();
  const auto today = domain::day_of(now);
  bool protected_today = true;
  if (record) {
    const auto person = registry->find(record->numero_ofpra, parts_for({domain::Scope::protection}));
    protected_today =
        person && shape_answer(*person, {domain::Scope::protection}, today, door.processing_delay_months, *registry)
                      .protection->is_protected;
  }
  AttestationCheck check;
  check.status = attestation_status(presented, record ? &*record : nullptr, today.to_string(), protected_today);
  // Ours but hers no longer: revoked for good, so that her portal says so too.
  if (record && !protected_today && record->revoked_at.empty()) {
    if (!door.db.attestations().revoke_attestation(record->id, domain::RevocationReason::protection_ended,
                                                   "ofpra-connect", env::format_utc(now)))
      return done(unavailable());
    record->revoked_at = env::format_utc(now);
    record->revoked_reason = domain::RevocationReason::protection_ended;
  }
  if (check.status == domain::AttestationStatus::valid || check.status == domain::AttestationStatus::expired ||
      check.status == domain::AttestationStatus::revoked)
    check.record = record;

  const Caller caller = verifier;
  DisclosureRequest asked;
  asked.purpose = "Vérification d'une attestation signée";
  asked.agent = verifier.organisation;
  auto entry = entry_for(caller, asked, presented.request_hash);
  if (!presented.id.empty()) entry.client_id = "attestation:" + presented.id;
  if (check.record) {
    entry.person = check.record->numero_ofpra;
    entry.result = domain::JournalResult::found;
    for (auto s : domain::scopes_of(check.record->level)) {
      entry.scopes_asked.emplace_back(to_string(s));
      if (check.status == domain::AttestationStatus::valid) entry.scopes_given.emplace_back(to_string(s));
    }
  } else {
    entry.result = domain::JournalResult::not_found;
  }
  door.journal.submit(std::move(entry), [check = std::move(check),
                                         done = std::move(done)](domain::Result<domain::JournalEntry> written) mutable {
    if (!written) return done(journal_failure());
    check.reference = written->seq;
    done(std::move(check));
  });
}

}  // namespace ofpra::service
