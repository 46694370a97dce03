#pragma once
// The door's answers as the API gives them (DESIGN §5, API Particulier's envelope): an Answer
// as {"data":{"resultat",…blocks named after their scopes},"links":{},"meta":{"reference"}},
// a Refusal as the error envelope with the status of its kind.
#include "http/message.hpp"
#include "service/answer.hpp"
#include "service/refusal.hpp"

namespace ofpra::api {

http::Response answer_response(const service::Answer& answer);
// 401 carries WWW-Authenticate: Bearer error="invalid_token".
http::Response refusal_response(const service::Refusal& refusal);

}  // namespace ofpra::api
