// The server on a real loopback socket: asynchronous handlers answer later without holding
// up the worker, and a handler that fails gets a 500, not a crash.
#include "http/server.hpp"
#include "env/random.hpp"
#include "http/errors.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>

using namespace ofpra::http;
using namespace std::chrono_literals;

namespace {

int connect_to(std::uint16_t port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  timeval tv{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  return fd;
}

void send_all(int fd, const std::string& s) {
  ASSERT_EQ(::send(fd, s.data(), s.size(), 0), static_cast<ssize_t>(s.size()));
}

// Reads until the server closes the connection.
std::string read_all(int fd) {
  std::string out;
  char buf[4096];
  for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<std::size_t>(n));
  ::close(fd);
  return out;
}

// The answer read until the server closed, and how long that took since `since`.
struct ReadUntilClosed {
  std::string text;
  std::chrono::steady_clock::duration waited;
};
ReadUntilClosed read_all_since(int fd, std::chrono::steady_clock::time_point since) {
  auto text = read_all(fd);
  return {std::move(text), std::chrono::steady_clock::now() - since};
}

ServerOptions with_timeouts(std::chrono::milliseconds read, std::chrono::milliseconds idle) {
  ServerOptions o;
  o.read_timeout = read;
  o.idle_timeout = idle;
  return o;
}

Response text(std::string body) {
  Response r;
  r.body = std::move(body);
  return r;
}

struct Running {
  Router router;
  Metrics metrics;
  AccessLog log{false};
  std::unique_ptr<Server> server;
  std::thread thread;
  std::uint16_t port = 0;

  void start(ServerOptions o = {}) {
    o.port = 0;
    o.threads = 1;  // one worker: a blocked worker would block everything
    server = std::make_unique<Server>(o, router, metrics, log, ofpra::env::secure_random());
    auto p = server->listen();
    ASSERT_TRUE(p);
    port = *p;
    thread = std::thread([this] { server->run(); });
  }
  ~Running() {
    if (server) server->stop();
    if (thread.joinable()) thread.join();
  }
};

}  // namespace

TEST(Server, AnAsynchronousAnswerDoesNotHoldUpTheWorker) {
  Running s;
  std::vector<std::thread> late;
  s.router.post_async("/later", "later", [&late](const Request& req, Respond respond) {
    late.emplace_back([respond, body = req.body] {
      std::this_thread::sleep_for(400ms);
      respond(text("late:" + body));
      respond(text("twice"));  // ignored
    });
  });
  s.router.get("/now", "now", [](const Request&) { return text("now"); });
  s.start();

  const auto t0 = std::chrono::steady_clock::now();
  int a = connect_to(s.port);
  send_all(a, "POST /later HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc");
  std::this_thread::sleep_for(50ms);
  int b = connect_to(s.port);
  send_all(b, "GET /now HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  auto fast = read_all(b);
  const auto t_fast = std::chrono::steady_clock::now() - t0;
  EXPECT_NE(fast.find("\r\n\r\nnow"), std::string::npos) << fast;
  EXPECT_LT(t_fast, 350ms) << "the synchronous request waited for the asynchronous one";
  auto slow = read_all(a);
  EXPECT_NE(slow.find("HTTP/1.1 200 OK"), std::string::npos) << slow;
  EXPECT_NE(slow.find("\r\n\r\nlate:abc"), std::string::npos) << slow;
  EXPECT_EQ(slow.find("twice"), std::string::npos);
  for (auto& t : late) t.join();
}

TEST(Server, WhatAnAnswerLeavesToFinishRunsOnTheWorkerThatSendsIt) {
  Running s;
  std::thread responder;
  std::thread::id responder_id, finished_on;
  s.router.post_async("/decided-elsewhere", "elsewhere", [&](const Request&, Respond respond) {
    responder = std::thread([&, respond] {
      responder_id = std::this_thread::get_id();
      Response later;
      later.finish = [&finished_on](Response& r) {
        finished_on = std::this_thread::get_id();
        r = text("rendered");
      };
      respond(std::move(later));
    });
  });
  s.start();
  int c = connect_to(s.port);
  send_all(c, "POST /decided-elsewhere HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
  auto answer = read_all(c);
  responder.join();
  EXPECT_NE(answer.find("\r\n\r\nrendered"), std::string::npos) << answer;
  EXPECT_NE(finished_on, std::thread::id{});
  EXPECT_NE(finished_on, responder_id);
}

TEST(Server, ProtectiveHeadersAndStrictTransportOnlyOverHttps) {
  for (bool https : {false, true}) {
    Running s;
    s.router.get("/x", "x", [](const Request&) { return text("x"); });
    ServerOptions o;
    o.https = https;
    s.start(o);
    int c = connect_to(s.port);
    send_all(c, "GET /x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    const auto answer = read_all(c);
    EXPECT_NE(answer.find("Permissions-Policy: accelerometer=(), camera=()"), std::string::npos) << answer;
    EXPECT_EQ(answer.find("Strict-Transport-Security: max-age=31536000") != std::string::npos, https) << answer;
  }
}

TEST(Server, UnsoundFramingIsRefusedWith400AndTheConnectionClosed) {
  Running s;
  int reached = 0;
  s.router.post("/x", "x", [&reached](const Request&) {
    ++reached;
    return text("x");
  });
  s.router.get("/x", "x", [&reached](const Request&) {
    ++reached;
    return text("x");
  });
  s.start();
  for (const char* request : {
           "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\nabc",
           "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
           "GET /x HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
           "GET /x HTTP/1.1\r\nConnection: keep-alive\r\n\r\n",
       }) {
    int c = connect_to(s.port);
    send_all(c, request);
    const auto answer = read_all(c);  // returns once the server closes
    EXPECT_NE(answer.find("HTTP/1.1 400"), std::string::npos) << request << answer;
    EXPECT_NE(answer.find("40000"), std::string::npos) << answer;
  }
  EXPECT_EQ(reached, 0);
  // Sound framing still passes: chunked last, one host, and HTTP/1.0 without a host.
  for (const char* request : {
           "POST /x HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: "
           "close\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
           "GET /x HTTP/1.0\r\n\r\n",
       }) {
    int c = connect_to(s.port);
    send_all(c, request);
    EXPECT_NE(read_all(c).find("HTTP/1."), std::string::npos);
  }
  EXPECT_EQ(reached, 2);
}

TEST(Server, BehindATrustedProxyTheClientIsTheOneItSaw) {
  for (bool trusted : {false, true}) {
    Running s;
    s.router.get("/who", "who", [](const Request& r) { return text(r.client_address); });
    ServerOptions o;
    if (trusted) o.trusted_proxies = *TrustedProxies::parse("127.0.0.1");
    s.start(o);
    int c = connect_to(s.port);
    send_all(c, "GET /who HTTP/1.1\r\nHost: x\r\nX-Forwarded-For: 203.0.113.7\r\nConnection: close\r\n\r\n");
    const auto answer = read_all(c);
    EXPECT_NE(answer.find(trusted ? "\r\n\r\n203.0.113.7" : "\r\n\r\n127.0.0.1"), std::string::npos) << answer;
  }
}

TEST(Server, AFailingHandlerGetsA500AndTheServerGoesOn) {
  Running s;
  s.router.get("/boom", "boom", [](const Request&) -> Response { throw std::runtime_error("secret detail"); });
  s.router.post_async("/boom-later", "boom-later", [](const Request&, Respond) { throw std::runtime_error("x"); });
  s.router.get("/ok", "ok", [](const Request&) { return text("ok"); });
  s.start();
  for (const char* req : {"GET /boom HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                          "POST /boom-later HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"}) {
    int fd = connect_to(s.port);
    send_all(fd, req);
    auto r = read_all(fd);
    EXPECT_NE(r.find("HTTP/1.1 500"), std::string::npos) << r;
    EXPECT_NE(r.find("\"50000\""), std::string::npos) << r;
    EXPECT_EQ(r.find("secret detail"), std::string::npos);
  }
  int fd = connect_to(s.port);
  send_all(fd, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  EXPECT_NE(read_all(fd).find("\r\n\r\nok"), std::string::npos);
}

// Timeouts: a request must arrive whole within read_timeout, a kept-alive connection may sit
// idle for idle_timeout; past them the connection closes, with a 408 when part of a request
// had come.
TEST(Server, ARequestThatStallsGetsA408AndTheConnectionCloses) {
  Running s;
  s.router.get("/ok", "ok", [](const Request&) { return text("ok"); });
  s.start(with_timeouts(200ms, 400ms));
  const auto t0 = std::chrono::steady_clock::now();
  int fd = connect_to(s.port);
  send_all(fd, "GET /ok HTTP/1.1\r\nHost: x\r\n");  // the head never ends
  const auto [r, waited] = read_all_since(fd, t0);
  EXPECT_NE(r.find("HTTP/1.1 408"), std::string::npos) << r;
  EXPECT_NE(r.find("Connection: close"), std::string::npos) << r;
  EXPECT_GE(waited, 180ms);
  EXPECT_LT(waited, 3s);
}

TEST(Server, AConnectionThatSendsNothingIsClosedWithoutAnAnswer) {
  Running s;
  s.start(with_timeouts(200ms, 400ms));
  const auto t0 = std::chrono::steady_clock::now();
  const auto [r, waited] = read_all_since(connect_to(s.port), t0);
  EXPECT_EQ(r, "");
  EXPECT_GE(waited, 180ms);
  EXPECT_LT(waited, 3s);
}

TEST(Server, AKeptAliveConnectionIsClosedAfterItsIdleTimeout) {
  Running s;
  s.router.get("/ok", "ok", [](const Request&) { return text("ok"); });
  s.start(with_timeouts(200ms, 600ms));
  int fd = connect_to(s.port);
  send_all(fd, "GET /ok HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto [r, waited] = read_all_since(fd, std::chrono::steady_clock::now());  // the answer, then the close
  EXPECT_EQ(r.find("HTTP/1.1 200 OK"), 0U) << r;
  EXPECT_EQ(r.find("HTTP/1.1", 1), std::string::npos) << "one answer only: " << r;
  EXPECT_GE(waited, 550ms) << "closed before its idle timeout (the read timeout is shorter)";
  EXPECT_LT(waited, 3s);
}

// Answers are written at once when the socket takes them. One too big for the socket's
// buffers, to a client that does not read yet, is finished asynchronously: meanwhile the
// single worker answers another connection, and the big answer arrives whole, then the next
// one on the same connection.
TEST(Server, AnAnswerLargerThanTheSocketTakesIsFinishedWithoutHoldingTheWorker) {
  Running s;
  const std::string big(16 * 1024 * 1024, 'x');
  s.router.get("/big", "big", [&big](const Request&) { return text(big); });
  s.router.get("/ok", "ok", [](const Request&) { return text("ok"); });
  s.start(with_timeouts(5000ms, 5000ms));
  int slow = connect_to(s.port);
  send_all(slow, "GET /big HTTP/1.1\r\nHost: x\r\n\r\nGET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::this_thread::sleep_for(200ms);  // the server has filled what the socket takes
  const auto other = read_all(([&] {
    int fd = connect_to(s.port);
    send_all(fd, "GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    return fd;
  })());
  EXPECT_EQ(other.find("HTTP/1.1 200 OK"), 0U) << other;
  const auto r = read_all(slow);
  const auto body = r.find("\r\n\r\n") + 4;
  ASSERT_GT(r.size(), body + big.size());
  EXPECT_EQ(r.compare(body, big.size(), big), 0);
  EXPECT_EQ(r.find("HTTP/1.1 200 OK", body + big.size()), body + big.size()) << r.substr(body + big.size(), 200);
  EXPECT_NE(r.find("\r\n\r\nok", body + big.size()), std::string::npos);
}
