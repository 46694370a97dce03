#include "service/decision.hpp"

#include <algorithm>

namespace ofpra::service {
namespace {

using domain::Problem;
using domain::Scope;

bool contains(const std::vector<Scope>& scopes, Scope s) {
  return std::find(scopes.begin(), scopes.end(), s) != scopes.end();
}

Refusal invalid_share_code() {
  return {Problem::invalid_share_code,
          "Ce code de partage n'ouvre aucune réponse : il est inconnu, expiré, révoqué ou bloqué, ou la date de "
          "naissance ne correspond pas.",
          "code_partage"};
}

Refusal not_habilitated(std::string_view what, Scope s) {
  return {Problem::scope_not_habilitated, std::string(what) + std::string(to_string(s)) + ".", "scopes"};
}

// The same refusal whether the person exists, does not, or several do: it never tells a
// partner without consent that someone is protected.
Refusal no_consent() {
  return {Problem::consent_required,
          "Un scope demandé exige le consentement actif de la personne ou un code de partage.", "scopes"};
}

bool later_than(const domain::PartialDate& d, const domain::PartialDate& today) {
  return d.year > today.year || (d.year == today.year && d.month > today.month) ||
         (d.year == today.year && d.month == today.month && d.day > today.day);
}

bool may_use_share_code(CallerKind k) {
  return k == CallerKind::partner_client || k == CallerKind::counter_agent || k == CallerKind::share_code_holder;
}

const std::vector<domain::Consent>* consents_of(const Facts& f, const std::string& numero) {
  for (const auto& [n, given] : *f.consents)
    if (n == numero) return &given;
  return nullptr;
}

// The scopes of needing that consents cover; refs gets the references of the consents that do
// (the journal names what was found, even for a refusal).
std::vector<Scope> covered(const std::vector<domain::Consent>* given, const std::vector<Scope>& needing,
                           const std::string& today, std::string& refs) {
  std::vector<Scope> out;
  for (auto s : needing) {
    const auto* consent = given ? domain::covering_consent(*given, s, today) : nullptr;
    if (!consent) continue;
    out.push_back(s);
    const auto ref = "consentement:" + std::to_string(consent->id);
    if (refs.find(ref) == std::string::npos) refs += (refs.empty() ? "" : ",") + ref;
  }
  return out;
}

// The rules every request meets, whoever built it.
std::optional<Refusal> basic_refusal(const Facts& f) {
  const auto& request = *f.request;
  const auto& subject = request.subject;
  if (!valid_purpose(request.purpose))
    return Refusal{Problem::invalid_parameter,
                   "Le motif de la demande est requis (1 à 500 caractères, sans caractère de contrôle).", "motif"};
  if (!valid_agent(request.agent))
    return Refusal{Problem::invalid_parameter,
                   "L'identifiant d'agent est un texte de 100 caractères au plus, sans caractère de contrôle.",
                   "agent"};
  if (subject.kind == SubjectKind::code_partage && !subject.date_naissance)
    return Refusal{Problem::invalid_parameter, "La date de naissance de la personne accompagne le code de partage.",
                   "date_naissance"};
  // Nobody registered is born after today: such a date is a typing error to correct.
  if (subject.kind == SubjectKind::identite && later_than(subject.identite.date_naissance, f.today))
    return Refusal{Problem::invalid_parameter, "La date de naissance est postérieure à aujourd'hui.",
                   "identite.date_naissance"};
  // A status is known up to today: an answer "at" a later day would state what nobody knows yet.
  if (request.date && later_than(*request.date, f.today))
    return Refusal{Problem::invalid_parameter, "La date de la situation demandée est postérieure à aujourd'hui.",
                   "date"};
  // The page's verifier has nothing but a code; the person asks about herself only.
  if (f.caller == CallerKind::share_code_holder && subject.kind != SubjectKind::code_partage)
    return Refusal{Problem::invalid_parameter, "Donnez un code de partage.", "code_partage"};
  if (subject.kind == SubjectKind::code_partage && !may_use_share_code(f.caller))
    return Refusal{Problem::invalid_parameter, "Un code de partage se donne à une administration.", "code_partage"};
  if (f.caller == CallerKind::attestation_verifier)
    return Refusal{Problem::invalid_parameter, "Une attestation se vérifie ; elle ne donne accès à rien d'autre.",
                   "attestation"};
  if (f.caller == CallerKind::person_herself &&
      (subject.kind != SubjectKind::numero_ofpra || subject.number != f.herself))
    return Refusal{Problem::scope_not_habilitated, "Votre espace ne répond que sur vous-même.", "numero_ofpra"};
  return std::nullopt;
}

bool partner_caller(CallerKind k) {
  return k == CallerKind::partner_client || k == CallerKind::counter_agent || k == CallerKind::staff_member;
}

std::optional<Refusal> recipient_refusal(const Facts& f, const std::string& today) {
  // The data go to the partner itself, or to an administration it is habilitated to act for.
  const auto& recipient = f.request->recipient.empty() ? f.partner_siret : f.request->recipient;
  if (domain::may_receive_for(*f.habilitations, f.partner_siret, recipient, today)) return std::nullopt;
  return Refusal{Problem::recipient_not_allowed,
                 "Votre habilitation ne vous permet pas de recevoir des données pour cette administration "
                 "destinataire : indiquez votre SIRET, ou celui d'une administration pour laquelle vous êtes "
                 "habilité à agir.",
                 "recipient"};
}

bool token_covers(const Facts& f, Scope s) {
  return f.caller != CallerKind::partner_client ||
         std::find(f.token_scopes->begin(), f.token_scopes->end(), to_string(s)) != f.token_scopes->end();
}

}  // namespace

Decision decide(const Facts& f) {
  Decision d;
  const auto& request = *f.request;
  d.scopes_asked = request.scopes;
  auto refuse = [&d](Refusal r) {
    d.verdict = std::move(r);
    return d;
  };
  // The scopes still answered; a scope the caller may not have is refused, or left out when
  // she asked for at most these.
  const bool at_most = request.scopes_asked == ScopesAsked::at_most;
  const auto& subject = request.subject;
  // Her own questions are hers to see, whatever they asked.
  if (f.caller == CallerKind::person_herself) d.person = f.herself;

  if (auto refusal = basic_refusal(f)) return refuse(std::move(*refusal));

  // A share code designates its person and stands for her consent, for the scopes of its level.
  const bool by_code = subject.kind == SubjectKind::code_partage;
  if (by_code) {
    const auto& sc = *f.share_code;
    if (sc.attempts_exhausted)
      return refuse({Problem::too_many_share_code_attempts,
                     "Trop de codes de partage erronés ont été essayés depuis cette origine. Réessayez plus tard.",
                     "code_partage"});
    if (!sc.code) {
      d.origin_failure = true;
      return refuse(invalid_share_code());
    }
    // She sees every use of her code, the vain ones too.
    d.person = sc.code->numero_ofpra;
    d.consent_ref = "code:" + std::to_string(sc.code->id);
    const bool active = domain::state_of(*sc.code, f.now) == domain::ShareCodeState::active;
    if (sc.person_registered && !sc.birth_date_confirms) {
      d.origin_failure = true;
      d.code_failure = active;
      return refuse(invalid_share_code());
    }
    // Counted too, so that the pause after failures does not tell a right birth date given
    // with a dead code from a wrong one.
    if (!sc.person_registered || !active) {
      d.origin_failure = true;
      return refuse(invalid_share_code());
    }
    // The page's verifier asks for what the code opens; a partner asks for scopes, within it.
    if (f.caller == CallerKind::share_code_holder) d.scopes_asked = domain::scopes_of(sc.code->level);
  } else if (f.person) {
    d.person = *f.person;
  }

  // The scopes still answered: one the caller may not have is refused, or left out when she
  // asked for at most these.
  std::vector<Scope> wanted = d.scopes_asked;
  std::optional<Refusal> first_refusal;
  auto drop_unless = [&](auto allowed, auto refusal) {
    std::erase_if(wanted, [&](Scope s) {
      if (allowed(s)) return false;
      if (!first_refusal) first_refusal = refusal(s);
      return true;
    });
    return !first_refusal || (at_most && !wanted.empty());
  };
  if (by_code) {
    const auto opened = domain::scopes_of(f.share_code->code->level);
    if (!drop_unless([&](Scope s) { return contains(opened, s); },
                     [](Scope s) {
                       return Refusal{Problem::scope_outside_share_code,
                                      "Le code de partage ne couvre pas le scope " + std::string(to_string(s)) + ".",
                                      "scopes"};
                     }))
      return refuse(*first_refusal);
  }

  // Partners, at the counter or through their system: the token's scopes (never beyond the
  // habilitation), then the habilitation as it is now, then consent where it asks for it.
  const auto today = f.today.to_string();
  std::vector<Scope> needing_consent;
  if (partner_caller(f.caller)) {
    if (auto refusal = recipient_refusal(f, today)) return refuse(std::move(*refusal));
    if (!drop_unless([&](Scope s) { return token_covers(f, s); },
                     [](Scope s) { return not_habilitated("Votre jeton ne couvre pas le scope ", s); }))
      return refuse(*first_refusal);
    if (!drop_unless([&](Scope s) { return domain::consent_needed(*f.habilitations, s, today).has_value(); },
                     [](Scope s) { return not_habilitated("Votre habilitation ne couvre plus le scope ", s); }))
      return refuse(*first_refusal);
    if (!by_code)
      for (auto s : wanted)
        if (*domain::consent_needed(*f.habilitations, s, today)) needing_consent.push_back(s);
  }
  // Read whether or not anybody was found: an answer decided sooner for nobody would tell a
  // partner without consent that nobody is registered.
  if (!needing_consent.empty() && !f.consents) {
    d.verdict = NeedsConsents{};
    return d;
  }
  // What consents cover of a person's: all of needing_consent, or (at most) any of it.
  const bool free_scopes = wanted.size() > needing_consent.size();
  auto enough = [&](const std::vector<Scope>& given) {
    return given.size() == needing_consent.size() || (at_most && (free_scopes || !given.empty()));
  };

  if (!by_code && !f.candidates.empty()) {
    // "Ambiguous" is said only to a partner that one of the candidates consented to.
    bool may_know = needing_consent.empty();
    for (const auto& numero : f.candidates) {
      std::string ignored;  // nobody is named, so no consent either
      may_know = may_know || enough(covered(consents_of(f, numero), needing_consent, today, ignored));
    }
    if (!may_know) return refuse(no_consent());
    d.verdict = Grant{Outcome::ambiguous, {}};
    return d;
  }
  if (!needing_consent.empty()) {
    const auto given = covered(f.person ? consents_of(f, *f.person) : nullptr, needing_consent, today, d.consent_ref);
    if (!enough(given)) return refuse(no_consent());
    std::erase_if(wanted, [&](Scope s) { return contains(needing_consent, s) && !contains(given, s); });
  }
  if (!by_code && !f.person) {
    d.verdict = Grant{Outcome::not_found, {}};
    return d;
  }
  d.verdict = Grant{Outcome::found, std::move(wanted)};
  return d;
}

}  // namespace ofpra::service

namespace ofpra::service {

std::optional<Refusal> may_file(const Facts& f) {
  if (auto refusal = basic_refusal(f)) return refusal;
  const auto& request = *f.request;
  if (f.caller == CallerKind::share_code_holder || f.caller == CallerKind::staff_member)
    return Refusal{
        Problem::scope_not_habilitated, "Une demande à l'Ofpra vient d'une administration ou de la personne.", {}};
  if (request.subject.kind == SubjectKind::code_partage)
    return Refusal{Problem::invalid_parameter,
                   "Un code de partage donne sa réponse sans l'Ofpra : désignez la personne par son numéro ou son "
                   "identité.",
                   "code_partage"};
  if (!partner_caller(f.caller)) return std::nullopt;
  if (request.scopes.empty()) return Refusal{Problem::invalid_parameter, "Indiquez les scopes demandés.", "scopes"};
  const auto today = f.today.to_string();
  if (auto refusal = recipient_refusal(f, today)) return refusal;
  for (auto s : request.scopes) {
    if (!token_covers(f, s)) return not_habilitated("Votre jeton ne couvre pas le scope ", s);
    if (!domain::consent_needed(*f.habilitations, s, today))
      return not_habilitated("Votre habilitation ne couvre pas le scope ", s);
  }
  return std::nullopt;
}

domain::AttestationStatus attestation_status(const PresentedAttestation& presented,
                                             const domain::AttestationRecord* record, const std::string& today,
                                             bool protected_today) {
  using domain::AttestationStatus;
  if (!presented.genuine) return AttestationStatus::invalid;
  if (!record || record->certificate != presented.certificate) return AttestationStatus::unknown;
  if (!record->revoked_at.empty() || presented.certificate_revoked || !protected_today)
    return AttestationStatus::revoked;
  if (today > record->valid_until) return AttestationStatus::expired;
  return AttestationStatus::valid;
}

}  // namespace ofpra::service
