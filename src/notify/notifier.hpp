#pragma once
// The notifier (docs/NOTIFICATIONS.md): one thread that turns the registry's new change events
// into notifications for the subscriptions they concern, ends the subscriptions a partner may no
// longer hold (checked at each event and every check period), and delivers what is due, retried
// on the schedule of Standard Webhooks until given up ("abandonnee": the partner sees it and asks
// for it again). Each step is also callable alone, for tests on a clock of their own.
#include "notify/subscriptions.hpp"
#include "notify/webhook_transport.hpp"

#include <array>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

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
  ~Notifier();  // stop()
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;
  void start();
  void stop();
  void wake();

  // New events into notifications; false when the store failed (nothing moved).
  bool fan_out();
  // Every active subscription checked against the partner's access and her consents now.
  bool check_subscriptions();
  // Delivers what is due now; how many attempts were made.
  std::size_t deliver_due();

 private:
  void run();
  void attempt(store::Notification n);

  const NotifyContext& c_;
  WebhookTransport& transport_;
  NotifierOptions options_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;  // guarded by mutex_
  bool woken_ = false;     // guarded by mutex_
  std::thread thread_;
};

}  // namespace ofpra::notify
