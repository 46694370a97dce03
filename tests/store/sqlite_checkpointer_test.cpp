#include "store/sqlite/checkpointer.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

using namespace ofpra::store::sqlite;

namespace {

Connection open_writer(const std::string& path) {
  auto c = Connection::open(path, true);
  EXPECT_TRUE(c) << (c ? "" : c.error().message);
  EXPECT_TRUE(c->exec("CREATE TABLE t (x BLOB)"));
  return std::move(*c);
}

// Commits that each add a page or more to the log (a 4 KiB value spills to overflow pages).
void commit_pages(Connection& c, int commits) {
  for (int i = 0; i < commits; ++i) ASSERT_TRUE(c.exec("INSERT INTO t VALUES (randomblob(4096))"));
}

// The log's length as another connection sees it (a PASSIVE checkpoint reports it).
int log_frames(const std::string& path) {
  auto probe = Connection::open(path, false);
  EXPECT_TRUE(probe);
  auto p = probe->checkpoint();
  EXPECT_TRUE(p);
  return p ? p->log_frames : -1;
}

// A new database's writing connection, watched by a checkpointer with those thresholds.
struct Watched {
  explicit Watched(Checkpointer::Thresholds thresholds) {
    auto started = Checkpointer::start(path, thresholds);
    EXPECT_TRUE(started);
    if (!started) return;
    checkpointer = std::move(*started);
    checkpointer->watch(writer);
  }
  // The checkpointer's figures once done says so, or after 10 s.
  template <class Done>
  Checkpointer::Stats stats_once(Done done) const {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done(checkpointer->stats()) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return checkpointer->stats();
  }

  ofpra::test_support::TempDir dir;
  std::string path = dir.file("c.db");
  std::unique_ptr<Checkpointer> checkpointer;  // declared before the writer, which closes first
  Connection writer = open_writer(path);
};

}  // namespace

TEST(Checkpointer, CopiesTheLogOnItsOwnThreadFromTheFirstThreshold) {
  Watched w({.background = 50, .in_commit = 1'000'000});
  ASSERT_TRUE(w.checkpointer);
  commit_pages(w.writer, 60);
  const auto stats = w.stats_once([](const Checkpointer::Stats& s) { return s.last_checkpointed_frames != 0; });
  EXPECT_GE(stats.runs, 1U);
  EXPECT_EQ(stats.failures, 0U);
  EXPECT_GE(stats.last_checkpointed_frames, 50);
}

TEST(Checkpointer, BelowBothThresholdsNobodyCopiesNotEvenSQLiteInTheCommit) {
  Watched w({.background = 1'000'000, .in_commit = 1'000'000});
  ASSERT_TRUE(w.checkpointer);
  // SQLite alone would have copied and restarted the log at 1,000 frames.
  commit_pages(w.writer, 700);
  EXPECT_EQ(w.checkpointer->stats().runs, 0U);
  EXPECT_GE(log_frames(w.path), 1400);
}

TEST(Checkpointer, TheWriterCopiesInItsCommitPastTheSecondThresholdSoTheLogStartsOver) {
  Watched w({.background = 1'000'000, .in_commit = 100});
  ASSERT_TRUE(w.checkpointer);
  commit_pages(w.writer, 700);
  EXPECT_EQ(w.checkpointer->stats().runs, 0U);
  EXPECT_LT(log_frames(w.path), 200);
}

TEST(Checkpointer, CopiesInStridesOfTheFirstThresholdNotAfterEveryCommitPastIt) {
  Watched w({.background = 100, .in_commit = 1'000'000});
  ASSERT_TRUE(w.checkpointer);
  // Commits back to back, as the journal's under load: a copy never finds the log complete,
  // so the log never starts over and stays past the threshold.
  commit_pages(w.writer, 300);
  const auto stats = w.stats_once([](const Checkpointer::Stats& s) { return s.runs >= 2; });
  EXPECT_EQ(stats.failures, 0U);
  EXPECT_GE(stats.runs, 2U);
  // Every commit adds two to four frames: a copy every thirty commits or so, and surely not
  // one every ten (the copy after every commit past the threshold ran about 250 times).
  EXPECT_LE(stats.runs, 30U) << stats.runs;
}
