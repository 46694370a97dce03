#include "env/wakeable_loop.hpp"

#include "env/thread_name.hpp"

namespace ofpra::env {

WakeableLoop::WakeableLoop(std::string thread_name, std::chrono::milliseconds period, std::function<bool()> pass,
                           bool wait_first)
    : name_(std::move(thread_name)), period_(period), pass_(std::move(pass)), wait_first_(wait_first) {}

WakeableLoop::~WakeableLoop() { stop(); }

void WakeableLoop::start() {
  thread_ = std::thread([this] {
    name_this_thread(name_.c_str());
    run();
  });
}

void WakeableLoop::stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void WakeableLoop::wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  changed_.notify_all();
}

void WakeableLoop::run() {
  bool again = false;
  bool first = true;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (!again && !(first && !wait_first_)) changed_.wait_for(lock, period_, [this] { return stopping_ || woken_; });
      woken_ = false;
      if (stopping_) return;
    }
    first = false;
    again = pass_();
  }
}

}  // namespace ofpra::env
