#pragma once
// The body of POST /api/v1/verifications (DESIGN §5), read and checked field by field. A
// refusal names the offending parameter and never repeats its value.
#include "domain/partial_date.hpp"
#include "domain/scope.hpp"
#include "service/registry_snapshot.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ofpra::service {

// An answer that is not a disclosure: what the API returns, with the error envelope's code.
struct Refusal {
  unsigned status;
  std::string code;
  std::string title;
  std::string detail;
  std::string parameter;
};
// {"errors":[{"code","title","detail","source":{"parameter"}}]}
std::string error_body(const Refusal& refusal);

enum class SubjectKind { numero_ofpra, numero_agdref, identite, code_partage };

struct VerificationRequest {
  std::string recipient;  // SIRET
  std::string motif;
  std::string agent;
  std::vector<domain::Scope> scopes;  // without repeats, in the order asked
  std::optional<domain::PartialDate> date;
  SubjectKind subject = SubjectKind::numero_ofpra;
  std::string number;  // numero_ofpra, numero_agdref, or the share code (canonical)
  IdentityQuery identite;
  std::optional<domain::PartialDate> date_naissance;  // with code_partage
};

// Who sends the body decides its rules: a partner's client names the recipient and the scopes
// and may designate the person in any way; a verifier on the public share-code page gives only
// a code, a birth date, a purpose and the organisation it declares (in agent), and receives
// what the code opens.
enum class Channel { api, share_code_page };

// The request, or the 400 refusal that says which parameter is wrong.
std::variant<VerificationRequest, Refusal> parse_verification_request(std::string_view body,
                                                                      Channel channel = Channel::api);

// An "identite" object alone, checked as in a request (for match-eval).
std::variant<IdentityQuery, Refusal> parse_identity(const boost::json::value& identite);

}  // namespace ofpra::service
