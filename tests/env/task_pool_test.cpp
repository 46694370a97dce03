#include "env/task_pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

using namespace ofpra;

// A bounded pool refuses what would wait beyond its bound, and takes jobs again once there is room.
TEST(TaskPool, ABoundedPoolRefusesJobsBeyondItsQueue) {
  env::TaskPool pool(1, 2);
  std::promise<void> release;
  auto gate = release.get_future().share();
  std::promise<void> started;
  std::atomic<int> ran{0};
  ASSERT_TRUE(pool.submit([gate, &started, &ran] {
    started.set_value();
    gate.wait();
    ++ran;
  }));
  started.get_future().wait();  // the thread is busy: what follows queues
  auto job = [&ran] { ++ran; };
  EXPECT_TRUE(pool.submit(job));
  EXPECT_TRUE(pool.submit(job));
  EXPECT_FALSE(pool.submit(job));  // dropped, never run
  release.set_value();
  while (ran.load() < 3) std::this_thread::yield();
  EXPECT_TRUE(pool.submit(job));
  pool.close();
  EXPECT_EQ(ran.load(), 4);
}

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
