#pragma once
// The notifier (docs/NOTIFICATIONS.md): one thread that turns the registry's new change events
// into notifications for the subscriptions they concern, ends the subscriptions a partner may no
// longer hold (checked at each event and every check period), and delivers what is due, retried
// on the schedule of Standard Webhooks until given up ("abandonnee": the partner sees it and asks
// for it again). Each step is also callable alone, for tests on a clock of their own.
#include "env/wakeable_loop.hpp"
#include "notify/subscriptions.hpp"
#include "notify/webhook_transport.hpp"

#include <array>
#include <chrono>

namespace ofpra::notify {

// The wait before each attempt, counted from the one before (the first from the notification):
// about 27 h 35 min in all, then the notification is given up.
inline constexpr std::array<std::chrono::seconds, 8> retry_schedule{
    std::chrono::seconds(0), std::chrono::seconds(5), std::chrono::minutes(5), std::chrono::minutes(30),
    std::chrono::hours(2),   std::chrono::hours(5),   std::chrono::hours(10),  std::chrono::hours(10)};

// Which scopes an event concerns: a subscription hears of it if it follows one of them.
bool concerns(std::string_view event_type, const std::vector<std::string>& scopes);

struct NotifierOptions {
  std::chrono::milliseconds period{1000};  // between passes when nothing woke it
  std::chrono::seconds check_period{300};  // between checks of every subscription
};

class Notifier {
 public:
  Notifier(const NotifyContext& context, WebhookTransport& transport, NotifierOptions options = {});
  ~Notifier();
  void start() { loop_.start(); }
  void stop() { loop_.stop(); }
  void wake() { loop_.wake(); }

  // New events into notifications; false when the store failed (nothing moved).
  bool fan_out();
  // Every active subscription checked against the partner's access and her consents now.
  bool check_subscriptions();
  // Delivers what is due now; how many attempts were made.
  std::size_t deliver_due();

 private:
  bool pass();
  void attempt(store::Notification n);

  const NotifyContext& c_;
  WebhookTransport& transport_;
  NotifierOptions options_;
  std::chrono::steady_clock::time_point checked_;
  env::WakeableLoop loop_;  // last: stopped before the rest goes
};

}  // namespace ofpra::notify
