#pragma once
// Requests and responses as plain values, so handlers are plain functions from one to the
// other, testable without sockets and free of Beast's headers.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ofpra::http {

using Headers = std::vector<std::pair<std::string, std::string>>;

// Every response's Content-Security-Policy unless a handler sets its own. It ends with the
// form-action directive, so that a page which must post to another origin appends it.
inline constexpr std::string_view content_security_policy =
    "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
    "form-action 'self'";

struct Request {
  std::string method;  // upper case, e.g. "GET"
  std::string target;  // as received, path and query
  std::string path;    // decoded of nothing; without the query
  std::string query;   // without the '?'
  Headers headers;     // names in lower case
  std::string body;
  std::string request_id;
  std::string client_address;
  std::chrono::steady_clock::time_point received;

  // The first header of that (lower-case) name, or empty.
  std::string_view header(std::string_view name) const;
  bool accepts_html() const;
};

struct Response {
  unsigned status = 200;
  // A literal or a name that outlives the answer: set for every answer, it is never built.
  std::string_view content_type = "text/plain; charset=utf-8";
  std::string body;
  Headers headers;
  // Work left to the connection's own thread before the answer is written, run once there: an
  // answer decided on another thread (the journal's) is rendered by the worker that sends it,
  // so that the deciding thread does no more than decide.
  std::function<void(Response&)> finish;

  void set_header(std::string name, std::string value);
};

}  // namespace ofpra::http
