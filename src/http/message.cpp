#include "http/message.hpp"
#include "http/errors.hpp"

#include <boost/json.hpp>

namespace ofpra::http {

std::string_view Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (k == name) return v;
  return {};
}

bool Request::accepts_html() const { return header("accept").find("text/html") != std::string_view::npos; }

void Response::set_header(std::string name, std::string value) {
  for (auto& [k, v] : headers) {
    if (k == name) {
      v = std::move(value);
      return;
    }
  }
  headers.emplace_back(std::move(name), std::move(value));
}

Response json_response(unsigned status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "application/json";
  r.body = std::move(body);
  return r;
}

Response error_response(domain::Problem problem, std::string_view detail, std::string_view parameter) {
  const auto& error = domain::info(problem);
  boost::json::object e;
  e["code"] = error.code;
  e["title"] = error.title;
  e["detail"] = detail;
  if (!parameter.empty()) e["source"] = boost::json::object{{"parameter", parameter}};
  boost::json::object body;
  body["errors"] = boost::json::array{std::move(e)};
  return json_response(error.status, boost::json::serialize(body));
}

}  // namespace ofpra::http
