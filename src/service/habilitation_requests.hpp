#pragma once
// Requests for a habilitation (docs/BACK-OFFICE.md), as DataPass runs them for API Particulier:
// an organisation fills the public form and follows its request with a key shown once and sent
// to its contacts; OFPRA's habilitations staff ask for changes, refuse, validate (twice, by two
// people, beyond the default policy of the organisation's type) or revoke, each time saying why.
// A validation gives the habilitation that the API, the counter and bulk jobs read; both sides
// are told of each step by e-mail through the outbox.
#include "domain/habilitation_workflow.hpp"
#include "env/clock.hpp"
#include "env/random.hpp"
#include "store/database.hpp"

#include <map>
#include <optional>
#include <string>

namespace ofpra::service {

// How long a habilitation lasts when the request names no end, and when its contacts are
// reminded that it ends.
inline constexpr int default_habilitation_years = 3;
inline constexpr int max_habilitation_years = 5;
inline constexpr int reminder_days_before_end = 30;

struct RequestContext {
  store::Database& db;
  const env::Clock& clock;
  env::Random& random;
  std::string public_url;  // for the links in e-mails
  // Whether the steps are e-mailed (false: the demo's seeded requests, whose addresses are made up).
  bool notify = true;
};

// The form as typed (names as the page's fields): siret, organisation, type, scope_<scope> for
// each scope asked ("on"), sans_consentement ("on": the legal basis allows answering without
// the person's consent), base_legale, reference, motif, volume, email_dpd, email_technique,
// date_fin (YYYY-MM-DD, optional).
using RequestForm = std::map<std::string, std::string>;

// The request the form describes, checked; errors name the form's field (the first refused).
domain::Result<store::HabilitationRequest> read_request_form(const RequestForm& form, const env::Clock& clock);
// Every field of the form that is refused, in the form's order (none: it is right).
std::vector<domain::Error> request_form_errors(const RequestForm& form, const env::Clock& clock);

struct CreatedRequest {
  std::int64_t id = 0;
  std::string follow_key;  // shown once; only its hash is kept
};
// A new request, saved as a draft or submitted at once.
domain::Result<CreatedRequest> create_request(const RequestContext& c, const RequestForm& form, bool submit);

// The request when the key is its own; error "cle" (the same for an unknown number).
domain::Result<store::HabilitationRequest> followed_request(const RequestContext& c, std::int64_t id,
                                                            const std::string& key);
// The organisation edits its draft, or its request sent back for changes, and saves or submits it.
domain::Result<store::HabilitationRequest> amend_request(const RequestContext& c, std::int64_t id,
                                                         const std::string& key, const RequestForm& form, bool submit);

// A staff member's decision on a request, with its reason. Errors as domain::next_step, plus
// "type" (validation: the SIRET is registered with another type), "etat" (someone decided
// meanwhile), "demande" (no such request).
domain::Result<store::HabilitationRequest> decide_request(const RequestContext& c, const store::StaffMember& staff,
                                                          std::int64_t id, domain::RequestAction action,
                                                          const std::string& comment);

// The requests in that state (none: all), the most recently changed first.
domain::Result<std::vector<store::HabilitationRequest>> list_requests(const RequestContext& c,
                                                                      std::optional<domain::HabilitationState> state);

// A request with its steps, and, once validated, its organisation's API clients.
struct RequestFile {
  store::HabilitationRequest request;
  std::vector<store::RequestEvent> events;
  std::vector<store::ApiClient> clients;
  // The partner its SIRET already is, if any (its registered name may differ from the request's).
  std::optional<domain::Partner> registered;
};
// nullopt for an unknown number.
domain::Result<std::optional<RequestFile>> request_file(const RequestContext& c, std::int64_t id);

// E-mails the contacts of each validated habilitation that ends within reminder_days_before_end,
// once. Returns how many were reminded.
domain::Result<int> send_expiry_reminders(const RequestContext& c);

// The scopes' words of a request, e.g. "protection (avec consentement)".
std::string describe_scopes(const std::vector<domain::ScopeGrant>& scopes);

}  // namespace ofpra::service
