#pragma once
// Maps a method and path to a handler. Routes are exact paths, or prefixes ending in '/'.
// Each route has a name, used in metrics and the access log instead of the raw path.
#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ofpra::http {

using Handler = std::function<Response(const Request&)>;

struct RouteMatch {
  const Handler* handler = nullptr;
  std::string_view name;  // "unmatched" when no route matched
};

class Router {
 public:
  void get(std::string path, std::string name, Handler handler);
  void post(std::string path, std::string name, Handler handler);
  void add(std::string method, std::string path, std::string name, Handler handler);
  // Served when no path matches (defaults to the JSON 404 envelope).
  void set_not_found(Handler handler);

  // Finds the handler and answers; 404 and 405 are answered here.
  Response dispatch(const Request& request, std::string_view& route_name) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    std::string name;
    Handler handler;
    bool prefix;
  };
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace ofpra::http
