#include "service/verification.hpp"

#include "domain/habilitation.hpp"
#include "journal/chain.hpp"
#include "service/answer_shape.hpp"
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
      if (registry.find(r.number)) numbers.push_back(r.number);
      break;
    case SubjectKind::numero_agdref:
      numbers = registry.numbers_by_agdref(r.number);
      break;
    case SubjectKind::identite:
      numbers = registry.identity_match(r.identite).numbers;
      break;
    case SubjectKind::code_partage:
      break;
  }
  // Two persons fit: answering could name the wrong one, so nobody is named.
  if (numbers.size() > 1) return {std::nullopt, std::move(numbers)};
  if (numbers.empty()) return {};
  return {numbers.front(), {}};
}

}  // namespace

void verify_person(const VerificationContext& c, const auth::AccessToken& caller, const std::string& body,
                   std::function<void(VerificationOutcome)> done) {
  // Revoking a client stops its tokens at once.
  auto access = c.access.current(caller.client_id);
  if (!access) return done({503, error_body(unavailable)});
  if (!*access || (*access)->client.revoked)
    return done({401, error_body({401, "40100", "Jeton d'accès invalide", "Ce client n'est plus autorisé.", {}})});
  const auto& habs = (*access)->habilitations;

  domain::JournalEntry entry;
  entry.channel = "api";
  entry.partner_siret = caller.siret;
  entry.client_id = caller.client_id;
  entry.request_hash = journal::sha256_hex(body);

  // Every answer, refusals included, is journaled first; only then does it leave.
  auto answer = [&](unsigned status, std::string answer_body, std::string result, std::string refusal_code) {
    entry.result = std::move(result);
    entry.refusal_code = std::move(refusal_code);
    c.journal.submit(std::move(entry), [status, answer_body = std::move(answer_body),
                                        done](domain::Result<domain::JournalEntry> written) mutable {
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
        answer_body += ",\"meta\":{\"reference\":\"" + std::to_string(written->seq) + "\"}}";
      }
      done({status, std::move(answer_body)});
    });
  };
  auto refuse = [&](const Refusal& r) { answer(r.status, error_body(r), "refus", r.code); };

  auto parsed = parse_verification_request(body);
  if (auto* r = std::get_if<Refusal>(&parsed)) return refuse(*r);
  const auto& request = std::get<VerificationRequest>(parsed);
  entry.recipient_siret = request.recipient;
  entry.purpose = request.motif;
  entry.agent = request.agent;
  for (auto s : request.scopes) entry.scopes_asked.emplace_back(to_string(s));
  const auto today =
      domain::civil_from_days(std::chrono::duration_cast<std::chrono::days>(c.clock.now().time_since_epoch()).count());
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
  if (request.subject == SubjectKind::code_partage)
    return refuse({400, "40003", "Mode de désignation indisponible",
                   "La désignation par code de partage n'est pas encore ouverte ; utilisez numero_ofpra, "
                   "numero_agdref ou identite.",
                   "code_partage"});

  const auto registry = c.registry.current();
  if (!registry) return done({503, error_body(unavailable)});
  const auto found = find_subject(*registry, request);
  // The person is named in refusals too: she sees who asked about her, even in vain.
  if (found.numero) entry.person = *found.numero;

  // Policy: the token's scopes (never beyond the habilitation), then the habilitation as it
  // is now: a token outlives a revocation by at most its lifetime, but not here.
  for (auto s : request.scopes)
    if (std::find(caller.scopes.begin(), caller.scopes.end(), to_string(s)) == caller.scopes.end())
      return refuse({403, "40300", "Scope non habilité",
                     "Votre jeton ne couvre pas le scope " + std::string(to_string(s)) + ".", "scopes"});
  std::vector<Scope> needing_consent;
  for (auto s : request.scopes) {
    const auto needs_consent = domain::consent_needed(habs, s, today_text);
    if (!needs_consent)
      return refuse({403, "40300", "Scope non habilité",
                     "Votre habilitation ne couvre plus le scope " + std::string(to_string(s)) + ".", "scopes"});
    if (*needs_consent) needing_consent.push_back(s);
  }

  // Consent: an active consent of this person for this partner covering each scope that needs
  // one. The refusal is the same whether or not the person exists (or several do), so that it
  // never tells a partner without consent that someone is protected.
  const Refusal no_consent{403, "40301", "Consentement requis",
                           "Un scope demandé exige le consentement actif de la personne ou un code de partage.",
                           "scopes"};
  auto consents_of = [&](const std::string& numero) { return c.db.consents().consents(numero, caller.siret); };
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
  const auto person = registry->find(*found.numero);
  if (!person) return done({503, error_body(unavailable)});
  for (auto s : request.scopes) entry.scopes_given.emplace_back(to_string(s));
  auto data = shape_answer(*person, request.scopes, at, c.processing_delay_months, *registry);
  answer(200, json::serialize(json::object{{"data", std::move(data)}, {"links", json::object{}}}), "trouve", {});
}

}  // namespace ofpra::service
