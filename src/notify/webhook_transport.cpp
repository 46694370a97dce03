#include "notify/webhook_transport.hpp"

#include <curl/curl.h>

#include <arpa/inet.h>
#include <sys/socket.h>

namespace ofpra::notify {
namespace {

constexpr std::size_t max_reply = 64 * 1024;

std::size_t discard(char*, std::size_t size, std::size_t count, void* read) {
  auto& total = *static_cast<std::size_t*>(read);
  total += size * count;
  return total > max_reply ? 0 : size * count;  // 0 ends the transfer
}

// The socket curl is about to open: only to an address the policy allows, whatever resolved.
curl_socket_t open_checked(void* policy, curlsocktype, curl_sockaddr* address) {
  char text[INET6_ADDRSTRLEN] = {};
  const void* raw = nullptr;
  if (address->family == AF_INET) raw = &reinterpret_cast<sockaddr_in*>(&address->addr)->sin_addr;
  if (address->family == AF_INET6) raw = &reinterpret_cast<sockaddr_in6*>(&address->addr)->sin6_addr;
  const auto* p = static_cast<const AddressPolicy*>(policy);
  if (!raw || !::inet_ntop(address->family, raw, text, sizeof text) || !public_address(text, p->allow_loopback_http))
    return CURL_SOCKET_BAD;
  return ::socket(address->family, address->socktype, address->protocol);
}

class CurlTransport final : public WebhookTransport {
 public:
  CurlTransport(const AddressPolicy& policy, std::chrono::seconds timeout) : policy_(policy), timeout_(timeout) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
  }

  DeliveryReply post(const Destination& to, const WebhookHeaders& h, std::string_view body) override {
    DeliveryReply reply;
    CURL* c = curl_easy_init();
    if (!c) return {0, "le client HTTP n'a pas démarré"};
    const bool v6 = to.address.find(':') != std::string::npos;
    const std::string pin = to.host + ":" + std::to_string(to.port) + ":" + (v6 ? "[" + to.address + "]" : to.address);
    curl_slist* resolve = curl_slist_append(nullptr, pin.c_str());
    curl_slist* headers = nullptr;
    for (const auto& line : {std::string("Content-Type: application/json"), "webhook-id: " + h.id,
                             "webhook-timestamp: " + h.timestamp, "webhook-signature: " + h.signature,
                             std::string("User-Agent: Ofpra-Connect-Webhooks/1"), std::string("Expect:")})
      headers = curl_slist_append(headers, line.c_str());
    std::size_t read = 0;
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_URL, to.url.c_str());
    curl_easy_setopt(c, CURLOPT_RESOLVE, resolve);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, policy_.allow_loopback_http ? "http,https" : "https");
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(c, CURLOPT_NOPROXY, "*");
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, 5000L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, static_cast<long>(timeout_.count() * 1000));
    curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_checked);
    curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, const_cast<AddressPolicy*>(&policy_));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &read);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.data());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, static_cast<long>(body.size()));
    const auto code = curl_easy_perform(c);
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply.status);
    curl_slist_free_all(headers);
    curl_slist_free_all(resolve);
    curl_easy_cleanup(c);
    // A reply longer than we read still says what its status said.
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && reply.status != 0))
      reply.error = std::string("échec de la livraison : ") + curl_easy_strerror(code);
    else if (reply.status >= 300 && reply.status < 400)
      reply.error = "redirection refusée (HTTP " + std::to_string(reply.status) + ")";
    else if (reply.status < 200 || reply.status >= 300)
      reply.error = "HTTP " + std::to_string(reply.status);
    return reply;
  }

 private:
  AddressPolicy policy_;
  std::chrono::seconds timeout_;
};

}  // namespace

std::unique_ptr<WebhookTransport> curl_transport(const AddressPolicy& policy, std::chrono::seconds timeout) {
  return std::make_unique<CurlTransport>(policy, timeout);
}

}  // namespace ofpra::notify
