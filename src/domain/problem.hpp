#pragma once
// Every error the program answers, in one table (docs/errors.md): a kind, its five-digit code
// (the HTTP status, then two digits), its HTTP status and its title. The service refuses with a
// kind; the API, the pages and the journal read its code and status from here.
#include <cstdint>
#include <optional>
#include <string_view>

namespace ofpra::domain {

enum class Problem : std::uint8_t {
  malformed_request,             // 40000
  invalid_parameter,             // 40001
  invalid_token,                 // 40100
  scope_not_habilitated,         // 40300
  consent_required,              // 40301
  scope_outside_share_code,      // 40302
  recipient_not_allowed,         // 40303
  not_found,                     // 40400
  invalid_share_code,            // 40401
  method_not_allowed,            // 40500
  request_timeout,               // 40800
  conflict,                      // 40900
  body_too_large,                // 41300
  invalid_record,                // 42200
  too_many_requests,             // 42900
  too_many_share_code_attempts,  // 42901
  headers_too_large,             // 43100
  internal,                      // 50000
  unavailable,                   // 50300
  shutting_down,                 // 50301
  journal_unavailable,           // 50302
};

struct ProblemInfo {
  unsigned status;
  std::string_view code;
  std::string_view title;
};

const ProblemInfo& info(Problem problem);
// The kind whose code this is ("40301"), for reading a journal entry back.
std::optional<Problem> problem_of_code(std::string_view code);

}  // namespace ofpra::domain
