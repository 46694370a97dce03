#include "env/task_pool.hpp"

#include "env/thread_name.hpp"

namespace ofpra::env {

TaskPool::TaskPool(unsigned threads, std::size_t max_queued) : max_queued_(max_queued) {
  for (unsigned i = 0; i < std::max(1U, threads); ++i)
    threads_.emplace_back([this] {
      name_this_thread("pool");
      for (;;) {
        std::function<void()> job;
        {
          std::unique_lock lock(mutex_);
          wake_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
          if (jobs_.empty()) return;
          job = std::move(jobs_.front());
          jobs_.pop_front();
        }
        job();
      }
    });
}

TaskPool::~TaskPool() { close(); }

void TaskPool::close() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
}

bool TaskPool::submit(std::function<void()> job) {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ || (max_queued_ && jobs_.size() >= max_queued_)) return false;
    jobs_.push_back(std::move(job));
  }
  wake_.notify_one();
  return true;
}

}  // namespace ofpra::env
