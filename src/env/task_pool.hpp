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
  ~TaskPool();  // close()
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;
  // Queues job; false, and the job is dropped, once the pool is closing.
  bool submit(std::function<void()> job);
  // Refuses new jobs, finishes those queued, then joins the threads. The pool stays a valid
  // object, so that a job's callback arriving later (from the journal, say) is refused, not
  // undefined.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ofpra::env
