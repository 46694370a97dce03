#pragma once
// What a caller asks the door (DESIGN §4): who the person is, which scopes, about which day,
// why and for whom. Built from the API's JSON (service/verification_request.hpp) or from a
// page's form, never from anything else; the door checks it again whoever built it.
#include "domain/partial_date.hpp"
#include "domain/scope.hpp"
#include "matching/matcher.hpp"
#include "service/refusal.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace ofpra::service {

// The identity an administration holds (DESIGN §5, subject "identite").
using IdentityQuery = matching::IdentityQuery;

enum class SubjectKind { numero_ofpra, numero_agdref, identite, code_partage };

struct Subject {
  SubjectKind kind = SubjectKind::numero_ofpra;
  std::string number;  // numero_ofpra, numero_agdref, or the share code (canonical)
  IdentityQuery identite;
  std::optional<domain::PartialDate> date_naissance;  // confirms a share code
};

// What to do with a scope asked that the caller may not have now (outside her habilitation or
// share code, or without the consent it needs): refuse the whole request (the API), or leave
// that scope out and answer the others (the counter, which asks for all its access may give and
// shows what came). Refused all the same when nothing is left.
enum class ScopesAsked { exactly, at_most };

struct DisclosureRequest {
  Subject subject;
  std::vector<domain::Scope> scopes;  // without repeats, in the order asked
  ScopesAsked scopes_asked = ScopesAsked::exactly;
  std::optional<domain::PartialDate> date;  // the day the answer is about; today when absent
  std::string purpose;                      // the "motif", required
  std::string recipient;                    // SIRET of the administration receiving the data
  std::string agent;         // the partner's opaque id of its end user; the organisation on the public page
  std::string request_hash;  // hex SHA-256 of what the caller sent; derived from the fields when empty
  // A bulk job's item (service/bulk_jobs.hpp): its outcome is kept under this key with its journal
  // entry, in the entry's transaction (store::JournalReceipt). Empty for every other request.
  std::string receipt_key = {};
};

// The rules every request meets, whoever built it (purpose and agent lengths, a birth date not
// after today for an identity); the refusal names the parameter.
inline constexpr std::size_t max_purpose_length = 500;
inline constexpr std::size_t max_agent_length = 100;
// Text shown to the person and to auditors: valid UTF-8 without control characters (C0, DEL,
// C1) or bidirectional overrides and isolates, which could make it read otherwise than it is.
bool plain_text(std::string_view text);
bool valid_purpose(std::string_view purpose);  // 1 to max_purpose_length bytes of plain text
bool valid_agent(std::string_view agent);      // 0 to max_agent_length bytes of plain text

// The request of the public share-code page, from its form's fields as typed: the code (any
// case, spaces and dashes), the birth date (AAAA-MM-JJ, or less precise), the purpose and the
// verifier's organisation. The page names each field as the API does (code_partage,
// date_naissance, motif, agent).
std::variant<DisclosureRequest, Refusal> share_code_page_request(std::string_view code, std::string_view birth_date,
                                                                 std::string_view purpose,
                                                                 std::string_view organisation);

}  // namespace ofpra::service
