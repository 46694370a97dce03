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
  // max_queued: jobs that may wait for a thread (0: any number). A pool serving requests from
  // anyone is bounded, so that a flood is refused at once rather than queued for minutes.
  explicit TaskPool(unsigned threads, std::size_t max_queued = 0);
  ~TaskPool();  // close()
  TaskPool(const TaskPool&) = delete;
  TaskPool& operator=(const TaskPool&) = delete;
  // Queues job; false, and the job is dropped, once the pool is closing or when max_queued jobs
  // already wait.
  bool submit(std::function<void()> job);
  // Refuses new jobs, finishes those queued, then joins the threads. The pool stays a valid
  // object, so that a job's callback arriving later (from the journal, say) is refused, not
  // undefined.
  void close();

 private:
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::function<void()>> jobs_;
  std::size_t max_queued_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace ofpra::env
