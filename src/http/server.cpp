#include "http/server.hpp"

#include "env/random.hpp"
#include "env/thread_name.hpp"
#include "http/errors.hpp"
#include "http/inbox.hpp"
#include "http/request_reading.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <thread>
#include <tuple>
#include <unordered_map>

namespace ofpra::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto use_tuple = asio::as_tuple(asio::use_awaitable);

namespace {

using Clock = std::chrono::steady_clock;

// What shutdown and the timeout sweep need to know of a connection; touched only by its
// worker's thread.
struct Connection {
  tcp::socket* socket = nullptr;
  bool busy = false;  // a request is being handled or answered
  // The read or write in progress must end by then; none is timed while a handler works.
  Clock::time_point deadline = Clock::time_point::max();
  bool timed_out = false;  // the sweep cancelled the operation in progress

  void time_next_operation(std::chrono::milliseconds timeout) {
    deadline = Clock::now() + timeout;
    timed_out = false;
  }
  void untimed() { deadline = Clock::time_point::max(); }
};

// Request ids need to be unique, not secret: a per-worker SplitMix64 seeded once from the
// secure source avoids a getrandom call per request.
class IdSource {
 public:
  explicit IdSource(std::uint64_t seed) : state_(seed) {}
  std::string next() {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(24, '0');
    std::uint64_t a = mix(), b = mix();
    for (int i = 0; i < 16; ++i) out[static_cast<std::size_t>(i)] = digits[(a >> (4 * i)) & 0xf];
    for (int i = 0; i < 8; ++i) out[static_cast<std::size_t>(16 + i)] = digits[(b >> (4 * i)) & 0xf];
    return out;
  }

 private:
  std::uint64_t mix() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
};

// Sent unless a handler set its own value. Written straight to the wire: copying them into
// every response's header list cost more than the rest of the head.
constexpr std::pair<std::string_view, std::string_view> default_headers[] = {
    {"Cache-Control", "no-store"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "no-referrer"},
    {"X-Frame-Options", "DENY"},
    {"Content-Security-Policy", content_security_policy},
    {"Permissions-Policy",
     "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), "
     "usb=()"},
};

bool has_header(const Response& r, std::string_view name) {
  for (const auto& h : r.headers)
    if (h.first == name) return true;
  return false;
}

}  // namespace

// One worker per thread, each with its own io_context and its own SO_REUSEPORT acceptor, as
// nginx runs its workers: a connection lives on one thread, so no strand or lock is needed
// on the request path, and the kernel spreads new connections across workers.
struct Worker {
  explicit Worker(std::uint64_t seed) : ids(seed) {}
  asio::io_context ioc{1};
  Inbox inbox{ioc};
  tcp::acceptor acceptor{ioc};
  asio::steady_timer drain_timer{ioc};
  asio::steady_timer sweep_timer{ioc};
  std::unordered_map<std::uint64_t, Connection*> connections;
  std::uint64_t next_connection = 0;
  IdSource ids;
};

struct Server::Impl {
  Impl(ServerOptions o, const Router& r, Metrics& m, const AccessLog& l, env::Random& rnd)
      : options(std::move(o)), router(r), metrics(m), log(l), random(rnd) {
    unsigned n = options.threads ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    for (unsigned i = 0; i < n; ++i) {
      std::uint64_t seed = 0;
      random.fill({reinterpret_cast<std::uint8_t*>(&seed), sizeof seed});
      workers.push_back(std::make_unique<Worker>(seed));
    }
    signals = std::make_unique<asio::signal_set>(workers.front()->ioc, SIGINT, SIGTERM);
  }

  ServerOptions options;

  // The body a request may carry, once its method and target are known.
  std::size_t body_limit_of(bhttp::verb method, std::string_view target) const {
    const auto path = target.substr(0, target.find('?'));
    if (method == bhttp::verb::post)
      for (const auto& u : options.upload_paths)
        if (u.path == path) return std::max(options.body_limit, u.limit);
    return options.body_limit;
  }
  // The largest, before the target is known.
  std::size_t largest_body_limit() const {
    std::size_t largest = options.body_limit;
    for (const auto& u : options.upload_paths) largest = std::max(largest, u.limit);
    return largest;
  }
  const Router& router;
  Metrics& metrics;
  const AccessLog& log;
  env::Random& random;

  std::vector<std::unique_ptr<Worker>> workers;
  std::unique_ptr<asio::signal_set> signals;  // served by the first worker
  std::atomic<bool> stopping{false};
  std::function<void()> on_stopping;

  asio::awaitable<void> accept_loop(Worker& w) {
    while (w.acceptor.is_open()) {
      auto [ec, socket] = co_await w.acceptor.async_accept(use_tuple);
      if (ec) {
        if (!w.acceptor.is_open() || ec == asio::error::operation_aborted) co_return;
        // Out of descriptors or similar: back off instead of spinning.
        asio::steady_timer pause(w.ioc, std::chrono::milliseconds(50));
        co_await pause.async_wait(use_tuple);
        continue;
      }
      asio::co_spawn(w.ioc, session(w, std::move(socket)), asio::detached);
    }
  }

  // Timeouts by a sweep of the worker's connections a few times per timeout rather than a
  // timer armed and cancelled around every read and write (as Beast's tcp_stream does: 2.5 %
  // of the server's CPU under load). The operation past its deadline is cancelled, not the
  // socket closed, so that a request cut short can still be answered 408.
  asio::awaitable<void> sweep_loop(Worker& w) {
    const auto tick = std::clamp(std::min(options.read_timeout, options.idle_timeout) / 10,
                                 std::chrono::milliseconds(5), std::chrono::milliseconds(1000));
    while (!stopping) {
      w.sweep_timer.expires_after(tick);
      auto [ec] = co_await w.sweep_timer.async_wait(use_tuple);
      if (ec) co_return;
      const auto now = Clock::now();
      for (auto& [id, conn] : w.connections)
        if (now >= conn->deadline && !conn->timed_out) {
          conn->timed_out = true;
          boost::system::error_code ignored;
          conn->socket->cancel(ignored);
        }
    }
  }

  // The whole answer in one buffer: one gather-free write per response, which costs far less
  // than Beast's field-by-field serializer. Header values come from our own code only.
  static std::string wire(Response&& res, unsigned version, bool keep_alive, bool head, const std::string& request_id,
                          bool https) {
    std::string out;
    out.reserve(512 + (head ? 0 : res.body.size()));
    out += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
    out += std::to_string(res.status);
    out += ' ';
    out += bhttp::obsolete_reason(static_cast<bhttp::status>(res.status));
    out += "\r\n";
    auto field = [&out](std::string_view name, std::string_view value) {
      out += name;
      out += ": ";
      out += value;
      out += "\r\n";
    };
    if (!res.content_type.empty()) field("Content-Type", res.content_type);
    for (const auto& [k, v] : res.headers) field(k, v);
    for (const auto& [k, v] : default_headers)
      if (!has_header(res, k)) field(k, v);
    if (https) field("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    field("X-Request-Id", request_id);
    field("Content-Length", std::to_string(res.body.size()));
    if (!keep_alive)
      field("Connection", "close");
    else if (version == 10)
      field("Connection", "keep-alive");
    out += "\r\n";
    if (!head) out += res.body;  // HEAD keeps the Content-Length a GET would have
    return out;
  }

  // Answers a request that could not be read, then the connection closes.
  asio::awaitable<void> refuse(Worker& w, Connection& conn, domain::Problem error, std::string_view detail) {
    auto id = w.ids.next();
    auto res = error_response(error, detail);
    const auto bytes_out = res.body.size();
    const auto status = res.status;
    auto out = wire(std::move(res), 11, false, false, id, options.https);
    conn.time_next_operation(options.read_timeout);
    co_await asio::async_write(*conn.socket, asio::buffer(out), use_tuple);
    log.write({id, "-", "unreadable", status, std::chrono::nanoseconds(0), 0, bytes_out});
    metrics.record("unreadable", status, std::chrono::nanoseconds(0));
  }

  // Suspends the connection until an asynchronous handler responds, from whatever thread,
  // then resumes it on its worker: the worker serves other connections meanwhile.
  asio::awaitable<Response> answer_later(Worker& w, const AsyncHandler& handler, const Request& req) {
    return asio::async_initiate<decltype(asio::use_awaitable), void(Response)>(
        [&w, &handler, &req](auto completion) {
          auto shared = std::make_shared<decltype(completion)>(std::move(completion));
          auto once = std::make_shared<std::atomic<bool>>(false);
          Respond respond = [&w, shared, once](Response res) {
            if (once->exchange(true)) return;  // a second answer is a handler bug: ignored
            w.inbox.deliver([shared, res = std::move(res)]() mutable { (*shared)(std::move(res)); });
          };
          try {
            handler(req, respond);
          } catch (const std::exception&) {
            log_event("error", "a handler failed; answered 500");
            respond(error_response(errors::internal, "Une erreur interne est survenue. Réessayez plus tard."));
          }
        },
        asio::use_awaitable);
  }

  asio::awaitable<void> session(Worker& w, tcp::socket socket) {
    Connection conn{&socket};
    const auto id = w.next_connection++;
    w.connections.emplace(id, &conn);
    metrics.connection_opened();
    std::string client;
    bool write_at_once = false;
    {
      boost::system::error_code ec;
      auto ep = socket.remote_endpoint(ec);
      if (!ec) client = ep.address().to_string();
      socket.non_blocking(true, ec);
      write_at_once = !ec;  // a blocking socket would hold the worker on a slow reader
    }
    beast::flat_buffer buffer;
    bool first = true;
    while (!stopping) {
      bhttp::request_parser<bhttp::string_body> parser;
      // The header's Content-Length is checked against the limit as soon as the header is read:
      // the larger one until the target is known.
      parser.body_limit(largest_body_limit());
      parser.header_limit(static_cast<std::uint32_t>(options.header_limit));
      conn.time_next_operation(first ? options.read_timeout : options.idle_timeout);
      first = false;
      conn.busy = false;
      auto [ec, bytes_in] = co_await bhttp::async_read_header(socket, buffer, parser, use_tuple);
      conn.busy = true;
      // The few routes that take a file or a batch take a larger body.
      std::size_t body_limit = largest_body_limit();
      if (!ec) {
        body_limit = body_limit_of(parser.get().method(), parser.get().target());
        const auto length = parser.content_length();
        if (length && *length > body_limit)
          ec = bhttp::error::body_limit;
        else
          parser.body_limit(body_limit);
      }
      if (!ec && !parser.is_done())
        std::tie(ec, bytes_in) = co_await bhttp::async_read(socket, buffer, parser, use_tuple);
      conn.untimed();
      if (ec) {
        const bool timed_out = conn.timed_out && ec == asio::error::operation_aborted;
        if (ec == bhttp::error::body_limit)
          co_await refuse(w, conn, errors::body_too_large,
                          "Le corps de la requête dépasse " + std::to_string(body_limit) + " octets.");
        else if (ec == bhttp::error::header_limit)
          co_await refuse(w, conn, errors::headers_too_large, "Les en-têtes de la requête sont trop volumineux.");
        else if (timed_out && parser.got_some())
          co_await refuse(w, conn, errors::request_timeout, "La requête n'a pas été reçue à temps.");
        else if (ec.category() == bhttp::make_error_code(bhttp::error::end_of_stream).category() &&
                 ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message)
          co_await refuse(w, conn, errors::malformed_request, "La requête HTTP est mal formée.");
        break;
      }
      auto& in = parser.get();
      if (const auto why = framing_problem(in); !why.empty()) {
        co_await refuse(w, conn, errors::malformed_request, why);
        break;
      }
      const bool keep_alive = in.keep_alive();
      const bool head = in.method() == bhttp::verb::head;
      const unsigned version = in.version();
      Request req = to_request(in, client, options.trusted_proxies);
      if (req.request_id.empty()) req.request_id = w.ids.next();
      Response res;
      std::string_view route = "unmatched";
      try {
        if (const auto* async = router.find_async(req, route))
          res = co_await answer_later(w, *async, req);
        else
          res = router.dispatch(req, route);
        if (res.finish) std::exchange(res.finish, {})(res);
      } catch (const std::exception&) {
        // The message may carry request data: it is not logged.
        log_event("error", "a handler failed; answered 500");
        res = error_response(errors::internal, "Une erreur interne est survenue. Réessayez plus tard.");
      }
      const unsigned status = res.status;
      const auto bytes_out = head ? 0 : res.body.size();
      const bool keep = keep_alive && !stopping;
      auto out = wire(std::move(res), version, keep, head, req.request_id, options.https);
      // An answer nearly always fits the socket's send buffer: written at once (the socket is
      // non-blocking), it needs no asynchronous operation, no completion posted back to the
      // worker and no suspension. What does not fit goes asynchronously, under the timeout.
      boost::system::error_code wec = asio::error::would_block;
      const auto sent = write_at_once ? socket.write_some(asio::buffer(out), wec) : 0;
      if (wec == asio::error::would_block || (!wec && sent < out.size())) {
        conn.time_next_operation(options.read_timeout);
        std::tie(wec, std::ignore) = co_await asio::async_write(socket, asio::buffer(out) + sent, use_tuple);
      }
      const auto duration = std::chrono::steady_clock::now() - req.received;
      metrics.record(route, status, duration);
      log.write({req.request_id, req.method, route, status, duration, bytes_in, bytes_out});
      if (wec || !keep) break;
    }
    boost::system::error_code ignored;
    socket.shutdown(tcp::socket::shutdown_send, ignored);
    metrics.connection_closed();
    w.connections.erase(id);
    if (stopping && w.connections.empty()) w.drain_timer.cancel();
  }

  // Runs on the worker's own thread.
  void shutdown_worker(Worker& w) {
    boost::system::error_code ignored;
    w.acceptor.close(ignored);
    w.sweep_timer.cancel();
    for (auto& [id, conn] : w.connections)
      if (!conn->busy) conn->socket->cancel(ignored);
    if (w.connections.empty()) return;
    w.drain_timer.expires_after(options.drain_timeout);
    w.drain_timer.async_wait([&w](boost::system::error_code ec) {
      if (!ec) {
        log_event("warning", "drain timeout: closing remaining connections");
        w.ioc.stop();
      }
    });
  }

  void begin_shutdown() {
    if (stopping.exchange(true)) return;
    log_event("info", "stopping: finishing requests in flight");
    if (on_stopping) on_stopping();
    asio::post(workers.front()->ioc, [this] {
      boost::system::error_code ignored;
      signals->cancel(ignored);
    });
    for (auto& w : workers) asio::post(w->ioc, [this, &w = *w] { shutdown_worker(w); });
  }
};

Server::Server(ServerOptions options, const Router& router, Metrics& metrics, const AccessLog& log, env::Random& random)
    : impl_(std::make_unique<Impl>(std::move(options), router, metrics, log, random)) {}

Server::~Server() = default;

domain::Result<std::uint16_t> Server::listen() {
  auto& i = *impl_;
  boost::system::error_code ec;
  auto address = asio::ip::make_address(i.options.host, ec);
  if (ec) return domain::Error{"not an IP address: " + i.options.host, "listen"};
  std::uint16_t port = i.options.port;
  using reuse_port = asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>;
  for (auto& w : i.workers) {
    tcp::endpoint ep(address, port);  // the first bind may pick the port; the others share it
    w->acceptor.open(ep.protocol(), ec);
    if (!ec) w->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec) w->acceptor.set_option(reuse_port(true), ec);
    if (!ec) w->acceptor.bind(ep, ec);
    if (!ec) w->acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
      return domain::Error{"cannot listen on " + i.options.host + ":" + std::to_string(port) + ": " + ec.message(),
                           "listen"};
    port = w->acceptor.local_endpoint().port();
  }
  return port;
}

void Server::run(const std::function<void()>& on_stopping) {
  auto& i = *impl_;
  i.on_stopping = on_stopping;
  i.signals->async_wait([&i](boost::system::error_code ec, int) {
    if (!ec) i.begin_shutdown();
  });
  for (auto& w : i.workers) {
    asio::co_spawn(w->ioc, i.accept_loop(*w), asio::detached);
    asio::co_spawn(w->ioc, i.sweep_loop(*w), asio::detached);
  }
  std::vector<std::thread> threads;
  for (std::size_t t = 1; t < i.workers.size(); ++t)
    threads.emplace_back([&w = *i.workers[t]] {
      env::name_this_thread("io");
      w.ioc.run();
    });
  i.workers.front()->ioc.run();
  for (auto& t : threads) t.join();
}

void Server::stop() { impl_->begin_shutdown(); }

}  // namespace ofpra::http
