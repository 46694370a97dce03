#pragma once
// One webhook delivery over HTTP (docs/NOTIFICATIONS.md): a POST to the checked address only
// (the connection is pinned to it, and refused if the socket would go anywhere not allowed), no
// redirect followed, no proxy, bounded in time and in the reply read. An interface, so that the
// notifier's retries can be tested against a receiver of the test's choosing.
#include "notify/address_policy.hpp"
#include "notify/webhook_signature.hpp"

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

namespace ofpra::notify {

struct DeliveryReply {
  long status = 0;    // the HTTP status, 0 when none came
  std::string error;  // empty for a 2xx; else why, in French, without personal data
};

class WebhookTransport {
 public:
  virtual ~WebhookTransport() = default;
  // Blocking.
  virtual DeliveryReply post(const Destination& to, const WebhookHeaders& headers, std::string_view body) = 0;
};

// libcurl: connection 5 s, whole exchange `timeout`, at most 64 KiB of reply read.
std::unique_ptr<WebhookTransport> curl_transport(const AddressPolicy& policy,
                                                 std::chrono::seconds timeout = std::chrono::seconds(10));

}  // namespace ofpra::notify
