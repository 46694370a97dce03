#include "store/sqlite/connection.hpp"
#include "store/sqlite/gathered_wal.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <string>
#include <utility>

using namespace ofpra::store::sqlite;

namespace {

// Write system calls made so far by this thread, as the kernel counts them.
long write_calls() {
  std::ifstream io("/proc/thread-self/io");
  std::string key;
  long value = 0;
  while (io >> key >> value)
    if (key == "syscw:") return value;
  return -1;
}

Connection open(const std::string& path, LogWrites writes) {
  auto c = Connection::open(path, true, writes);
  EXPECT_TRUE(c) << (c ? "" : c.error().message);
  // The log copied into the database only when the test says so: a copy writes the database.
  EXPECT_TRUE(c->exec("PRAGMA wal_autocheckpoint=0; CREATE TABLE IF NOT EXISTS t (x BLOB)"));
  return std::move(*c);
}

// Write calls one commit of `rows` rows of about 1 KiB each makes (about `rows / 4` pages).
long calls_to_commit(Connection& c, int rows) {
  EXPECT_TRUE(c.exec("BEGIN IMMEDIATE"));
  for (int i = 0; i < rows; ++i) EXPECT_TRUE(c.exec("INSERT INTO t VALUES (randomblob(1000))"));
  const auto before = write_calls();
  auto committed = c.exec("COMMIT");
  EXPECT_TRUE(committed) << (committed ? "" : committed.error().message);
  return write_calls() - before;
}

// The first value `sql` gives, read on the default VFS as another process would.
std::string read_by_another(const std::string& path, const char* sql) {
  auto reader = Connection::open(path, false);
  EXPECT_TRUE(reader);
  auto s = reader->prepare(sql);
  EXPECT_TRUE(s);
  EXPECT_TRUE(s->step());
  return s->text(0);
}

std::int64_t count_rows(const std::string& path) { return std::stoll(read_by_another(path, "SELECT count(*) FROM t")); }
std::string integrity(const std::string& path) { return read_by_another(path, "PRAGMA integrity_check"); }

}  // namespace

TEST(GatheredWal, ACommitReachesTheLogInOneWriteWhereSqliteMakesTwoAFrame) {
  ofpra::test_support::TempDir dir;
  const auto gathered_path = dir.file("g.db"), direct_path = dir.file("d.db");
  auto gathered = open(gathered_path, LogWrites::gathered);
  auto direct = open(direct_path, LogWrites::direct);
  const auto by_sqlite = calls_to_commit(direct, 40);
  const auto gathered_calls = calls_to_commit(gathered, 40);
  EXPECT_GE(by_sqlite, 20) << "about ten pages, two writes each";
  EXPECT_EQ(gathered_calls, 1);
  EXPECT_EQ(count_rows(gathered_path), 40);
}

TEST(GatheredWal, WhatItCommitsOthersReadAndFindIntactAfterCopiesAndRestarts) {
  ofpra::test_support::TempDir dir;
  const auto path = dir.file("g.db");
  {
    auto c = open(path, LogWrites::gathered);
    std::int64_t expected = 0;
    for (int round = 0; round < 5; ++round) {
      // Small commits, one far longer than what a single write takes (128 KiB), a rolled back one,
      // then a copy that lets the log start over from its beginning.
      for (int i = 0; i < 30; ++i) calls_to_commit(c, 3);
      calls_to_commit(c, 1500);
      expected += 30 * 3 + 1500;
      ASSERT_TRUE(c.exec("BEGIN; INSERT INTO t VALUES (randomblob(5000)); ROLLBACK"));
      ASSERT_EQ(count_rows(path), expected) << "round " << round;
      ASSERT_TRUE(c.exec("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
  }
  EXPECT_EQ(count_rows(path), 5 * (30 * 3 + 1500));
  EXPECT_EQ(integrity(path), "ok");
}

TEST(GatheredWal, TwoGatheringWritersOnOneFileEachSeeTheOthersCommits) {
  // Two servers on one SQLite file: each connection has its own handle on the log and its own
  // gathered run, and each commit must find the other's frames already written.
  ofpra::test_support::TempDir dir;
  const auto path = dir.file("g.db");
  auto a = open(path, LogWrites::gathered);
  auto b = open(path, LogWrites::gathered);
  auto rows_seen_by = [](Connection& c) {
    auto s = c.prepare("SELECT count(*), coalesce(sum(length(x)), 0) FROM t");
    EXPECT_TRUE(s);
    EXPECT_TRUE(s->step());
    return std::pair{s->int64(0), s->int64(1)};
  };
  for (int round = 1; round <= 20; ++round) {
    auto& writer = round % 2 ? a : b;
    auto& other = round % 2 ? b : a;
    calls_to_commit(writer, 7);
    EXPECT_EQ(rows_seen_by(other), std::pair(std::int64_t{7} * round, std::int64_t{7000} * round)) << round;
  }
  EXPECT_EQ(integrity(path), "ok");
}

TEST(GatheredWal, AWriteThatFailsAtTheCommitFailsTheCommitAndChangesNothing) {
  ofpra::test_support::TempDir dir;
  const auto path = dir.file("g.db");
  auto c = open(path, LogWrites::gathered);
  calls_to_commit(c, 10);
  // The file system refuses to let files grow past their size now: the gathered frames, only
  // written at the commit, are refused there.
  rlimit old{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old), 0);
  const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit tight = old;
  tight.rlim_cur = 64 * 1024;
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tight), 0);
  ASSERT_TRUE(c.exec("BEGIN IMMEDIATE"));
  for (int i = 0; i < 200; ++i) ASSERT_TRUE(c.exec("INSERT INTO t VALUES (randomblob(1000))"));
  const auto committed = c.exec("COMMIT");
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &old), 0);
  std::signal(SIGXFSZ, previous_handler);
  EXPECT_FALSE(committed);
  (void)c.exec("ROLLBACK");
  EXPECT_EQ(count_rows(path), 10);
  calls_to_commit(c, 5);  // and the connection goes on
  EXPECT_EQ(count_rows(path), 15);
  EXPECT_EQ(integrity(path), "ok");
}

TEST(GatheredWal, RegisteringTwiceGivesTheSameVfs) {
  EXPECT_EQ(gathered_wal_vfs(), register_gathered_wal_vfs(gathered_wal_vfs()));
  EXPECT_FALSE(gathered_wal_vfs().empty());
}
