#pragma once
// A thread of its own that runs a pass, then waits for the period or a wake(), until stopped:
// what the background workers (the store monitor, bulk jobs, notifications) share.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace ofpra::env {

class WakeableLoop {
 public:
  // pass returns whether to run again at once (it did work, and more may be waiting). With
  // wait_first, the first pass comes after the first wait.
  WakeableLoop(std::string thread_name, std::chrono::milliseconds period, std::function<bool()> pass,
               bool wait_first = false);
  ~WakeableLoop();  // stop()
  WakeableLoop(const WakeableLoop&) = delete;
  WakeableLoop& operator=(const WakeableLoop&) = delete;

  void start();
  // Lets the pass in hand finish, then joins the thread.
  void stop();
  // Runs the next pass now rather than at the end of the period.
  void wake();

 private:
  void run();

  std::string name_;
  std::chrono::milliseconds period_;
  std::function<bool()> pass_;
  bool wait_first_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool stopping_ = false;  // guarded by mutex_
  bool woken_ = false;     // guarded by mutex_
  std::thread thread_;
};

}  // namespace ofpra::env
