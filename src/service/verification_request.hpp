#pragma once
// The body of POST /api/v1/verifications (DESIGN §5), read and checked field by field into
// the door's typed request. A refusal names the offending parameter and never repeats its value.
#include "service/disclosure_request.hpp"

#include <boost/json/fwd.hpp>

#include <string_view>
#include <variant>

namespace ofpra::service {

// The request (its request_hash that of body), or the 400 refusal that says which parameter
// is wrong.
std::variant<DisclosureRequest, Refusal> parse_verification_request(std::string_view body);

// An "identite" object alone, checked as in a request (for match-eval).
std::variant<IdentityQuery, Refusal> parse_identity(const boost::json::value& identite);

}  // namespace ofpra::service
