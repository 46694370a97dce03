#pragma once
// The error envelope of DESIGN §5: {"errors":[{"code","title","detail","source"}]}, with the
// code, status and title of each kind from the program's one table (domain/problem.hpp).
#include "domain/problem.hpp"
#include "http/message.hpp"

#include <string_view>

namespace ofpra::http {

namespace errors {
using enum domain::Problem;
}  // namespace errors

// detail explains what to do; parameter names the offending field, when there is one. Neither
// may contain personal data.
Response error_response(domain::Problem problem, std::string_view detail, std::string_view parameter = {});
Response json_response(unsigned status, std::string body);

}  // namespace ofpra::http
