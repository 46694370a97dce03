#include "http/server.hpp"

#include "env/random.hpp"
#include "http/errors.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <csignal>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace ofpra::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

// What shutdown needs to know of a connection; touched only on the connection's strand.
struct Connection {
  explicit Connection(asio::any_io_executor ex) : executor(std::move(ex)) {}
  asio::any_io_executor executor;
  beast::tcp_stream* stream = nullptr;
  bool busy = false;  // a request is being handled or answered
};

bool valid_request_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.')) return false;
  return true;
}

void add_default_headers(Response& r) {
  auto set_default = [&](std::string_view name, std::string_view value) {
    for (const auto& h : r.headers)
      if (h.first == name) return;
    r.headers.emplace_back(std::string(name), std::string(value));
  };
  set_default("Cache-Control", "no-store");
  set_default("X-Content-Type-Options", "nosniff");
  set_default("Referrer-Policy", "no-referrer");
  set_default("X-Frame-Options", "DENY");
  set_default("Content-Security-Policy",
              "default-src 'self'; img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; "
              "base-uri 'self'; form-action 'self'");
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions o, const Router& r, Metrics& m, const AccessLog& l, env::Random& rnd)
      : options(std::move(o)), router(r), metrics(m), log(l), random(rnd) {}

  ServerOptions options;
  const Router& router;
  Metrics& metrics;
  const AccessLog& log;
  env::Random& random;

  asio::io_context ioc;
  asio::strand<asio::io_context::executor_type> control{asio::make_strand(ioc)};
  tcp::acceptor acceptor{control};
  asio::signal_set signals{control, SIGINT, SIGTERM};
  asio::steady_timer drain_timer{control};
  std::atomic<bool> stopping{false};
  std::function<void()> on_stopping;

  std::mutex connections_mutex;
  std::unordered_map<std::uint64_t, std::shared_ptr<Connection>> connections;
  std::uint64_t next_connection = 0;

  asio::awaitable<void> accept_loop() {
    while (acceptor.is_open()) {
      auto executor = asio::make_strand(ioc);
      auto [ec, socket] = co_await acceptor.async_accept(executor, use_tuple);
      if (ec) {
        if (!acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
        // Out of descriptors or similar: back off instead of spinning.
        asio::steady_timer pause(control, std::chrono::milliseconds(50));
        co_await pause.async_wait(use_tuple);
        continue;
      }
      auto conn = std::make_shared<Connection>(socket.get_executor());
      std::uint64_t id;
      {
        std::lock_guard lock(connections_mutex);
        id = next_connection++;
        connections.emplace(id, conn);
      }
      asio::co_spawn(socket.get_executor(), session(std::move(socket), conn, id), asio::detached);
    }
  }

  Request to_request(bhttp::request<bhttp::string_body>& in, const std::string& client) {
    Request req;
    req.received = std::chrono::steady_clock::now();
    req.method = std::string(in.method_string());
    req.target = std::string(in.target());
    auto q = req.target.find('?');
    req.path = req.target.substr(0, q);
    if (q != std::string::npos) req.query = req.target.substr(q + 1);
    req.headers.reserve(8);
    for (const auto& f : in) {
      std::string name(f.name_string());
      for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      req.headers.emplace_back(std::move(name), std::string(f.value()));
    }
    req.body = std::move(in.body());
    auto id = req.header("x-request-id");
    req.request_id = valid_request_id(id) ? std::string(id) : env::random_hex(random, 12);
    req.client_address = client;
    return req;
  }

  static bhttp::response<bhttp::string_body> to_beast(Response&& res, unsigned version, bool keep_alive, bool head,
                                                      const std::string& request_id) {
    bhttp::response<bhttp::string_body> out{static_cast<bhttp::status>(res.status), version};
    add_default_headers(res);
    if (!res.content_type.empty()) out.set(bhttp::field::content_type, res.content_type);
    for (auto& [k, v] : res.headers) out.set(k, v);
    out.set("X-Request-Id", request_id);
    out.keep_alive(keep_alive);
    out.body() = std::move(res.body);
    out.prepare_payload();
    if (head) out.body().clear();  // keeps the Content-Length a GET would have
    return out;
  }

  // Answers a request that could not be read, then the connection closes.
  asio::awaitable<void> refuse(beast::tcp_stream& stream, const ErrorCode& error, std::string_view detail) {
    auto id = env::random_hex(random, 12);
    auto res = to_beast(error_response(error, detail), 11, false, false, id);
    stream.expires_after(options.read_timeout);
    co_await bhttp::async_write(stream, res, use_tuple);
    log.write({id, "-", "unreadable", error.status, std::chrono::nanoseconds(0), 0, res.body().size()});
    metrics.record("unreadable", error.status, std::chrono::nanoseconds(0));
  }

  asio::awaitable<void> session(tcp::socket socket, std::shared_ptr<Connection> conn, std::uint64_t id) {
    beast::tcp_stream stream(std::move(socket));
    conn->stream = &stream;
    metrics.connection_opened();
    std::string client;
    {
      boost::system::error_code ec;
      auto ep = stream.socket().remote_endpoint(ec);
      if (!ec) client = ep.address().to_string();
    }
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      parser.body_limit(options.body_limit);
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      stream.expires_after(first ? options.read_timeout : options.idle_timeout);
      first = false;
      conn->busy = false;
      auto [ec, bytes_in] = co_await bhttp::async_read(stream, buffer, parser, use_tuple);
      conn->busy = true;
      if (ec) {
        if (ec == bhttp::error::body_limit)
          co_await refuse(stream, errors::body_too_large,
                          "Le corps de la requête dépasse " + std::to_string(options.body_limit) + " octets.");
        else if (ec == bhttp::error::header_limit)
          co_await refuse(stream, errors::headers_too_large, "Les en-têtes de la requête sont trop volumineux.");
        else if (ec == beast::error::timeout && parser.got_some())
          co_await refuse(stream, errors::request_timeout, "La requête n'a pas été reçue à temps.");
        else if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() && ec != bhttp::error::end_of_stream &&
                 ec != bhttp::error::partial_message)
          co_await refuse(stream, errors::malformed_request, "La requête HTTP est mal formée.");
        break;
      }
      auto& in = parser.get();
      const bool keep_alive = in.keep_alive();
      const bool head = in.method() == bhttp::verb::head;
      const unsigned version = in.version();
      Request req = to_request(in, client);
      Response res;
      std::string_view route = "unmatched";
      try {
        res = router.dispatch(req, route);
      } catch (const std::exception&) {
        // The message may carry request data: it is not logged.
        log_event("error", "a handler failed; answered 500");
        res = error_response(errors::internal, "Une erreur interne est survenue. Réessayez plus tard.");
      }
      const unsigned status = res.status;
      auto out = to_beast(std::move(res), version, keep_alive && !stopping, head, req.request_id);
      const auto bytes_out = out.body().size();
      stream.expires_after(options.read_timeout);
      auto [wec, written] = co_await bhttp::async_write(stream, out, use_tuple);
      const auto duration = std::chrono::steady_clock::now() - req.received;
      metrics.record(route, status, duration);
      log.write({req.request_id, req.method, route, status, duration, bytes_in, bytes_out});
      if (wec || out.need_eof()) break;
    }
    boost::system::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
    conn->stream = nullptr;
    metrics.connection_closed();
    bool last = false;
    {
      std::lock_guard lock(connections_mutex);
      connections.erase(id);
      last = connections.empty();
    }
    if (last && stopping) asio::post(control, [this] { drain_timer.cancel(); });
  }

  // Runs on the control strand.
  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    log_event("info", "stopping: finishing requests in flight");
    if (on_stopping) on_stopping();
    boost::system::error_code ignored;
    acceptor.close(ignored);
    signals.cancel(ignored);
    bool none = false;
    {
      std::lock_guard lock(connections_mutex);
      none = connections.empty();
      for (auto& [id, conn] : connections) {
        asio::post(conn->executor, [conn] {
          if (!conn->busy && conn->stream) conn->stream->cancel();
        });
      }
    }
    if (none) return;
    drain_timer.expires_after(options.drain_timeout);
    drain_timer.async_wait([this](boost::system::error_code ec) {
      if (!ec) {
        log_event("warning", "drain timeout: closing remaining connections");
        ioc.stop();
      }
    });
  }
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics, const AccessLog& log,
               env::Random& random)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, log, random)) {}

Server::~Server() = default;

domain::Result<std::uint16_t> Server::listen() {
  auto& i = *impl_;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(i.options.host, ec);
  if (ec) return domain::Error{"not an IP address: " + i.options.host, "listen"};
  tcp::endpoint ep(address, i.options.port);
  i.acceptor.open(ep.protocol(), ec);
  if (!ec) i.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) i.acceptor.bind(ep, ec);
  if (!ec) i.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return domain::Error{"cannot listen on " + i.options.host + ":" + std::to_string(i.options.port) + ": " + ec.message(), "listen"};
  return i.acceptor.local_endpoint().port();
}

void Server::run(const std::function<void()>& on_stopping) {
  auto& i = *impl_;
  i.on_stopping = on_stopping;
  i.signals.async_wait([&i](boost::system::error_code ec, int) {
    if (!ec) i.begin_shutdown();
  });
  asio::co_spawn(i.control, i.accept_loop(), asio::detached);
  unsigned n = i.options.threads ? i.options.threads : std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned t = 1; t < n; ++t) threads.emplace_back([&i] { i.ioc.run(); });
  i.ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() {
  asio::post(impl_->control, [this] { impl_->begin_shutdown(); });
}

}  // namespace ofpra::http
