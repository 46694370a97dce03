#pragma once
// Messages to protected persons (one-time codes) go through the store's outbox: a request
// only queues its message, and a dispatcher thread hands queued messages to a sender, so that
// a slow or failing mail server never holds a page and nothing is lost on a restart.
#include "domain/result.hpp"
#include "store/database.hpp"

#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <memory>
#include <mutex>
#include <thread>

namespace ofpra::service {

class Sender {
 public:
  virtual ~Sender() = default;
  virtual domain::Status send(const store::OutboxMessage& message) = 0;
};

// The demo and tests: one file per message in a folder (mode 0600), named after its id, that
// a person (or a test) opens to read the code.
std::unique_ptr<Sender> file_sender(std::filesystem::path folder);

// A message is tried this many times before it is left for staff to look at.
inline constexpr int outbox_max_attempts = 5;

class OutboxDispatcher {
 public:
  OutboxDispatcher(store::PortalStore& store, Sender& sender) : store_(store), sender_(sender) {}
  ~OutboxDispatcher() { stop(); }
  OutboxDispatcher(const OutboxDispatcher&) = delete;
  OutboxDispatcher& operator=(const OutboxDispatcher&) = delete;

  void start();  // a thread that drains the outbox now, on wake(), and every few seconds
  void wake();   // a message was queued
  void stop();   // finishes the message in hand
  // Sends what is queued, on the calling thread; returns how many were sent.
  std::size_t drain();
  // False while the last message tried could not be handed to the relay (nor the outbox read).
  bool delivering() const { return delivering_; }

 private:
  store::PortalStore& store_;
  Sender& sender_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool pending_ = false;
  std::atomic<bool> delivering_{true};
  std::thread thread_;
};

}  // namespace ofpra::service
