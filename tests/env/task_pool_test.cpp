#include "env/task_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

using namespace ofpra;

// Every job accepted runs, even when close() comes while it waits in the queue; no job
// refused ever runs.
TEST(TaskPool, FinishesQueuedJobsWhenClosedThenRefusesNewOnes) {
  env::TaskPool pool(2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::atomic<int> accepted{0}, ran{0};
  auto job = [gate, &ran] {
    gate.wait();
    ++ran;
  };
  // Both threads held, so that the other jobs are still queued when the pool closes.
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(pool.submit(job));
    ++accepted;
  }
  std::thread closer([&pool] { pool.close(); });
  while (pool.submit(job)) ++accepted;  // until close() takes effect
  EXPECT_EQ(ran.load(), 0);             // refused while the queued jobs still wait
  EXPECT_FALSE(pool.submit(job));
  release.set_value();
  closer.join();
  EXPECT_EQ(ran.load(), accepted.load());
  EXPECT_FALSE(pool.submit(job));
  pool.close();  // twice is harmless
  EXPECT_EQ(ran.load(), accepted.load());
}
