#pragma once
// Maps a method and path to a handler. Routes are exact paths, or prefixes ending in '/'.
// Each route has a name, used in metrics and the access log instead of the raw path.
#include "http/message.hpp"

#include <functional>
#include <string>
#include <vector>

namespace ofpra::http {

using Handler = std::function<Response(const Request&)>;
// Handlers that answer later (after the journal's commit, say) call respond once, from any
// thread; the server resumes the connection on its own thread.
using Respond = std::function<void(Response)>;
using AsyncHandler = std::function<void(const Request&, Respond)>;

class Router {
 public:
  void get(std::string path, std::string name, Handler handler);
  void post(std::string path, std::string name, Handler handler);
  void add(std::string method, std::string path, std::string name, Handler handler);
  void post_async(std::string path, std::string name, AsyncHandler handler);
  void add_async(std::string method, std::string path, std::string name, AsyncHandler handler);
  // Served when no path matches (defaults to the JSON 404 envelope).
  void set_not_found(Handler handler);

  // The asynchronous handler of the route matching the request, or null.
  const AsyncHandler* find_async(const Request& request, std::string_view& route_name) const;
  // Finds the handler and answers; 404 and 405 are answered here. An asynchronous route is
  // answered here only if it responds before returning.
  Response dispatch(const Request& request, std::string_view& route_name) const;

 private:
  struct Route {
    std::string method;
    std::string path;
    std::string name;
    Handler handler;
    AsyncHandler async;
    bool prefix;
    bool covers(const std::string& request_path) const;
  };
  const Route* match(const Request& request) const;
  std::vector<Route> routes_;
  Handler not_found_;
};

}  // namespace ofpra::http
