#include "api/answer_json.hpp"

#include "api/partner_access.hpp"
#include "http/errors.hpp"
#include "service/answer_codec.hpp"

#include <boost/json.hpp>

namespace ofpra::api {

namespace json = boost::json;

http::Response answer_response(const service::Answer& answer) {
  return http::json_response(
      200, json::serialize(json::object{{"data", service::answer_data(answer)},
                                        {"links", json::object{}},
                                        {"meta", json::object{{"reference", std::to_string(answer.reference)}}}}));
}

http::Response refusal_response(const service::Refusal& refusal) {
  if (refusal.problem == domain::Problem::invalid_token) return unauthorized(refusal.detail);
  return http::error_response(refusal.problem, refusal.detail, refusal.parameter);
}

}  // namespace ofpra::api
