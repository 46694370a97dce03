#pragma once
// The HTTP/1.1 server: Boost.Beast with C++20 coroutines, one strand per connection, a thread
// per core. Handlers are plain functions (see router.hpp); the server owns all I/O.
#include "domain/result.hpp"
#include "http/access_log.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "http/trusted_proxies.hpp"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ofpra::env {
class Random;
}

namespace ofpra::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port
  std::size_t body_limit = 64 * 1024;
  // POST to these paths may carry more than body_limit: a PDF or a photo to read, a batch.
  struct Upload {
    std::string path;
    std::size_t limit;
  };
  std::vector<Upload> upload_paths;
  std::size_t header_limit = 8 * 1024;
  std::chrono::milliseconds read_timeout{10'000};   // to receive a whole request once it starts
  std::chrono::milliseconds idle_timeout{30'000};   // between keep-alive requests
  std::chrono::milliseconds drain_timeout{10'000};  // to finish in-flight requests on shutdown
  unsigned threads = 0;                             // 0: one per core
  // Reached over HTTPS (the public URL is https, TLS ended by a proxy): answers carry
  // Strict-Transport-Security, so that browsers never fall back to plain HTTP.
  bool https = false;
  // Reverse proxies whose X-Forwarded-For names the client (docs/OPERATIONS.md); none by default.
  TrustedProxies trusted_proxies;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router, Metrics& metrics, const AccessLog& log, env::Random& random);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; returns the bound port.
  domain::Result<std::uint16_t> listen();
  // Serves until SIGINT/SIGTERM or stop(), then lets in-flight requests finish. Blocks.
  void run(const std::function<void()>& on_stopping = {});
  // Asks the server to stop, from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ofpra::http
