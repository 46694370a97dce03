#include "http/router.hpp"

#include "http/errors.hpp"

#include <optional>

namespace ofpra::http {

void Router::get(std::string path, std::string name, Handler handler) {
  add("GET", std::move(path), std::move(name), std::move(handler));
}

void Router::post(std::string path, std::string name, Handler handler) {
  add("POST", std::move(path), std::move(name), std::move(handler));
}

void Router::add(std::string method, std::string path, std::string name, Handler handler) {
  const bool prefix = path.size() > 1 && path.back() == '/';
  routes_.push_back({std::move(method), std::move(path), std::move(name), std::move(handler), {}, prefix});
}

void Router::post_async(std::string path, std::string name, AsyncHandler handler) {
  add_async("POST", std::move(path), std::move(name), std::move(handler));
}

void Router::add_async(std::string method, std::string path, std::string name, AsyncHandler handler) {
  const bool prefix = path.size() > 1 && path.back() == '/';
  routes_.push_back({std::move(method), std::move(path), std::move(name), {}, std::move(handler), prefix});
}

bool Router::Route::covers(const std::string& request_path) const {
  return prefix ? request_path.starts_with(path) : request_path == path;
}

const Router::Route* Router::match(const Request& request) const {
  for (const auto& r : routes_) {
    // HEAD is answered as GET; the server drops the body.
    if (r.covers(request.path) && (r.method == request.method || (request.method == "HEAD" && r.method == "GET")))
      return &r;
  }
  return nullptr;
}

const AsyncHandler* Router::find_async(const Request& request, std::string_view& route_name) const {
  const auto* r = match(request);
  if (!r || !r->async) return nullptr;
  route_name = r->name;
  return &r->async;
}

void Router::set_not_found(Handler handler) { not_found_ = std::move(handler); }

Response Router::dispatch(const Request& request, std::string_view& route_name) const {
  if (const auto* r = match(request)) {
    route_name = r->name;
    if (r->handler) return r->handler(request);
    std::optional<Response> answered;
    r->async(request, [&answered](Response res) { answered = std::move(res); });
    if (answered) return std::move(*answered);
    return error_response(errors::internal, "Cette ressource répond de façon asynchrone.");
  }
  bool path_known = false;
  std::string allowed;
  for (const auto& r : routes_) {
    if (!r.covers(request.path)) continue;
    path_known = true;
    if (!allowed.empty()) allowed += ", ";
    allowed += r.method;
    route_name = r.name;
  }
  if (path_known) {
    auto res = error_response(errors::method_not_allowed, "Cette ressource accepte : " + allowed + ".");
    res.set_header("Allow", allowed);
    return res;
  }
  route_name = "unmatched";
  if (not_found_) return not_found_(request);
  return error_response(errors::not_found, "Aucune ressource à cette adresse.");
}

}  // namespace ofpra::http
