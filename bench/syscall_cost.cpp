// What one system call costs on this machine: a recv that finds nothing (EAGAIN, as Asio's
// speculative read after each answer does), an epoll_ctl (Asio's way to wake a worker or to
// wait for readiness without reading), and getppid (the bare entry and exit). On a virtual
// machine the entry and exit can cost far more than on bare metal, and the server makes
// about one more call per request than nginx does: docs/PERFORMANCE.md, "Host probes".
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>

namespace {

double nanoseconds_each(int count, const std::function<void()>& call) {
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < count; ++i) call();
  return std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() / count;
}

}  // namespace

int main() {
  const int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  if (listener < 0 || bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
      listen(listener, 1) != 0 || getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length) != 0)
    return std::perror("listen"), 1;
  const int client = socket(AF_INET, SOCK_STREAM, 0);
  if (client < 0 || connect(client, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
    return std::perror("connect"), 1;
  const int server = accept(listener, nullptr, nullptr);
  const int epoll = epoll_create1(0);
  epoll_event event{};
  event.events = EPOLLIN | EPOLLET;
  if (server < 0 || fcntl(server, F_SETFL, O_NONBLOCK) != 0 || epoll < 0 ||
      epoll_ctl(epoll, EPOLL_CTL_ADD, server, &event) != 0)
    return std::perror("epoll"), 1;
  constexpr int count = 1'000'000;
  char buffer[1024];
  for (int round = 0; round < 3; ++round)
    std::printf("recv finding nothing %.0f ns, epoll_ctl %.0f ns, getppid %.0f ns\n",
                nanoseconds_each(count, [&] { (void)recv(server, buffer, sizeof buffer, 0); }),
                nanoseconds_each(count, [&] { (void)epoll_ctl(epoll, EPOLL_CTL_MOD, server, &event); }),
                nanoseconds_each(count, [] { (void)getppid(); }));
  close(epoll);
  close(server);
  close(client);
  close(listener);
}
