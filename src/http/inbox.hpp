#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>

#include <functional>
#include <mutex>
#include <vector>

namespace ofpra::http {

// Work handed to one worker's thread from other threads (answers the journal or the task
// pool decided). The first job of a round posts one drain to the worker; jobs arriving before
// it runs ride along. The journal hands back a whole batch of answers at once: posted one by
// one, each would interrupt the worker's epoll wait and wake it for a single answer.
class Inbox {
 public:
  explicit Inbox(boost::asio::io_context& ioc) : ioc_(ioc) {}
  Inbox(const Inbox&) = delete;
  Inbox& operator=(const Inbox&) = delete;

  void deliver(std::function<void()> job) {
    bool first = false;
    {
      std::lock_guard lock(mutex_);
      first = jobs_.empty();
      jobs_.push_back(std::move(job));
    }
    if (first) boost::asio::post(ioc_, [this] { drain(); });
  }

 private:
  void drain() {
    std::vector<std::function<void()>> ready;
    {
      std::lock_guard lock(mutex_);
      ready.swap(jobs_);
    }
    for (auto& job : ready) job();
  }

  boost::asio::io_context& ioc_;
  std::mutex mutex_;
  std::vector<std::function<void()>> jobs_;  // guarded by mutex_
};

}  // namespace ofpra::http
