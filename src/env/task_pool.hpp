#pragma once
// A few threads for blocking work (password hashing, database reads) so io threads never
// wait on them. Jobs run in submission order on whichever thread is free.
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace ofpra::env {

class TaskPool {
 public:
  explicit TaskPool(unsigned threads);
  ~TaskPool();  // finishes queued jobs, then joins
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;
  void submit(std::function<void()> job);

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ofpra::env
