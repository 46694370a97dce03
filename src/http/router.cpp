#include "http/router.hpp"

#include "http/errors.hpp"

namespace ofpra::http {

void Router::get(std::string path, std::string name, Handler handler) {
  add("GET", std::move(path), std::move(name), std::move(handler));
}

void Router::post(std::string path, std::string name, Handler handler) {
  add("POST", std::move(path), std::move(name), std::move(handler));
}

void Router::add(std::string method, std::string path, std::string name, Handler handler) {
  const bool prefix = path.size() > 1 && path.back() == '/';
  routes_.push_back({std::move(method), std::move(path), std::move(name), std::move(handler), prefix});
}

void Router::set_not_found(Handler handler) { not_found_ = std::move(handler); }

Response Router::dispatch(const Request& request, std::string_view& route_name) const {
  bool path_known = false;
  std::string allowed;
  for (const auto& r : routes_) {
    const bool match = r.prefix ? request.path.starts_with(r.path) : request.path == r.path;
    if (!match) continue;
    // HEAD is answered as GET; the server drops the body.
    if (r.method == request.method || (request.method == "HEAD" && r.method == "GET")) {
      route_name = r.name;
      return r.handler(request);
    }
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
