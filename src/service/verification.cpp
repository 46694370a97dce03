#include "service/verification.hpp"

#include "domain/habilitation.hpp"
#include "journal/chain.hpp"
#include "service/answer_shape.hpp"
#include "service/share_codes.hpp"
#include "service/verification_request.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace ofpra::service {
namespace {

namespace json = boost::json;
using domain::Scope;

const Refusal unavailable{503, "50300", "Service indisponible", "Réessayez plus tard.", {}};

std::string result_only(std::string_view resultat) {
  return json::serialize(json::object{{"data", json::object{{"resultat", resultat}}}, {"links", json::object{}}});
}

struct Found {
  std::optional<std::string> numero;   // the one person designated, if any
  std::vector<std::string> ambiguous;  // the candidates, when several fit
};

Found find_subject(const RegistrySnapshot& registry, const VerificationRequest& r) {
  std::vector<std::string> numbers;
  switch (r.subject) {
    case SubjectKind::numero_ofpra:
      if (registry.contains(r.number)) numbers.push_back(r.number);
      break;
    case SubjectKind::numero_agdref:
      numbers = registry.numbers_by_agdref(r.number);
      break;
    case SubjectKind::identite:
      numbers = registry.identity_match(r.identite).numbers;
      break;
    case SubjectKind::code_partage:
      break;  // resolved by its own rules, in verify()
  }
  // Two persons fit: answering could name the wrong one, so nobody is named.
  if (numbers.size() > 1) return {std::nullopt, std::move(numbers)};
  if (numbers.empty()) return {};
  return {numbers.front(), {}};
}

// Who asks. A partner's client carries its token and its access as the store has it now; a
// verifier on the public page carries neither: only the share code authorises its answer.
struct Caller {
  const auth::AccessToken* token = nullptr;
  std::shared_ptr<const ClientAccess> access;
  std::string failure_key;  // whose failed share-code attempts count
  // Decided in memory: the access generation of the copy used, checked when journaled.
  std::optional<std::int64_t> access_generation;
};

VerificationOutcome needs_store() { return {0, {}, true}; }

const Refusal invalid_share_code{404, "40401", "Code de partage invalide",
                                 "Ce code de partage n'ouvre aucune réponse : il est inconnu, expiré, révoqué ou "
                                 "bloqué, ou la date de naissance ne correspond pas.",
                                 "code_partage"};

void verify(const VerificationContext& c, const Caller& caller, const std::string& body, Channel channel, Reads reads,
            std::function<void(VerificationOutcome)> done) {
  const bool memory_only = reads == Reads::memory_only;
  domain::JournalEntry entry;
  entry.channel = channel == Channel::api ? "api" : "code_partage";
  if (caller.token) {
    entry.partner_siret = caller.token->siret;
    entry.client_id = caller.token->client_id;
  }
  entry.request_hash = journal::sha256_hex(body);

  // Every answer, refusals included, is journaled first; only then does it leave.
  auto answer = [&](unsigned status, std::string answer_body, std::string result, std::string refusal_code) {
    entry.result = std::move(result);
    entry.refusal_code = std::move(refusal_code);
    c.journal.submit(
        std::move(entry),
        [status, answer_body = std::move(answer_body), done](domain::Result<domain::JournalEntry> written) mutable {
          if (!written && written.error().field == journal::stale_access) return done(needs_store());
          if (!written) {
            done({503, error_body({503,
                                   "50302",
                                   "Journal indisponible",
                                   "La réponse n'a pas pu être enregistrée au journal : elle n'est pas donnée. "
                                   "Réessayez plus tard.",
                                   {}})});
            return;
          }
          if (status == 200) {
            // The reference the person will see in her access history.
            answer_body.pop_back();
            answer_body += ",\"meta\":{\"reference\":\"";
            answer_body += std::to_string(written->seq);
            answer_body += "\"}}";
          }
          done({status, std::move(answer_body)});
        },
        caller.access_generation);
  };
  auto refuse = [&](const Refusal& r) { answer(r.status, error_body(r), "refus", r.code); };

  auto parsed = parse_verification_request(body, channel);
  if (auto* r = std::get_if<Refusal>(&parsed)) return refuse(*r);
  auto& request = std::get<VerificationRequest>(parsed);
  entry.recipient_siret = request.recipient;
  entry.purpose = request.motif;
  entry.agent = request.agent;
  for (auto s : request.scopes) entry.scopes_asked.emplace_back(to_string(s));
  const auto today = domain::day_of(c.clock.now());
  const auto today_text = today.to_string();
  const auto at = request.date.value_or(today);

  if (request.subject == SubjectKind::identite) {
    // Nobody registered is born after today: such a date is a typing error to correct, not a
    // search to run.
    const auto& d = request.identite.date_naissance;
    if (d.year > today.year || (d.year == today.year && d.month > today.month) ||
        (d.year == today.year && d.month == today.month && d.day > today.day))
      return refuse({400, "40001", "Paramètre invalide", "La date de naissance est postérieure à aujourd'hui.",
                     "identite.date_naissance"});
  }

  const auto registry = c.registry.current();
  if (!registry) return done({503, error_body(unavailable)});

  // A share code designates its person and stands for her consent, for the scopes of its level.
  std::optional<domain::ShareCode> code;
  Found found;
  if (request.subject == SubjectKind::code_partage) {
    if (memory_only) return done(needs_store());
    if (c.share_code_failures.exhausted(caller.failure_key))
      return refuse({429, "42901", "Trop d'essais",
                     "Trop de codes de partage erronés ont été essayés depuis cette origine. Réessayez plus tard.",
                     "code_partage"});
    auto stored = c.db.portal().find_share_code(share_code_hash(request.number));
    if (!stored) return done({503, error_body(unavailable)});
    if (!*stored) {
      c.share_code_failures.take(caller.failure_key);
      return refuse(invalid_share_code);
    }
    code = std::move(**stored);
    const auto now_text = env::format_utc(c.clock.now());
    // She sees every use of her code, the vain ones too.
    entry.person = code->numero_ofpra;
    entry.consent_ref = "code:" + std::to_string(code->id);
    const auto person = registry->find(code->numero_ofpra);
    if (person && !domain::birth_date_confirms(person->date_naissance, *request.date_naissance)) {
      c.share_code_failures.take(caller.failure_key);
      if (domain::state_of(*code, now_text) == domain::ShareCodeState::active)
        if (!c.db.portal().count_share_code_failure(code->id)) return done({503, error_body(unavailable)});
      return refuse(invalid_share_code);
    }
    if (!person || domain::state_of(*code, now_text) != domain::ShareCodeState::active)
      return refuse(invalid_share_code);
    found.numero = code->numero_ofpra;
    const auto opened = domain::scopes_of(code->level);
    // The page asks for what the code opens; a partner asks for scopes, within it.
    if (channel == Channel::share_code_page) {
      request.scopes = opened;
      for (auto s : request.scopes) entry.scopes_asked.emplace_back(to_string(s));
    }
    for (auto s : request.scopes)
      if (std::find(opened.begin(), opened.end(), s) == opened.end())
        return refuse({403, "40302", "Scope hors du code de partage",
                       "Le code de partage ne couvre pas le scope " + std::string(to_string(s)) + ".", "scopes"});
  } else {
    found = find_subject(*registry, request);
  }
  // The person is named in refusals too: she sees who asked about her, even in vain.
  if (found.numero) entry.person = *found.numero;

  // Policy for partners: the token's scopes (never beyond the habilitation), then the
  // habilitation as it is now: a token outlives a revocation by at most its lifetime, but
  // not here.
  std::vector<Scope> needing_consent;
  if (caller.token) {
    for (auto s : request.scopes)
      if (std::find(caller.token->scopes.begin(), caller.token->scopes.end(), to_string(s)) ==
          caller.token->scopes.end())
        return refuse({403, "40300", "Scope non habilité",
                       "Votre jeton ne couvre pas le scope " + std::string(to_string(s)) + ".", "scopes"});
    for (auto s : request.scopes) {
      const auto needs_consent = domain::consent_needed(caller.access->habilitations, s, today_text);
      if (!needs_consent)
        return refuse({403, "40300", "Scope non habilité",
                       "Votre habilitation ne couvre plus le scope " + std::string(to_string(s)) + ".", "scopes"});
      if (*needs_consent && !code) needing_consent.push_back(s);
    }
  }

  // Consent: an active consent of this person for this partner (or its type) covering each
  // scope that needs one. The refusal is the same whether or not the person exists (or
  // several do), so that it never tells a partner without consent that someone is protected.
  const Refusal no_consent{403, "40301", "Consentement requis",
                           "Un scope demandé exige le consentement actif de la personne ou un code de partage.",
                           "scopes"};
  auto consents_of = [&](const std::string& numero) {
    return c.db.consents().consents(numero, caller.token->siret, caller.access->partner.type);
  };
  if (memory_only && !needing_consent.empty()) return done(needs_store());
  if (!found.ambiguous.empty()) {
    // "Ambiguous" is said only to a partner that one of the candidates consented to.
    bool may_know = needing_consent.empty();
    for (const auto& numero : found.ambiguous) {
      if (may_know) break;
      auto given = consents_of(numero);
      if (!given) return done({503, error_body(unavailable)});
      may_know = std::all_of(needing_consent.begin(), needing_consent.end(),
                             [&](Scope s) { return domain::covering_consent(*given, s, today_text) != nullptr; });
    }
    if (!may_know) return refuse(no_consent);
    return answer(200, result_only("ambigu"), "ambigu", {});
  }
  if (!needing_consent.empty()) {
    std::vector<domain::Consent> consents;
    if (found.numero) {
      auto given = consents_of(*found.numero);
      if (!given) return done({503, error_body(unavailable)});
      consents = std::move(*given);
    }
    for (auto s : needing_consent) {
      const auto* consent = domain::covering_consent(consents, s, today_text);
      if (!consent) return refuse(no_consent);
      const auto ref = "consentement:" + std::to_string(consent->id);
      if (entry.consent_ref.find(ref) == std::string::npos)
        entry.consent_ref += (entry.consent_ref.empty() ? "" : ",") + ref;
    }
  }
  if (!found.numero) return answer(200, result_only("non_trouve"), "non_trouve", {});
  const auto person = registry->find(*found.numero, parts_for(request.scopes));
  if (!person) return done({503, error_body(unavailable)});
  for (auto s : request.scopes) entry.scopes_given.emplace_back(to_string(s));
  auto data = shape_answer(*person, request.scopes, at, c.processing_delay_months, *registry);
  answer(200, json::serialize(json::object{{"data", std::move(data)}, {"links", json::object{}}}), "trouve", {});
}

}  // namespace

void verify_person(const VerificationContext& c, const auth::AccessToken& caller, const std::string& body, Reads reads,
                   std::function<void(VerificationOutcome)> done) {
  const auto failure_key = "client:" + caller.client_id;
  if (reads == Reads::memory_only) {
    // The 401 below is not journaled, so it is never given from a copy that may be stale.
    auto cached = c.access.cached(caller.client_id);
    if (!cached || !cached->access || cached->access->client.revoked) return done(needs_store());
    return verify(c, {&caller, std::move(cached->access), failure_key, cached->generation}, body, Channel::api, reads,
                  std::move(done));
  }
  // Revoking a client stops its tokens at once.
  auto access = c.access.current(caller.client_id);
  if (!access) return done({503, error_body(unavailable)});
  if (!*access || (*access)->client.revoked)
    return done({401, error_body({401, "40100", "Jeton d'accès invalide", "Ce client n'est plus autorisé.", {}})});
  verify(c, {&caller, std::move(*access), failure_key, std::nullopt}, body, Channel::api, reads, std::move(done));
}

void verify_on_share_code_page(const VerificationContext& c, const std::string& client_address, const std::string& body,
                               std::function<void(VerificationOutcome)> done) {
  verify(c, {nullptr, nullptr, "address:" + client_address, std::nullopt}, body, Channel::share_code_page, Reads::store,
         std::move(done));
}

}  // namespace ofpra::service
