#include "http/inbox.hpp"

#include <gtest/gtest.h>

#include <thread>
#include <vector>

namespace ofpra::http {
namespace {

TEST(Inbox, JobsDeliveredBeforeTheWorkerRunsShareOneWakeUpAndRunInOrder) {
  boost::asio::io_context ioc;
  Inbox inbox(ioc);
  std::vector<int> ran;
  std::thread other([&] {
    for (int i = 0; i < 100; ++i) inbox.deliver([&ran, i] { ran.push_back(i); });
  });
  other.join();
  // io_context::run returns the number of handlers it ran: one drain for the hundred jobs.
  EXPECT_EQ(ioc.run(), 1U);
  ASSERT_EQ(ran.size(), 100U);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(ran[static_cast<std::size_t>(i)], i);
}

TEST(Inbox, AJobDeliveredAfterADrainIsNotLost) {
  boost::asio::io_context ioc;
  Inbox inbox(ioc);
  int ran = 0;
  inbox.deliver([&] { ++ran; });
  EXPECT_EQ(ioc.run(), 1U);
  ioc.restart();
  inbox.deliver([&] { ++ran; });
  // A job delivered by a job (an answer that completes another) waits for the next drain.
  inbox.deliver([&] { inbox.deliver([&] { ++ran; }); });
  EXPECT_EQ(ioc.run(), 2U);
  EXPECT_EQ(ran, 3);
}

TEST(Inbox, JobsFromManyThreadsWhileTheWorkerRunsAllRunOnItsThread) {
  boost::asio::io_context ioc;
  auto guard = boost::asio::make_work_guard(ioc);
  Inbox inbox(ioc);
  std::thread worker([&] { ioc.run(); });
  std::atomic<int> ran{0};
  std::atomic<int> elsewhere{0};
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t)
    senders.emplace_back([&] {
      for (int i = 0; i < 2000; ++i)
        inbox.deliver([&] {
          if (std::this_thread::get_id() != worker.get_id()) ++elsewhere;
          ++ran;
        });
    });
  for (auto& s : senders) s.join();
  inbox.deliver([&] { guard.reset(); });
  worker.join();
  EXPECT_EQ(ran.load(), 8000);
  EXPECT_EQ(elsewhere.load(), 0);
}

}  // namespace
}  // namespace ofpra::http
