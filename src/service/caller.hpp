#pragma once
// Who asks the door (DESIGN §4): a closed set. Policy reads the kind of caller, never whether
// some pointer is set.
#include "auth/tokens.hpp"

#include <string>
#include <variant>

namespace ofpra::service {

// A partner's information system, by its OAuth2 access token.
struct PartnerClient {
  auth::AccessToken token;
  // What the client asks within, journaled with it as "CLIENT/CONTEXT": "lot:JOB" for a bulk job's
  // item (notify/bulk_jobs.hpp), "abonnement" for following a person (notify/subscriptions.hpp).
  std::string context = {};
};
// Whoever types a share code on the public page; origin (the client's address) counts its
// failed attempts.
struct ShareCodeHolder {
  std::string origin;
};
// The protected person herself, signed in to her portal (or an operator issuing her attestation).
struct PersonHerself {
  std::string numero_ofpra;
  bool named = false;  // the answer names her (an attestation carries her names and birth date)
};
// An agent at a partner's counter, signed in (ProConnect), acting for her organisation.
struct CounterAgent {
  std::string agent;  // the agent's stable id at her identity provider
  std::string partner_siret;
};
// An OFPRA staff member answering a request that the machine could not (a "demande"), on behalf
// of the partner that asked: its habilitation and the person's consents apply as they are now.
struct StaffMember {
  std::string login;
  std::string demande;        // the request answered
  std::string partner_siret;  // the partner that asked
  bool facing_her = false;    // asked at a counter: the answer names her for the agent facing her
};

// Whoever presents a signed attestation for verification (the public page, the API, the command
// line); origin counts its attempts; organisation is what the verifier declares, if anything.
struct AttestationVerifier {
  std::string origin;
  std::string organisation;
};

using Caller =
    std::variant<PartnerClient, ShareCodeHolder, PersonHerself, CounterAgent, StaffMember, AttestationVerifier>;

enum class CallerKind {
  partner_client,
  share_code_holder,
  person_herself,
  counter_agent,
  staff_member,
  attestation_verifier
};
inline CallerKind kind_of(const Caller& caller) { return static_cast<CallerKind>(caller.index()); }

}  // namespace ofpra::service
