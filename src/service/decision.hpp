#pragma once
// The door's decision (DESIGN §3, §4) as a pure function: given the facts gathered first (the
// caller and her access, the person or the candidates, the share code, the consents, the day),
// what is answered, or why not, and what the journal names. No store, no clock, no journal:
// every combination of caller kind, partner type, scope, consent state and subject kind can be
// tried in a unit test.
#include "domain/consent.hpp"
#include "domain/habilitation.hpp"
#include "domain/share_code.hpp"
#include "service/answer.hpp"
#include "service/attestation_check.hpp"
#include "service/caller.hpp"
#include "service/disclosure_request.hpp"

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ofpra::service {

// The share code given, as the store and the registry have it.
struct ShareCodeFacts {
  bool attempts_exhausted = false;        // the origin used up its failed attempts: not looked up
  std::optional<domain::ShareCode> code;  // none for an unknown code
  bool person_registered = false;         // the code's person is in the registry
  bool birth_date_confirms = false;       // the birth date given confirms hers
};

// A person's consents to the caller's partner (or its type), every state.
using ConsentsOf = std::vector<std::pair<std::string, std::vector<domain::Consent>>>;

struct Facts {
  CallerKind caller = CallerKind::partner_client;
  std::string herself;                                               // person_herself: her number
  const std::vector<std::string>* token_scopes = nullptr;            // partner_client
  const std::vector<domain::Habilitation>* habilitations = nullptr;  // partners' callers
  std::string partner_siret;                                         // partners' callers
  const DisclosureRequest* request = nullptr;
  domain::PartialDate today;
  std::string now;  // RFC 3339 UTC, for a share code's state (needed with a share code only)

  std::optional<std::string> person;    // the one person the subject designates
  std::vector<std::string> candidates;  // or several (then nobody is named)
  std::optional<ShareCodeFacts> share_code;
  std::optional<ConsentsOf> consents;  // of the person or each candidate; nullopt: not read yet
};

struct Grant {
  Outcome outcome = Outcome::not_found;
  std::vector<domain::Scope> given;  // found only
};
// The decision needs the consents of facts.person or facts.candidates: read them, decide again.
struct NeedsConsents {};

struct Decision {
  std::variant<Grant, Refusal, NeedsConsents> verdict;
  std::string person;       // the person the journal names (she sees who asked, even in vain); empty: none
  std::string consent_ref;  // "code:<id>" or "consentement:<id>[,…]"
  std::vector<domain::Scope> scopes_asked;  // what a share code opens, when the holder asks for it
  bool origin_failure = false;              // a failed share-code attempt, counted against the origin
  bool code_failure = false;                // a wrong birth date given with an active code
};

Decision decide(const Facts& facts);

// Whether the caller may file a request to OFPRA ("demande") about what she asked: the rules
// every request meets, and a partner's access (recipient, token, habilitation) for every scope
// asked; nothing is looked up, so consent is checked when OFPRA answers. nullopt: she may.
std::optional<Refusal> may_file(const Facts& facts);

// What a verifier is told of an attestation presented today: invalid unless our signature holds,
// unknown unless we issued it (under that certificate), revoked (withdrawn, by OFPRA, its
// certificate revoked, or her protection ended: protected_today false), expired after its last
// valid day, valid otherwise.
domain::AttestationStatus attestation_status(const PresentedAttestation& presented,
                                             const domain::AttestationRecord* record, const std::string& today,
                                             bool protected_today);

}  // namespace ofpra::service
