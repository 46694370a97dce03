#pragma once
// The body of POST /api/v1/verifications (DESIGN §5), read and checked field by field into
// the door's typed request. A refusal names the offending parameter and never repeats its value.
#include "service/disclosure_request.hpp"

#include <boost/json/fwd.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>

namespace ofpra::service {

// The request (its request_hash that of body), or the 400 refusal that says which parameter
// is wrong.
std::variant<DisclosureRequest, Refusal> parse_verification_request(std::string_view body);

// The body of POST /api/v1/demandes (service/demandes.hpp): a verification's fields, plus "note"
// (what OFPRA should know, required) and "reference" (the journal reference of the automated
// answer it follows, required). No attachment: a request carries no file.
struct DemandeBody {
  DisclosureRequest question;  // its request_hash that of body
  std::string note;
  std::int64_t follows = 0;
};
std::variant<DemandeBody, Refusal> parse_demande_request(std::string_view body);

// The body of POST /api/v1/abonnements (notify/subscriptions.hpp): a verification's fields, plus
// "reference_partenaire", the partner's own reference for her (1 to 100 characters of plain text),
// which its notifications carry.
struct SubscriptionBody {
  DisclosureRequest request;
  std::string partner_reference;
};
std::variant<SubscriptionBody, Refusal> parse_subscription_request(std::string_view body);

// The request as a body that parse_verification_request reads back (what a demande keeps of
// its question).
std::string verification_body(const DisclosureRequest& request);

// An "identite" object alone, checked as in a request (for match-eval).
std::variant<IdentityQuery, Refusal> parse_identity(const boost::json::value& identite);

}  // namespace ofpra::service
