// The disk failing under the journal and the registry (issue 24, injected faults): a full disk
// (ENOSPC) or a failing device (EIO) on write and on sync, through the SQLite VFS. Nothing is
// answered that the journal does not hold; the service recovers by itself once the disk
// works; a failed sync is never taken for a success.
#include "journal/signer.hpp"
#include "journal/verify.hpp"
#include "journal/writer.hpp"
#include "service/share_codes.hpp"
#include "store/database.hpp"
#include "support/fault_vfs.hpp"
#include "support/fixed_clock.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <thread>

using namespace ofpra;
using test_support::Fault;

namespace {

domain::JournalEntry sample(int i) {
  domain::JournalEntry e;
  e.channel = domain::JournalChannel::api;
  e.partner_siret = "73282932000074";
  e.purpose = "essai " + std::to_string(i);
  e.result = domain::JournalResult::found;
  e.person = "123456789";
  return e;
}

struct Fixture {
  test_support::TempDir dir;
  std::string path = dir.file("r.db");
  test_support::FixedClock clock;
  std::unique_ptr<store::Database> db;
  std::optional<journal::Signer> signer;
  std::unique_ptr<journal::JournalWriter> writer;

  Fixture() {
    test_support::clear_faults();
    db = std::move(*store::open_database({store::DatabaseUrl::Kind::sqlite, path},
                                         {.clock = &clock, .sqlite_vfs = test_support::fault_vfs()}));
    signer.emplace(std::move(*journal::Signer::load_or_create(dir.path() / "keys")));
    writer = std::move(*journal::JournalWriter::start(
        db->journal(), *signer, clock,
        {.max_batch = 8, .checkpoint_every = 0, .retry_every = std::chrono::milliseconds(5)}));
  }
  ~Fixture() { test_support::clear_faults(); }

  // The writer's own retries, in the background: how long it takes is the scheduler's.
  bool writable_again_within(std::chrono::seconds limit) {
    const auto until = std::chrono::steady_clock::now() + limit;
    while (writer->stats().last_batch_failed && std::chrono::steady_clock::now() < until)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    return !writer->stats().last_batch_failed;
  }

  journal::VerifyReport verified() {
    auto r = journal::verify(db->journal(), signer->public_key_hex());
    EXPECT_TRUE(r);
    return *r;
  }

  void sql(const std::string& statement) {
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &raw), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(raw, statement.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(raw);
    sqlite3_close(raw);
  }
};

class JournalOnAFailingDisk : public ::testing::TestWithParam<Fault> {};

}  // namespace

TEST_P(JournalOnAFailingDisk, RefusesEveryAnswerThenRecoversByItself) {
  Fixture f;
  ASSERT_TRUE(f.writer->append(sample(1)));
  test_support::inject({GetParam(), "-wal"});
  const auto hits = test_support::faults_hit();
  for (int i = 0; i < 3; ++i) {
    auto r = f.writer->append(sample(2));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_unavailable());  // 503, with the envelope, at the door
  }
  EXPECT_GT(test_support::faults_hit(), hits);
  EXPECT_TRUE(f.writer->stats().last_batch_failed);  // /readyz says not ready
  EXPECT_FALSE(f.writable_again_within(std::chrono::seconds(0)));

  test_support::clear_faults();  // the disk freed: no request needed to notice
  ASSERT_TRUE(f.writable_again_within(std::chrono::seconds(10)));
  auto after = f.writer->append(sample(3));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->seq, 2);  // the refused entries took no place in the chain
  const auto report = f.verified();
  EXPECT_TRUE(report.intact) << report.problem;
  EXPECT_EQ(report.entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Faults, JournalOnAFailingDisk,
                         ::testing::Values(Fault::disk_full, Fault::write_error, Fault::sync_error), [](const auto& p) {
                           return std::string(p.param == Fault::disk_full     ? "FullDisk"
                                              : p.param == Fault::write_error ? "WriteError"
                                                                              : "SyncError");
                         });

// The PostgreSQL "fsyncgate" lesson: a sync that failed once is not retried as if it had
// succeeded. Here the failed commit's entry is gone, and the next one takes its place.
TEST(JournalOnAFailingDisk, ASyncThatFailedOnceIsNeverCountedAsWritten) {
  Fixture f;
  ASSERT_TRUE(f.writer->append(sample(1)));
  test_support::inject({Fault::sync_error, "-wal", 1});
  ASSERT_FALSE(f.writer->append(sample(2)));
  auto next = f.writer->append(sample(3));  // the disk works again at once
  ASSERT_TRUE(next) << next.error().message;
  EXPECT_EQ(next->seq, 2);
  std::vector<std::string> purposes;
  ASSERT_TRUE(f.db->journal().scan(0, [&](domain::JournalEntry&& e) {
    purposes.push_back(e.purpose);
    return true;
  }));
  EXPECT_EQ(purposes, (std::vector<std::string>{"essai 1", "essai 3"}));
  EXPECT_TRUE(f.verified().intact);
}

// Should the store come back without what it said it had written (pages lost with a failed
// sync), the writer sees that its chain no longer ends at its signed head, and refuses every
// answer rather than extend a chain it cannot vouch for.
TEST(JournalOnAFailingDisk, AStoreThatLostWhatItHadWrittenIsNeverExtended) {
  Fixture f;
  ASSERT_TRUE(f.writer->append(sample(1)));
  ASSERT_TRUE(f.writer->append(sample(2)));
  test_support::inject({Fault::disk_full, "-wal"});
  ASSERT_FALSE(f.writer->append(sample(3)));
  test_support::clear_faults();
  f.sql("DELETE FROM journal_entries WHERE seq = 2");  // what the disk lost
  auto r = f.writer->append(sample(4));
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message.find("does not match its signed head"), std::string::npos) << r.error().message;
  EXPECT_TRUE(f.writer->stats().tail_mismatch);
  EXPECT_FALSE(f.writable_again_within(std::chrono::seconds(0)));
}

// The registry's side (share codes, sessions, consents): a write that fails is an error the
// pages answer 503, nothing half-done, and the next one after the disk frees succeeds.
TEST(RegistryOnAFailingDisk, AWriteRefusedByTheDiskChangesNothing) {
  Fixture f;
  const auth::CodeHasher codes(auth::CodeSecret{3});
  const service::NewShareCode request{"123456789", domain::ShareLevel::protection, "Bail", 30};
  test_support::inject({Fault::disk_full, "-wal"});
  auto refused = service::create_share_code(*f.db, codes, request, env::secure_random(), f.clock);
  ASSERT_FALSE(refused);
  test_support::clear_faults();
  EXPECT_TRUE(f.db->portal().share_codes_of("123456789")->empty());
  auto made = service::create_share_code(*f.db, codes, request, env::secure_random(), f.clock);
  ASSERT_TRUE(made) << made.error().message;
  EXPECT_EQ(f.db->portal().share_codes_of("123456789")->size(), 1U);
}
